"""Steps that bring config entries written by older versions up to date."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er

from .const import DOMAIN, LOGGER
from .entry_kind import is_switcher_entry
from .server_device import device_identifier

# Version 1.2 keys a server's entities and device on the config entry, not on
# its URL (the entry's unique id), so that a server that moves keeps them.
ENTRY_KEYED_MINOR_VERSION = 2


async def async_migrate(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Run every step between the entry's version and the current one."""
    if entry.version != 1:
        # A major version from the future: nothing here knows how to read it.
        return False
    if entry.minor_version < ENTRY_KEYED_MINOR_VERSION:
        if not is_switcher_entry(entry):
            await _async_key_on_the_entry(hass, entry)
        hass.config_entries.async_update_entry(
            entry, minor_version=ENTRY_KEYED_MINOR_VERSION
        )
    return True


async def _async_key_on_the_entry(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Move a server's entities and device from URL keys to entry keys.

    The registry entries are updated, not replaced, so every entity keeps its
    entity_id, name, icon, area, disabled state and history, and the device
    keeps its id (automations and dashboards that name it keep working).
    """
    url = entry.unique_id
    if url is None:
        return
    entities = er.async_get(hass)
    old_prefix = f"{url}_"

    @callback
    def rekey(registry_entry: er.RegistryEntry) -> dict[str, str] | None:
        if not registry_entry.unique_id.startswith(old_prefix):
            return None
        key = registry_entry.unique_id.removeprefix(old_prefix)
        unique_id = f"{entry.entry_id}_{key}"
        if entities.async_get_entity_id(registry_entry.domain, DOMAIN, unique_id):
            # Already there (an interrupted migration): the newer one stays.
            return None
        return {"new_unique_id": unique_id}

    await er.async_migrate_entries(hass, entry.entry_id, rekey)

    devices = dr.async_get(hass)
    device = devices.async_get_device(identifiers={(DOMAIN, url)})
    keyed = device_identifier(entry.entry_id)
    if device is None or devices.async_get_device(identifiers={keyed}):
        return
    devices.async_update_device(device.id, new_identifiers={keyed})
    LOGGER.debug("Entities and device of %s are now keyed on its entry", entry.title)
