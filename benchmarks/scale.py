"""Rows by torrent count: the same fake server polled by ours, then by the built-in.

Each client has the Home Assistant to itself while it is measured (the other
one's state is dropped first), so neither pays for the other's garbage
collection; both see the same server, the same data and the same churn step
before every poll.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
import gc

from homeassistant.core import HomeAssistant

from .fake_process import FakeProcess
from .memory import held_memory
from .pollers import BuiltinPoller, Credentials, OurPoller, Poller
from .polling import PollPlan, PollSample, PollSummary, poll_series, timed_poll


@dataclass(frozen=True, slots=True)
class ClientFigures:
    """One client at one size."""

    first: PollSample
    churn: PollSummary
    idle: PollSummary | None
    held: int
    # Bytes the client counted against what the fake server says it sent.
    counted: int
    sent: int


@dataclass(frozen=True, slots=True)
class SizeFigures:
    """Both clients at one size."""

    torrents: int
    ours: ClientFigures
    builtin: ClientFigures


type PollerFactory = Callable[[], Awaitable[Poller]]


async def _measure_client(
    make_poller: PollerFactory,
    fake: FakeProcess,
    plan: PollPlan,
    *,
    idle: bool,
) -> ClientFigures:
    gc.collect()
    sent_before = (await fake.bytes_sent())[0]
    poller = await make_poller()
    counted_before = poller.bytes_received
    first = await timed_poll(poller, sample_lag=True)
    churn = await poll_series(poller, plan, fake.churn)
    idle_figures = await poll_series(poller, plan) if idle else None
    counted = poller.bytes_received - counted_before
    await poller.close()
    sent = (await fake.bytes_sent())[0] - sent_before
    # Its state must not sit in memory while the memory of the next is traced.
    del poller
    held = await held_memory(make_poller, fake)
    return ClientFigures(
        first=first,
        churn=churn,
        idle=idle_figures,
        held=held,
        counted=counted,
        sent=sent,
    )


async def measure_size(
    hass: HomeAssistant,
    torrents: int,
    *,
    ours: PollPlan,
    builtin: PollPlan,
    idle: bool,
) -> SizeFigures:
    """Start a fake server with `torrents`, measure both clients against it."""
    fake = await FakeProcess.start(torrents=torrents, churn=0.01)
    try:
        server = fake.servers[0]
        credentials = Credentials(server.url, server.username, server.password)

        async def make_ours() -> Poller:
            return OurPoller.create(hass, credentials)

        async def make_builtin() -> Poller:
            return await BuiltinPoller.create(hass, credentials)

        ours_figures = await _measure_client(make_ours, fake, ours, idle=idle)
        builtin_figures = await _measure_client(make_builtin, fake, builtin, idle=idle)
    finally:
        await fake.stop()
    return SizeFigures(torrents, ours_figures, builtin_figures)
