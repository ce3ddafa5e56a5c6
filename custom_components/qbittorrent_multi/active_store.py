"""The active server's choice, kept across restarts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from .const import DOMAIN

STORAGE_VERSION: Final = 1
STORAGE_KEY: Final = f"{DOMAIN}.switcher"
# Saving is deferred a little so that a burst of switches writes once; Home
# Assistant flushes pending saves when it stops.
SAVE_DELAY: Final = 1.0


@dataclass(slots=True)
class ActiveChoice:
    """Which server is active, and whether failover chose it."""

    entry_id: str | None = None
    # Failover left the default server: switching back may return to it.
    failed_over: bool = False


class ActiveStore:
    """Loads and saves the `ActiveChoice`."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Use the integration's storage file."""
        self._store: Store[dict[str, Any]] = Store(hass, STORAGE_VERSION, STORAGE_KEY)

    async def async_load(self) -> ActiveChoice:
        """The stored choice, or none."""
        stored = await self._store.async_load() or {}
        return ActiveChoice(
            entry_id=stored.get("active_entry_id"),
            failed_over=bool(stored.get("failed_over", False)),
        )

    def async_save(self, choice: ActiveChoice) -> None:
        """Save the choice soon (a burst of changes is written once)."""
        self._store.async_delay_save(
            lambda: {
                "active_entry_id": choice.entry_id,
                "failed_over": choice.failed_over,
            },
            SAVE_DELAY,
        )
