"""Actions on torrents and limits: what each sends, and its errors.

Also the actions that steer chosen torrents: location, queue position, force
start, seeding and automatic management.
"""

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
from tests.components.server_entries import add_server, coordinator_of, poll
from tests.live_fixtures import StartFakeQBittorrent
from tests.real_qbittorrent import Version

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
    assert (error.translation_placeholders or {})["server"] == "NAS"
    assert "500" in (error.translation_placeholders or {})["error"]


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

    assert (
        error.translation_key,
        (error.translation_placeholders or {})["server"],
    ) == (
        "action_failed",
        "NAS",
    )
    assert "HTTP 502" in (error.translation_placeholders or {})["error"]
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


# -- set_location -------------------------------------------------------------


async def test_set_location_moves_the_chosen_torrents(
    hass: HomeAssistant, nas: Server
) -> None:
    """The data of the torrents in a category moves; automatic management goes off."""
    server, _ = nas
    server.update_torrent(HASH_A, auto_tmm=True)

    await call(
        hass, "set_location", {"category": "linux", "location": " /data/archive "}
    )

    assert actions_sent(server) == [
        (
            "torrents/setLocation",
            {"hashes": f"{HASH_A}|{HASH_B}", "location": "/data/archive"},
        )
    ]
    assert server.torrents[HASH_A]["save_path"] == "/data/archive"
    assert server.torrents[HASH_A]["auto_tmm"] is False
    assert server.torrents[HASH_C]["save_path"] != "/data/archive"


@pytest.mark.parametrize("location", ["D:\\Torrents\\done", "\\\\nas\\share"])
async def test_set_location_takes_windows_folders(
    hass: HomeAssistant, nas: Server, location: str
) -> None:
    """A drive or a network share is as absolute as /data on a Windows server."""
    server, _ = nas
    await call(hass, "set_location", {"hashes": [HASH_A], "location": location})

    assert server.torrents[HASH_A]["save_path"] == location


async def test_a_location_the_server_cannot_make_is_its_error(
    hass: HomeAssistant, nas: Server
) -> None:
    """qBittorrent's own refusal reaches the user, naming the server; nothing moves."""
    server, _ = nas
    server.model.unmakeable_paths.add("/readonly/here")

    error = await failure(
        hass, "set_location", {"hashes": [HASH_A], "location": "/readonly/here"}
    )

    assert error.translation_key == "action_failed"
    assert str(error).startswith("NAS could not carry out the request: ")
    assert "Cannot make save path" in str(error)
    assert server.torrents[HASH_A]["save_path"] != "/readonly/here"


# -- set_torrent_priority -----------------------------------------------------


@pytest.mark.parametrize(
    ("priority", "endpoint", "order"),
    [
        ("top", "torrents/topPrio", [HASH_C, HASH_A, HASH_B]),
        ("bottom", "torrents/bottomPrio", [HASH_A, HASH_B, HASH_C]),
        ("up", "torrents/increasePrio", [HASH_A, HASH_C, HASH_B]),
        ("down", "torrents/decreasePrio", [HASH_A, HASH_B, HASH_C]),
    ],
)
async def test_set_torrent_priority_moves_torrents_in_the_queue(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    priority: str,
    endpoint: str,
    order: list[str],
) -> None:
    """Each move has its endpoint, and the queue order changes accordingly."""
    server = await fake_qbittorrent("5.1")
    for position, info_hash in enumerate((HASH_A, HASH_B, HASH_C), start=1):
        server.add_torrent(hash=info_hash, priority=position)
    await add_server(hass, server)

    await call(hass, "set_torrent_priority", {"hashes": [HASH_C], "priority": priority})

    assert actions_sent(server) == [(endpoint, {"hashes": HASH_C})]
    queue = sorted(server.torrents, key=lambda h: server.torrents[h]["priority"])
    assert queue == order


async def test_moving_in_the_queue_while_queueing_is_off_says_so(
    hass: HomeAssistant, nas: Server
) -> None:
    """qBittorrent answers 409; the user reads that queueing is off on that server."""
    server, _ = nas
    server.set_server_state(queueing=False)

    error = await failure(
        hass, "set_torrent_priority", {"all": True, "priority": "top"}
    )

    assert error.translation_key == "queueing_disabled"
    assert str(error) == (
        "Torrent queueing is off on NAS, so torrents cannot move in the queue."
        " Turn queueing on in its settings first"
    )


# -- force start, super seeding, automatic management -------------------------


@pytest.mark.parametrize(
    "setting",
    [
        ("set_force_start", "torrents/setForceStart", "value", "force_start"),
        ("set_super_seeding", "torrents/setSuperSeeding", "value", "super_seeding"),
        ("set_auto_management", "torrents/setAutoManagement", "enable", "auto_tmm"),
    ],
    ids=["force_start", "super_seeding", "auto_management"],
)
@pytest.mark.parametrize("flavour", ["4.2", "5.3"])
async def test_switch_actions_turn_a_torrent_setting_on_and_off(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    flavour: Version,
    setting: tuple[str, str, str, str],
) -> None:
    """On, then off: the server gets both, and the torrent follows."""
    action, endpoint, param, field = setting
    server = await fake_qbittorrent(flavour)
    server.add_torrent(hash=HASH_A, tags=["iso"], progress=1)
    server.add_torrent(hash=HASH_B)
    await add_server(hass, server)

    await call(hass, action, {"tag": "iso", "enable": True})
    turned_on = server.torrents[HASH_A][field]
    await call(hass, action, {"tag": "iso", "enable": False})

    assert turned_on is True
    assert server.torrents[HASH_A][field] is False
    assert server.torrents[HASH_B][field] is False
    assert actions_sent(server) == [
        (endpoint, {"hashes": HASH_A, param: "true"}),
        (endpoint, {"hashes": HASH_A, param: "false"}),
    ]


async def test_force_start_shows_in_the_torrent_state(
    hass: HomeAssistant, nas: Server
) -> None:
    """A force-started torrent runs: a stopped one shows as running after the action."""
    server, entry = nas
    await call(hass, "stop_torrents", {"hashes": [HASH_B]})

    await call(hass, "set_force_start", {"hashes": [HASH_B], "enable": True})
    await poll(hass, entry)
    result = await call(hass, "get_torrents", {"name": "Fedora"}, response=True)

    assert server.torrents[HASH_B]["state"] == "forcedDL"
    assert result["torrents"][0]["state"] == "downloading"
