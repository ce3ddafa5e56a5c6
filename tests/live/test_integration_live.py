"""The integration in Home Assistant's harness against real qBittorrent 4.2, 4.5, 5.1 and 5.3."""

from __future__ import annotations

from collections.abc import Callable
import logging
import time
from typing import Any

import aiohttp
from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest

from custom_components.qbittorrent_multi.const import DOMAIN
from tests.components.server_entries import add_server, poll
from tests.live_fixtures import (
    StartFakeQBittorrent,
    StartQBittorrent,
    shared_fixture_name,
)
from tests.real_qbittorrent import VERSIONS, RealQBittorrent, Version
from tests.torrent_files import make_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled", "enable_custom_integrations")

SELECT = "select.server_switcher_active_server"


async def add_through_the_flow(
    hass: HomeAssistant, server: RealQBittorrent, name: str
) -> ConfigEntry:
    """Add a server the way a user does: the config flow's user step."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": "user"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            "name": name,
            "url": server.url,
            "username": server.username,
            "password": server.password,
            "verify_ssl": True,
        },
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    await hass.async_block_till_done()
    entry = hass.config_entries.async_get_entry(result["result"].entry_id)
    assert entry is not None
    assert entry.state is ConfigEntryState.LOADED
    return entry


async def add_torrent_file(
    hass: HomeAssistant, server: RealQBittorrent, name: str
) -> None:
    """Add a real .torrent, its data already in the downloads, with add_torrent."""
    sample = make_torrent(server.downloads_dir, name)
    hass.config.allowlist_external_dirs.add(str(server.downloads_dir))
    await hass.services.async_call(
        DOMAIN,
        "add_torrent",
        {
            "torrent_files": [str(sample.torrent_path)],
            "save_path": str(server.downloads_dir),
        },
        blocking=True,
        return_response=True,
    )


async def server_reply(server: RealQBittorrent, endpoint: str) -> Any:
    """Ask the real server directly, as the truth to compare with."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        await http.post(
            f"{server.url}/api/v2/auth/login",
            data={"username": server.username, "password": server.password},
        )
        async with http.get(f"{server.url}/api/v2/{endpoint}") as response:
            return await response.json(content_type=None)


def state_of(hass: HomeAssistant, entity_id: str) -> str:
    """The state of an entity."""
    state = hass.states.get(entity_id)
    assert state is not None, f"{entity_id} does not exist"
    return state.state


async def _read_together(
    hass: HomeAssistant,
    entry: ConfigEntry,
    server: RealQBittorrent,
    *,
    field: str,
    entity_id: str,
    settled: Callable[[Any, str], bool],
) -> tuple[Any, str]:
    """A server_state field and the sensor showing it, read right after a poll.

    The server may change the field between the poll and the read (its disk
    measured, its listening port checked): both are read again until they
    settle, and the test then compares what it got.
    """
    for _ in range(20):
        await poll(hass, entry)
        truth = (await server_reply(server, "sync/maindata"))["server_state"][field]
        shown = state_of(hass, entity_id)
        if settled(truth, shown):
            break
        await hass.async_add_executor_job(time.sleep, 0.25)
    return truth, shown


def _measured(free: int, shown: str) -> bool:
    """A session's first reply may say 0 free space before the disk is measured."""
    return free != 0 and shown not in ("0", "0.0")


def _same(truth: str, shown: str) -> bool:
    return truth == shown


async def test_a_real_server_added_in_the_flow_shows_its_figures(
    hass: HomeAssistant, real_qbittorrent: RealQBittorrent
) -> None:
    """Entities carry what the real server reports, on every line."""
    entry = await add_through_the_flow(hass, real_qbittorrent, "Real")
    truth = await server_reply(real_qbittorrent, "sync/maindata")
    torrents = truth.get("torrents", {})

    assert state_of(hass, "sensor.real_torrents") == str(len(torrents))
    status, shown_status = await _read_together(
        hass,
        entry,
        real_qbittorrent,
        field="connection_status",
        entity_id="sensor.real_connection_status",
        settled=_same,
    )
    assert shown_status == status
    free, shown = await _read_together(
        hass,
        entry,
        real_qbittorrent,
        field="free_space_on_disk",
        entity_id="sensor.real_free_disk_space",
        settled=_measured,
    )
    assert _measured(free, shown), f"no measured free space: {free}, {shown}"
    if free < 0:
        # qBittorrent 4.x says -1 where it cannot measure its save path's disk.
        assert shown == STATE_UNKNOWN
    else:
        assert float(shown) == pytest.approx(free / 2**30, rel=0.02)
    assert state_of(hass, "binary_sensor.real_connectivity") == STATE_ON
    assert state_of(hass, "sensor.real_health") == "healthy"


@pytest.mark.parametrize("version", VERSIONS)
async def test_a_torrent_added_with_the_action_shows_up_in_the_counts(
    hass: HomeAssistant, start_qbittorrent: StartQBittorrent, version: Version
) -> None:
    """A real torrent added with add_torrent is counted, and seeds, after the next polls."""
    server = start_qbittorrent(version)
    entry = await add_through_the_flow(hass, server, "Real")
    assert state_of(hass, "sensor.real_torrents") == "0"

    await add_torrent_file(hass, server, "live-count.bin")
    for _ in range(40):
        await poll(hass, entry)
        if state_of(hass, "sensor.real_seeding_torrents") == "1":
            break
        await hass.async_add_executor_job(__import__("time").sleep, 0.25)

    assert state_of(hass, "sensor.real_torrents") == "1"
    assert state_of(hass, "sensor.real_seeding_torrents") == "1"


@pytest.mark.parametrize("version", VERSIONS)
async def test_a_stopped_server_goes_unavailable_and_comes_back_without_a_reload(
    hass: HomeAssistant,
    start_qbittorrent: StartQBittorrent,
    caplog: pytest.LogCaptureFixture,
    freezer: Any,
    version: Version,
) -> None:
    """Stopping the real server: unavailable, connectivity off, one log line; then recovery."""
    server = start_qbittorrent(version)
    entry = await add_through_the_flow(hass, server, "Real")
    coordinator = entry.runtime_data.coordinator

    server.stop()
    with caplog.at_level(logging.INFO, "custom_components.qbittorrent_multi"):
        for _ in range(3):
            freezer.tick(coordinator.update_interval)
            await poll(hass, entry)
        assert state_of(hass, "sensor.real_download_speed") == STATE_UNAVAILABLE
        assert state_of(hass, "binary_sensor.real_connectivity") == STATE_OFF
        assert state_of(hass, "sensor.real_health") == "unhealthy"

        server.start()
        freezer.tick(coordinator.update_interval)
        await poll(hass, entry)

    ours = [
        r
        for r in caplog.records
        if r.name.startswith("custom_components") and r.levelno >= logging.INFO
    ]
    assert [r.levelno for r in ours] == [logging.ERROR, logging.INFO]
    assert "refused" in ours[0].getMessage()
    assert "recovered" in ours[1].getMessage()
    assert state_of(hass, "binary_sensor.real_connectivity") == STATE_ON
    assert state_of(hass, "sensor.real_download_speed") != STATE_UNAVAILABLE
    assert entry.state is ConfigEntryState.LOADED


async def test_the_alternative_speed_switch_toggles_the_real_server(
    hass: HomeAssistant, real_qbittorrent: RealQBittorrent
) -> None:
    """The switch reads and changes qBittorrent's alternative speed mode."""
    await add_through_the_flow(hass, real_qbittorrent, "Real")
    switch = "switch.real_alternative_speed_limits"
    before = state_of(hass, switch)
    service = "turn_off" if before == STATE_ON else "turn_on"

    await hass.services.async_call(
        "switch", service, {"entity_id": switch}, blocking=True
    )
    await hass.async_block_till_done()
    mode = await server_reply(real_qbittorrent, "transfer/speedLimitsMode")

    assert state_of(hass, switch) != before
    assert mode == (1 if service == "turn_on" else 0)

    back = "turn_on" if service == "turn_off" else "turn_off"
    await hass.services.async_call("switch", back, {"entity_id": switch}, blocking=True)
    assert await server_reply(real_qbittorrent, "transfer/speedLimitsMode") == (
        1 if back == "turn_on" else 0
    )


async def test_every_line_and_a_fake_switch_and_add_up(
    hass: HomeAssistant,
    request: pytest.FixtureRequest,
    fake_qbittorrent: StartFakeQBittorrent,
) -> None:
    """Real 4.2, 4.5, 5.1, 5.3 and a fake at once: the select switches, fleet totals are the sums."""
    servers: dict[str, RealQBittorrent] = {
        f"Line {version}": request.getfixturevalue(shared_fixture_name(version))
        for version in VERSIONS
    }
    fake = await fake_qbittorrent("5.3")
    for number in range(3):
        fake.add_torrent(name=f"fake {number}", state="uploading")
    for name, server in servers.items():
        await add_through_the_flow(hass, server, name)
    await add_server(hass, fake, "Fake")

    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": SELECT, "option": "Line 5.1"},
        blocking=True,
    )
    assert state_of(hass, "sensor.server_switcher_active_server_name") == "Line 5.1"
    await hass.services.async_call(
        DOMAIN, "switch_server", {"server": "Fake"}, blocking=True
    )
    assert state_of(hass, "sensor.server_switcher_active_torrents_total") == "3"

    expected = 3
    for server in servers.values():
        expected += len(
            (await server_reply(server, "sync/maindata")).get("torrents", {})
        )
    assert state_of(hass, "sensor.server_switcher_total_torrents") == str(expected)
    assert state_of(hass, "sensor.server_switcher_servers_online") == "5"
    assert hass.states.get(SELECT).attributes["options"] == [  # type: ignore[union-attr]
        "Fake",
        *sorted(servers),
    ]
