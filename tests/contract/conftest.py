"""Targets of the WebAPI contract suite: fake and real qBittorrent, 4.2, 4.5, 5.1 and 5.3.

Every test runs against each target its fixture names; the real servers are the
truth and the fake must agree with them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
import uuid

import aiohttp
from multidict import CIMultiDictProxy
import pytest

from tests.real_qbittorrent import VERSIONS, Version
from tests.torrent_files import SampleTorrent, make_torrent

if TYPE_CHECKING:
    # Only for annotations: importing the plugin module here would load it
    # before pytest_configure registers it (and rewrites its asserts).
    from tests.fake_qbittorrent import FakeQBittorrent
    from tests.live_fixtures import StartFakeQBittorrent, StartQBittorrent
    from tests.real_qbittorrent import RealQBittorrent

_FIXTURES_PLUGIN = "tests.live_fixtures"


def pytest_configure(config: pytest.Config) -> None:
    """Make the shared server fixtures available when tests/conftest.py has not listed them."""
    if not config.pluginmanager.has_plugin(_FIXTURES_PLUGIN):
        config.pluginmanager.import_plugin(_FIXTURES_PLUGIN)


def only(*versions: Version) -> list[Any]:
    """Fake and real targets of the versions named (every version if none is)."""
    chosen = versions or VERSIONS
    return [
        pytest.param(f"fake-{version}", id=f"fake-{version}") for version in chosen
    ] + [
        pytest.param(f"real-{version}", marks=pytest.mark.live, id=f"real-{version}")
        for version in chosen
    ]


ALL = only()


@dataclass(frozen=True, slots=True)
class Reply:
    """A WebAPI reply, read completely."""

    status: int
    body: bytes
    headers: CIMultiDictProxy[str]

    @property
    def text(self) -> str:
        """The body as text."""
        return self.body.decode()

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


class WebApi:
    """Raw requests to one server's /api/v2, with a cookie jar of its own."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        """Use `session` (its cookie jar holds this client's login) for `url`."""
        self._session = session
        self._base = f"{url}/api/v2/"

    async def request(
        self,
        method: str,
        endpoint: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | aiohttp.FormData | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Reply:
        """One request; the reply is read before returning."""
        async with self._session.request(
            method, self._base + endpoint, params=params, data=data, headers=headers
        ) as response:
            return Reply(response.status, await response.read(), response.headers)

    async def get(
        self, endpoint: str, headers: Mapping[str, str] | None = None, **params: str
    ) -> Reply:
        """GET with query parameters."""
        return await self.request("GET", endpoint, params=params, headers=headers)

    async def post(
        self,
        endpoint: str,
        data: Mapping[str, str] | aiohttp.FormData | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Reply:
        """POST a form (urlencoded, or multipart for FormData)."""
        return await self.request("POST", endpoint, data=data or {}, headers=headers)

    async def login(self, username: str, password: str) -> Reply:
        """POST auth/login."""
        return await self.post(
            "auth/login", {"username": username, "password": password}
        )

    def cookie_names(self) -> set[str]:
        """Names of the cookies this client holds."""
        return {cookie.key for cookie in self._session.cookie_jar}


@dataclass(slots=True)
class Target:
    """A server under contract: where it is and how to log in."""

    name: str
    version: Version
    url: str
    username: str
    password: str
    downloads_dir: Path
    rotate_api_key: Callable[[], str]
    port: int
    # Makes a fake carry out each torrents/add only after so many more
    # requests, as real servers at times do; None for a real server.
    adds_later: Callable[[int], None] | None = None
    cleanups: list[Callable[[WebApi], Awaitable[object]]] = field(default_factory=list)

    @property
    def real(self) -> bool:
        """True for a real qBittorrent process."""
        return self.name.startswith("real")


def _target(
    name: str,
    server: RealQBittorrent | FakeQBittorrent,
    *,
    version: Version,
    downloads_dir: Path,
) -> Target:
    # Both kinds of server are reached and signed in to the same way.
    return Target(
        name=name,
        version=version,
        url=server.url,
        username=server.username,
        password=server.password,
        downloads_dir=downloads_dir,
        rotate_api_key=server.rotate_api_key,
        port=server.port,
    )


def _from_real(name: str, server: RealQBittorrent) -> Target:
    return _target(
        name, server, version=server.version, downloads_dir=server.downloads_dir
    )


def _from_fake(name: str, server: FakeQBittorrent) -> Target:
    def adds_later(requests: int) -> None:
        server.add_lag = requests

    return replace(
        _target(
            name,
            server,
            version=server.flavour.name,
            downloads_dir=Path(server.model.downloads_dir),
        ),
        adds_later=adds_later,
    )


class ApiFactory(Protocol):
    """Signature of the `api_for` fixture."""

    def __call__(self, target: Target) -> WebApi:
        """A new client (own cookie jar) for a target."""
        ...


@pytest.fixture
async def api_for(socket_enabled: None) -> AsyncIterator[ApiFactory]:
    """Clients with separate cookie jars; CookieJar(unsafe=True) keeps cookies of IP hosts."""
    sessions: list[aiohttp.ClientSession] = []

    def open_api(target: Target) -> WebApi:
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        sessions.append(session)
        return WebApi(session, target.url)

    yield open_api
    for session in sessions:
        await session.close()


def _kind_and_version(name: str) -> tuple[str, Version]:
    kind, _, wanted = name.partition("-")
    version = next(version for version in VERSIONS if version == wanted)
    return kind, version


async def _shared_target(
    request: pytest.FixtureRequest, fake_qbittorrent: StartFakeQBittorrent
) -> Target:
    kind, version = _kind_and_version(request.param)
    if kind == "fake":
        return _from_fake(request.param, await fake_qbittorrent(version))
    fixture = "qbittorrent_" + version.replace(".", "")
    return _from_real(request.param, request.getfixturevalue(fixture))


async def _clean_up(target: Target, api_for: ApiFactory) -> None:
    """Undo what a test left on a (possibly shared) server."""
    if target.cleanups:
        api = api_for(target)
        await api.login(target.username, target.password)
        for cleanup in reversed(target.cleanups):
            await cleanup(api)


@pytest.fixture(params=ALL)
async def target(
    request: pytest.FixtureRequest,
    fake_qbittorrent: StartFakeQBittorrent,
    api_for: ApiFactory,
) -> AsyncIterator[Target]:
    """Each version's fake and real server (real ones shared by the session).

    A test about some versions narrows it with
    `@pytest.mark.parametrize("target", only("5.3"), indirect=True)`.
    """
    shared = await _shared_target(request, fake_qbittorrent)
    yield shared
    await _clean_up(shared, api_for)


# A fresh server bans after this many failed logins (the shared ones never do).
FRESH_MAX_AUTH_FAILURES = 3


@pytest.fixture(params=ALL)
async def fresh_target(
    request: pytest.FixtureRequest,
    fake_qbittorrent: StartFakeQBittorrent,
    start_qbittorrent: StartQBittorrent,
) -> Target:
    """A new, empty server of each kind that bans after FRESH_MAX_AUTH_FAILURES failures."""
    kind, version = _kind_and_version(request.param)
    if kind == "fake":
        fake = await fake_qbittorrent(
            version, max_auth_failures=FRESH_MAX_AUTH_FAILURES
        )
        return _from_fake(request.param, fake)
    real = start_qbittorrent(
        version, max_auth_failures=FRESH_MAX_AUTH_FAILURES, ban_seconds=600
    )
    return _from_real(request.param, real)


@pytest.fixture
async def api(target: Target, api_for: ApiFactory) -> WebApi:
    """A logged-in client for `target`."""
    client = api_for(target)
    reply = await client.login(target.username, target.password)
    assert reply.status in (200, 204), reply.text
    return client


def unique(prefix: str) -> str:
    """A name no other test (or earlier run against a shared server) has used."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def eventually[T](
    probe: Callable[[], Awaitable[T | None]],
    timeout: float = 20.0,
    interval: float = 0.2,
) -> T:
    """Poll until `probe` returns something other than None (real servers act asynchronously)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while (result := await probe()) is None:
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not reached within {timeout} s")
        await asyncio.sleep(interval)
    return result


class MainDataClient:
    """Polls sync/maindata like the integration does and merges what comes back."""

    def __init__(self, api: WebApi) -> None:
        """Start from rid 0 (the first poll is a full update)."""
        self._api = api
        self.rid = 0
        self.torrents: dict[str, dict[str, Any]] = {}
        self.server_state: dict[str, Any] = {}

    async def poll(self, rid: int | None = None) -> dict[str, Any]:
        """One maindata request (with our rid unless given); merge and return the reply."""
        reply = await self._api.get(
            "sync/maindata", rid=str(self.rid if rid is None else rid)
        )
        assert reply.status == 200, reply.text
        data: dict[str, Any] = reply.json()
        if data.get("full_update"):
            self.torrents = {}
            self.server_state = {}
        for info_hash, fields in data.get("torrents", {}).items():
            self.torrents.setdefault(info_hash, {}).update(fields)
        for info_hash in data.get("torrents_removed", []):
            self.torrents.pop(info_hash, None)
        self.server_state.update(data.get("server_state", {}))
        self.rid = data["rid"]
        return data


async def add_torrent_file(api: WebApi, sample: SampleTorrent, **fields: str) -> Reply:
    """POST torrents/add with the .torrent as a multipart file, like the WebUI does."""
    form = aiohttp.FormData()
    for key, value in fields.items():
        form.add_field(key, value)
    form.add_field(
        "torrents",
        sample.torrent,
        filename=sample.torrent_path.name,
        content_type="application/x-bittorrent",
    )
    return await api.post("torrents/add", form)


async def add_sample(
    target: Target, api: WebApi, prefix: str, **fields: str
) -> tuple[SampleTorrent, Reply]:
    """Add a small torrent whose data is already in place; it is deleted after the test."""
    sample = make_torrent(target.downloads_dir, unique(prefix) + ".bin", size=40_000)
    reply = await add_torrent_file(
        api, sample, savepath=str(target.downloads_dir), **fields
    )

    async def delete(cleanup_api: WebApi) -> None:
        await cleanup_api.post(
            "torrents/delete", {"hashes": sample.info_hash, "deleteFiles": "true"}
        )

    target.cleanups.append(delete)
    return sample, reply


async def added_sample(
    target: Target, api: WebApi, prefix: str, **fields: str
) -> SampleTorrent:
    """Like add_sample, for tests where adding is only the setup."""
    sample, reply = await add_sample(target, api, prefix, **fields)
    assert reply.status == 200, reply.text
    return sample


async def info(api: WebApi, **params: str) -> list[dict[str, Any]]:
    """torrents/info as a list."""
    reply = await api.request("GET", "torrents/info", params=params)
    assert reply.status == 200, reply.text
    result: list[dict[str, Any]] = reply.json()
    return result


async def torrent_state(api: WebApi, info_hash: str) -> str | None:
    """Current state of one torrent, None while the server does not list it yet."""
    torrents = await info(api, hashes=info_hash)
    return str(torrents[0]["state"]) if torrents else None


async def with_torrent(
    client: MainDataClient, info_hash: str, rid: int
) -> dict[str, Any] | None:
    """One maindata poll at `rid`; the reply if it carries the torrent, else None."""
    data = await client.poll(rid=rid)
    return data if info_hash in data.get("torrents", {}) else None
