"""How long the event loop was kept from running a callback that was due."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from types import TracebackType
from typing import Any, Self


class LoopLagSampler:
    """Sleeps `period` over and over; the longest overshoot is the longest stall.

    A sleeping task wakes late exactly when something else holds the loop (or
    the GIL, for work in an executor thread), so the overshoot is what any
    other callback in Home Assistant would have waited. Sampling costs CPU
    time, so CPU figures are taken in polls without a sampler.

    Two more figures tell where a stall came from. `longest_busy` counts only
    the loop thread's own CPU time during a late wake-up: code running on the
    loop. A stall the loop thread spent off the CPU was another thread holding
    the GIL, or the operating system running other processes on a busy
    machine. `longest_gc` is the longest garbage collection: Python's
    collector stops every thread, whoever's objects it walks.
    """

    def __init__(self, period: float = 0.001) -> None:
        """Sample every `period` seconds once entered."""
        self.period = period
        self.longest = 0.0
        self.longest_busy = 0.0
        self.longest_gc = 0.0
        self._task: asyncio.Task[None] | None = None
        self._gc_started = 0.0

    async def _sample(self) -> None:
        while True:
            started = time.perf_counter()
            cpu = time.thread_time()
            await asyncio.sleep(self.period)
            late = time.perf_counter() - started - self.period
            self.longest = max(self.longest, late)
            self.longest_busy = max(
                self.longest_busy, min(late, time.thread_time() - cpu)
            )

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.longest_gc = max(
                self.longest_gc, time.perf_counter() - self._gc_started
            )

    async def __aenter__(self) -> Self:
        """Start sampling."""
        self.longest = 0.0
        self.longest_busy = 0.0
        self.longest_gc = 0.0
        gc.callbacks.append(self._on_gc)
        self._task = asyncio.create_task(self._sample())
        # Let the sampler take its first timestamp before the work starts.
        await asyncio.sleep(0)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop sampling, after one more sample to see a stall that just ended."""
        await asyncio.sleep(self.period * 3)
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        gc.callbacks.remove(self._on_gc)
