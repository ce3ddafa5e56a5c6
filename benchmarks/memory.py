"""Memory one client holds for one server, traced allocation by allocation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
import gc
import tracemalloc

from .fake_process import FakeProcess
from .pollers import Poller


async def held_memory(
    make_poller: Callable[[], Awaitable[Poller]], fake: FakeProcess
) -> int:
    """Bytes still allocated after a full sync, a churn step and one more poll.

    This is everything the client keeps for the server: the merged state,
    the client and its session, with garbage collected. tracemalloc follows every thread (the
    built-in parses in the executor) but slows allocation down, so it runs
    with a fresh client of its own, never while time is measured.
    """
    gc.collect()
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        poller = await make_poller()
        await poller.poll()
        await fake.churn()
        await poller.poll()
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - baseline
        await poller.close()
    finally:
        tracemalloc.stop()
    return held
