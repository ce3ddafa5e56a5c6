"""Sensors of the switcher: the active server's figures and the fleet's totals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import UnitOfDataRate
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .entry_kind import switcher_entry
from .fleet_totals import FLEET_COUNT_KEYS
from .health import HealthStatus
from .switcher import ServerSwitcher
from .switcher_entity import SwitcherEntity

ACTIVE_COUNT_KEYS = ("total", "downloading", "seeding", "stopped", "errored", "active")


@dataclass(frozen=True, kw_only=True)
class SwitcherSensorEntityDescription(SensorEntityDescription):
    """A switcher sensor and how it reads the fleet."""

    value_fn: Callable[[ServerSwitcher], StateType]
    # Sensors that follow the active server go unavailable with it.
    follows_active: bool = False
    # What the value is read from: every server ("fleet"), the active server
    # ("active"), or only the choice and the server entries ("choice"); a
    # server's poll is looked at only by the sensors it can change.
    reads: Literal["fleet", "active", "choice"] = "fleet"


def _active_figure(field: str) -> Callable[[ServerSwitcher], StateType]:
    def value(switcher: ServerSwitcher) -> StateType:
        active = switcher.active
        if active is None:
            return None
        figure: StateType = getattr(active.maindata.server_state, field)
        return figure

    return value


def _active_count(key: str) -> Callable[[ServerSwitcher], StateType]:
    def value(switcher: ServerSwitcher) -> StateType:
        active = switcher.active
        return None if active is None else active.maindata.count(key)

    return value


def _fleet_count(key: str) -> Callable[[ServerSwitcher], StateType]:
    def value(switcher: ServerSwitcher) -> StateType:
        return switcher.totals.sum.count(key)

    return value


def _fleet_figure(field: str) -> Callable[[ServerSwitcher], StateType]:
    def value(switcher: ServerSwitcher) -> StateType:
        figure: int = getattr(switcher.totals.sum, field)
        return figure

    return value


def _active_health(switcher: ServerSwitcher) -> StateType:
    active = switcher.active
    return None if active is None else active.health.status.value


def _speed(
    key: str, value_fn: Callable[[ServerSwitcher], StateType], *, follows_active: bool
) -> SwitcherSensorEntityDescription:
    return SwitcherSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_RATE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfDataRate.BYTES_PER_SECOND,
        suggested_unit_of_measurement=UnitOfDataRate.KIBIBYTES_PER_SECOND,
        suggested_display_precision=1,
        value_fn=value_fn,
        follows_active=follows_active,
        reads="active" if follows_active else "fleet",
    )


def _counter(
    key: str, value_fn: Callable[[ServerSwitcher], StateType], *, follows_active: bool
) -> SwitcherSensorEntityDescription:
    return SwitcherSensorEntityDescription(
        key=key,
        translation_key=key,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=value_fn,
        follows_active=follows_active,
        reads="active" if follows_active else "fleet",
    )


SWITCHER_SENSORS: tuple[SwitcherSensorEntityDescription, ...] = (
    SwitcherSensorEntityDescription(
        key="active_server_name",
        translation_key="active_server_name",
        value_fn=lambda switcher: switcher.active_name,
        reads="choice",
    ),
    _speed(
        "active_download_speed", _active_figure("download_speed"), follows_active=True
    ),
    _speed("active_upload_speed", _active_figure("upload_speed"), follows_active=True),
    *(
        _counter(f"active_{key}_torrents", _active_count(key), follows_active=True)
        for key in ACTIVE_COUNT_KEYS
    ),
    SwitcherSensorEntityDescription(
        key="active_health_status",
        translation_key="active_health_status",
        device_class=SensorDeviceClass.ENUM,
        options=[status.value for status in HealthStatus],
        value_fn=_active_health,
        reads="active",
    ),
    _speed(
        "fleet_download_speed", _fleet_figure("download_speed"), follows_active=False
    ),
    _speed("fleet_upload_speed", _fleet_figure("upload_speed"), follows_active=False),
    # Servers are added, removed and renamed only by entry changes, never by
    # a poll.
    SwitcherSensorEntityDescription(
        key="servers_total",
        translation_key="servers_total",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda switcher: len(switcher.server_entries()),
        reads="choice",
    ),
    _counter("servers_online", _fleet_figure("online"), follows_active=False),
    _counter("servers_unhealthy", _fleet_figure("unhealthy"), follows_active=False),
    *(
        _counter(f"fleet_{key}_torrents", _fleet_count(key), follows_active=False)
        for key in FLEET_COUNT_KEYS
    ),
)


def add_switcher_sensors(
    entry: ConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the switcher's sensors."""
    switcher = switcher_entry(entry).runtime_data
    async_add_entities(
        SwitcherSensor(switcher, description) for description in SWITCHER_SENSORS
    )


class SwitcherSensor(SwitcherEntity, SensorEntity):
    """A figure of the active server or of the whole fleet."""

    entity_description: SwitcherSensorEntityDescription

    @property
    def available(self) -> bool:
        """Active-server figures need a reachable active server."""
        if not self.entity_description.follows_active:
            return True
        active = self.switcher.active
        return active is not None and active.health.is_up

    @property
    def native_value(self) -> StateType:
        """Read the value from the switcher."""
        return self.entity_description.value_fn(self.switcher)

    def shown(self) -> object:
        """Availability and value: the state is written when either changes."""
        return (self.available, self.native_value)

    def follows(self, entry_id: str) -> bool:
        """Whether that server's poll can change the value."""
        reads = self.entity_description.reads
        if reads == "active":
            return entry_id == self.switcher.active_entry_id
        return reads == "fleet"
