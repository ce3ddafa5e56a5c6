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
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import (
    EntityCategory,
    UnitOfDataRate,
    UnitOfInformation,
    UnitOfTime,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .coordinator import QBittorrentCoordinator
from .entity import QBittorrentEntity, QBittorrentHealthEntity
from .entry_kind import by_kind, server_entry
from .health import HealthStatus, milliseconds
from .model import COUNT_KEYS
from .switcher_sensor import add_switcher_sensors
from .sync import Changes

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
    # The ServerState field the value comes from, "counts" for a torrent
    # count; None for a value every poll may change (health figures).
    reads: str | None = None


def _server_figure(field: str) -> Callable[[QBittorrentCoordinator], StateType]:
    def value(coordinator: QBittorrentCoordinator) -> StateType:
        figure: StateType = getattr(coordinator.maindata.server_state, field)
        return figure

    return value


def _ratio(coordinator: QBittorrentCoordinator) -> StateType:
    ratio = coordinator.maindata.server_state.global_ratio
    return None if ratio is None else round(ratio, 3)


def _connection_status(coordinator: QBittorrentCoordinator) -> StateType:
    status = coordinator.maindata.server_state.connection_status
    return status if status in CONNECTION_STATES else None


def _count(key: str) -> Callable[[QBittorrentCoordinator], StateType]:
    def value(coordinator: QBittorrentCoordinator) -> StateType:
        return coordinator.maindata.count(key)

    return value


def _response_time(coordinator: QBittorrentCoordinator) -> StateType:
    return milliseconds(coordinator.health.response_time)


def _speed(key: str, field: str) -> QBittorrentSensorEntityDescription:
    return QBittorrentSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_RATE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfDataRate.BYTES_PER_SECOND,
        suggested_unit_of_measurement=UnitOfDataRate.KIBIBYTES_PER_SECOND,
        suggested_display_precision=1,
        value_fn=_server_figure(field),
        reads=field,
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
        value_fn=_server_figure(field),
        reads=field,
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
        value_fn=_server_figure(field),
        reads=field,
    )


SENSORS: tuple[QBittorrentSensorEntityDescription, ...] = (
    _speed("download_speed", "download_speed"),
    _speed("upload_speed", "upload_speed"),
    _limit("download_limit", "download_limit"),
    _limit("upload_limit", "upload_limit"),
    _volume("session_downloaded", "session_downloaded"),
    _volume("session_uploaded", "session_uploaded"),
    _volume("alltime_downloaded", "alltime_downloaded"),
    _volume("alltime_uploaded", "alltime_uploaded"),
    QBittorrentSensorEntityDescription(
        key="global_ratio",
        translation_key="global_ratio",
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        value_fn=_ratio,
        reads="global_ratio",
    ),
    QBittorrentSensorEntityDescription(
        key="free_space",
        translation_key="free_space",
        device_class=SensorDeviceClass.DATA_SIZE,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.GIBIBYTES,
        suggested_display_precision=1,
        value_fn=_server_figure("free_space"),
        reads="free_space",
    ),
    QBittorrentSensorEntityDescription(
        key="connection_status",
        translation_key="connection_status",
        device_class=SensorDeviceClass.ENUM,
        options=CONNECTION_STATES,
        value_fn=_connection_status,
        reads="connection_status",
    ),
    QBittorrentSensorEntityDescription(
        key="dht_nodes",
        translation_key="dht_nodes",
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        value_fn=_server_figure("dht_nodes"),
        reads="dht_nodes",
    ),
    *(
        QBittorrentSensorEntityDescription(
            key=f"{key}_torrents",
            translation_key=f"{key}_torrents",
            state_class=SensorStateClass.MEASUREMENT,
            entity_registry_enabled_default=key in _COUNTS_ENABLED_BY_DEFAULT,
            value_fn=_count(key),
            reads="counts",
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


def _add_server_sensors(
    entry: ConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    coordinator = server_entry(entry).runtime_data.coordinator
    async_add_entities(
        (QBittorrentHealthSensor if description.health else QBittorrentSensor)(
            coordinator, description
        )
        for description in SENSORS
    )


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the sensors of one server, or the switcher's sensors."""
    by_kind(entry, server=_add_server_sensors, switcher=add_switcher_sensors)(
        entry, async_add_entities
    )


class QBittorrentSensor(QBittorrentEntity, SensorEntity):
    """A figure the server reports."""

    entity_description: QBittorrentSensorEntityDescription

    @property
    def native_value(self) -> StateType:
        """Read the value from the merged server state."""
        return self.entity_description.value_fn(self.coordinator)

    def shown(self) -> object:
        """Availability and value; the state converts the value, nothing more."""
        return (self.available, self.native_value)

    def affected_by(self, changes: Changes) -> bool:
        """Whether the poll changed what the value is read from."""
        reads = self.entity_description.reads
        if reads is None:
            return True
        if reads == "counts":
            return changes.counts
        return reads in changes.server_state


class QBittorrentHealthSensor(QBittorrentHealthEntity, QBittorrentSensor):
    """A health figure: shown while the server is down too."""
