"""Repair issues of one server: banned, and unreachable for a long time."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from .const import DEFAULT_BAN_SECONDS, DOMAIN

# A ban needs the user to act; a server away for long may come back by itself.
_SEVERITY = {"banned": ir.IssueSeverity.ERROR, "unreachable": ir.IssueSeverity.WARNING}


def repair_issue_ids(entry_id: str) -> tuple[str, str]:
    """The ids of the repair issues a server entry may raise: banned, unreachable."""
    return (f"banned_{entry_id}", f"unreachable_{entry_id}")


class ServerRepairs:
    """Raises and removes one server's repair issues as its polls fail and succeed.

    The registry is touched only when something changed: a long outage
    updates the unreachable issue when its error changes, not on every poll.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        unreachable_after: float,
        server: Callable[[], Mapping[str, str]],
        clock: Callable[[], float],
    ) -> None:
        """Follow the server of `entry_id`; raise "unreachable" after that many seconds.

        `server` gives the placeholders naming the server, read when an issue
        is raised (the server may have been renamed or moved meanwhile);
        `clock` tells the time in seconds, as the server's health monitor reads it.
        """
        self._hass = hass
        self._server = server
        self._clock = clock
        self._ban_issue_id, self._unreachable_issue_id = repair_issue_ids(entry_id)
        self._unreachable_after = unreachable_after
        self._ban_raised = False
        # Clock time of the first failure since the last success, and the
        # error the unreachable issue shows (None while there is no issue).
        self._failing_since: float | None = None
        self._unreachable_error: str | None = None

    @callback
    def async_answered(self) -> None:
        """The server answered: every issue about it is over."""
        if self._ban_raised:
            ir.async_delete_issue(self._hass, DOMAIN, self._ban_issue_id)
            self._ban_raised = False
        self._failing_since = None
        if self._unreachable_error is not None:
            ir.async_delete_issue(self._hass, DOMAIN, self._unreachable_issue_id)
            self._unreachable_error = None

    @callback
    def async_banned(self) -> None:
        """The server has banned Home Assistant's address."""
        self._ban_raised = True
        minutes = str(DEFAULT_BAN_SECONDS // 60)
        self._create(self._ban_issue_id, "banned", minutes=minutes)

    @callback
    def async_unreachable(self, error: str) -> None:
        """A poll failed; raise the issue once the server has failed for long enough."""
        now = self._clock()
        if self._failing_since is None:
            self._failing_since = now
        if (
            now - self._failing_since < self._unreachable_after
            or error == self._unreachable_error
        ):
            return
        self._unreachable_error = error
        minutes = str(int(self._unreachable_after) // 60)
        self._create(
            self._unreachable_issue_id, "unreachable", minutes=minutes, error=error
        )

    def _create(self, issue_id: str, key: str, **placeholders: str) -> None:
        ir.async_create_issue(
            self._hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            severity=_SEVERITY[key],
            translation_key=key,
            translation_placeholders={**self._server(), **placeholders},
        )
