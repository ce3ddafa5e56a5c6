"""Rate limits and queue sizes of a qBittorrent server, shown and changed as numbers."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntity,
    NumberEntityDescription,
    NumberMode,
)
from homeassistant.const import EntityCategory, UnitOfDataRate
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import QBittorrentConfigEntry, QBittorrentCoordinator
from .entity import QBittorrentEntity
from .errors import invalid, server_request
from .server_settings import (
    KIB,
    MAX_QUEUE_SIZE,
    MAX_RATE_KIB,
    NO_QUEUE_LIMIT,
    PREFERENCE_KEYS,
    RATE_LIMITS,
    Setting,
)
from .settings_reader import SettingsReader
from .switcher import get_switcher
from .sync import Changes

# One change at a time per server: each is followed by reading it back.
PARALLEL_UPDATES = 1

# What a poll reports that may change a number.
_POLLED_FIELDS = frozenset({"download_limit", "upload_limit", "alternative_speed"})


@dataclass(frozen=True, kw_only=True)
class QBittorrentNumberEntityDescription(NumberEntityDescription):
    """A setting shown as a number, and how many of qBittorrent's units make one shown."""

    setting: Setting
    # qBittorrent keeps rates in bytes/s; they are shown in KiB/s.
    scale: int = 1
    # Every number is a setting, typed into a box one unit at a time.
    native_step: float | None = 1
    mode: NumberMode | None = NumberMode.BOX
    entity_category: EntityCategory | None = EntityCategory.CONFIG


def _rate(
    setting: Setting, key: str, *, enabled: bool
) -> QBittorrentNumberEntityDescription:
    return QBittorrentNumberEntityDescription(
        key=key,
        translation_key=key,
        setting=setting,
        scale=KIB,
        device_class=NumberDeviceClass.DATA_RATE,
        native_unit_of_measurement=UnitOfDataRate.KIBIBYTES_PER_SECOND,
        native_min_value=0,
        native_max_value=MAX_RATE_KIB,
        entity_registry_enabled_default=enabled,
    )


def _queue_size(setting: Setting) -> QBittorrentNumberEntityDescription:
    return QBittorrentNumberEntityDescription(
        key=setting.value,
        translation_key=setting.value,
        setting=setting,
        native_min_value=NO_QUEUE_LIMIT,
        native_max_value=MAX_QUEUE_SIZE,
        entity_registry_enabled_default=False,
    )


NUMBERS: tuple[QBittorrentNumberEntityDescription, ...] = (
    _rate(Setting.DOWNLOAD_LIMIT, "global_download_limit", enabled=True),
    _rate(Setting.UPLOAD_LIMIT, "global_upload_limit", enabled=True),
    _rate(Setting.ALT_DOWNLOAD_LIMIT, "alt_download_limit", enabled=False),
    _rate(Setting.ALT_UPLOAD_LIMIT, "alt_upload_limit", enabled=False),
    _queue_size(Setting.MAX_ACTIVE_DOWNLOADS),
    _queue_size(Setting.MAX_ACTIVE_UPLOADS),
    _queue_size(Setting.MAX_ACTIVE_TORRENTS),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: QBittorrentConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the limits and queue sizes of one server."""
    coordinator = entry.runtime_data.coordinator
    reader = SettingsReader(hass, coordinator, get_switcher(hass).polling.slots)
    entry.async_on_unload(reader.async_start())
    async_add_entities(
        QBittorrentNumber(coordinator, reader, description) for description in NUMBERS
    )


class QBittorrentNumber(QBittorrentEntity, NumberEntity):
    """A limit or queue size: what qBittorrent reports, and set on change."""

    entity_description: QBittorrentNumberEntityDescription

    def __init__(
        self,
        coordinator: QBittorrentCoordinator,
        reader: SettingsReader,
        description: QBittorrentNumberEntityDescription,
    ) -> None:
        """Show one setting of the server `reader` keeps current."""
        super().__init__(coordinator, description)
        self._reader = reader

    async def async_added_to_hass(self) -> None:
        """Follow reads of the preferences while the entity exists (is enabled)."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self._reader.async_follow(
                self.entity_description.setting, self._on_settings_read
            )
        )

    @callback
    def _on_settings_read(self, changed: frozenset[Setting]) -> None:
        if self.entity_description.setting in changed:
            self.async_write_if_changed()

    @property
    def native_value(self) -> float | None:
        """The setting as qBittorrent last reported it, in the unit shown."""
        value = self._reader.settings.get(self.entity_description.setting)
        if value is None:
            return None
        scale = self.entity_description.scale
        return value // scale if value % scale == 0 else value / scale

    def affected_by(self, changes: Changes) -> bool:
        """A poll can change a rate limit, or which mode's limits are in force."""
        return (
            self.entity_description.setting in RATE_LIMITS
            and not _POLLED_FIELDS.isdisjoint(changes.server_state)
        )

    async def async_set_native_value(self, value: float) -> None:
        """Set the setting on the server, then show what the server kept."""
        if not float(value).is_integer():
            raise invalid("whole_number_needed", value=str(value))
        description = self.entity_description
        key = PREFERENCE_KEYS[description.setting]
        async with server_request(self.coordinator) as client:
            await client.set_preferences({key: int(value) * description.scale})
        # Shown as the server kept it, not as sent: a setting the polls do
        # not report now is read back at once.
        if self._reader.needs_preferences(description.setting):
            await self._reader.async_read()
        await self.coordinator.async_refresh()
