"""The device of a server in Home Assistant's device registry, kept current."""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr

from .const import DOMAIN


def device_identifier(entry_id: str) -> tuple[str, str]:
    """The identifier of a server's device: its entry, not its address."""
    return (DOMAIN, entry_id)


class ServerDevice:
    """Writes the server's version to its device when the server reports a new one."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Follow the device of the server entry `entry_id`."""
        self._hass = hass
        self._entry_id = entry_id
        # The version last written; the registry is only touched on a change.
        self._version: str | None = None

    @callback
    def async_set_version(self, app_version: str) -> None:
        """Keep the device's firmware field current (servers get upgraded)."""
        if app_version == self._version:
            return
        self._version = app_version
        registry = dr.async_get(self._hass)
        device = registry.async_get_device_by_identifier(
            device_identifier(self._entry_id), self._entry_id
        )
        if device is not None and device.sw_version != app_version:
            registry.async_update_device(device.id, sw_version=app_version)
