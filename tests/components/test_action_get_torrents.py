"""The get_torrents action: the torrent list, from merged state."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import probatio as vol
import pytest

from tests.components.action_calls import HASH_A, HASH_B, HASH_C, Server, call
from tests.components.server_entries import add_server, coordinator_of
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")


# -- get_torrents -------------------------------------------------------------


# Each field as qBittorrent sends it, and as get_torrents describes it.
FIELDS = [
    ("hash", HASH_A, "hash", HASH_A),
    ("name", "Debian", "name", "Debian"),
    ("state", "pausedDL", "state", "stopped"),
    ("progress", 0.42424, "progress", 42.4),
    ("size", 1000, "size", 1000),
    ("downloaded", 424, "downloaded", 424),
    ("uploaded", 10, "uploaded", 10),
    ("dlspeed", 0, "download_speed", 0),
    ("upspeed", 5, "upload_speed", 5),
    # 8 640 000 seconds (100 days) is how qBittorrent says it cannot tell.
    ("eta", 8_640_000, "eta", None),
    ("ratio", 0.0235849, "ratio", 0.024),
    ("category", "linux", "category", "linux"),
    ("tags", "iso, new", "tags", ["iso", "new"]),
    ("save_path", "/downloads/linux", "save_path", "/downloads/linux"),
    ("added_on", 1_700_000_000, "added_on", "2023-11-14T22:13:20+00:00"),
    ("completion_on", -1, "completion_on", None),
]


async def test_get_torrents_describes_each_torrent(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Every field a user needs, in units a template can use directly."""
    server = await fake_qbittorrent("4.5")
    server.add_torrent(**{sent: value for sent, value, _, _ in FIELDS})
    entry = await add_server(hass, server)

    result = await call(hass, "get_torrents", {}, response=True)

    assert result == {
        "server": "NAS",
        "entry_id": entry.entry_id,
        "total": 1,
        "torrents": [{field: value for _, _, field, value in FIELDS}],
    }


async def test_get_torrents_makes_no_request(hass: HomeAssistant, nas: Server) -> None:
    """The list is served from the state the last poll merged."""
    server, _ = nas
    before = len(server.requests)

    await call(hass, "get_torrents", {"all_servers": True}, response=True)

    assert len(server.requests) == before


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({}, ["Debian", "Fedora", "Holiday video"]),
        ({"category": "linux"}, ["Debian", "Fedora"]),
        ({"tag": "iso"}, ["Debian", "Holiday video"]),
        ({"name": "VIDEO"}, ["Holiday video"]),
        ({"state": "stopped"}, ["Fedora"]),
        ({"sort_by": "size", "reverse": True}, ["Holiday video", "Fedora", "Debian"]),
        ({"sort_by": "progress", "limit": 1}, ["Fedora"]),
        (
            {"category": "", "tag": "", "name": ""},
            ["Debian", "Fedora", "Holiday video"],
        ),
    ],
)
async def test_get_torrents_filters_sorts_and_limits(
    hass: HomeAssistant,
    nas: Server,
    query: dict[str, Any],
    names: list[str],
) -> None:
    """Filters combine; total counts every match, the list stops at the limit."""
    server, entry = nas
    server.update_torrent(HASH_A, progress=0.5)
    server.update_torrent(HASH_B, state="stoppedDL", progress=0.1)
    server.update_torrent(HASH_C, progress=0.9)
    await coordinator_of(entry).async_refresh()

    result = await call(hass, "get_torrents", query, response=True)

    assert [torrent["name"] for torrent in result["torrents"]] == names
    assert result["total"] >= len(names)


@pytest.mark.parametrize("reverse", [False, True])
async def test_torrents_without_an_eta_come_last_either_way(
    hass: HomeAssistant,
    nas: Server,
    reverse: bool,
) -> None:
    """Sorting by time left keeps the "never" ones at the end."""
    server, entry = nas
    server.update_torrent(HASH_A, eta=60)
    server.update_torrent(HASH_B, eta=8_640_000)
    server.update_torrent(HASH_C, eta=3600)
    await coordinator_of(entry).async_refresh()

    result = await call(
        hass, "get_torrents", {"sort_by": "eta", "reverse": reverse}, response=True
    )

    names = [torrent["name"] for torrent in result["torrents"]]
    expected = ["Holiday video", "Debian"] if reverse else ["Debian", "Holiday video"]
    assert names == [*expected, "Fedora"]


async def test_a_torrent_without_metadata_has_no_size_yet(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """qBittorrent reports -1 for a size it does not know."""
    server = await fake_qbittorrent("5.3")
    server.add_torrent(hash=HASH_A, size=0, total_size=-1)
    server.update_torrent(HASH_A, size=-1)
    await add_server(hass, server)

    result = await call(hass, "get_torrents", {}, response=True)

    assert result["torrents"][0]["size"] == 0


async def test_values_an_old_server_leaves_out_read_as_unknown(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A field sent as null is shown as nothing, not as an error."""
    server = await fake_qbittorrent("4.5")
    server.add_torrent(hash=HASH_A, completion_on=None, ratio=None)
    await add_server(hass, server)

    result = await call(hass, "get_torrents", {}, response=True)

    [torrent] = result["torrents"]
    assert (torrent["completion_on"], torrent["ratio"]) == (None, 0.0)


async def test_get_torrents_of_all_servers_reports_each_one(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """One result per server; one that is down says so instead of failing the rest."""
    nas = await fake_qbittorrent("5.3")
    nas.add_torrent(hash=HASH_A, name="Debian")
    seedbox = await fake_qbittorrent("4.5")
    seedbox.add_torrent(hash=HASH_B, name="Fedora")
    nas_entry = await add_server(hass, nas, "NAS")
    seedbox_entry = await add_server(hass, seedbox, "Seedbox")
    await seedbox.stop()
    await coordinator_of(seedbox_entry).async_refresh()

    result = await call(hass, "get_torrents", {"all_servers": True}, response=True)

    [nas_result, seedbox_result] = result["servers"]
    assert nas_result["server"] == "NAS"
    assert nas_result["entry_id"] == nas_entry.entry_id
    assert nas_result["available"] is True
    assert [torrent["hash"] for torrent in nas_result["torrents"]] == [HASH_A]
    assert seedbox_result["server"] == "Seedbox"
    assert seedbox_result["available"] is False
    # Named as the user named it, not by its address.
    assert "Seedbox" in seedbox_result["error"]
    assert seedbox.url not in seedbox_result["error"]
    assert seedbox_result["torrents"] == []


async def test_get_torrents_of_all_servers_lists_one_that_did_not_load(
    hass: HomeAssistant,
    nas: Server,
    fake_qbittorrent: StartFakeQBittorrent,
) -> None:
    """A server whose setup is still being retried is listed as not loaded."""
    gone = await fake_qbittorrent("5.3")
    await gone.stop()
    entry = await add_server(hass, gone, "Attic")
    assert entry.state is ConfigEntryState.SETUP_RETRY

    result = await call(hass, "get_torrents", {"all_servers": True}, response=True)

    attic = next(item for item in result["servers"] if item["server"] == "Attic")
    assert attic == {
        "server": "Attic",
        "entry_id": entry.entry_id,
        "available": False,
        "error": (
            "The qBittorrent server Attic is not loaded right now (it may be"
            " starting, disabled or failing to set up)"
        ),
        "total": 0,
        "torrents": [],
    }


async def test_get_torrents_of_a_server_that_is_down_is_an_error(
    hass: HomeAssistant, nas: Server
) -> None:
    """Stale torrents are not passed off as the current ones."""
    server, entry = nas
    await server.stop()
    await coordinator_of(entry).async_refresh()

    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "get_torrents", {}, response=True)

    assert err.value.translation_key == "server_unavailable"


async def test_get_torrents_takes_a_server_or_all_servers_not_both(
    hass: HomeAssistant, nas: Server
) -> None:
    """Asking for one server and for all of them at once is refused."""
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass, "get_torrents", {"server": "NAS", "all_servers": True}, response=True
        )

    assert err.value.translation_key == "server_with_all_servers"


@pytest.mark.parametrize(
    "query", [{"state": "paused"}, {"sort_by": "hash"}, {"limit": 0}, {"limit": 10_001}]
)
async def test_get_torrents_refuses_unknown_filters(
    hass: HomeAssistant,
    nas: Server,
    query: dict[str, Any],
) -> None:
    """States and sort keys are the documented ones; the limit is 1 to 10,000."""
    with pytest.raises(vol.Invalid):
        await call(hass, "get_torrents", query, response=True)
