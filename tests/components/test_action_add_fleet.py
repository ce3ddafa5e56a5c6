"""add_torrent to several servers, to all, or to the best one; ids known on every version."""

from __future__ import annotations

import base64
import hashlib
import logging
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
import pytest

from tests.components.action_calls import (
    HASH_A,
    HASH_B,
    Server,
    actions_sent,
    call,
    refused,
)
from tests.components.action_refusals import refusal
from tests.components.server_entries import add_server, poll, server_entry
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent
from tests.real_qbittorrent import Version
from tests.torrent_files import make_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

MAGNET_A = f"magnet:?xt=urn:btih:{HASH_A}&dn=Debian"
GIB = 1024**3


async def _fleet(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    *flavours_and_names: tuple[Version, str],
) -> dict[str, Server]:
    servers = {}
    for flavour, name in flavours_and_names:
        server = await fake_qbittorrent(flavour)
        servers[name] = (server, await add_server(hass, server, name))
    return servers


async def _add(hass: HomeAssistant, servers: object, **data: object) -> Any:
    """add_torrent of MAGNET_A to these servers; the response."""
    return await call(
        hass,
        "add_torrent",
        {"server": servers, "urls": [MAGNET_A], **data},
        response=True,
    )


def _added(server: FakeQBittorrent) -> list[str]:
    return [
        params.get("urls", "")
        for endpoint, params in actions_sent(server)
        if endpoint == "torrents/add"
    ]


# -- several servers, or all ----------------------------------------------------


async def test_a_list_of_servers_gets_the_torrent_on_each(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Each named server adds it; the response has one result per server, in order."""
    fleet = await _fleet(
        hass, fake_qbittorrent, ("5.3", "NAS"), ("4.5", "Seedbox"), ("5.1", "Attic")
    )

    result = await _add(hass, ["seedbox", "NAS"])

    assert result == {
        "servers": [
            {
                "server": "Seedbox",
                "entry_id": fleet["Seedbox"][1].entry_id,
                "added": [HASH_A],
            },
            {"server": "NAS", "entry_id": fleet["NAS"][1].entry_id, "added": [HASH_A]},
        ]
    }
    assert HASH_A in fleet["NAS"][0].torrents
    assert HASH_A in fleet["Seedbox"][0].torrents
    assert actions_sent(fleet["Attic"][0]) == []


async def test_devices_picked_in_the_ui_name_the_servers(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The form's device picker gives device ids; each is a server."""
    fleet = await _fleet(hass, fake_qbittorrent, ("5.3", "NAS"), ("4.5", "Seedbox"))
    registry = dr.async_get(hass)
    devices = [
        dr.async_entries_for_config_entry(registry, entry.entry_id)[0].id
        for _, entry in fleet.values()
    ]

    result = await _add(hass, devices)

    assert [each["server"] for each in result["servers"]] == ["NAS", "Seedbox"]


async def test_all_adds_to_every_server_in_name_order(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Every version reports the hash, 4.2 included."""
    fleet = await _fleet(
        hass, fake_qbittorrent, ("4.2", "Zulu"), ("5.3", "Alpha"), ("4.5", "Mike")
    )

    result = await _add(hass, "all")

    assert [(each["server"], each["added"]) for each in result["servers"]] == [
        ("Alpha", [HASH_A]),
        ("Mike", [HASH_A]),
        ("Zulu", [HASH_A]),
    ]
    assert all(HASH_A in server.torrents for server, _ in fleet.values())


async def test_one_server_failing_does_not_stop_the_others(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The failure is the server's result, with its translated reason, and a log line."""
    fleet = await _fleet(hass, fake_qbittorrent, ("5.3", "NAS"), ("4.5", "Seedbox"))
    fleet["NAS"][0].fail_next("status_502", endpoint="torrents/add")

    with caplog.at_level(logging.WARNING):
        result = await _add(hass, "all")

    nas, seedbox = result["servers"]
    assert nas["added"] == []
    assert nas["reason"] == "action_failed"
    assert nas["error"].startswith("NAS could not carry out the request: ")
    assert "HTTP 502" in nas["error"]
    assert seedbox["added"] == [HASH_A]
    assert "reason" not in seedbox
    assert "Could not add the torrents to NAS: NAS could not carry out" in caplog.text


async def test_a_server_that_cannot_tag_while_adding_gets_nothing(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """qBittorrent 4.2 would add it untagged: it is told why, and nothing is sent to it."""
    fleet = await _fleet(hass, fake_qbittorrent, ("4.2", "Old"), ("5.3", "New"))

    result = await call(
        hass,
        "add_torrent",
        {"server": "all", "urls": [MAGNET_A], "tags": ["iso"]},
        response=True,
    )

    new, old = result["servers"]
    assert new["added"] == [HASH_A]
    assert old["reason"] == "tags_when_adding_unsupported"
    assert old["error"].startswith("Old runs qBittorrent v4.2.5, which cannot tag")
    assert actions_sent(fleet["Old"][0]) == []


async def test_a_server_that_is_not_loaded_has_its_own_result(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A server entry that is not set up is reported; the others get the torrent."""
    fleet = await _fleet(hass, fake_qbittorrent, ("5.3", "NAS"))
    attic = server_entry(await fake_qbittorrent("5.3"), "Attic")
    attic.add_to_hass(hass)

    result = await _add(hass, "all")

    assert result["servers"][0] == {
        "server": "Attic",
        "entry_id": attic.entry_id,
        "added": [],
        "reason": "server_not_loaded",
        "error": (
            "The qBittorrent server Attic is not loaded right now (it may be"
            " starting, disabled or failing to set up)"
        ),
    }
    assert result["servers"][1]["added"] == [HASH_A]
    assert HASH_A in fleet["NAS"][0].torrents


async def test_input_is_checked_before_anything_reaches_any_server(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """A bad second link stops the whole call: no server gets the first one."""
    fleet = await _fleet(hass, fake_qbittorrent, ("5.3", "NAS"), ("4.5", "Seedbox"))

    err = await refused(
        hass,
        "add_torrent",
        {"server": "all", "urls": [MAGNET_A, "ftp://example.com/x.torrent"]},
    )

    assert err.value.translation_key == "invalid_torrent_url"
    assert str(err.value) == (
        "Link 2 cannot be added: only magnet links and http:// or https:// links"
        " are accepted"
    )
    assert all(actions_sent(server) == [] for server, _ in fleet.values())


_KEYWORD_ALONE = '"all" and "auto" stand alone: give one of them, or a list of servers'


@pytest.mark.parametrize(
    ("server", "key", "text"),
    [
        (
            ["NAS", "Attic"],
            "unknown_server",
            (
                'There is no qBittorrent server called "Attic". Use a server\'s'
                " name, its config entry or its device"
            ),
        ),
        (["all", "NAS"], "server_keyword_alone", _KEYWORD_ALONE),
        (["NAS", "auto"], "server_keyword_alone", _KEYWORD_ALONE),
        (
            [],
            "no_server_given",
            "There is no server to add to: name at least one server, or set one up",
        ),
    ],
)
async def test_a_list_of_servers_is_checked_first(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    server: list[str],
    key: str,
    text: str,
) -> None:
    """An unknown name, a keyword among names or an empty list: nothing is sent."""
    fleet = await _fleet(hass, fake_qbittorrent, ("5.3", "NAS"))

    err = await refused(hass, "add_torrent", {"server": server, "urls": [MAGNET_A]})

    assert err.value.translation_key == key
    assert str(err.value) == text
    assert actions_sent(fleet["NAS"][0]) == []


async def test_a_keyword_alone_in_a_list_means_the_keyword(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """["all"] is "all": every server, one result each."""
    await _fleet(hass, fake_qbittorrent, ("5.3", "NAS"), ("4.5", "Seedbox"))

    result = await _add(hass, ["all"])

    assert len(result["servers"]) == 2


# -- auto ---------------------------------------------------------------------


async def _fleet_with_room(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    *servers: tuple[Version, str, int],
) -> dict[str, Server]:
    """Servers (version, name, free bytes on disk), each polled once since."""
    fleet = await _fleet(
        hass, fake_qbittorrent, *((flavour, name) for flavour, name, _ in servers)
    )
    for _, name, free in servers:
        fleet[name][0].set_server_state(free_space_on_disk=free)
        await poll(hass, fleet[name][1])
    return fleet


async def _add_auto(hass: HomeAssistant, **data: object) -> Any:
    """add_torrent of MAGNET_A to the server chosen automatically; the response."""
    return await _add(hass, "auto", **data)


async def test_auto_picks_the_server_with_the_most_free_space(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The response names the chosen server, as for one server."""
    fleet = await _fleet_with_room(
        hass,
        fake_qbittorrent,
        ("5.3", "NAS", 100 * GIB),
        ("4.5", "Seedbox", 900 * GIB),
        ("5.1", "Attic", 500 * GIB),
    )

    result = await _add_auto(hass)

    assert result == {"server": "Seedbox", "added": [HASH_A]}
    assert _added(fleet["Seedbox"][0]) == [MAGNET_A]
    assert _added(fleet["NAS"][0]) == _added(fleet["Attic"][0]) == []


async def test_auto_breaks_a_tie_by_the_fewest_downloading_torrents(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Same free space: the server busy with fewer downloads gets it."""
    fleet = await _fleet_with_room(
        hass, fake_qbittorrent, ("5.3", "Alpha", 100 * GIB), ("5.3", "Bravo", 100 * GIB)
    )
    fleet["Alpha"][0].add_torrent(hash=HASH_B, state="downloading")
    await poll(hass, fleet["Alpha"][1])

    assert (await _add_auto(hass))["server"] == "Bravo"


@pytest.mark.parametrize(
    ("alpha", "bravo", "data"),
    [
        # qBittorrent says -1 when it cannot tell: that is not room.
        (("4.5", "Alpha", -1), ("5.3", "Bravo", 1), {}),
        # qBittorrent 4.2 would drop the tags, so it is not the place for them.
        (("4.2", "Alpha", 900 * GIB), ("5.3", "Bravo", GIB), {"tags": ["iso"]}),
    ],
    ids=["unknown free space goes last", "with tags, not to a server that cannot tag"],
)
async def test_auto_passes_over_a_server_that_would_not_do(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    alpha: tuple[Version, str, int],
    bravo: tuple[Version, str, int],
    data: dict[str, object],
) -> None:
    """Alpha has room by the numbers, but Bravo is chosen."""
    await _fleet_with_room(hass, fake_qbittorrent, alpha, bravo)

    assert (await _add_auto(hass, **data))["server"] == "Bravo"


async def test_auto_leaves_out_a_server_that_is_down(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Only a healthy server is chosen, however much room the other had."""
    fleet = await _fleet_with_room(
        hass, fake_qbittorrent, ("5.3", "Roomy", 900 * GIB), ("5.3", "Small", GIB)
    )
    await fleet["Roomy"][0].stop()
    await poll(hass, fleet["Roomy"][1])

    assert (await _add_auto(hass))["server"] == "Small"


async def test_auto_without_a_healthy_server_is_refused(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Nothing to choose from: a translated error, nothing sent."""
    fleet = await _fleet(hass, fake_qbittorrent, ("5.3", "NAS"))
    await fleet["NAS"][0].stop()
    await poll(hass, fleet["NAS"][1])

    refused = await refusal(hass, "add_torrent", {"server": "auto", "urls": [MAGNET_A]})

    assert refused == (
        "no_server_for_auto",
        (
            "No server can be chosen automatically: none is healthy right now (or,"
            " with tags, none that is healthy can tag torrents while adding them)"
        ),
    )


# -- the ids, on every version ----------------------------------------------------


@pytest.mark.parametrize("flavour", ["4.2", "4.5", "5.1", "5.3"])
async def test_every_version_reports_the_hashes_of_magnets_and_files(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    tmp_path: Path,
    flavour: Version,
) -> None:
    """Worked out from the link and the file before sending, where the server cannot tell."""
    server, _ = (await _fleet(hass, fake_qbittorrent, (flavour, "NAS")))["NAS"]
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    sample = make_torrent(tmp_path, "ids.bin")
    base32 = base64.b32encode(bytes.fromhex(HASH_B)).decode()

    result = await call(
        hass,
        "add_torrent",
        {
            "urls": [MAGNET_A, f"magnet:?xt=urn:btih:{base32}"],
            "torrent_files": [str(sample.torrent_path)],
        },
        response=True,
    )

    assert result == {"server": "NAS", "added": [HASH_A, HASH_B, sample.info_hash]}
    assert {HASH_A, HASH_B, sample.info_hash} <= set(server.torrents)


async def test_a_v2_magnet_is_reported_by_the_id_qbittorrent_gives_it(
    hass: HomeAssistant, nas: Server
) -> None:
    """A v2-only torrent is known by its SHA-256 hash cut to 40 digits."""
    server, _ = nas
    v2 = hashlib.sha256(b"v2 torrent").hexdigest()

    result = await call(
        hass, "add_torrent", {"urls": [f"magnet:?xt=urn:btmh:1220{v2}"]}, response=True
    )

    assert result["added"] == [v2[:40]]
    assert v2[:40] in server.torrents


async def test_a_web_link_is_reported_only_where_the_server_tells(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A .torrent behind a web link is unknown until the server fetched it."""
    server = await fake_qbittorrent("4.5")
    await add_server(hass, server)

    result = await call(
        hass,
        "add_torrent",
        {"urls": ["https://example.com/debian.torrent", MAGNET_A]},
        response=True,
    )

    assert result["added"] == [HASH_A]


@pytest.mark.parametrize(
    "url",
    [
        "magnet:?dn=no-hash",
        "magnet:?xt=urn:btih:1234",
        "magnet:?xt=urn:sha1:" + "a" * 40,
        "magnet:?xt=urn:btmh:1220" + "a" * 63,
    ],
)
async def test_a_magnet_link_without_a_usable_hash_is_refused(
    hass: HomeAssistant, nas: Server, url: str
) -> None:
    """qBittorrent could not add it, and nothing would name it: refused by position."""
    server, _ = nas
    err = await refused(hass, "add_torrent", {"urls": [MAGNET_A, url]})

    assert err.value.translation_key == "magnet_without_hash"
    assert str(err.value) == (
        "Link 2 is a magnet link without a torrent hash: it needs xt=urn:btih:"
        " with 40 hexadecimal or 32 base32 characters, or xt=urn:btmh:1220 with"
        " 64 hexadecimal digits"
    )
    assert actions_sent(server) == []


async def test_a_reason_in_the_response_is_in_home_assistants_language(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """No frontend translates a response: it carries the text in the set language."""
    await _fleet(hass, fake_qbittorrent, ("5.3", "NAS"))
    server_entry(await fake_qbittorrent("5.3"), "Attic").add_to_hass(hass)
    hass.config.language = "de"

    result = await _add(hass, "all")

    assert result["servers"][0]["error"] == (
        "Der qBittorrent-Server Attic ist gerade nicht geladen (er startet"
        " vielleicht noch, ist deaktiviert oder lässt sich nicht einrichten)"
    )
