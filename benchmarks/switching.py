"""Switching latency: select.select_option -> every follow-the-active sensor updated."""

from __future__ import annotations

from dataclasses import dataclass
import statistics
import time

from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback

from custom_components.qbittorrent_multi.switcher_sensor import SWITCHER_SENSORS

from .fake_process import FakeProcess
from .server_entries import add_server, switcher_entity_id

TITLES = ("Server A", "Server B")


@dataclass(frozen=True, slots=True)
class SwitchingFigures:
    """Latency of switches between two servers."""

    switches: int
    median: float
    longest: float
    sensors: int


def _follow_sensor_ids(hass: HomeAssistant) -> set[str]:
    keys = [
        description.key
        for description in SWITCHER_SENSORS
        if description.key.startswith("active_")
    ]
    return {switcher_entity_id(hass, "sensor", key) for key in keys}


async def measure_switching(
    hass: HomeAssistant, switches: int, torrents: int
) -> SwitchingFigures:
    """Two servers with different data; time `switches` selections, alternating."""
    fake = await FakeProcess.start(torrents=torrents, servers=2)
    try:
        # One churn step, so the two servers' speeds differ too.
        await fake.churn()
        for server, title in zip(fake.servers, TITLES, strict=True):
            await add_server(hass, server, title)
        select_id = switcher_entity_id(hass, "select", "active_server")
        follow_ids = _follow_sensor_ids(hass)
        name_id = switcher_entity_id(hass, "sensor", "active_server_name")
        changed: dict[str, float] = {}

        @callback
        def on_state_changed(event: Event[EventStateChangedData]) -> None:
            if event.data["entity_id"] in follow_ids:
                changed[event.data["entity_id"]] = time.perf_counter()

        unsubscribe = hass.bus.async_listen(EVENT_STATE_CHANGED, on_state_changed)
        latencies: list[float] = []
        try:
            for index in range(switches):
                target = TITLES[(index + 1) % 2]
                changed.clear()
                started = time.perf_counter()
                await hass.services.async_call(
                    "select",
                    "select_option",
                    {"entity_id": select_id, "option": target},
                    blocking=True,
                )
                await hass.async_block_till_done()
                if name_id not in changed:
                    raise RuntimeError(f"switching to {target} changed no sensor")
                latencies.append(max(changed.values()) - started)
        finally:
            unsubscribe()
    finally:
        await fake.stop()
    return SwitchingFigures(
        switches=switches,
        median=statistics.median(latencies),
        longest=max(latencies),
        sensors=len(follow_ids),
    )
