"""add_torrent answers once the server lists what it added (qBittorrent adds asynchronously)."""

from __future__ import annotations

from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
import pytest

from custom_components.qbittorrent_multi import torrent_arrival
from tests.components.action_calls import HASH_A, actions_sent, call
from tests.components.server_entries import add_server
from tests.fake_qbittorrent import FakeQBittorrent
from tests.fake_qbittorrent.flavours import FlavourName
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

MAGNET_A = f"magnet:?xt=urn:btih:{HASH_A}&dn=Debian"
# Requests a slow server answers before it lists a torrent it was asked to add.
LAG = 3
NEVER = 1_000_000


async def _slow_to_list(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    flavour: FlavourName,
    lag: int = LAG,
    name: str = "NAS",
) -> FakeQBittorrent:
    """A server set up as `name` that lists what it adds only `lag` requests later."""
    server = await fake_qbittorrent(flavour)
    server.add_lag = lag
    await add_server(hass, server, name)
    return server


async def test_the_next_action_finds_the_added_torrent_by_its_category(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """An automation that adds and then stops by category stops the new torrent."""
    server = await _slow_to_list(hass, fake_qbittorrent, "5.1")

    added = await call(
        hass,
        "add_torrent",
        {"urls": [MAGNET_A], "category": "incoming"},
        response=True,
    )
    await call(hass, "stop_torrents", {"category": "incoming"})

    assert added == {"server": "NAS", "added": [HASH_A]}
    assert ("torrents/stop", {"hashes": HASH_A}) in actions_sent(server)
    assert server.torrents[HASH_A]["state"] == "stoppedDL"


async def test_the_added_torrent_is_on_the_servers_entities_when_the_action_ends(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The poll after adding already sees it: the torrent count includes it."""
    await _slow_to_list(hass, fake_qbittorrent, "4.5")

    await call(hass, "add_torrent", {"urls": [MAGNET_A]})
    await hass.async_block_till_done()

    state = hass.states.get("sensor.nas_torrents")
    assert state is not None
    assert state.state == "1"


async def test_a_server_that_never_lists_what_it_accepted_fails_the_action(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """After the wait the action fails with a translated error naming the server."""
    await _slow_to_list(hass, fake_qbittorrent, "5.3", NEVER)

    with (
        patch.object(torrent_arrival, "LIST_TIMEOUT", 0.0),
        pytest.raises(HomeAssistantError) as err,
    ):
        await call(hass, "add_torrent", {"urls": [MAGNET_A]}, response=True)

    assert err.value.translation_key == "not_listed_after_adding"
    assert str(err.value) == (
        "NAS accepted the torrents to add but had not listed 1 of them 0 seconds"
        " later; they may still appear there"
    )


async def test_a_server_that_never_lists_them_has_its_own_result_in_a_fleet(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The other servers report what they added; the slow one its reason."""
    await _slow_to_list(hass, fake_qbittorrent, "5.3", NEVER)
    seedbox = await _slow_to_list(hass, fake_qbittorrent, "4.5", name="Seedbox")

    with patch.object(torrent_arrival, "LIST_TIMEOUT", 0.5):
        result = await call(
            hass, "add_torrent", {"server": "all", "urls": [MAGNET_A]}, response=True
        )

    first, second = result["servers"]
    assert first["server"] == "NAS"
    assert first["added"] == []
    assert first["reason"] == "not_listed_after_adding"
    assert first["error"] == (
        "NAS accepted the torrents to add but had not listed 1 of them 0.5 seconds"
        " later; they may still appear there"
    )
    assert second["server"] == "Seedbox"
    assert second["added"] == [HASH_A]
    assert HASH_A in seedbox.torrents


async def test_hundreds_of_torrents_added_at_once_are_waited_for(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Their ids are asked for in short requests: a reverse proxy refuses an 8 KB address.

    The fake refuses one too, as nginx does by default.
    """
    server = await _slow_to_list(hass, fake_qbittorrent, "5.1")
    hashes = [f"{number:040x}" for number in range(1, 251)]

    added = await call(
        hass,
        "add_torrent",
        {"urls": [f"magnet:?xt=urn:btih:{info_hash}" for info_hash in hashes]},
        response=True,
    )

    assert sorted(added["added"]) == hashes
    assert set(server.torrents) == set(hashes)
