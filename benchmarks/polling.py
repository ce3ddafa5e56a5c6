"""One poll, timed: body bytes, CPU time of the whole process, wall time, loop stall."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
import contextlib
from dataclasses import dataclass
import statistics
import time

from .loop_lag import LoopLagSampler
from .pollers import Poller


@dataclass(frozen=True, slots=True)
class PollSample:
    """What one poll cost."""

    bytes: int
    cpu: float
    wall: float
    # None when the poll ran without a loop-lag sampler.
    stall: float | None
    busy: float | None


async def timed_poll(poller: Poller, *, sample_lag: bool) -> PollSample:
    """Poll once; process_time covers every thread, so executor work counts too."""
    received = poller.bytes_received
    sampler = LoopLagSampler()
    async with sampler if sample_lag else contextlib.nullcontext():
        cpu = time.process_time()
        wall = time.perf_counter()
        await poller.poll()
        cpu = time.process_time() - cpu
        wall = time.perf_counter() - wall
    return PollSample(
        bytes=poller.bytes_received - received,
        cpu=cpu,
        wall=wall,
        stall=sampler.longest if sample_lag else None,
        busy=sampler.longest_busy if sample_lag else None,
    )


@dataclass(frozen=True, slots=True)
class PollSummary:
    """Polls of one kind, summed up."""

    polls: int
    bytes: float
    cpu: float
    wall: float
    longest_stall: float | None
    longest_busy: float | None


def summarise(
    cost: Sequence[PollSample], stalls: Sequence[PollSample] = ()
) -> PollSummary:
    """Mean bytes, CPU and wall time of `cost`; the longest stall of any sampled poll."""
    sampled = [s.stall for s in (*stalls, *cost) if s.stall is not None]
    busy = [s.busy for s in (*stalls, *cost) if s.busy is not None]
    return PollSummary(
        polls=len(cost),
        bytes=statistics.fmean(s.bytes for s in cost),
        cpu=statistics.fmean(s.cpu for s in cost),
        wall=statistics.fmean(s.wall for s in cost),
        longest_stall=max(sampled) if sampled else None,
        longest_busy=max(busy) if busy else None,
    )


@dataclass(frozen=True, slots=True)
class PollPlan:
    """How many polls to time: `cost` for bytes and CPU, then `stall` with a sampler."""

    cost: int
    stall: int


async def poll_series(
    poller: Poller,
    plan: PollPlan,
    before_each: Callable[[], Awaitable[object]] | None = None,
) -> PollSummary:
    """Poll as the plan says, running `before_each` (e.g. a churn step) before every poll."""
    cost: list[PollSample] = []
    stalls: list[PollSample] = []
    for index in range(plan.cost + plan.stall):
        if before_each is not None:
            await before_each()
        sampled = index >= plan.cost
        sample = await timed_poll(poller, sample_lag=sampled)
        (stalls if sampled else cost).append(sample)
    return summarise(cost, stalls)
