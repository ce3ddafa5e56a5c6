"""A dark server's failed attempts on the frozen clock, and the issue they raise."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import DOMAIN
from tests.components.server_entries import coordinator_of, poll
from tests.faults.observe import next_attempt


def unreachable_issue(
    hass: HomeAssistant, entry: MockConfigEntry
) -> ir.IssueEntry | None:
    """The entry's "cannot be reached" repair issue, if raised."""
    return ir.async_get(hass).async_get_issue(DOMAIN, f"unreachable_{entry.entry_id}")


async def failed_attempts(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    *,
    until: float,
) -> list[tuple[float, bool]]:
    """Attempts of a dark server, up to the first `until` seconds after the first one.

    For each: the time since the first failed attempt, and whether the
    unreachable issue is raised after it.
    """
    coordinator = coordinator_of(entry)
    attempts: list[tuple[float, bool]] = []
    since = 0.0
    while not attempts or attempts[-1][0] < until:
        wait = next_attempt(coordinator).total_seconds()
        freezer.tick(wait)
        await poll(hass, entry)
        if attempts:
            since += wait
        attempts.append((since, unreachable_issue(hass, entry) is not None))
    return attempts
