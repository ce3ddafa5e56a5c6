"""Actions on torrents and limits: what each sends, and its errors."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
import pytest

from custom_components.qbittorrent_multi.health import FailureKind
from tests.components.action_calls import (
    HASH_A,
    HASH_B,
    HASH_C,
    Server,
    actions_sent,
    call,
)
from tests.components.action_refusals import failure
from tests.components.server_entries import add_server, coordinator_of
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")


# -- what each action sends ---------------------------------------------------


async def test_delete_keeps_the_files_unless_asked(
    hass: HomeAssistant, nas: Server
) -> None:
    """delete_files is false unless given; then the data goes too."""
    server, _ = nas
    await call(hass, "delete_torrents", {"hashes": [HASH_A]})
    await call(hass, "delete_torrents", {"hashes": [HASH_B], "delete_files": True})

    assert actions_sent(server) == [
        ("torrents/delete", {"hashes": HASH_A, "deleteFiles": "false"}),
        ("torrents/delete", {"hashes": HASH_B, "deleteFiles": "true"}),
    ]
    assert set(server.torrents) == {HASH_C}


async def test_set_torrent_category_moves_torrents_between_categories(
    hass: HomeAssistant, nas: Server
) -> None:
    """The torrents now in from_category get the new category."""
    server, _ = nas
    server.add_category("archive")

    await call(
        hass, "set_torrent_category", {"category": "archive", "from_category": "linux"}
    )

    assert actions_sent(server) == [
        (
            "torrents/setCategory",
            {"hashes": f"{HASH_A}|{HASH_B}", "category": "archive"},
        )
    ]


async def test_an_empty_category_removes_it(hass: HomeAssistant, nas: Server) -> None:
    """Setting the category "" leaves the torrents without one."""
    server, _ = nas
    await call(hass, "set_torrent_category", {"category": "", "hashes": [HASH_A]})

    assert server.torrents[HASH_A]["category"] == ""


async def test_a_new_category_is_created_on_the_server(
    hass: HomeAssistant, nas: Server
) -> None:
    """Like adding a torrent, setting a category the server lacks creates it."""
    server, _ = nas

    await call(hass, "set_torrent_category", {"category": "new", "hashes": [HASH_A]})

    assert "new" in server.categories
    assert server.torrents[HASH_A]["category"] == "new"


async def test_a_category_change_the_server_refuses_is_its_error(
    hass: HomeAssistant, nas: Server
) -> None:
    """What the server refuses comes back as a translated error naming the server."""
    server, _ = nas
    server.fail_next("status_500", endpoint="torrents/setCategory")

    error = await failure(
        hass, "set_torrent_category", {"category": "linux", "all": True}
    )

    assert error.translation_key == "action_failed"
    assert error.translation_placeholders["server"] == "NAS"
    assert "500" in error.translation_placeholders["error"]


async def test_tags_are_added_and_removed(hass: HomeAssistant, nas: Server) -> None:
    """add_torrent_tags and remove_torrent_tags send the tags, comma-separated."""
    server, _ = nas
    await call(
        hass, "add_torrent_tags", {"hashes": [HASH_B], "tags": ["new", " seen "]}
    )
    await call(hass, "remove_torrent_tags", {"tag": "iso", "tags": "iso"})

    assert actions_sent(server) == [
        ("torrents/addTags", {"hashes": HASH_B, "tags": "new,seen"}),
        ("torrents/removeTags", {"hashes": f"{HASH_A}|{HASH_C}", "tags": "iso"}),
    ]


async def test_torrent_speed_limits_are_sent_in_bytes_per_second(
    hass: HomeAssistant, nas: Server
) -> None:
    """Limits are given in KiB/s; qBittorrent takes bytes per second."""
    server, _ = nas
    limits = {"download_limit": 500, "upload_limit": 0}

    await call(hass, "set_torrent_limits", {"hashes": [HASH_A], **limits})

    assert actions_sent(server) == [
        ("torrents/setDownloadLimit", {"hashes": HASH_A, "limit": "512000"}),
        ("torrents/setUploadLimit", {"hashes": HASH_A, "limit": "0"}),
    ]
    assert server.torrents[HASH_A]["dl_limit"] == 512_000


async def test_a_ratio_limit_leaves_seeding_time_to_the_global_limit(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Share limits go together; the one not given follows the server's global limit."""
    server = await fake_qbittorrent("4.5")
    server.add_torrent(hash=HASH_A)
    await add_server(hass, server)

    await call(hass, "set_torrent_limits", {"all": True, "ratio_limit": 2.5})

    assert actions_sent(server) == [
        (
            "torrents/setShareLimits",
            {
                "hashes": "all",
                "ratioLimit": "2.5",
                "seedingTimeLimit": "-2",
                "inactiveSeedingTimeLimit": "-2",
                # qBittorrent 5.x requires these; older servers ignore them.
                "shareLimitAction": "Default",
                "shareLimitsMode": "Default",
            },
        )
    ]
    assert server.torrents[HASH_A]["ratio_limit"] == 2.5


async def test_a_seeding_time_limit_is_in_minutes(
    hass: HomeAssistant, nas: Server
) -> None:
    """seeding_time_limit is sent as given, in minutes; -1 means no limit."""
    limits = {"seeding_time_limit": 90, "ratio_limit": -1}

    await call(hass, "set_torrent_limits", {"all": True, **limits})

    torrent = nas[0].torrents[HASH_A]
    assert (torrent["seeding_time_limit"], torrent["ratio_limit"]) == (90, -1)


async def test_global_speed_limits_are_set_in_bytes_per_second(
    hass: HomeAssistant, nas: Server
) -> None:
    """set_speed_limits sets the server's limits; the sensors see them at once."""
    server, entry = nas
    await call(hass, "set_speed_limits", {"download_limit": 1000})

    assert actions_sent(server) == [("transfer/setDownloadLimit", {"limit": "1024000"})]
    assert coordinator_of(entry).maindata.server_state.download_limit == 1_024_000


async def test_a_server_failure_is_a_translated_error_naming_the_server(
    hass: HomeAssistant, nas: Server
) -> None:
    """A 502 from a proxy in front of the server is reported, with no secret."""
    server, _ = nas
    server.fail_next("status_502", endpoint="torrents/stop")

    error = await failure(hass, "stop_torrents", {"all": True})

    assert (error.translation_key, error.translation_placeholders["server"]) == (
        "action_failed",
        "NAS",
    )
    assert "HTTP 502" in error.translation_placeholders["error"]
    assert server.password not in str(error.translation_placeholders)


async def test_nothing_is_sent_to_a_server_that_has_banned_us(
    hass: HomeAssistant, nas: Server
) -> None:
    """While a ban may last, an action would log in again and prolong it."""
    server, entry = nas
    coordinator_of(entry).health.record_failure(FailureKind.BANNED, "banned")
    before = len(server.requests)

    error = await failure(hass, "start_torrents", {"all": True})

    assert error.translation_key == "server_banned"
    assert len(server.requests) == before


async def test_a_server_never_connected_is_connected_before_the_action(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Without a known version the right endpoint is unknown, so it is read first."""
    server = await fake_qbittorrent("4.5")
    entry = await add_server(hass, server)
    coordinator_of(entry).client.version = None

    await call(hass, "stop_torrents", {"all": True})

    endpoints = [request.endpoint for request in server.requests]
    assert endpoints.index("app/webapiVersion", 2) < endpoints.index("torrents/pause")
