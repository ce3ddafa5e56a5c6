"""Actions that steer chosen torrents: location, queue position, force start, seeding, management."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
import pytest

from tests.components.action_calls import (
    HASH_A,
    HASH_B,
    HASH_C,
    Server,
    actions_sent,
    call,
)
from tests.components.action_refusals import failure
from tests.components.server_entries import add_server, poll
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")


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
    flavour: str,
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
