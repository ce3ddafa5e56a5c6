"""Diagnostics of a qBittorrent server entry, with secrets redacted."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant

from .const import CONF_API_KEY
from .coordinator import QBittorrentConfigEntry
from .switcher import get_switcher, is_switcher_entry

TO_REDACT = {CONF_PASSWORD, CONF_API_KEY, CONF_USERNAME}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: QBittorrentConfigEntry
) -> dict[str, Any]:
    """Return what helps to understand a server's behaviour, and no secret."""
    if is_switcher_entry(entry):
        return _switcher_diagnostics(hass)
    coordinator = entry.runtime_data.coordinator
    client = entry.runtime_data.client
    maindata = coordinator.maindata
    version = client.version
    return {
        "entry": {
            "title": entry.title,
            "data": async_redact_data(dict(entry.data), TO_REDACT),
            "options": dict(entry.options),
        },
        "server": {
            "version": version.app if version else None,
            "webapi_version": ".".join(map(str, version.api)) if version else None,
            "authentication": "api_key" if client.uses_api_key else "password",
        },
        "polling": {
            "interval_seconds": coordinator.interval,
            "next_interval_seconds": (
                coordinator.update_interval.total_seconds()
                if coordinator.update_interval
                else None
            ),
            "last_update_success": coordinator.last_update_success,
            "rid": maindata.rid,
            "bytes_received": client.bytes_received,
        },
        "health": coordinator.health.as_dict(),
        "counts": dict(maindata.counts()),
        "categories": len(maindata.categories),
        "tags": len(maindata.tags),
        "server_state": dict(maindata.server_state),
    }


def _switcher_diagnostics(hass: HomeAssistant) -> dict[str, Any]:
    """The active server, the switcher's options and how each server is doing."""
    switcher = get_switcher(hass)
    servers: dict[str, dict[str, Any]] = {}
    for entry_id, name in switcher.labels().items():
        coordinator = switcher.coordinators.get(entry_id)
        servers[entry_id] = {
            "name": name,
            "loaded": coordinator is not None,
            "last_update_success": (
                coordinator.last_update_success if coordinator else None
            ),
            "health": coordinator.health.status.value if coordinator else None,
        }
    return {
        "active_entry_id": switcher.active_entry_id,
        "settings": asdict(switcher.settings),
        "servers": servers,
    }
