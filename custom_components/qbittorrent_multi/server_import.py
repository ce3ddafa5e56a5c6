"""Adding servers in bulk: from the built-in qBittorrent integration or a list.

Every server goes through the config flow's import step, which checks it the
way the add-server form does (valid URL, not added yet, a working login), so
an import never creates an entry the form would have refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from homeassistant.config_entries import SOURCE_IMPORT, ConfigEntry, ConfigFlowResult
from homeassistant.const import (
    CONF_NAME,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from yarl import URL

from .client import normalise_url
from .const import CONF_API_KEY, DOMAIN

BUILTIN_DOMAIN: Final = "qbittorrent"
# The built-in integration titles every entry "qBittorrent" unless renamed;
# such a title says nothing about which server it is.
_BUILTIN_DEFAULT_TITLE: Final = "qBittorrent"
# Abort reasons of the import step that mean "this server is here already".
_DUPLICATE_REASONS: Final = frozenset({"already_configured", "already_in_progress"})
# Shown for an empty list in a summary.
NONE_SHOWN: Final = "—"


class ImportStatus(StrEnum):
    """What became of one server of an import."""

    IMPORTED = "imported"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The outcome for one server; `reason` is the import step's abort reason."""

    status: ImportStatus
    reason: str | None = None
    entry_id: str | None = None


def import_result(result: ConfigFlowResult) -> ImportResult:
    """Classify the result of one import flow."""
    if result["type"] is FlowResultType.CREATE_ENTRY:
        return ImportResult(ImportStatus.IMPORTED, entry_id=result["result"].entry_id)
    reason = result.get("reason")
    if reason in _DUPLICATE_REASONS:
        return ImportResult(ImportStatus.SKIPPED, reason=reason)
    return ImportResult(ImportStatus.FAILED, reason=reason)


async def async_import_server(
    hass: HomeAssistant, import_data: Mapping[str, Any]
) -> ImportResult:
    """Add one server through the config flow's import step."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_IMPORT}, data=dict(import_data)
    )
    return import_result(result)


@dataclass(frozen=True, slots=True)
class BuiltinServer:
    """A server of the built-in integration, as the import step takes it."""

    entry_id: str
    name: str
    import_data: Mapping[str, Any]
    # The normalised URL (our unique id); None when the URL is not one we take.
    unique_id: str | None


def _name(entry: ConfigEntry, url: str) -> str:
    if entry.title and entry.title != _BUILTIN_DEFAULT_TITLE:
        return entry.title
    return URL(url).host_port_subcomponent or url


def builtin_servers(hass: HomeAssistant) -> list[BuiltinServer]:
    """The servers set up in the built-in integration; their entries are only read."""
    servers = []
    for entry in hass.config_entries.async_entries(BUILTIN_DOMAIN):
        url = str(entry.data.get(CONF_URL, ""))
        try:
            unique_id: str | None = normalise_url(url)
        except ValueError:
            unique_id = None
        name = _name(entry, unique_id or url)
        servers.append(
            BuiltinServer(
                entry_id=entry.entry_id,
                name=name,
                import_data={
                    CONF_NAME: name,
                    CONF_URL: url,
                    CONF_USERNAME: entry.data.get(CONF_USERNAME, ""),
                    CONF_PASSWORD: entry.data.get(CONF_PASSWORD, ""),
                    CONF_API_KEY: "",
                    CONF_VERIFY_SSL: bool(entry.data.get(CONF_VERIFY_SSL, True)),
                },
                unique_id=unique_id,
            )
        )
    return servers


@dataclass(slots=True)
class ImportReport:
    """Which servers an import added, skipped as duplicates, or could not add."""

    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def add(self, name: str, status: ImportStatus) -> None:
        """Count one server's outcome."""
        {
            ImportStatus.IMPORTED: self.imported,
            ImportStatus.SKIPPED: self.skipped,
            ImportStatus.FAILED: self.failed,
        }[status].append(name)

    def placeholders(self) -> dict[str, str]:
        """The summary's {imported}, {skipped} and {failed} lists of names."""
        return {
            "imported": ", ".join(self.imported) or NONE_SHOWN,
            "skipped": ", ".join(self.skipped) or NONE_SHOWN,
            "failed": ", ".join(self.failed) or NONE_SHOWN,
        }
