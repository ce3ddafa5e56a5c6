"""What a user sees of one server: its device, sensors, switch and connectivity."""

from __future__ import annotations

from datetime import timedelta
import logging

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest

from custom_components.qbittorrent_multi.const import DOMAIN
from tests.components.server_entries import add_server, coordinator_of, poll
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent

KIB = 1024
GIB = 1024**3


@pytest.fixture
async def server(fake_qbittorrent: StartFakeQBittorrent) -> FakeQBittorrent:
    """A qBittorrent 5.3 server with known figures and two torrents."""
    server = await fake_qbittorrent("5.3")
    server.set_server_state(
        dl_info_speed=2048,
        up_info_speed=512,
        dl_info_data=3 * GIB,
        up_info_data=GIB,
        alltime_dl=40 * GIB,
        alltime_ul=20 * GIB,
        global_ratio="0.50",
        free_space_on_disk=500 * GIB,
        connection_status="firewalled",
        use_alt_speed_limits=False,
    )
    server.add_torrent(hash="a" * 40, name="Debian", state="uploading", upspeed=512)
    server.add_torrent(hash="b" * 40, name="Fedora", state="downloading", progress=0.5)
    return server


def number(hass: HomeAssistant, entity_id: str) -> float:
    """The numeric state of an entity."""
    state = hass.states.get(entity_id)
    assert state is not None, f"{entity_id} does not exist"
    return float(state.state)


def state_of(hass: HomeAssistant, entity_id: str) -> str:
    """The state of an entity."""
    state = hass.states.get(entity_id)
    assert state is not None, f"{entity_id} does not exist"
    return state.state


async def test_sensors_show_what_the_server_reports(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Speeds, volumes, ratio, free space and status match the server's figures."""
    await add_server(hass, server)

    assert number(hass, "sensor.nas_download_speed") == pytest.approx(2048 / KIB)
    assert number(hass, "sensor.nas_upload_speed") == pytest.approx(512 / KIB)
    assert number(hass, "sensor.nas_downloaded_this_session") == pytest.approx(3)
    assert number(hass, "sensor.nas_all_time_uploaded") == pytest.approx(20)
    assert number(hass, "sensor.nas_global_ratio") == pytest.approx(0.5)
    assert number(hass, "sensor.nas_free_disk_space") == pytest.approx(500)
    assert state_of(hass, "sensor.nas_connection_status") == "firewalled"
    assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_ON
    assert state_of(hass, "switch.nas_alternative_speed_limits") == STATE_OFF


async def test_torrent_counts_follow_the_server_after_deltas(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Counts change with the incremental updates, without a full resync."""
    entry = await add_server(hass, server)
    assert number(hass, "sensor.nas_torrents") == 2
    assert number(hass, "sensor.nas_seeding_torrents") == 1
    assert number(hass, "sensor.nas_downloading_torrents") == 1

    server.update_torrent("b" * 40, state="uploading", progress=1.0)
    server.add_torrent(hash="c" * 40, name="Arch", state="error")
    await poll(hass, entry)

    assert number(hass, "sensor.nas_torrents") == 3
    assert number(hass, "sensor.nas_seeding_torrents") == 2
    assert number(hass, "sensor.nas_downloading_torrents") == 0
    assert number(hass, "sensor.nas_errored_torrents") == 1
    assert server.requests_to("sync/maindata")[-1].params["rid"] != "0"


async def test_the_device_is_named_after_the_server_and_links_its_webui(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Each server is its own device: the user's name, version, WebUI link."""
    entry = await add_server(hass, server, title="Seedbox")

    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, entry.entry_id), entry.entry_id
    )
    assert device is not None
    assert device.name == "Seedbox"
    assert device.manufacturer == "qBittorrent"
    assert device.sw_version == "v5.3.0"
    assert device.configuration_url == server.url
    assert device.entry_type is dr.DeviceEntryType.SERVICE


async def test_entities_are_identified_by_the_config_entry(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Unique ids are the config entry's id plus the entity key, not the URL."""
    config_entry = await add_server(hass, server)

    entry = er.async_get(hass).async_get("sensor.nas_download_speed")
    assert entry is not None
    assert entry.unique_id == f"{config_entry.entry_id}_download_speed"


async def test_rarely_needed_sensors_start_disabled(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Limits, DHT nodes and the rarer counts are one click away, not on the dashboard."""
    await add_server(hass, server)
    registry = er.async_get(hass)

    for entity_id in (
        "sensor.nas_download_speed_limit",
        "sensor.nas_dht_nodes",
        "sensor.nas_stalled_torrents",
    ):
        entity = registry.async_get(entity_id)
        assert entity is not None
        assert entity.disabled_by is er.RegistryEntryDisabler.INTEGRATION


async def test_a_server_going_away_makes_data_unavailable_but_not_its_health(
    hass: HomeAssistant, server: FakeQBittorrent, caplog: pytest.LogCaptureFixture
) -> None:
    """Data entities go unavailable; connectivity turns off; health stays visible."""
    entry = await add_server(hass, server)
    server.mode = "status_502"

    await poll(hass, entry)

    assert state_of(hass, "sensor.nas_download_speed") == STATE_UNAVAILABLE
    assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_OFF
    assert state_of(hass, "sensor.nas_health") == "warning"
    assert state_of(hass, "sensor.nas_response_time") != STATE_UNAVAILABLE


async def test_repeated_failures_make_the_server_unhealthy_with_one_log_line(
    hass: HomeAssistant,
    server: FakeQBittorrent,
    caplog: pytest.LogCaptureFixture,
    freezer: object,
) -> None:
    """The health turns unhealthy at the threshold; the log says it once, no traceback."""
    entry = await add_server(hass, server)
    server.mode = "status_502"
    coordinator = coordinator_of(entry)

    with caplog.at_level(logging.DEBUG, "custom_components.qbittorrent_multi"):
        for _ in range(3):
            # Each attempt waits out the backoff the previous failure set.
            freezer.tick(coordinator.update_interval)  # type: ignore[attr-defined]
            await poll(hass, entry)

    assert state_of(hass, "sensor.nas_health") == "unhealthy"
    errors = [
        r
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith("custom_components")
    ]
    assert len(errors) == 1
    assert "NAS" in errors[0].getMessage()
    assert "502" in errors[0].getMessage()
    assert errors[0].exc_info is None


async def test_failures_back_off_and_recovery_restores_the_interval(
    hass: HomeAssistant, server: FakeQBittorrent, freezer: FrozenDateTimeFactory
) -> None:
    """Waits grow while the server fails and return to the interval when it answers."""
    entry = await add_server(hass, server)
    coordinator = coordinator_of(entry)
    normal = coordinator.update_interval
    server.mode = "status_502"

    waits: list[timedelta] = []
    for _ in range(3):
        assert coordinator.update_interval is not None
        freezer.tick(coordinator.update_interval)
        await poll(hass, entry)
        waits.append(coordinator.update_interval)
    assert waits[0] < waits[1] < waits[2]

    server.mode = None
    assert coordinator.update_interval is not None
    freezer.tick(coordinator.update_interval)
    await poll(hass, entry)

    assert coordinator.update_interval == normal
    assert state_of(hass, "sensor.nas_download_speed") != STATE_UNAVAILABLE
    assert state_of(hass, "sensor.nas_health") == "healthy"


async def test_an_open_circuit_sends_nothing_until_its_wait_is_over(
    hass: HomeAssistant, server: FakeQBittorrent, freezer: object
) -> None:
    """After the threshold, a refresh inside the wait does not touch the server."""
    entry = await add_server(hass, server)
    coordinator = coordinator_of(entry)
    server.mode = "status_502"
    for _ in range(3):
        freezer.tick(coordinator.update_interval)  # type: ignore[attr-defined]
        await poll(hass, entry)
    sent = len(server.requests)

    await poll(hass, entry)

    assert len(server.requests) == sent


async def test_the_first_attempt_after_an_open_circuit_is_the_cheapest_call(
    hass: HomeAssistant, server: FakeQBittorrent, freezer: object
) -> None:
    """A half-open circuit probes app/webapiVersion before syncing again."""
    entry = await add_server(hass, server)
    coordinator = coordinator_of(entry)
    server.mode = "status_502"
    for _ in range(3):
        freezer.tick(coordinator.update_interval)  # type: ignore[attr-defined]
        await poll(hass, entry)
    server.mode = None
    sent = len(server.requests)

    freezer.tick(coordinator.update_interval)  # type: ignore[attr-defined]
    await poll(hass, entry)

    endpoints = [request.endpoint for request in server.requests[sent:]]
    assert endpoints[0] == "app/webapiVersion"
    assert "sync/maindata" in endpoints
    assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_ON


async def test_a_server_restart_is_recovered_without_stale_torrents(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """A restarted server (sessions and rid reset) is resynced on the next poll."""
    entry = await add_server(hass, server)
    server.remove_torrent("a" * 40)
    server.restart()

    await poll(hass, entry)

    assert number(hass, "sensor.nas_torrents") == 1
    assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_ON


async def test_a_changed_password_starts_reauthentication_after_one_login(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Bad credentials ask the user instead of retrying: one failed login, then none."""
    entry = await add_server(hass, server)
    server.set_password("changed on the server")
    server.expire_sessions()
    logins = len(server.requests_to("auth/login"))

    await poll(hass, entry)
    await poll(hass, entry)

    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
    assert len(server.requests_to("auth/login")) == logins + 1


async def test_the_alternative_speed_switch_changes_the_server(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Turning the switch on turns the server's alternative limits on, and back off."""
    await add_server(hass, server)

    await hass.services.async_call(
        "switch",
        "turn_on",
        {"entity_id": "switch.nas_alternative_speed_limits"},
        blocking=True,
    )
    await hass.async_block_till_done()
    turned_on = server.alt_speed_enabled
    assert turned_on is True
    assert state_of(hass, "switch.nas_alternative_speed_limits") == STATE_ON

    await hass.services.async_call(
        "switch",
        "turn_off",
        {"entity_id": "switch.nas_alternative_speed_limits"},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert server.alt_speed_enabled is False
    assert state_of(hass, "switch.nas_alternative_speed_limits") == STATE_OFF


async def test_the_switch_reports_a_failing_server_in_words(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """A toggle that the server refuses raises a translated error."""
    from homeassistant.exceptions import HomeAssistantError

    await add_server(hass, server)
    server.mode = "status_500"

    with pytest.raises(HomeAssistantError) as info:
        await hass.services.async_call(
            "switch",
            "turn_on",
            {"entity_id": "switch.nas_alternative_speed_limits"},
            blocking=True,
        )
    assert info.value.translation_key == "action_failed"
    assert server.alt_speed_enabled is False
