"""Who may subscribe, what a bad subscription gets, what a subscription leaves behind."""

from __future__ import annotations

from typing import Any

from homeassistant.components.websocket_api.http import URL
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    WebSocketGenerator,
)

from custom_components.qbittorrent_multi.switcher import (
    SwitchReason,
    get_switcher,
    is_switcher_entry,
)
from tests.components.action_calls import HASH_A, Server
from tests.components.flow_steps import API_KEY, stored_server_entry
from tests.components.server_entries import add_server, coordinator_of, poll
from tests.components.subscriptions import SERVERS, TORRENTS, Subscriber
from tests.live_fixtures import StartFakeQBittorrent

# Known strings, to look for in every message.
USERNAME = "card-reader-5d1e"
PASSWORD = "horse-battery-7f3a"


def listeners(hass: HomeAssistant, entry: MockConfigEntry) -> tuple[int, int]:
    """How many follow the fleet, and how many follow the server's polls."""
    return (
        get_switcher(hass).listener_count,
        coordinator_of(entry).update_listener_count,
    )


def switcher_entry_id(hass: HomeAssistant) -> str:
    """The Server switcher's entry id."""
    [entry] = [
        e
        for e in hass.config_entries.async_entries("qbittorrent_multi")
        if is_switcher_entry(e)
    ]
    return entry.entry_id


async def test_unsubscribing_leaves_no_listener_behind(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """Both subscriptions follow the fleet and the server until unsubscribed."""
    _, entry = nas
    before = listeners(hass, entry)

    torrents = await subscriber.subscribe(TORRENTS, server="all")
    fleet = await subscriber.subscribe(SERVERS)
    during = listeners(hass, entry)
    await subscriber.unsubscribe(torrents)
    await subscriber.unsubscribe(fleet)

    assert during == (before[0] + 2, before[1] + 1)
    assert listeners(hass, entry) == before


async def test_closing_the_socket_leaves_no_listener_behind(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """A card that goes away without unsubscribing takes its listeners along."""
    _, entry = nas
    before = listeners(hass, entry)
    await subscriber.subscribe(TORRENTS, server=entry.entry_id)
    await subscriber.subscribe(TORRENTS)
    await subscriber.subscribe(SERVERS)
    assert listeners(hass, entry) != before

    await (await subscriber.websocket()).close()
    await hass.async_block_till_done()

    assert listeners(hass, entry) == before


async def test_a_switch_moves_the_listener_to_the_new_active_server(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, subscriber: Subscriber
) -> None:
    """Following the active server listens to that server's polls only."""
    alpha = coordinator_of(await add_server(hass, await fake_qbittorrent(), "Alpha"))
    beta = coordinator_of(await add_server(hass, await fake_qbittorrent(), "Beta"))
    before = (alpha.update_listener_count, beta.update_listener_count)

    await subscriber.subscribe(TORRENTS)
    on_alpha = (alpha.update_listener_count, beta.update_listener_count)
    get_switcher(hass).async_set_active(beta.config_entry.entry_id, SwitchReason.SELECT)
    await subscriber.events()

    assert on_alpha == (before[0] + 1, before[1])
    assert (alpha.update_listener_count, beta.update_listener_count) == (
        before[0],
        before[1] + 1,
    )


@pytest.mark.parametrize(
    "first_message",
    [
        {"id": 1, "type": TORRENTS, "server": "all"},
        {"type": "auth", "access_token": "not-a-token"},
    ],
    ids=["no authentication", "a wrong token"],
)
async def test_a_socket_that_has_not_authenticated_is_refused(
    hass: HomeAssistant,
    nas: Server,
    hass_client_no_auth: ClientSessionGenerator,
    first_message: dict[str, Any],
) -> None:
    """Home Assistant closes a socket that subscribes without a valid token."""
    _, entry = nas
    before = listeners(hass, entry)
    client = await hass_client_no_auth()
    websocket = await client.ws_connect(URL)
    assert (await websocket.receive_json())["type"] == "auth_required"

    await websocket.send_json(first_message)
    refusal = await websocket.receive_json()
    await websocket.send_json({"id": 2, "type": SERVERS})
    await websocket.receive()

    assert refusal["type"] == "auth_invalid"
    assert websocket.closed
    assert listeners(hass, entry) == before


async def test_any_authenticated_user_may_subscribe(
    hass: HomeAssistant,
    nas: Server,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str,
) -> None:
    """A read-only user gets the torrents and the fleet like an administrator."""
    _, entry = nas
    reader = Subscriber(lambda: hass_ws_client(hass, hass_read_only_access_token))

    await reader.subscribe(TORRENTS, server=entry.entry_id)
    await reader.subscribe(SERVERS)

    kinds = [event["kind"] for event in await reader.events()]
    assert kinds == ["snapshot", "fleet"]


@pytest.mark.parametrize(
    "refusal",
    [
        ({"server": "no-such-entry"}, "not_found", 'entry id "no-such-entry"'),
        ({"server": 5}, "invalid_format", "server"),
        ({"server": ["all"]}, "invalid_format", "server"),
        ({"server": "all", "colour": "red"}, "invalid_format", "colour"),
    ],
)
async def test_a_malformed_subscription_gets_a_clear_error(
    hass: HomeAssistant,
    nas: Server,
    subscriber: Subscriber,
    refusal: tuple[dict[str, Any], str, str],
) -> None:
    """Unknown servers and wrong types are refused, saying what is wrong; nothing follows."""
    _, entry = nas
    fields, code, says = refusal
    before = listeners(hass, entry)

    result = await subscriber.command(TORRENTS, **fields)

    assert result["success"] is False
    assert result["error"]["code"] == code
    assert says in result["error"]["message"]
    assert await subscriber.events() == []
    assert listeners(hass, entry) == before


async def test_the_switcher_is_not_a_server_to_subscribe_to(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """The switcher's entry id is refused with a pointer to "active"."""
    result = await subscriber.command(TORRENTS, server=switcher_entry_id(hass))

    assert result["error"]["code"] == "invalid_format"
    assert result["error"]["translation_key"] == "switcher_subscription"
    assert '"active"' in result["error"]["message"]


async def test_another_integration_s_entry_is_not_a_server(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """An entry id of another integration is not found."""
    other = MockConfigEntry(domain="sun")
    other.add_to_hass(hass)

    result = await subscriber.command(TORRENTS, server=other.entry_id)

    assert result["error"]["code"] == "not_found"


async def test_no_message_carries_a_secret(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, subscriber: Subscriber
) -> None:
    """Not a URL, username, password, API key or session cookie, whatever happens."""
    server = await fake_qbittorrent("5.3", username=USERNAME, password=PASSWORD)
    server.add_torrent(hash=HASH_A, name="Debian")
    entry = await add_server(hass, server, "NAS")
    keyed = await fake_qbittorrent("5.3", api_key=API_KEY)
    keyed_entry = stored_server_entry(hass, keyed.url, api_key=API_KEY)
    await hass.config_entries.async_setup(keyed_entry.entry_id)
    await hass.async_block_till_done()
    await subscriber.subscribe(TORRENTS, server="all")
    await subscriber.subscribe(TORRENTS, server=entry.entry_id)
    await subscriber.subscribe(TORRENTS, server=keyed_entry.entry_id)
    await subscriber.subscribe(SERVERS)

    server.update_torrent(HASH_A, dlspeed=10)
    await poll(hass, entry)
    for failure in ("status_502", "reset", "truncated_json", "html_login_page"):
        server.mode = keyed.mode = failure
        await poll(hass, entry)
        await poll(hass, keyed_entry)
    server.mode = keyed.mode = None
    # The fake's own record of the session cookies it handed out.
    cookies = set(server._sessions)
    server.expire_sessions()
    await poll(hass, entry)
    await poll(hass, keyed_entry)
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    cookies |= set(server._sessions)
    await subscriber.events()

    text = subscriber.text()
    assert '"error": "NAS ' in text  # the failures were told, by name
    assert len(cookies) >= 2
    hosts = (s.url.removeprefix("http://") for s in (server, keyed))
    for secret in (USERNAME, PASSWORD, API_KEY, *hosts, *cookies):
        assert secret not in text
