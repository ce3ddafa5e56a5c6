"""Diagnostics of a server entry and of the switcher entry, with secrets redacted."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant
import msgspec

from .const import CONF_API_KEY
from .entry_kind import by_kind, server_entry, switcher_entry

TO_REDACT = {CONF_PASSWORD, CONF_API_KEY, CONF_USERNAME}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: ConfigEntry
) -> dict[str, Any]:
    """Return what helps to understand the entry's behaviour, and no secret."""
    describe = by_kind(
        entry, server=_server_diagnostics, switcher=_switcher_diagnostics
    )
    return describe(entry)


def _server_diagnostics(entry: ConfigEntry) -> dict[str, Any]:
    """A server's version, polling, health and figures."""
    runtime = server_entry(entry).runtime_data
    coordinator = runtime.coordinator
    client = runtime.client
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
        "counts": maindata.counts(),
        "categories": len(maindata.categories),
        "tags": len(maindata.tags),
        "server_state": msgspec.structs.asdict(maindata.server_state),
    }


def _switcher_diagnostics(entry: ConfigEntry) -> dict[str, Any]:
    """The active server, the switcher's options and how each server is doing."""
    switcher = switcher_entry(entry).runtime_data
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
