"""What the servers of a fleet share when they poll: network slots and a beat."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from random import randint

from homeassistant.helpers.event import RANDOM_MICROSECOND_MAX, RANDOM_MICROSECOND_MIN

from .const import DEFAULT_MAX_CONCURRENT_POLLS


def _slots() -> asyncio.Semaphore:
    return asyncio.Semaphore(DEFAULT_MAX_CONCURRENT_POLLS)


def _phase() -> float:
    # A schedule, not a secret.
    return randint(RANDOM_MICROSECOND_MIN, RANDOM_MICROSECOND_MAX) / 10**6  # noqa: S311


@dataclass(frozen=True, slots=True)
class FleetPolling:
    """The fleet's network slots and the fraction of a second its polls start at."""

    # Caps how many servers talk to the network at once, so that a large
    # fleet does not burst and a slow server holds at most one slot.
    slots: asyncio.Semaphore = field(default_factory=_slots)
    # Home Assistant starts each coordinator's polls at a fraction of a second
    # of its own, picked at random in this range, so that integrations do not
    # all wake at once. The fleet's servers share one: those due in the same
    # second are polled in one wake-up of the machine rather than one each,
    # and a poll that follows another costs about half as much as one made
    # after the processor has gone idle.
    phase: float = field(default_factory=_phase)
