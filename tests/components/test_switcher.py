"""The active server: the switcher entry, its select and sensors, failover."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
import probatio
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.qbittorrent_multi.const import (
    DOMAIN,
    EVENT_ACTIVE_SERVER_CHANGED,
    SWITCHER_UNIQUE_ID,
)
from custom_components.qbittorrent_multi.switcher import (
    STORAGE_KEY,
    get_switcher,
    is_switcher_entry,
)
from tests.components.action_calls import Server, two_servers
from tests.components.server_entries import (
    add_server,
    coordinator_of,
    poll,
    server_entry,
)
from tests.live_fixtures import StartFakeQBittorrent

SELECT = "select.server_switcher_active_server"
KIB = 1024


def switcher_entry(hass: HomeAssistant) -> MockConfigEntry:
    """The one switcher entry."""
    entries = [
        e for e in hass.config_entries.async_entries(DOMAIN) if is_switcher_entry(e)
    ]
    assert len(entries) == 1
    return entries[0]


def state_of(hass: HomeAssistant, entity_id: str) -> str:
    """The state of an entity."""
    state = hass.states.get(entity_id)
    assert state is not None, f"{entity_id} does not exist"
    return state.state


async def choose(hass: HomeAssistant, option: str) -> None:
    """Pick a server in the select, as a user would."""
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": SELECT, "option": option},
        blocking=True,
    )


async def fleet(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, *speeds: int
) -> list[Server]:
    """Servers "Alpha", "Beta", ... with the given download speeds, all set up."""
    servers = []
    for index, speed in enumerate(speeds):
        server = await fake_qbittorrent("5.3" if index % 2 == 0 else "4.5")
        server.set_server_state(dl_info_speed=speed, up_info_speed=speed // 2)
        for number in range(index + 1):
            server.add_torrent(name=f"torrent {number}", state="uploading")
        title = ["Alpha", "Beta", "Gamma"][index]
        servers.append((server, await add_server(hass, server, title)))
    return servers


async def test_the_first_server_brings_the_switcher_along(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Adding a server creates one switcher entry, and a second server adds none."""
    await fleet(hass, fake_qbittorrent, 1000, 2000)

    entry = switcher_entry(hass)
    assert entry.unique_id == SWITCHER_UNIQUE_ID
    assert entry.title == "Server switcher"
    assert entry.state is ConfigEntryState.LOADED


async def test_the_select_lists_every_server_and_starts_on_a_healthy_one(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Options are the servers' names; with nothing stored, a healthy one is active."""
    await fleet(hass, fake_qbittorrent, 1000, 2000)

    state = hass.states.get(SELECT)
    assert state is not None
    assert state.attributes["options"] == ["Alpha", "Beta"]
    assert state.state == "Alpha"


async def test_choosing_a_server_moves_the_active_sensors_at_once(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The follow-the-active sensors show the chosen server right after the choice."""
    await fleet(hass, fake_qbittorrent, 1000, 4000)
    events = async_capture_events(hass, EVENT_ACTIVE_SERVER_CHANGED)

    await choose(hass, "Beta")

    assert state_of(hass, "sensor.server_switcher_active_server_name") == "Beta"
    assert float(
        state_of(hass, "sensor.server_switcher_active_download_speed")
    ) == pytest.approx(4000 / KIB)
    assert state_of(hass, "sensor.server_switcher_active_torrents_total") == "2"
    assert [(e.data["from"], e.data["to"], e.data["reason"]) for e in events] == [
        ("Alpha", "Beta", "select")
    ]


async def test_fleet_sensors_add_up_every_server(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Totals are the sums over the servers that answer."""
    await fleet(hass, fake_qbittorrent, 1000, 3000, 4000)

    assert float(
        state_of(hass, "sensor.server_switcher_total_download_speed")
    ) == pytest.approx(8000 / KIB)
    assert state_of(hass, "sensor.server_switcher_total_torrents") == "6"
    assert state_of(hass, "sensor.server_switcher_total_seeding_torrents") == "6"
    assert state_of(hass, "sensor.server_switcher_servers") == "3"
    assert state_of(hass, "sensor.server_switcher_servers_online") == "3"
    assert state_of(hass, "sensor.server_switcher_servers_unhealthy") == "0"


async def test_a_dark_server_leaves_the_fleet_totals(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A server that stops answering is counted offline and out of the sums."""
    servers = await fleet(hass, fake_qbittorrent, 1000, 3000)
    server, entry = servers[1]
    server.mode = "status_502"

    await poll(hass, entry)

    assert state_of(hass, "sensor.server_switcher_servers_online") == "1"
    assert state_of(hass, "sensor.server_switcher_servers_unhealthy") == "1"
    assert float(
        state_of(hass, "sensor.server_switcher_total_download_speed")
    ) == pytest.approx(1000 / KIB)


async def test_active_sensors_go_unavailable_with_the_active_server(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Figures of an unreachable active server are unavailable, its name is not."""
    servers = await fleet(hass, fake_qbittorrent, 1000)
    server, entry = servers[0]
    server.mode = "status_502"

    await poll(hass, entry)

    assert (
        state_of(hass, "sensor.server_switcher_active_download_speed")
        == STATE_UNAVAILABLE
    )
    assert state_of(hass, "sensor.server_switcher_active_server_name") == "Alpha"
    assert state_of(hass, "sensor.server_switcher_active_server_health") == "warning"


async def test_the_active_choice_survives_a_restart(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    fake_qbittorrent: StartFakeQBittorrent,
) -> None:
    """A stored choice is restored when Home Assistant starts."""
    alpha = await fake_qbittorrent("5.3")
    beta = await fake_qbittorrent("4.5")
    beta_entry = server_entry(beta, "Beta")
    hass_storage[STORAGE_KEY] = {
        "version": 1,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {"active_entry_id": beta_entry.entry_id, "failed_over": False},
    }
    beta_entry.add_to_hass(hass)
    await add_server(hass, alpha, "Alpha")
    await hass.async_block_till_done()

    assert state_of(hass, SELECT) == "Beta"


async def test_the_choice_is_stored(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    fake_qbittorrent: StartFakeQBittorrent,
    freezer: Any,
) -> None:
    """Choosing a server writes the choice to storage."""
    servers = await fleet(hass, fake_qbittorrent, 1000, 2000)

    await choose(hass, "Beta")
    freezer.tick(5)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()

    assert (
        hass_storage[STORAGE_KEY]["data"]["active_entry_id"] == servers[1][1].entry_id
    )


async def test_removing_the_active_server_falls_back_to_the_default(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Without its server the choice moves to the default server, and says why."""
    servers = await fleet(hass, fake_qbittorrent, 1000, 2000, 3000)
    await configure_switcher(hass, default_server=servers[2][1].entry_id)
    await choose(hass, "Beta")
    events = async_capture_events(hass, EVENT_ACTIVE_SERVER_CHANGED)

    await hass.config_entries.async_remove(servers[1][1].entry_id)
    await hass.async_block_till_done()

    assert state_of(hass, SELECT) == "Gamma"
    assert hass.states.get(SELECT).attributes["options"] == ["Alpha", "Gamma"]  # type: ignore[union-attr]
    assert events[-1].data["reason"] == "fallback"


async def test_removing_every_server_leaves_the_switcher_empty_not_broken(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """With no server left the select has no options and shows unknown."""
    servers = await fleet(hass, fake_qbittorrent, 1000)

    await hass.config_entries.async_remove(servers[0][1].entry_id)
    await hass.async_block_till_done()

    state = hass.states.get(SELECT)
    assert state is not None
    assert state.state == STATE_UNKNOWN
    assert state.attributes["options"] == []
    assert switcher_entry(hass).state is ConfigEntryState.LOADED


async def test_a_deleted_switcher_comes_back_with_the_next_server_setup(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Reloading a server recreates a switcher the user deleted."""
    servers = await fleet(hass, fake_qbittorrent, 1000)
    await hass.config_entries.async_remove(switcher_entry(hass).entry_id)
    await hass.async_block_till_done()

    await hass.config_entries.async_reload(servers[0][1].entry_id)
    await hass.async_block_till_done()

    assert switcher_entry(hass).state is ConfigEntryState.LOADED
    assert state_of(hass, SELECT) == "Alpha"


async def test_servers_with_the_same_name_stay_distinguishable(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Two servers called alike are told apart by their address."""
    (first, _), (second, _) = await two_servers(
        hass, fake_qbittorrent, names=("qBittorrent", "qBittorrent")
    )

    options = hass.states.get(SELECT).attributes["options"]  # type: ignore[union-attr]
    assert sorted(options) == sorted(
        [f"qBittorrent ({first.url})", f"qBittorrent ({second.url})"]
    )


async def configure_switcher(hass: HomeAssistant, **changes: Any) -> None:
    """Set the switcher's options through its options flow."""
    entry = switcher_entry(hass)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "switcher"
    answers = {
        "failover": False,
        "failover_threshold": 2,
        "switch_back": False,
    } | changes
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], answers
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()


async def test_the_switcher_options_offer_every_server_as_default(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The default-server choice lists the servers by name; left empty it is none."""
    await fleet(hass, fake_qbittorrent, 1000, 2000)

    result = await hass.config_entries.options.async_init(switcher_entry(hass).entry_id)

    assert result["data_schema"] is not None
    schema = result["data_schema"].schema
    selector = next(value for key, value in schema.items() if key == "default_server")
    labels = [option["label"] for option in selector.config["options"]]
    assert labels == ["Alpha", "Beta"]
    default_key = next(key for key in schema if key == "default_server")
    assert not isinstance(default_key, probatio.Required)


async def test_failover_moves_away_from_a_dark_server_and_back(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, freezer: Any
) -> None:
    """After N failed checks the healthiest other server takes over, then hands back."""
    servers = await fleet(hass, fake_qbittorrent, 1000, 2000)
    (alpha, alpha_entry), _ = servers
    await configure_switcher(
        hass,
        default_server=alpha_entry.entry_id,
        failover=True,
        failover_threshold=2,
        switch_back=True,
    )
    events = async_capture_events(hass, EVENT_ACTIVE_SERVER_CHANGED)
    alpha.mode = "status_502"
    coordinator = coordinator_of(alpha_entry)

    for _ in range(2):
        freezer.tick(coordinator.update_interval)
        await poll(hass, alpha_entry)
    assert state_of(hass, SELECT) == "Beta"

    alpha.mode = None
    freezer.tick(coordinator.update_interval)
    await poll(hass, alpha_entry)

    assert state_of(hass, SELECT) == "Alpha"
    assert [(e.data["to"], e.data["reason"]) for e in events] == [
        ("Beta", "failover"),
        ("Alpha", "switch_back"),
    ]


async def test_failover_stays_off_unless_asked_for(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, freezer: Any
) -> None:
    """By default a failing active server stays active."""
    servers = await fleet(hass, fake_qbittorrent, 1000, 2000)
    alpha, alpha_entry = servers[0]
    alpha.mode = "status_502"
    coordinator = coordinator_of(alpha_entry)

    for _ in range(4):
        freezer.tick(coordinator.update_interval)
        await poll(hass, alpha_entry)

    assert state_of(hass, SELECT) == "Alpha"


async def test_an_option_that_names_no_server_is_refused(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The select refuses a name that is not one of its options, changing nothing."""
    await fleet(hass, fake_qbittorrent, 1000)

    with pytest.raises(ServiceValidationError):
        await choose(hass, "Nowhere")

    assert state_of(hass, SELECT) == "Alpha"
    assert get_switcher(hass).active_name == "Alpha"
