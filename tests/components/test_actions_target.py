"""Actions: which server and which torrents they are for."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.service import async_get_all_descriptions
import probatio
import pytest
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
)

from custom_components.qbittorrent_multi.const import (
    DOMAIN,
    EVENT_ACTIVE_SERVER_CHANGED,
    KIND_SWITCHER,
)
from custom_components.qbittorrent_multi.switcher import get_switcher
from tests.components.action_calls import (
    HASH_A,
    HASH_B,
    HASH_C,
    V2_HASH,
    Server,
    actions_sent,
    call,
    references,
    refused,
    two_servers,
)
from tests.components.server_entries import add_server
from tests.live_fixtures import StartFakeQBittorrent
from tests.real_qbittorrent import Version

pytestmark = pytest.mark.usefixtures("socket_enabled")


async def test_every_action_is_described_with_exactly_its_fields(
    hass: HomeAssistant, nas: Server
) -> None:
    """services.yaml offers each action's fields in the UI, no more and no fewer."""
    descriptions = (await async_get_all_descriptions(hass))[DOMAIN]
    services = hass.services.async_services_for_domain(DOMAIN)

    assert set(descriptions) == set(services)
    for name, service in services.items():
        assert isinstance(service.schema, probatio.Schema)
        fields = {str(key) for key in service.schema.schema}
        assert set(descriptions[name]["fields"]) == fields, name


# -- the target server --------------------------------------------------------


async def test_switch_server_makes_the_named_server_active(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """switch_server by name changes the active server and tells why."""
    _, (_, seedbox) = await two_servers(hass, fake_qbittorrent, ("5.3", "4.5"))
    changes = async_capture_events(hass, EVENT_ACTIVE_SERVER_CHANGED)

    await call(hass, "switch_server", {"server": "seedbox"})

    assert get_switcher(hass).active_entry_id == seedbox.entry_id
    assert changes[-1].data["to"] == "Seedbox"
    assert changes[-1].data["reason"] == "action"


async def test_actions_act_on_the_active_server_by_default(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Without a server, the active server gets the request and no other."""
    (nas, _), (seedbox, seedbox_entry) = await two_servers(hass, fake_qbittorrent)
    await call(hass, "switch_server", {"server": seedbox_entry.entry_id})

    await call(hass, "stop_torrents", {"all": True})

    assert actions_sent(seedbox) == [("torrents/stop", {"hashes": "all"})]
    assert actions_sent(nas) == []


@pytest.mark.parametrize("reference", ["entry_id", "device_id", "name"])
async def test_a_server_can_be_named_by_entry_device_or_name(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, reference: str
) -> None:
    """The server field takes the entry id, the device id or the server's name."""
    (nas, _), (seedbox, entry) = await two_servers(hass, fake_qbittorrent)
    server = references(hass, entry)[reference]

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
    flavour: Version,
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
    hass: HomeAssistant, nas: Server
) -> None:
    """After an action the server is read again, so get_torrents shows the change."""
    await call(hass, "stop_torrents", {"hashes": [HASH_A]})

    result = await call(hass, "get_torrents", {"name": "Debian"}, response=True)

    assert result["torrents"][0]["state"] == "stopped"


async def test_hashes_are_accepted_in_any_case_and_sent_lower_case(
    hass: HomeAssistant, nas: Server
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
    hass: HomeAssistant, nas: Server
) -> None:
    """qBittorrent knows a v2-only torrent by its SHA-256 hash cut to 40 digits."""
    server, _ = nas
    await call(hass, "start_torrents", {"hashes": V2_HASH})

    assert actions_sent(server) == [("torrents/start", {"hashes": V2_HASH[:40]})]


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
    nas: Server,
    selection: dict[str, Any],
    hashes: str,
) -> None:
    """Category and tag are matched in the server's state and sent as hashes."""
    server, _ = nas
    await call(hass, "stop_torrents", selection)

    assert actions_sent(server) == [("torrents/stop", {"hashes": hashes})]


# -- a selection is read as the server has it at the time of the action --------


@pytest.mark.parametrize(
    ("selection", "joined", "left"),
    [
        ({"category": "linux"}, {"category": "linux"}, {"category": ""}),
        ({"tag": "iso"}, {"tags": "iso"}, {"tags": ""}),
    ],
)
async def test_a_category_or_tag_reaches_the_torrents_in_it_now(
    hass: HomeAssistant,
    nas: Server,
    selection: dict[str, Any],
    joined: dict[str, str],
    left: dict[str, str],
) -> None:
    """A torrent that joined since the last poll is included; one that left is not.

    An automation that deletes a category's torrents must not reach one the
    user moved out of it a moment before.
    """
    server, _ = nas
    server.update_torrent(HASH_A, **left)
    server.update_torrent(HASH_C, **left)
    server.update_torrent(HASH_B, **joined)

    await call(hass, "stop_torrents", selection)

    assert actions_sent(server) == [("torrents/stop", {"hashes": HASH_B})]


async def test_a_category_emptied_since_the_last_poll_is_refused(
    hass: HomeAssistant, nas: Server
) -> None:
    """Nothing is sent when the category no longer holds any torrent."""
    server, _ = nas
    server.update_torrent(HASH_A, category="")
    server.update_torrent(HASH_B, category="")

    err = await refused(hass, "stop_torrents", {"category": "linux"})

    assert err.value.translation_key == "no_matching_torrents"
    assert actions_sent(server) == []


async def test_a_category_on_a_server_that_stopped_answering_is_its_error(
    hass: HomeAssistant, nas: Server
) -> None:
    """The poll that reads the category fails: the action says why, sends nothing."""
    server, _ = nas
    await server.stop()

    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "stop_torrents", {"category": "linux"})

    assert err.value.translation_key == "action_failed"
    assert (err.value.translation_placeholders or {})["server"] == "NAS"
