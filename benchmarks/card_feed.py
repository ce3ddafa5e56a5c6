"""The card's live data inside Home Assistant: bytes over the socket and CPU per poll.

One fake server with 10,000 torrents changes 1% of them before every poll.
A card subscribed to its torrents and to the fleet (what the integration's
card does) gets the WebSocket API's messages; a card of the kind that calls
`get_torrents` every interval (what today's qBittorrent cards do) gets the
action's whole answer. Both talk to Home Assistant's own WebSocket
connection class, and every message is serialised as its socket serialises
it, so the bytes are what goes over the wire, frame headers aside.

The CPU a subscribed card adds to a poll is what runs between listeners put
before and after the card's subscriptions, on the coordinator and on the
switcher: building the messages and serialising them, nothing else.
`python -m benchmarks.card_feed` runs it alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
import logging
import re
import statistics
import time
from typing import Any

from homeassistant.components.websocket_api import ActiveConnection
from homeassistant.components.websocket_api.http import WebSocketAdapter
from homeassistant.components.websocket_api.messages import message_to_json_bytes
from homeassistant.core import HomeAssistant, callback

from custom_components.qbittorrent_multi.const import DOMAIN
from custom_components.qbittorrent_multi.switcher import get_switcher

from . import units
from .fake_process import FakeProcess
from .home_assistant import home_assistant
from .loop_lag import LoopLagSampler
from .server_entries import add_server, coordinator_of
from .targets import Verdict

_ID = re.compile(rb'\{"id":(\d+),')


@dataclass(frozen=True, slots=True)
class FeedFigures:
    """One run (times in seconds, bytes per message or per poll)."""

    torrents: int
    polls: int
    snapshot_bytes: int
    snapshot_cpu: float
    # The longest the event loop was held up while the snapshot was made,
    # and how much of that was code running on it (the rest: other processes
    # on the machine).
    snapshot_stall: float
    snapshot_busy: float
    update_bytes: float
    update_messages: float
    listing_bytes: float
    listing_cpu: float
    added_cpu: float
    added_cpu_max: float


TORRENTS = 10_000
POLLS = 30
QUICK_POLLS = 10
# What the card must beat a polling card by, and its cost per poll.
FEWER_BYTES = 100
CPU_LIMIT = 0.001


class _Socket:
    """A card's end of the socket: the size of everything sent to it, by id."""

    def __init__(self) -> None:
        self.sizes: dict[int, list[int]] = {}
        self.arrived: dict[int, asyncio.Event] = {}

    @callback
    def send(self, message: bytes | str | dict[str, Any]) -> None:
        # As Home Assistant's socket handler turns a message into bytes.
        if isinstance(message, dict):
            data = message_to_json_bytes(message)
        else:
            data = message.encode() if isinstance(message, str) else message
        # Every message begins with its id; reading only that much keeps
        # the benchmark's own work out of the figures.
        found = _ID.match(data)
        assert found is not None, data[:80]
        message_id = int(found[1])
        self.sizes.setdefault(message_id, []).append(len(data))
        self.arrived.setdefault(message_id, asyncio.Event()).set()

    async def answer(self, message_id: int) -> int:
        """The size of the answer to a command, once it has arrived."""
        await self.arrived.setdefault(message_id, asyncio.Event()).wait()
        return self.sizes[message_id][-1]

    def take(self, *message_ids: int) -> list[int]:
        """The sizes of the messages of these subscriptions since the last take."""
        taken = [size for i in message_ids for size in self.sizes.pop(i, [])]
        for message_id in message_ids:
            self.arrived.pop(message_id, None)
        return taken


class _Bracket:
    """CPU time spent between two listeners, summed over a poll."""

    def __init__(self) -> None:
        self.spent = 0.0
        self._started = 0.0

    @callback
    def start(self, *_: Any) -> None:
        self._started = time.thread_time()

    @callback
    def stop(self, *_: Any) -> None:
        self.spent += time.thread_time() - self._started


async def _connection(hass: HomeAssistant, socket: _Socket) -> ActiveConnection:
    user = await hass.auth.async_create_user("Card")
    # Logged as Home Assistant logs a socket: through its adapter.
    logger = WebSocketAdapter(logging.getLogger(__name__), {"connid": "card"})
    return ActiveConnection(logger, hass, socket.send, user, None, None)


async def _listing_bytes(
    hass: HomeAssistant,
    connection: ActiveConnection,
    socket: _Socket,
    entry_id: str,
    message_id: int,
) -> tuple[int, float]:
    """What a card that polls get_torrents receives each interval, and its CPU."""
    cpu = time.process_time()
    connection.async_handle(
        {
            "id": message_id,
            "type": "call_service",
            "domain": DOMAIN,
            "service": "get_torrents",
            "service_data": {"server": entry_id, "limit": TORRENTS},
            "return_response": True,
        }
    )
    size = await socket.answer(message_id)
    return size, time.process_time() - cpu


async def measure_feed(
    hass: HomeAssistant, *, torrents: int = TORRENTS, polls: int = POLLS
) -> FeedFigures:
    """Start a fake server, subscribe a card, and poll with churn."""
    fake = await FakeProcess.start(torrents=torrents, churn=0.01)
    try:
        entry_id = await add_server(hass, fake.servers[0], "NAS")
        coordinator = coordinator_of(hass, entry_id)
        switcher = get_switcher(hass)
        socket = _Socket()
        connection = await _connection(hass, socket)
        listing_bytes, listing_cpu = await _listing_bytes(
            hass, connection, socket, entry_id, 1
        )
        bracket = _Bracket()
        stops = [
            coordinator.async_add_update_listener(bracket.start),
            switcher.async_add_listener(bracket.start),
        ]
        async with LoopLagSampler() as sampler:
            cpu = time.thread_time()
            connection.async_handle(
                {"id": 2, "type": f"{DOMAIN}/torrents/subscribe", "server": entry_id}
            )
            connection.async_handle({"id": 3, "type": f"{DOMAIN}/servers/subscribe"})
            # The snapshot of thousands is made a group at a time.
            await hass.async_block_till_done()
            snapshot_cpu = time.thread_time() - cpu
        snapshot_stall, snapshot_busy = sampler.longest, sampler.longest_busy
        stops += [
            coordinator.async_add_update_listener(bracket.stop),
            switcher.async_add_listener(bracket.stop),
        ]
        # The result, the snapshot; the result, the fleet.
        snapshot_bytes = max(socket.take(2, 3))
        sizes: list[list[int]] = []
        spent: list[float] = []
        for _ in range(polls):
            await fake.churn()
            bracket.spent = 0.0
            await coordinator.async_refresh()
            await hass.async_block_till_done()
            spent.append(bracket.spent)
            sizes.append(socket.take(2, 3))
        for stop in stops:
            stop()
    finally:
        await fake.stop()
    return FeedFigures(
        torrents=torrents,
        polls=polls,
        snapshot_bytes=snapshot_bytes,
        snapshot_cpu=snapshot_cpu,
        snapshot_stall=snapshot_stall,
        snapshot_busy=snapshot_busy,
        update_bytes=statistics.fmean(sum(poll) for poll in sizes),
        update_messages=statistics.fmean(len(poll) for poll in sizes),
        listing_bytes=listing_bytes,
        listing_cpu=listing_cpu,
        added_cpu=statistics.fmean(spent),
        added_cpu_max=max(spent),
    )


def table(figures: FeedFigures) -> Iterator[str]:
    """The card's live data, as Markdown like the other tables."""
    yield (
        f"**Card's live data** in Home Assistant: {units.count(figures.torrents)}"
        " torrents on one server, 1% changed before each poll; a card subscribed to"
        " the torrents and the fleet, against a card that calls `get_torrents` every"
        f" interval; means of {figures.polls} polls"
    )
    yield ""
    yield "| Measure | Subscribed card | Polling card | Fewer |"
    yield "|---|---:|---:|---:|"
    yield (
        f"| Bytes per poll | {units.size(figures.update_bytes)}"
        f" ({figures.update_messages:.3g} messages) | {units.size(figures.listing_bytes)}"
        f" | {units.ratio(figures.listing_bytes, figures.update_bytes)} |"
    )
    yield (
        f"| Home Assistant CPU per poll | {units.millis(figures.added_cpu)} mean,"
        f" {units.millis(figures.added_cpu_max)} max | {units.millis(figures.listing_cpu)}"
        f" | {units.ratio(figures.listing_cpu, figures.added_cpu)} |"
    )
    yield (
        f"| Once, on subscribing | {units.size(figures.snapshot_bytes)} snapshot,"
        f" {units.millis(figures.snapshot_cpu)} CPU, longest loop stall"
        f" {units.millis(figures.snapshot_stall)}"
        f" ({units.millis(figures.snapshot_busy)} running code) | - | - |"
    )


def verdicts(figures: FeedFigures) -> Iterator[str]:
    """The targets of the card's live data, as the target list prints them."""

    yield Verdict(
        target=f"live data, {units.count(figures.torrents)} torrents, 1% churn:"
        " >= 100x fewer WebSocket bytes per poll than polling get_torrents",
        met=figures.listing_bytes >= FEWER_BYTES * figures.update_bytes,
        detail=f"{units.size(figures.update_bytes)} vs {units.size(figures.listing_bytes)}:"
        f" {units.ratio(figures.listing_bytes, figures.update_bytes)}",
    ).line()
    yield Verdict(
        target=f"live data, {units.count(figures.torrents)} torrents: one subscribed card"
        " adds < 1 ms of CPU per poll",
        met=figures.added_cpu < CPU_LIMIT,
        detail=f"{units.millis(figures.added_cpu)} mean, {units.millis(figures.added_cpu_max)} max",
    ).line()


async def measure_alone(*, polls: int = POLLS) -> FeedFigures:
    """Measure in a Home Assistant of its own."""
    async with home_assistant() as hass:
        return await measure_feed(hass, polls=polls)


def main() -> None:
    """Measure the card's live data alone and print its table and targets."""
    figures = asyncio.run(measure_alone())
    for line in (*table(figures), "", *verdicts(figures)):
        print(line)


if __name__ == "__main__":
    main()
