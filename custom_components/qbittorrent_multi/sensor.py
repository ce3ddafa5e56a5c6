"""Sensors of a qBittorrent server: transfer figures, torrent counts and health."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
    EntityCategory,
    UnitOfDataRate,
    UnitOfInformation,
    UnitOfTime,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .coordinator import QBittorrentConfigEntry, QBittorrentCoordinator
from .entity import QBittorrentEntity, QBittorrentHealthEntity
from .health import HealthStatus
from .switcher import get_switcher, is_switcher_entry
from .switcher_sensor import add_switcher_sensors
from .sync import COUNT_KEYS

# The coordinator polls; entities only read what it merged.
PARALLEL_UPDATES = 0

CONNECTION_STATES = ["connected", "firewalled", "disconnected"]
# Counts shown by default; the rarer states are one click away.
_COUNTS_ENABLED_BY_DEFAULT = frozenset(
    {"total", "downloading", "seeding", "stopped", "active", "errored"}
)


@dataclass(frozen=True, kw_only=True)
class QBittorrentSensorEntityDescription(SensorEntityDescription):
    """A sensor and how it reads its value from the coordinator."""

    value_fn: Callable[[QBittorrentCoordinator], StateType]
    health: bool = False


def _server_number(field: str) -> Callable[[QBittorrentCoordinator], StateType]:
    def value(coordinator: QBittorrentCoordinator) -> StateType:
        raw = coordinator.maindata.server_state.get(field)
        return raw if isinstance(raw, (int, float)) else None

    return value


def _free_space(coordinator: QBittorrentCoordinator) -> StateType:
    # qBittorrent says -1 when it cannot tell the free space of its save path
    # (4.x does on a mount it cannot resolve): that is unknown, not a size.
    raw = coordinator.maindata.server_state.get("free_space_on_disk")
    return raw if isinstance(raw, (int, float)) and raw >= 0 else None


def _ratio(coordinator: QBittorrentCoordinator) -> StateType:
    # qBittorrent sends the global ratio as a string ("1.23").
    try:
        return round(float(coordinator.maindata.server_state["global_ratio"]), 3)
    except KeyError, TypeError, ValueError:
        return None


def _connection_status(coordinator: QBittorrentCoordinator) -> StateType:
    status = coordinator.maindata.server_state.get("connection_status")
    return status if status in CONNECTION_STATES else None


def _count(key: str) -> Callable[[QBittorrentCoordinator], StateType]:
    def value(coordinator: QBittorrentCoordinator) -> StateType:
        return coordinator.maindata.counts()[key]

    return value


def _response_time(coordinator: QBittorrentCoordinator) -> StateType:
    seconds = coordinator.health.response_time
    return None if seconds is None else round(seconds * 1000, 1)


def _speed(key: str, field: str) -> QBittorrentSensorEntityDescription:
    return QBittorrentSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_RATE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfDataRate.BYTES_PER_SECOND,
        suggested_unit_of_measurement=UnitOfDataRate.KIBIBYTES_PER_SECOND,
        suggested_display_precision=1,
        value_fn=_server_number(field),
    )


def _limit(key: str, field: str) -> QBittorrentSensorEntityDescription:
    return QBittorrentSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_RATE,
        native_unit_of_measurement=UnitOfDataRate.BYTES_PER_SECOND,
        suggested_unit_of_measurement=UnitOfDataRate.KIBIBYTES_PER_SECOND,
        suggested_display_precision=0,
        entity_registry_enabled_default=False,
        value_fn=_server_number(field),
    )


def _volume(key: str, field: str) -> QBittorrentSensorEntityDescription:
    return QBittorrentSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_SIZE,
        state_class=SensorStateClass.TOTAL_INCREASING,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.GIBIBYTES,
        suggested_display_precision=2,
        value_fn=_server_number(field),
    )


SENSORS: tuple[QBittorrentSensorEntityDescription, ...] = (
    _speed("download_speed", "dl_info_speed"),
    _speed("upload_speed", "up_info_speed"),
    _limit("download_limit", "dl_rate_limit"),
    _limit("upload_limit", "up_rate_limit"),
    _volume("session_downloaded", "dl_info_data"),
    _volume("session_uploaded", "up_info_data"),
    _volume("alltime_downloaded", "alltime_dl"),
    _volume("alltime_uploaded", "alltime_ul"),
    QBittorrentSensorEntityDescription(
        key="global_ratio",
        translation_key="global_ratio",
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        value_fn=_ratio,
    ),
    QBittorrentSensorEntityDescription(
        key="free_space",
        translation_key="free_space",
        device_class=SensorDeviceClass.DATA_SIZE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.GIBIBYTES,
        suggested_display_precision=1,
        value_fn=_free_space,
    ),
    QBittorrentSensorEntityDescription(
        key="connection_status",
        translation_key="connection_status",
        device_class=SensorDeviceClass.ENUM,
        options=CONNECTION_STATES,
        value_fn=_connection_status,
    ),
    QBittorrentSensorEntityDescription(
        key="dht_nodes",
        translation_key="dht_nodes",
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        value_fn=_server_number("dht_nodes"),
    ),
    *(
        QBittorrentSensorEntityDescription(
            key=f"{key}_torrents",
            translation_key=f"{key}_torrents",
            state_class=SensorStateClass.MEASUREMENT,
            entity_registry_enabled_default=key in _COUNTS_ENABLED_BY_DEFAULT,
            value_fn=_count(key),
        )
        for key in COUNT_KEYS
    ),
    QBittorrentSensorEntityDescription(
        key="health_status",
        translation_key="health_status",
        device_class=SensorDeviceClass.ENUM,
        options=[status.value for status in HealthStatus],
        entity_category=EntityCategory.DIAGNOSTIC,
        health=True,
        value_fn=lambda coordinator: coordinator.health.status.value,
    ),
    QBittorrentSensorEntityDescription(
        key="response_time",
        translation_key="response_time",
        device_class=SensorDeviceClass.DURATION,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfTime.MILLISECONDS,
        suggested_display_precision=0,
        entity_category=EntityCategory.DIAGNOSTIC,
        health=True,
        value_fn=_response_time,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: QBittorrentConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the sensors of one server, or the switcher's sensors."""
    if is_switcher_entry(entry):
        add_switcher_sensors(get_switcher(hass), async_add_entities)
        return
    coordinator = entry.runtime_data.coordinator
    async_add_entities(
        (QBittorrentHealthSensor if description.health else QBittorrentSensor)(
            coordinator, description
        )
        for description in SENSORS
    )


class QBittorrentSensor(QBittorrentEntity, SensorEntity):
    """A figure the server reports."""

    entity_description: QBittorrentSensorEntityDescription

    @property
    def native_value(self) -> StateType:
        """Read the value from the merged server state."""
        return self.entity_description.value_fn(self.coordinator)


class QBittorrentHealthSensor(QBittorrentHealthEntity, QBittorrentSensor):
    """A health figure: shown while the server is down too."""
