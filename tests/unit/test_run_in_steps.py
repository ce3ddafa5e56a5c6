"""Work done in steps lets other callbacks run between steps and after the last."""

from __future__ import annotations

import asyncio
from collections.abc import Generator

from custom_components.qbittorrent_multi.coordinator import run_in_steps


def _job(order: list[str], steps: int) -> Generator[None, None, str]:
    """A job of `steps` steps; its last step asks the loop to run a callback."""
    loop = asyncio.get_running_loop()
    for step in range(1, steps):
        order.append(f"step {step}")
        yield
    order.append("last step")
    loop.call_soon(order.append, "other callback")
    return "result"


async def test_the_loop_runs_between_steps_and_after_the_last() -> None:
    """What the caller does next never shares a turn with the job's last step."""
    order: list[str] = []
    loop = asyncio.get_running_loop()
    loop.call_soon(order.append, "waiting callback")

    result = await run_in_steps(_job(order, 2))
    order.append("caller goes on")

    assert result == "result"
    assert order == [
        "step 1",
        "waiting callback",
        "last step",
        "other callback",
        "caller goes on",
    ]


async def test_a_job_of_one_step_returns_at_once() -> None:
    """A small job (every poll's delta) costs no extra turn of the loop."""
    order: list[str] = []

    result = await run_in_steps(_job(order, 1))
    order.append("caller goes on")
    await asyncio.sleep(0)

    assert result == "result"
    assert order == ["last step", "caller goes on", "other callback"]
