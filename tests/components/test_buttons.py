"""Start-all and stop-all buttons, per server and for the active server."""

from __future__ import annotations

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest

from custom_components.qbittorrent_multi.switcher import SwitchReason, get_switcher
from tests.components.action_calls import actions_sent
from tests.components.controls import press, value_of
from tests.components.server_entries import add_server, poll
from tests.fake_qbittorrent import FakeQBittorrent, FlavourName
from tests.live_fixtures import StartFakeQBittorrent

START_ALL = "button.nas_start_all_torrents"
STOP_ALL = "button.nas_stop_all_torrents"
ACTIVE_START_ALL = "button.server_switcher_start_all_on_active_server"
ACTIVE_STOP_ALL = "button.server_switcher_stop_all_on_active_server"


async def server_with_torrents(
    fake_qbittorrent: StartFakeQBittorrent, flavour: FlavourName = "5.3"
) -> FakeQBittorrent:
    """A server with one torrent downloading and one stopped."""
    server = await fake_qbittorrent(flavour)
    server.add_torrent(hash="a" * 40, name="Debian", state="downloading")
    stopped = "pausedDL" if flavour.startswith("4") else "stoppedDL"
    server.add_torrent(hash="b" * 40, name="Fedora", state=stopped)
    return server


def states(server: FakeQBittorrent) -> set[str]:
    """The states of the server's torrents."""
    return {str(torrent["state"]) for torrent in server.torrents.values()}


@pytest.mark.parametrize(
    ("flavour", "button", "endpoint", "stopped_after"),
    [
        ("5.3", STOP_ALL, "torrents/stop", "2"),
        ("4.5", STOP_ALL, "torrents/pause", "2"),
        ("5.3", START_ALL, "torrents/start", "0"),
        ("4.5", START_ALL, "torrents/resume", "0"),
    ],
    ids=["stop on 5", "pause on 4", "start on 5", "resume on 4"],
)
async def test_start_and_stop_all_act_on_every_torrent_of_the_server(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    *,
    flavour: FlavourName,
    button: str,
    endpoint: str,
    stopped_after: str,
) -> None:
    """Stop (pause on qBittorrent 4) or start (resume on 4): every torrent, one request."""
    server = await server_with_torrents(fake_qbittorrent, flavour)
    await add_server(hass, server)

    await press(hass, button)

    assert actions_sent(server) == [(endpoint, {"hashes": "all"})]
    assert value_of(hass, "sensor.nas_stopped_torrents") == stopped_after


async def test_a_server_that_is_down_gets_a_translated_error(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The button stays pressable while the server is down, and says why nothing happened."""
    server = await server_with_torrents(fake_qbittorrent)
    entry = await add_server(hass, server)
    server.mode = "status_502"
    await poll(hass, entry)
    assert value_of(hass, STOP_ALL) != STATE_UNAVAILABLE

    with pytest.raises(HomeAssistantError) as info:
        await press(hass, STOP_ALL)

    assert info.value.translation_key == "action_failed"
    assert str(info.value).startswith("NAS could not carry out the request")
    assert "502" in str(info.value)


async def test_the_switcher_buttons_act_on_the_active_server_only(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Stop all on the switcher stops the active server's torrents, no one else's."""
    nas = await server_with_torrents(fake_qbittorrent)
    seedbox = await server_with_torrents(fake_qbittorrent)
    await add_server(hass, nas)
    seedbox_entry = await add_server(hass, seedbox, title="Seedbox")
    get_switcher(hass).async_set_active(seedbox_entry.entry_id, SwitchReason.ACTION)

    await press(hass, ACTIVE_STOP_ALL)

    assert actions_sent(seedbox) == [("torrents/stop", {"hashes": "all"})]
    assert actions_sent(nas) == []
    assert states(seedbox) == {"stoppedDL"}


async def test_the_switcher_start_button_starts_the_active_servers_torrents(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The first server added is active; its stopped torrent starts."""
    nas = await server_with_torrents(fake_qbittorrent)
    await add_server(hass, nas)

    await press(hass, ACTIVE_START_ALL)

    assert actions_sent(nas) == [("torrents/start", {"hashes": "all"})]
    assert "stoppedDL" not in states(nas)


async def test_with_no_active_server_the_switcher_button_says_so(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A translated error, and nothing is sent to any server."""
    nas = await server_with_torrents(fake_qbittorrent)
    await add_server(hass, nas)
    get_switcher(hass).async_set_active(None, SwitchReason.ACTION)

    with pytest.raises(ServiceValidationError) as info:
        await press(hass, ACTIVE_STOP_ALL)

    assert info.value.translation_key == "no_active_server_to_press"
    assert actions_sent(nas) == []


async def test_an_active_server_that_is_not_loaded_is_named(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A disabled or failing active server: the error names it."""
    nas = await server_with_torrents(fake_qbittorrent)
    entry = await add_server(hass, nas)
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    with pytest.raises(ServiceValidationError) as info:
        await press(hass, ACTIVE_START_ALL)

    assert info.value.translation_key == "server_not_loaded"
    assert "NAS" in str(info.value)
