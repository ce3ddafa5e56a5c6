"""Server entries and the switcher entry: telling them apart, and typing each."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from homeassistant.config_entries import ConfigEntry

from .const import CONF_ENTRY_KIND, KIND_SWITCHER

if TYPE_CHECKING:
    from .coordinator import QBittorrentConfigEntry
    from .switcher import SwitcherConfigEntry


def is_switcher_entry(entry: ConfigEntry) -> bool:
    """Whether an entry of this domain is the switcher rather than a server."""
    return entry.data.get(CONF_ENTRY_KIND) == KIND_SWITCHER


def by_kind[T](entry: ConfigEntry, *, server: T, switcher: T) -> T:
    """What to use for an entry, by its kind: one of two."""
    return switcher if is_switcher_entry(entry) else server


def server_entry(entry: ConfigEntry) -> QBittorrentConfigEntry:
    """A loaded server entry, typed as one."""
    if is_switcher_entry(entry):
        raise TypeError(f"{entry.title} is the switcher, not a server")
    return cast("QBittorrentConfigEntry", entry)


def switcher_entry(entry: ConfigEntry) -> SwitcherConfigEntry:
    """The loaded switcher entry, typed as one."""
    if not is_switcher_entry(entry):
        raise TypeError(f"{entry.title} is a server, not the switcher")
    return cast("SwitcherConfigEntry", entry)
