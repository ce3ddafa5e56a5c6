"""How the client turns every failure into one error a user can act on."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import json

import aiohttp
import pytest

from custom_components.qbittorrent_multi.client import (
    AuthenticationError,
    BannedError,
    CannotConnectError,
    QBittorrentClient,
    RequestRejectedError,
    UnexpectedResponseError,
    release_body,
)
from custom_components.qbittorrent_multi.maindata_reply import reply_from_object
from custom_components.qbittorrent_multi.sync import parse_reply
from tests.fake_qbittorrent import (
    DEFAULT_USERNAME,
    FakeQBittorrent,
    self_signed_certificate,
)
from tests.live_fixtures import StartFakeQBittorrent


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    """A session with its own cookie jar, as each server entry gets."""
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True)
    ) as session:
        yield session


def client_for(
    http: aiohttp.ClientSession, server: FakeQBittorrent, **options: object
) -> QBittorrentClient:
    """A client with the fake server's credentials unless told otherwise."""
    settings: dict[str, object] = {
        "username": DEFAULT_USERNAME,
        "password": server.password,
    } | options
    url = str(settings.pop("url", server.url))
    return QBittorrentClient(http, url, **settings)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("html_login_page", "web page instead of the qBittorrent API"),
        ("status_502", "HTTP 502"),
        ("status_500", "server error 500"),
        ("truncated_json", "not valid JSON"),
        ("empty_body", "not valid JSON"),
    ],
)
async def test_a_reply_that_is_not_qbittorrents_is_an_unexpected_reply(
    http: aiohttp.ClientSession,
    fake_qbittorrent: StartFakeQBittorrent,
    mode: str,
    message: str,
) -> None:
    """Proxy pages, server errors and broken JSON each get a readable message."""
    server = await fake_qbittorrent("5.3")
    client = client_for(http, server)
    await client.connect()
    server.fail_next(mode, endpoint="sync/maindata")

    with pytest.raises(UnexpectedResponseError, match=message):
        await client.maindata(0)

    assert parse_reply(await client.maindata(0)).full_update is True


async def test_a_proxy_login_page_on_login_is_not_taken_for_success(
    http: aiohttp.ClientSession, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A 200 HTML page in answer to the login is reported as such."""
    server = await fake_qbittorrent("4.5")
    server.fail_next("html_login_page", endpoint="auth/login")

    with pytest.raises(UnexpectedResponseError, match="web page"):
        await client_for(http, server).connect()


async def test_a_reset_connection_cannot_connect(
    http: aiohttp.ClientSession, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A connection closed without an answer is a connection failure."""
    server = await fake_qbittorrent("5.3")
    client = client_for(http, server)
    await client.connect()
    server.mode = "reset"

    with pytest.raises(CannotConnectError) as info:
        await client.maindata(0)
    assert info.value.reason == "connection"


async def test_a_server_slower_than_the_timeout_times_out(
    http: aiohttp.ClientSession, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The per-request timeout ends a request the server is sitting on."""
    server = await fake_qbittorrent("5.3")
    client = client_for(http, server, timeout=0.2)
    await client.connect()
    server.delay = 1.0

    with pytest.raises(CannotConnectError, match="did not answer in time") as info:
        await client.maindata(0)
    assert info.value.reason == "timeout"


async def test_nothing_listening_is_a_refused_connection(
    http: aiohttp.ClientSession, socket_enabled: None
) -> None:
    """A closed port is told apart from a slow or broken server."""
    client = QBittorrentClient(http, "http://127.0.0.1:1", username="a", password="b")

    with pytest.raises(CannotConnectError, match="refused") as info:
        await client.connect()
    assert info.value.reason == "refused"


async def test_an_unknown_host_is_a_name_resolution_failure(
    http: aiohttp.ClientSession, socket_enabled: None
) -> None:
    """A host name that does not resolve says so."""
    client = QBittorrentClient(
        http, "http://qbittorrent.invalid:8080", username="a", password="b"
    )

    with pytest.raises(CannotConnectError) as info:
        await client.connect()
    assert info.value.reason in {"dns", "connection"}


async def test_a_self_signed_certificate_fails_with_verification_and_works_without(
    http: aiohttp.ClientSession, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """TLS is verified unless turned off for the server."""
    certificate = self_signed_certificate()
    server = await fake_qbittorrent(
        "5.3", path_prefix="/qbt", ssl_context=certificate.server_context()
    )

    with pytest.raises(CannotConnectError, match="certificate") as info:
        await client_for(http, server).connect()
    assert info.value.reason == "ssl"

    version = await client_for(http, server, verify_ssl=False).connect()
    assert version.app == "v5.3.0"


async def test_repeated_wrong_logins_are_told_apart_as_a_ban(
    http: aiohttp.ClientSession, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Once banned, even the right password gets a ban, not 'wrong password'."""
    server = await fake_qbittorrent("5.3", max_auth_failures=2)
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            await client_for(http, server, password="wrong").connect()

    with pytest.raises(BannedError, match="banned this address"):
        await client_for(http, server).connect()


async def test_an_expired_session_costs_exactly_one_new_login(
    http: aiohttp.ClientSession, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Concurrent calls that find the session gone share one re-login."""
    server = await fake_qbittorrent("4.5")
    client = client_for(http, server)
    await client.connect()
    logins = server.login_attempts
    server.expire_sessions()

    replies = await asyncio.gather(*(client.maindata(0) for _ in range(3)))

    assert all(parse_reply(reply).full_update for reply in replies)
    assert server.login_attempts == logins + 1


async def test_a_proxy_that_drops_the_session_cookie_is_explained(
    fake_qbittorrent: StartFakeQBittorrent,
) -> None:
    """Login works but every call is refused: the cookie never comes back."""
    server = await fake_qbittorrent("4.5")
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
        client = client_for(http, server)

        with pytest.raises(UnexpectedResponseError, match="session cookie"):
            await client.connect()

    assert server.login_attempts == 2


async def test_an_api_key_never_logs_in(
    http: aiohttp.ClientSession, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """API-key requests carry the key and send no login at all."""
    server = await fake_qbittorrent("5.3")
    key = server.rotate_api_key()
    client = QBittorrentClient(http, server.url, api_key=key)

    await client.connect()
    await client.maindata(0)

    assert server.login_attempts == 0
    assert client.uses_api_key


async def test_a_file_the_server_refuses_is_a_rejected_request(
    http: aiohttp.ClientSession, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """qBittorrent's 415 for a bad .torrent becomes a rejected request."""
    server = await fake_qbittorrent("5.3")
    client = client_for(http, server)
    await client.connect()

    with pytest.raises(RequestRejectedError) as info:
        await client.add(files=[("bad.torrent", b"not bencoded")])
    assert info.value.status == 415


async def test_adding_on_45_answers_fails_for_nothing_added(
    http: aiohttp.ClientSession, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """qBittorrent 4.5's "Fails." for an add is a rejected request, not success."""
    server = await fake_qbittorrent("4.5")
    client = client_for(http, server)
    await client.connect()
    magnet = "magnet:?xt=urn:btih:" + "a" * 40
    assert await client.add(urls=[magnet]) == []

    with pytest.raises(RequestRejectedError):
        await client.add(urls=[magnet])


async def test_the_version_is_reread_without_logging_in_again(
    http: aiohttp.ClientSession, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """read_version uses the current session."""
    server = await fake_qbittorrent("5.3")
    client = client_for(http, server)
    await client.connect()
    logins = server.login_attempts

    version = await client.read_version()

    assert version.api == (2, 16, 2)
    assert server.login_attempts == logins
    assert "secret" not in repr(client)
    assert server.url in repr(client)


async def test_a_sync_reply_of_many_megabytes_is_read_whole_then_let_go(
    http: aiohttp.ClientSession, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A large body, gathered a slice at a time, is the body the server sent.

    Once parsed, its memory is returned at once; a small body stays readable.
    """
    server = await fake_qbittorrent("5.3")
    server.populate(3000, seed=7)
    client = client_for(http, server)

    body = await client.maindata(0)

    assert len(body) > 4_000_000
    reply = parse_reply(body)
    assert reply == reply_from_object(json.loads(bytes(body)))
    assert len(reply.torrents) == 3000
    small = await client.maindata(reply.rid)
    await release_body(body)
    await release_body(small)
    with pytest.raises(ValueError, match="closed"):
        body[:1]
    assert parse_reply(small).full_update is False
