"""The integration's actions, against fake qBittorrent 4.5 and 5.3 servers."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.service import async_get_all_descriptions
import probatio as vol
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.qbittorrent_multi.const import (
    DOMAIN,
    EVENT_ACTIVE_SERVER_CHANGED,
    KIND_SWITCHER,
)
from custom_components.qbittorrent_multi.health import FailureKind
from custom_components.qbittorrent_multi.switcher import get_switcher
from tests.components.server_entries import add_server, coordinator_of
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent
from tests.torrent_files import bencode, make_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

HASH_A = "a" * 40
HASH_B = "b" * 40
HASH_C = "c" * 40
V2_HASH = "d" * 64


def actions_sent(server: FakeQBittorrent) -> list[tuple[str, dict[str, str]]]:
    """The requests that would change something on the server, in order."""
    return [
        (request.endpoint, request.params)
        for request in server.requests
        if request.method == "POST" and request.endpoint != "auth/login"
    ]


async def call(
    hass: HomeAssistant, action: str, data: dict[str, Any], *, response: bool = False
) -> Any:
    """Call one of the integration's actions and wait for it."""
    return await hass.services.async_call(
        DOMAIN, action, data, blocking=True, return_response=response
    )


@pytest.fixture
async def nas(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> tuple[FakeQBittorrent, MockConfigEntry]:
    """One qBittorrent 5.3 server with three torrents, set up as "NAS"."""
    server = await fake_qbittorrent("5.3")
    server.add_torrent(
        hash=HASH_A, name="Debian", category="linux", tags=["iso"], size=1000
    )
    server.add_torrent(hash=HASH_B, name="Fedora", category="linux", size=2000)
    server.add_torrent(hash=HASH_C, name="Holiday video", tags=["iso"], size=3000)
    return server, await add_server(hass, server)


async def test_every_action_is_described_with_exactly_its_fields(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """services.yaml offers each action's fields in the UI, no more and no fewer."""
    descriptions = (await async_get_all_descriptions(hass))[DOMAIN]
    services = hass.services.async_services_for_domain(DOMAIN)

    assert set(descriptions) == set(services)
    for name, service in services.items():
        assert service.schema is not None
        fields = {str(key) for key in service.schema.schema}
        assert set(descriptions[name]["fields"]) == fields, name


# -- the target server --------------------------------------------------------


async def test_switch_server_makes_the_named_server_active(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """switch_server by name changes the active server and tells why."""
    await add_server(hass, await fake_qbittorrent("5.3"), "NAS")
    seedbox = await add_server(hass, await fake_qbittorrent("4.5"), "Seedbox")
    changes = async_capture_events(hass, EVENT_ACTIVE_SERVER_CHANGED)

    await call(hass, "switch_server", {"server": "seedbox"})

    assert get_switcher(hass).active_entry_id == seedbox.entry_id
    assert changes[-1].data["to"] == "Seedbox"
    assert changes[-1].data["reason"] == "action"


async def test_switch_server_to_an_unknown_server_is_refused(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """An unknown server is a translated validation error; nothing changes."""
    _, entry = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "switch_server", {"server": "Attic"})

    assert err.value.translation_key == "unknown_server"
    assert get_switcher(hass).active_entry_id == entry.entry_id


async def test_actions_act_on_the_active_server_by_default(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Without a server, the active server gets the request and no other."""
    nas = await fake_qbittorrent("5.3")
    seedbox = await fake_qbittorrent("5.3")
    await add_server(hass, nas, "NAS")
    seedbox_entry = await add_server(hass, seedbox, "Seedbox")
    await call(hass, "switch_server", {"server": seedbox_entry.entry_id})

    await call(hass, "stop_torrents", {"all": True})

    assert actions_sent(seedbox) == [("torrents/stop", {"hashes": "all"})]
    assert actions_sent(nas) == []


@pytest.mark.parametrize("reference", ["entry_id", "device_id", "name"])
async def test_a_server_can_be_named_by_entry_device_or_name(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, reference: str
) -> None:
    """The server field takes the entry id, the device id or the server's name."""
    nas = await fake_qbittorrent("5.3")
    seedbox = await fake_qbittorrent("5.3")
    await add_server(hass, nas, "NAS")
    entry = await add_server(hass, seedbox, "Seedbox")
    [device] = dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
    server = {"entry_id": entry.entry_id, "device_id": device.id, "name": "Seedbox"}[
        reference
    ]

    await call(hass, "reannounce_torrents", {"server": server, "all": True})

    assert actions_sent(seedbox) == [("torrents/reannounce", {"hashes": "all"})]
    assert actions_sent(nas) == []


async def test_the_switcher_entry_means_the_active_server(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Choosing the server switcher in the config entry selector targets the active server."""
    nas = await fake_qbittorrent("5.3")
    await add_server(hass, nas, "NAS")
    await hass.async_block_till_done()
    switcher_entry = next(
        entry
        for entry in hass.config_entries.async_entries(DOMAIN)
        if entry.data.get("kind") == KIND_SWITCHER
    )

    await call(
        hass, "recheck_torrents", {"server": switcher_entry.entry_id, "all": True}
    )

    assert actions_sent(nas) == [("torrents/recheck", {"hashes": "all"})]


async def test_an_unknown_server_is_refused_before_anything_is_sent(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """A server name that matches nothing is a translated validation error."""
    server, _ = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "start_torrents", {"server": "Attic", "all": True})

    assert err.value.translation_key == "unknown_server"
    assert actions_sent(server) == []


# -- choosing torrents --------------------------------------------------------


@pytest.mark.parametrize(
    ("flavour", "action", "endpoint"),
    [
        ("4.5", "stop_torrents", "torrents/pause"),
        ("4.5", "start_torrents", "torrents/resume"),
        ("5.3", "stop_torrents", "torrents/stop"),
        ("5.3", "start_torrents", "torrents/start"),
        ("5.3", "recheck_torrents", "torrents/recheck"),
        ("4.5", "reannounce_torrents", "torrents/reannounce"),
    ],
)
async def test_torrent_actions_use_the_endpoint_of_the_server_version(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    flavour: str,
    action: str,
    endpoint: str,
) -> None:
    """qBittorrent before 5.0 pauses and resumes; 5.x stops and starts."""
    server = await fake_qbittorrent(flavour)
    server.add_torrent(hash=HASH_A)
    await add_server(hass, server)

    await call(hass, action, {"hashes": [HASH_A]})

    assert actions_sent(server) == [(endpoint, {"hashes": HASH_A})]


async def test_stopping_a_torrent_shows_in_its_state_without_waiting_for_a_poll(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """After an action the server is read again, so get_torrents shows the change."""
    await call(hass, "stop_torrents", {"hashes": [HASH_A]})

    result = await call(hass, "get_torrents", {"name": "Debian"}, response=True)

    assert result["torrents"][0]["state"] == "stopped"


async def test_hashes_are_accepted_in_any_case_and_sent_lower_case(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """Upper-case hashes name the same torrents; duplicates are sent once."""
    server, _ = nas
    await call(
        hass,
        "stop_torrents",
        {"hashes": [HASH_A.upper(), HASH_B, f" {HASH_A} "]},
    )

    assert actions_sent(server) == [("torrents/stop", {"hashes": f"{HASH_A}|{HASH_B}"})]


async def test_a_v2_hash_names_the_torrent_by_its_40_digit_id(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """qBittorrent knows a v2-only torrent by its SHA-256 hash cut to 40 digits."""
    server, _ = nas
    await call(hass, "start_torrents", {"hashes": V2_HASH})

    assert actions_sent(server) == [("torrents/start", {"hashes": V2_HASH[:40]})]


@pytest.mark.parametrize(
    "bad_hash", ["a" * 39, "a" * 41, "g" * 40, "a" * 63, "all", "", HASH_A + "|all"]
)
async def test_a_malformed_hash_is_refused_and_nothing_is_sent(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry], bad_hash: str
) -> None:
    """Hashes are 40 or 64 hex digits; anything else changes nothing anywhere."""
    server, _ = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "delete_torrents", {"hashes": [HASH_A, bad_hash]})

    assert err.value.translation_key == "invalid_torrent_hash"
    assert actions_sent(server) == []


@pytest.mark.parametrize(
    "selection",
    [{}, {"all": False}, {"hashes": []}, {"category": ""}, {"tag": ""}],
)
async def test_an_action_without_a_selection_is_an_error_not_all(
    hass: HomeAssistant,
    nas: tuple[FakeQBittorrent, MockConfigEntry],
    selection: dict[str, Any],
) -> None:
    """No torrents chosen means an error, never every torrent."""
    server, _ = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "delete_torrents", selection)

    assert err.value.translation_key == "no_torrent_selection"
    assert actions_sent(server) == []


@pytest.mark.parametrize(
    "selection",
    [
        {"all": True, "hashes": [HASH_A]},
        {"all": True, "category": "linux"},
        {"all": True, "tag": "iso"},
        {"hashes": [HASH_A], "category": "linux"},
    ],
)
async def test_all_cannot_be_combined_with_another_selection(
    hass: HomeAssistant,
    nas: tuple[FakeQBittorrent, MockConfigEntry],
    selection: dict[str, Any],
) -> None:
    """Two ways of choosing torrents at once are refused rather than guessed at."""
    server, _ = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "stop_torrents", selection)

    assert err.value.translation_key == "conflicting_torrent_selection"
    assert actions_sent(server) == []


@pytest.mark.parametrize(
    ("selection", "hashes"),
    [
        ({"category": "linux"}, f"{HASH_A}|{HASH_B}"),
        ({"tag": "iso"}, f"{HASH_A}|{HASH_C}"),
        ({"category": "linux", "tag": "iso"}, HASH_A),
    ],
)
async def test_torrents_can_be_chosen_by_category_and_tag(
    hass: HomeAssistant,
    nas: tuple[FakeQBittorrent, MockConfigEntry],
    selection: dict[str, Any],
    hashes: str,
) -> None:
    """Category and tag are matched in the server's state and sent as hashes."""
    server, _ = nas
    await call(hass, "stop_torrents", selection)

    assert actions_sent(server) == [("torrents/stop", {"hashes": hashes})]


async def test_a_category_without_torrents_is_an_error(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """Choosing by a category no torrent has says so instead of doing nothing."""
    server, _ = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "stop_torrents", {"category": "movies"})

    assert err.value.translation_key == "no_matching_torrents"
    assert err.value.translation_placeholders["server"] == "NAS"
    assert actions_sent(server) == []


# -- what each action sends ---------------------------------------------------


async def test_delete_keeps_the_files_unless_asked(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
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
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
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


async def test_an_empty_category_removes_it(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """Setting the category "" leaves the torrents without one."""
    server, _ = nas
    await call(hass, "set_torrent_category", {"category": "", "hashes": [HASH_A]})

    assert server.torrents[HASH_A]["category"] == ""


async def test_a_new_category_is_created_on_the_server(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """Like adding a torrent, setting a category the server lacks creates it."""
    server, _ = nas

    await call(hass, "set_torrent_category", {"category": "new", "hashes": [HASH_A]})

    assert "new" in server.categories
    assert server.torrents[HASH_A]["category"] == "new"


async def test_a_category_change_the_server_refuses_is_its_error(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """What the server refuses comes back as a translated error naming the server."""
    server, _ = nas
    server.fail_next("status_500", endpoint="torrents/setCategory")

    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "set_torrent_category", {"category": "linux", "all": True})

    assert err.value.translation_key == "action_failed"
    assert err.value.translation_placeholders["server"] == "NAS"
    assert "500" in err.value.translation_placeholders["error"]


async def test_tags_are_added_and_removed(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
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


@pytest.mark.parametrize(
    ("tags", "key"),
    [(["a,b"], "invalid_tag"), (["  "], "invalid_tag"), ([], "no_tags_given")],
)
async def test_a_tag_qbittorrent_would_split_or_drop_is_refused(
    hass: HomeAssistant,
    nas: tuple[FakeQBittorrent, MockConfigEntry],
    tags: list[str],
    key: str,
) -> None:
    """qBittorrent splits tags at commas: such a tag, or none, is an error."""
    server, _ = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "add_torrent_tags", {"all": True, "tags": tags})

    assert err.value.translation_key == key
    assert actions_sent(server) == []


async def test_torrent_speed_limits_are_sent_in_bytes_per_second(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """Limits are given in KiB/s; qBittorrent takes bytes per second."""
    server, _ = nas
    await call(
        hass,
        "set_torrent_limits",
        {"hashes": [HASH_A], "download_limit": 500, "upload_limit": 0},
    )

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
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """seeding_time_limit is sent as given, in minutes; -1 means no limit."""
    server = await fake_qbittorrent("4.5")
    server.add_torrent(hash=HASH_A)
    await add_server(hass, server)

    await call(
        hass,
        "set_torrent_limits",
        {"all": True, "seeding_time_limit": 90, "ratio_limit": -1},
    )

    assert server.torrents[HASH_A]["seeding_time_limit"] == 90
    assert server.torrents[HASH_A]["ratio_limit"] == -1


@pytest.mark.parametrize(
    "limits", [{"ratio_limit": -3}, {"ratio_limit": 10_000}, {"seeding_time_limit": -5}]
)
async def test_share_limits_out_of_range_are_refused(
    hass: HomeAssistant,
    nas: tuple[FakeQBittorrent, MockConfigEntry],
    limits: dict[str, Any],
) -> None:
    """Only -2 (global), -1 (none) and qBittorrent's own range are accepted."""
    server, _ = nas
    with pytest.raises(vol.Invalid):
        await call(hass, "set_torrent_limits", {"all": True, **limits})

    assert actions_sent(server) == []


async def test_set_torrent_limits_without_a_limit_is_an_error(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """Nothing to set is said, not silently ignored."""
    server, _ = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "set_torrent_limits", {"all": True})

    assert err.value.translation_key == "no_limits_given"
    assert actions_sent(server) == []


async def test_global_speed_limits_are_set_in_bytes_per_second(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """set_speed_limits sets the server's limits; the sensors see them at once."""
    server, entry = nas
    await call(hass, "set_speed_limits", {"download_limit": 1000})

    assert actions_sent(server) == [("transfer/setDownloadLimit", {"limit": "1024000"})]
    assert coordinator_of(entry).maindata.server_state["dl_rate_limit"] == 1_024_000


async def test_set_speed_limits_without_a_limit_is_an_error(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """At least one of the two limits must be given."""
    server, _ = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "set_speed_limits", {})

    assert err.value.translation_key == "no_limits_given"
    assert actions_sent(server) == []


async def test_a_server_failure_is_a_translated_error_naming_the_server(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """A 502 from a proxy in front of the server is reported, with no secret."""
    server, _ = nas
    server.fail_next("status_502", endpoint="torrents/stop")

    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "stop_torrents", {"all": True})

    assert err.value.translation_key == "action_failed"
    assert err.value.translation_placeholders["server"] == "NAS"
    assert "HTTP 502" in err.value.translation_placeholders["error"]
    assert server.password not in str(err.value.translation_placeholders)


async def test_nothing_is_sent_to_a_server_that_has_banned_us(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """While a ban may last, an action would log in again and prolong it."""
    server, entry = nas
    coordinator_of(entry).health.record_failure(FailureKind.BANNED, "banned")
    before = len(server.requests)

    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "start_torrents", {"all": True})

    assert err.value.translation_key == "server_banned"
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


# -- add_torrent --------------------------------------------------------------


@pytest.fixture
def torrent_dir(hass: HomeAssistant, tmp_path: Path) -> Path:
    """A folder Home Assistant is allowed to read .torrent files from."""
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    hass.config.allowlist_external_dirs = {str(allowed)}
    return allowed


@pytest.mark.parametrize(
    ("flavour", "stopped_field", "added"),
    [("4.5", "paused", []), ("5.3", "stopped", [HASH_A])],
)
async def test_add_a_magnet_link_with_options(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    flavour: str,
    stopped_field: str,
    added: list[str],
) -> None:
    """The options reach the server; 5.x reports the hashes it added, 4.x cannot."""
    server = await fake_qbittorrent(flavour)
    await add_server(hass, server)
    magnet = f"magnet:?xt=urn:btih:{HASH_A}&dn=Debian"

    result = await call(
        hass,
        "add_torrent",
        {
            "urls": [magnet],
            "save_path": "/downloads/linux",
            "category": "linux",
            "tags": ["iso", "new"],
            "stopped": True,
            "sequential_download": True,
            "first_last_piece_prio": True,
            "skip_checking": False,
            "download_limit": 100,
            "upload_limit": 50,
        },
        response=True,
    )

    assert result == {"server": "NAS", "added": added}
    [(endpoint, params)] = actions_sent(server)
    assert endpoint == "torrents/add"
    assert params["urls"] == magnet
    assert params["savepath"] == "/downloads/linux"
    assert params["category"] == "linux"
    assert params["tags"] == "iso,new"
    assert params[stopped_field] == "true"
    assert params["sequentialDownload"] == "true"
    assert params["firstLastPiecePrio"] == "true"
    assert params["skip_checking"] == "false"
    assert params["dlLimit"] == str(100 * 1024)
    assert params["upLimit"] == str(50 * 1024)
    assert server.torrents[HASH_A]["category"] == "linux"


async def test_add_a_torrent_file_from_an_allowed_folder(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, torrent_dir: Path
) -> None:
    """A .torrent file is read by Home Assistant and uploaded to the server."""
    server = await fake_qbittorrent("5.3")
    await add_server(hass, server)
    sample = make_torrent(torrent_dir, "sample.bin")

    result = await call(
        hass,
        "add_torrent",
        {"torrent_files": [str(sample.torrent_path)]},
        response=True,
    )

    assert result == {"server": "NAS", "added": [sample.info_hash]}
    assert server.requests_to("torrents/add")[0].files == 1
    assert server.torrents[sample.info_hash]["name"] == "sample.bin"


async def test_a_relative_torrent_file_path_is_in_the_config_folder(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, torrent_dir: Path
) -> None:
    """A path without a leading / is taken from Home Assistant's config folder."""
    server = await fake_qbittorrent("5.3")
    await add_server(hass, server)
    sample = make_torrent(torrent_dir, "relative.bin")
    hass.config.config_dir = str(torrent_dir.parent)

    result = await call(
        hass,
        "add_torrent",
        {"torrent_files": [f"allowed/{sample.torrent_path.name}"]},
        response=True,
    )

    assert result["added"] == [sample.info_hash]


async def test_add_torrent_without_response_just_adds(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """The response is optional; the torrent is added either way."""
    server, _ = nas
    await call(hass, "add_torrent", {"urls": "https://example.com/debian.torrent"})

    assert [endpoint for endpoint, _ in actions_sent(server)] == ["torrents/add"]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/a.torrent",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "magnet:",
        "https://",
        "http://exa mple.com/a.torrent",
        "/local/a.torrent",
        "http://[::1",
    ],
)
async def test_only_magnet_and_web_links_are_added(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry], url: str
) -> None:
    """Any other link is refused, by position, and nothing is sent."""
    server, _ = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass, "add_torrent", {"urls": ["magnet:?xt=urn:btih:" + HASH_A, url]}
        )

    assert err.value.translation_key == "invalid_torrent_url"
    assert err.value.translation_placeholders == {"position": "2"}
    assert actions_sent(server) == []


async def test_add_torrent_needs_something_to_add(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """Neither links nor files is an error."""
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "add_torrent", {"category": "linux"})

    assert err.value.translation_key == "nothing_to_add"


@pytest.mark.parametrize(
    "save_path", ["../etc", "/downloads/../../etc", "C:\\data\\..\\x", "/down\0loads"]
)
async def test_a_save_path_that_climbs_out_is_refused(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry], save_path: str
) -> None:
    """ ".." components and NUL characters never reach the server."""
    server, _ = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass,
            "add_torrent",
            {"urls": ["magnet:?xt=urn:btih:" + HASH_A], "save_path": save_path},
        )

    assert err.value.translation_key == "invalid_save_path"
    assert actions_sent(server) == []


async def test_a_torrent_file_outside_the_allowlist_is_refused(
    hass: HomeAssistant,
    nas: tuple[FakeQBittorrent, MockConfigEntry],
    torrent_dir: Path,
) -> None:
    """Only folders in allowlist_external_dirs may be read, links included."""
    server, _ = nas
    outside = make_torrent(torrent_dir.parent / "private", "secret.bin")
    link = torrent_dir / "link.torrent"
    link.symlink_to(outside.torrent_path)

    for path in (outside.torrent_path, link, torrent_dir / ".." / "private"):
        with pytest.raises(ServiceValidationError) as err:
            await call(hass, "add_torrent", {"torrent_files": [str(path)]})
        assert err.value.translation_key == "torrent_file_not_allowed"

    assert actions_sent(server) == []


async def test_a_missing_torrent_file_is_refused(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry], torrent_dir: Path
) -> None:
    """A path with no file behind it is an error, and the links are not sent either."""
    server, _ = nas
    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass,
            "add_torrent",
            {
                "urls": ["magnet:?xt=urn:btih:" + HASH_A],
                "torrent_files": [str(torrent_dir / "gone.torrent")],
            },
        )

    assert err.value.translation_key == "torrent_file_not_found"
    assert actions_sent(server) == []


async def test_an_unreadable_torrent_file_is_refused(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry], torrent_dir: Path
) -> None:
    """A file the operating system will not let Home Assistant read is an error."""
    sample = make_torrent(torrent_dir, "locked.bin")

    with (
        patch.object(Path, "open", side_effect=PermissionError("denied")),
        pytest.raises(ServiceValidationError) as err,
    ):
        await call(hass, "add_torrent", {"torrent_files": [str(sample.torrent_path)]})

    assert err.value.translation_key == "torrent_file_unreadable"


async def test_a_torrent_file_over_10_mb_is_refused(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry], torrent_dir: Path
) -> None:
    """Real .torrent files are small; a huge file is not read into memory whole."""
    huge = torrent_dir / "huge.torrent"
    with huge.open("wb") as file:
        file.truncate(10 * 1024 * 1024 + 1)

    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "add_torrent", {"torrent_files": [str(huge)]})

    assert err.value.translation_key == "torrent_file_too_large"
    assert err.value.translation_placeholders["max_mb"] == "10"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"hello",
        b"<html></html>",
        bencode([b"info"]),
        bencode({"announce": "http://tracker"}),
        bencode({"info": "not a dictionary"}),
        b"d4:infod4:name3:abc",  # cut short
        b"d4:infod4:name99:abcee",  # a string longer than the file
        b"d4:infoi12x3ee",  # not an integer
        b"d4:infoee",  # an end with nothing open
        b"d4:infox",  # not bencode at all
        b"di1e4:infoe",  # a key that is not a string
        b"d4:info",  # no value
    ],
)
async def test_a_file_that_is_not_a_torrent_is_refused(
    hass: HomeAssistant,
    nas: tuple[FakeQBittorrent, MockConfigEntry],
    torrent_dir: Path,
    content: bytes,
) -> None:
    """Only a bencoded dictionary with an info dictionary is a .torrent file."""
    server, _ = nas
    path = torrent_dir / "fake.torrent"
    path.write_bytes(content)

    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "add_torrent", {"torrent_files": [str(path)]})

    assert err.value.translation_key == "not_a_torrent_file"
    assert actions_sent(server) == []


async def test_a_minimal_torrent_with_nested_values_is_accepted(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, torrent_dir: Path
) -> None:
    """Lists, integers and nested dictionaries before and after info are fine."""
    server = await fake_qbittorrent("4.5")
    await add_server(hass, server)
    sample = make_torrent(torrent_dir, "nested.bin")
    path = torrent_dir / "nested.torrent"
    content = sample.torrent.replace(
        b"d10:created by",
        b"d8:announce"
        + bencode([[b"udp://a"], [b"udp://b"]])
        + b"7:comment"
        + bencode({"n": -3})
        + b"10:created by",
        1,
    )
    path.write_bytes(content)

    result = await call(
        hass, "add_torrent", {"torrent_files": [str(path)]}, response=True
    )

    assert result == {"server": "NAS", "added": []}
    assert server.requests_to("torrents/add")[0].files == 1


# -- get_torrents -------------------------------------------------------------


async def test_get_torrents_describes_each_torrent(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Every field a user needs, in units a template can use directly."""
    server = await fake_qbittorrent("4.5")
    server.add_torrent(
        hash=HASH_A,
        name="Debian",
        state="pausedDL",
        progress=0.42424,
        size=1000,
        downloaded=424,
        uploaded=10,
        dlspeed=0,
        upspeed=5,
        eta=8_640_000,
        ratio=0.0235849,
        category="linux",
        tags="iso, new",
        save_path="/downloads/linux",
        added_on=1_700_000_000,
        completion_on=-1,
    )
    entry = await add_server(hass, server)

    result = await call(hass, "get_torrents", {}, response=True)

    assert result == {
        "server": "NAS",
        "entry_id": entry.entry_id,
        "total": 1,
        "torrents": [
            {
                "hash": HASH_A,
                "name": "Debian",
                "state": "stopped",
                "progress": 42.4,
                "size": 1000,
                "downloaded": 424,
                "uploaded": 10,
                "download_speed": 0,
                "upload_speed": 5,
                "eta": None,
                "ratio": 0.024,
                "category": "linux",
                "tags": ["iso", "new"],
                "save_path": "/downloads/linux",
                "added_on": "2023-11-14T22:13:20+00:00",
                "completion_on": None,
            }
        ],
    }


async def test_get_torrents_makes_no_request(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
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
    nas: tuple[FakeQBittorrent, MockConfigEntry],
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
    nas: tuple[FakeQBittorrent, MockConfigEntry],
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
    assert seedbox_result["error"]
    assert seedbox_result["torrents"] == []


async def test_get_torrents_of_all_servers_lists_one_that_did_not_load(
    hass: HomeAssistant,
    nas: tuple[FakeQBittorrent, MockConfigEntry],
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
        "error": "not loaded",
        "total": 0,
        "torrents": [],
    }


async def test_get_torrents_of_a_server_that_is_down_is_an_error(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """Stale torrents are not passed off as the current ones."""
    server, entry = nas
    await server.stop()
    await coordinator_of(entry).async_refresh()

    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "get_torrents", {}, response=True)

    assert err.value.translation_key == "server_unavailable"


async def test_get_torrents_takes_a_server_or_all_servers_not_both(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
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
    nas: tuple[FakeQBittorrent, MockConfigEntry],
    query: dict[str, Any],
) -> None:
    """States and sort keys are the documented ones; the limit is 1 to 10,000."""
    with pytest.raises(vol.Invalid):
        await call(hass, "get_torrents", query, response=True)
