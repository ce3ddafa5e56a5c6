"""Limit and queue numbers and the start/stop buttons against real qBittorrent 4.2, 4.5, 5.1 and 5.3."""

from __future__ import annotations

import time
from typing import Any

from homeassistant.core import HomeAssistant
import pytest

from tests.components.controls import (
    ALT_DOWNLOAD,
    ALT_UPLOAD,
    GLOBAL_DOWNLOAD,
    GLOBAL_UPLOAD,
    KIB,
    MAX_TORRENTS,
    add_server_enabling,
    press,
    set_number,
    value_of,
)
from tests.components.server_entries import coordinator_of
from tests.live.test_integration_live import add_torrent_file, server_reply
from tests.live_fixtures import StartQBittorrent
from tests.real_qbittorrent import VERSIONS, RealQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled", "enable_custom_integrations")

ALTERNATIVE_SWITCH = "switch.nas_alternative_speed_limits"


@pytest.fixture(params=VERSIONS, ids=[f"qbt{version}" for version in VERSIONS])
def server(
    request: pytest.FixtureRequest, start_qbittorrent: StartQBittorrent
) -> RealQBittorrent:
    """A private real server of each line, so its settings can change freely."""
    return start_qbittorrent(request.param)


async def preferences(server: RealQBittorrent) -> dict[str, Any]:
    """What the real server's app/preferences says."""
    reply: dict[str, Any] = await server_reply(server, "app/preferences")
    return reply


async def limits_in_force(server: RealQBittorrent) -> tuple[int, int]:
    """The download and upload limits sync/maindata reports."""
    state = (await server_reply(server, "sync/maindata"))["server_state"]
    return state["dl_rate_limit"], state["up_rate_limit"]


async def switch(hass: HomeAssistant, service: str) -> None:
    """Turn the alternative speed limits on or off."""
    await hass.services.async_call(
        "switch", service, {"entity_id": ALTERNATIVE_SWITCH}, blocking=True
    )
    await hass.async_block_till_done()


async def test_the_global_limits_set_and_show_the_real_limits(
    hass: HomeAssistant, server: RealQBittorrent
) -> None:
    """Set in KiB/s, kept by the server in bytes/s, shown as the server reports them."""
    await add_server_enabling(hass, server)

    await set_number(hass, GLOBAL_DOWNLOAD, 300)
    await set_number(hass, GLOBAL_UPLOAD, 0)

    settings = await preferences(server)
    assert (settings["dl_limit"], settings["up_limit"]) == (300 * KIB, 0)
    assert await limits_in_force(server) == (300 * KIB, 0)
    assert (value_of(hass, GLOBAL_DOWNLOAD), value_of(hass, GLOBAL_UPLOAD)) == (
        "300",
        "0",
    )


async def test_in_alternative_mode_each_number_keeps_its_own_limit(
    hass: HomeAssistant, server: RealQBittorrent
) -> None:
    """The global number sets the global limit; the alternative one the limit in force."""
    await add_server_enabling(hass, server, ALT_DOWNLOAD, ALT_UPLOAD)
    await set_number(hass, GLOBAL_DOWNLOAD, 300)
    await switch(hass, "turn_on")
    assert value_of(hass, GLOBAL_DOWNLOAD) == "300"
    assert value_of(hass, ALT_DOWNLOAD) == "10"

    await set_number(hass, GLOBAL_DOWNLOAD, 400)
    await set_number(hass, ALT_UPLOAD, 20)

    assert (await preferences(server))["dl_limit"] == 400 * KIB
    assert await limits_in_force(server) == (10 * KIB, 20 * KIB)
    assert value_of(hass, GLOBAL_DOWNLOAD) == "400"
    assert value_of(hass, ALT_UPLOAD) == "20"
    await switch(hass, "turn_off")
    assert await limits_in_force(server) == (400 * KIB, 0)
    assert value_of(hass, GLOBAL_DOWNLOAD) == "400"


async def test_a_queue_size_sets_the_real_queue(
    hass: HomeAssistant, server: RealQBittorrent
) -> None:
    """-1 lifts the limit, as qBittorrent's options do."""
    await add_server_enabling(hass, server, MAX_TORRENTS)
    assert value_of(hass, MAX_TORRENTS) == "5"

    await set_number(hass, MAX_TORRENTS, -1)

    assert (await preferences(server))["max_active_torrents"] == -1
    assert value_of(hass, MAX_TORRENTS) == "-1"


async def test_the_buttons_stop_and_start_every_real_torrent(
    hass: HomeAssistant, server: RealQBittorrent
) -> None:
    """Stop all and start all reach every torrent, with each line's own endpoints."""
    entry = await add_server_enabling(hass, server)
    for name in ("one.bin", "two.bin"):
        await add_torrent_file(hass, server, name)

    async def stopped_count() -> int:
        await coordinator_of(entry).async_refresh()
        await hass.async_block_till_done()
        return int(value_of(hass, "sensor.nas_stopped_torrents"))

    async def until(count: int) -> None:
        deadline = time.monotonic() + 30
        while (now := await stopped_count()) != count:
            assert time.monotonic() < deadline, f"{now} stopped torrents, not {count}"
            await hass.async_add_executor_job(time.sleep, 0.3)

    await until(0)
    await press(hass, "button.nas_stop_all_torrents")
    await until(2)
    await press(hass, "button.nas_start_all_torrents")
    await until(0)
