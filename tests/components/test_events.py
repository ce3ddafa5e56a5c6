"""Torrent events: the event entity of each server and the bus event of all of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from homeassistant.const import EVENT_STATE_CHANGED, STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import Event, HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.qbittorrent_multi.const import DOMAIN, EVENT_TORRENT
from custom_components.qbittorrent_multi.coordinator import QBittorrentCoordinator
from tests.components.action_calls import Server
from tests.components.server_entries import add_server, poll
from tests.fake_qbittorrent import DEFAULT_USERNAME
from tests.live_fixtures import StartFakeQBittorrent
from tests.real_qbittorrent import Version
from tests.torrent_files import make_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

HASH_OLD = "0" * 40
HASH_NEW = "1" * 40


def event_entity_id(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """The entity id of a server's torrent event entity."""
    entity_id = er.async_get(hass).async_get_entity_id(
        "event", DOMAIN, f"{entry.entry_id}_torrent"
    )
    assert entity_id is not None
    return entity_id


def fired_types(events: list[Event[Any]]) -> list[str]:
    """The torrent event types on the bus, in order."""
    return [event.data["type"] for event in events]


@pytest.fixture
async def nas(hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent) -> Server:
    """A qBittorrent 5.3 server with one torrent from before, set up as "NAS"."""
    server = await fake_qbittorrent("5.3")
    server.add_torrent(hash=HASH_OLD, name="Old", progress=1, state="stalledUP")
    return server, await add_server(hass, server)


async def test_the_event_entity_offers_the_four_torrent_events(
    hass: HomeAssistant, nas: Server
) -> None:
    """One event entity per server: added, completed, removed, errored."""
    _, entry = nas
    state = hass.states.get(event_entity_id(hass, entry))

    assert state is not None
    assert state.attributes["event_types"] == [
        "added",
        "completed",
        "removed",
        "errored",
    ]


async def test_torrents_there_at_start_up_fire_nothing(
    hass: HomeAssistant, nas: Server
) -> None:
    """What the first update finds is not news."""
    _, entry = nas
    fired = async_capture_events(hass, EVENT_TORRENT)

    await poll(hass, entry)

    assert fired == []
    state = hass.states.get(event_entity_id(hass, entry))
    assert state is not None
    assert state.state == STATE_UNKNOWN


@pytest.mark.parametrize("flavour", ["4.5", "5.3"])
async def test_a_new_torrent_fires_added_with_its_details(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, flavour: Version
) -> None:
    """The entity and the bus event tell which torrent, where it goes and how big."""
    server = await fake_qbittorrent(flavour)
    entry = await add_server(hass, server)
    fired = async_capture_events(hass, EVENT_TORRENT)
    server.add_category("linux")
    server.add_torrent(
        hash=HASH_NEW,
        name="Debian",
        category="linux",
        tags=["iso", "new"],
        size=4096,
        save_path="/downloads/linux",
    )

    await poll(hass, entry)

    details = {
        "hash": HASH_NEW,
        "name": "Debian",
        "category": "linux",
        "tags": ["iso", "new"],
        "size": 4096,
        "save_path": "/downloads/linux",
    }
    state = hass.states.get(event_entity_id(hass, entry))
    assert state is not None
    assert state.attributes["event_type"] == "added"
    assert {key: state.attributes[key] for key in details} == details
    assert [event.data for event in fired] == [
        {
            "type": "added",
            **details,
            "server": "NAS",
            "entry_id": entry.entry_id,
        }
    ]


async def test_a_new_torrent_already_complete_fires_added_then_completed(
    hass: HomeAssistant, nas: Server
) -> None:
    """Data already on disk: both events, in order, each once, each a state change."""
    server, entry = nas
    entity_id = event_entity_id(hass, entry)
    fired = async_capture_events(hass, EVENT_TORRENT)
    changes = async_capture_events(hass, EVENT_STATE_CHANGED)
    server.add_torrent(hash=HASH_NEW, name="Seeded", progress=1, state="stalledUP")

    await poll(hass, entry)
    await poll(hass, entry)

    assert fired_types(fired) == ["added", "completed"]
    assert [
        change.data["new_state"].attributes["event_type"]
        for change in changes
        if change.data["entity_id"] == entity_id
    ] == ["added", "completed"]


async def test_adding_a_torrent_whose_data_is_on_disk_fires_added_then_completed(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    tmp_path: Path,
) -> None:
    """add_torrent with the data in place: the next update brings both events."""
    server = await fake_qbittorrent("5.3")
    entry = await add_server(hass, server)
    allowed = tmp_path / "torrents"
    hass.config.allowlist_external_dirs = {str(allowed)}
    sample = make_torrent(allowed, "seeded.bin")
    fired = async_capture_events(hass, EVENT_TORRENT)

    await hass.services.async_call(
        DOMAIN,
        "add_torrent",
        {"torrent_files": [str(sample.torrent_path)], "save_path": str(allowed)},
        blocking=True,
    )
    await hass.async_block_till_done()
    await poll(hass, entry)

    assert [(event.data["type"], event.data["hash"]) for event in fired] == [
        ("added", sample.info_hash),
        ("completed", sample.info_hash),
    ]
    assert fired[0].data["save_path"] == str(allowed)
    assert fired[0].data["size"] == sample.size


async def test_a_torrent_finishing_between_polls_fires_completed(
    hass: HomeAssistant, nas: Server
) -> None:
    """Completion is seen from the whole state, however few polls it took."""
    server, entry = nas
    server.add_torrent(hash=HASH_NEW, name="Debian", progress=0.2)
    await poll(hass, entry)
    fired = async_capture_events(hass, EVENT_TORRENT)
    server.update_torrent(HASH_NEW, progress=1, state="uploading")

    await poll(hass, entry)

    assert fired_types(fired) == ["completed"]
    state = hass.states.get(event_entity_id(hass, entry))
    assert state is not None
    assert state.attributes["event_type"] == "completed"


async def test_a_torrent_going_into_error_fires_errored(
    hass: HomeAssistant, nas: Server
) -> None:
    """A torrent whose files went missing is an errored event."""
    server, entry = nas
    fired = async_capture_events(hass, EVENT_TORRENT)
    server.update_torrent(HASH_OLD, state="missingFiles")

    await poll(hass, entry)

    assert fired_types(fired) == ["errored"]
    assert fired[0].data["hash"] == HASH_OLD


async def test_deleting_a_torrent_fires_removed(
    hass: HomeAssistant, nas: Server
) -> None:
    """The delete action refreshes the server, so removed fires without a wait."""
    _, entry = nas
    fired = async_capture_events(hass, EVENT_TORRENT)

    await hass.services.async_call(
        DOMAIN, "delete_torrents", {"hashes": [HASH_OLD]}, blocking=True
    )
    await hass.async_block_till_done()

    assert fired_types(fired) == ["removed"]
    assert fired[0].data["name"] == "Old"
    state = hass.states.get(event_entity_id(hass, entry))
    assert state is not None
    assert state.attributes["event_type"] == "removed"


async def test_a_qbittorrent_restart_fires_nothing(
    hass: HomeAssistant, nas: Server
) -> None:
    """After a restart the server sends everything again; none of it is news."""
    server, entry = nas
    fired = async_capture_events(hass, EVENT_TORRENT)
    server.restart()

    await poll(hass, entry)
    await poll(hass, entry)

    assert fired == []


async def test_each_server_names_itself_in_the_bus_event(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """One automation on the bus event can tell the servers apart."""
    nas = await fake_qbittorrent("5.3")
    seedbox = await fake_qbittorrent("4.5")
    nas_entry = await add_server(hass, nas, "NAS")
    seedbox_entry = await add_server(hass, seedbox, "Seedbox")
    fired = async_capture_events(hass, EVENT_TORRENT)
    nas.add_torrent(hash=HASH_NEW, name="On the NAS")
    seedbox.add_torrent(hash=HASH_OLD, name="On the seedbox")

    await poll(hass, nas_entry)
    await poll(hass, seedbox_entry)

    assert [
        (event.data["name"], event.data["server"], event.data["entry_id"])
        for event in fired
    ] == [
        ("On the NAS", "NAS", nas_entry.entry_id),
        ("On the seedbox", "Seedbox", seedbox_entry.entry_id),
    ]
    seedbox_state = hass.states.get(event_entity_id(hass, seedbox_entry))
    assert seedbox_state is not None
    assert seedbox_state.attributes["name"] == "On the seedbox"


async def test_events_carry_no_secret(hass: HomeAssistant, nas: Server) -> None:
    """Neither the password nor the server's URL with it is in any event."""
    server, entry = nas
    fired = async_capture_events(hass, EVENT_TORRENT)
    server.add_torrent(hash=HASH_NEW, name="Debian")

    await poll(hass, entry)

    state = hass.states.get(event_entity_id(hass, entry))
    assert state is not None
    for text in (str(fired[0].data), str(state.attributes)):
        assert server.password not in text
        assert DEFAULT_USERNAME not in text


async def test_an_unloaded_server_fires_no_more_events(
    hass: HomeAssistant, nas: Server
) -> None:
    """Unloading a server stops its bus events and leaves its entity unavailable."""
    server, entry = nas
    coordinator: QBittorrentCoordinator = entry.runtime_data.coordinator
    entity_id = event_entity_id(hass, entry)
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    fired = async_capture_events(hass, EVENT_TORRENT)
    server.add_torrent(hash=HASH_NEW, name="Late")

    await coordinator.async_refresh()
    await hass.async_block_till_done()

    assert fired == []
    state = hass.states.get(entity_id)
    assert state is not None
    assert state.state == STATE_UNAVAILABLE
