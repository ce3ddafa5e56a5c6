"""The failover policy: when the active server should change on its own."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .const import (
    CONF_DEFAULT_SERVER,
    CONF_FAILOVER,
    CONF_FAILOVER_THRESHOLD,
    CONF_SWITCH_BACK,
    DEFAULT_FAILOVER_THRESHOLD,
)
from .coordinator import QBittorrentCoordinator
from .server_registry import ServerRegistry


class SwitchReason(StrEnum):
    """Why the active server changed, as told in the event."""

    SELECT = "select"
    ACTION = "action"
    FAILOVER = "failover"
    SWITCH_BACK = "switch_back"
    FALLBACK = "fallback"


@dataclass(frozen=True, kw_only=True, slots=True)
class SwitcherSettings:
    """The switcher entry's options."""

    default_entry_id: str | None = None
    failover: bool = False
    failover_threshold: int = DEFAULT_FAILOVER_THRESHOLD
    switch_back: bool = False

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> SwitcherSettings:
        """Read the settings from a switcher entry's options."""
        return cls(
            default_entry_id=options.get(CONF_DEFAULT_SERVER) or None,
            failover=bool(options.get(CONF_FAILOVER, False)),
            failover_threshold=int(
                options.get(CONF_FAILOVER_THRESHOLD, DEFAULT_FAILOVER_THRESHOLD)
            ),
            switch_back=bool(options.get(CONF_SWITCH_BACK, False)),
        )


@dataclass(frozen=True, slots=True)
class Switch:
    """A change of the active server the policy asks for."""

    to: QBittorrentCoordinator
    reason: SwitchReason


def fallback_choice(settings: SwitcherSettings, servers: ServerRegistry) -> str | None:
    """The server to make active when there is none: default, else first healthy."""
    if settings.default_entry_id in servers.labels():
        return settings.default_entry_id
    healthy = servers.healthy()
    return healthy[0].config_entry.entry_id if healthy else None


def failover_switch(
    settings: SwitcherSettings,
    servers: ServerRegistry,
    active_entry_id: str | None,
    *,
    failed_over: bool,
) -> Switch | None:
    """Whether the active server should change after a server update, and to which."""
    if not settings.failover:
        return None
    coordinators = servers.coordinators
    active = coordinators.get(active_entry_id) if active_entry_id else None
    if (
        active is not None
        and active.health.consecutive_failures >= settings.failover_threshold
    ):
        candidates = [
            coordinator
            for coordinator in servers.healthy()
            if coordinator.config_entry.entry_id != active_entry_id
        ]
        if not candidates:
            return None
        best = min(
            candidates, key=lambda candidate: candidate.health.response_time or 0.0
        )
        return Switch(best, SwitchReason.FAILOVER)
    default = settings.default_entry_id
    if (
        settings.switch_back
        and failed_over
        and default is not None
        and default != active_entry_id
        and (coordinator := coordinators.get(default)) is not None
        and coordinator.health.is_up
    ):
        return Switch(coordinator, SwitchReason.SWITCH_BACK)
    return None
