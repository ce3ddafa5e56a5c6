"""Sends a subscriber's events in order, shaping thousands of torrents a group at a time.

Shaping and serialising 10,000 torrents at once would hold Home Assistant up
for a tenth of a second or more. An event that carries more than a group of
whole torrents is shaped and serialised a group at a time, with the event
loop running in between, and sent as JSON; events that come meanwhile wait
for it and follow it, in order.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.json import json_bytes

from .model import Torrent
from .torrent_feed import card_torrent

# Torrents shaped between two turns of the event loop (a few milliseconds).
SHAPING_GROUP: Final = 500

# An event, or an event already serialised as JSON.
type Send = Callable[[dict[str, Any] | bytes], None]
# Torrents to send whole, with the entry id of their server.
type Whole = Sequence[tuple[str, Sequence[Torrent]]]


class OrderedSender:
    """Sends events in the order given, however long their torrents take to shape."""

    def __init__(self, hass: HomeAssistant, send: Send) -> None:
        """Send through `send`."""
        self._hass = hass
        self._send = send
        # Events waiting for earlier ones: the event, the key to put its
        # shaped torrents under (None: it has none) and the torrents.
        self._queue: deque[tuple[dict[str, Any] | bytes, str | None, Whole]] = deque()
        self._shaping: asyncio.Task[None] | None = None

    def send(
        self, event: dict[str, Any] | bytes, key: str | None = None, whole: Whole = ()
    ) -> None:
        """Send an event (or one serialised already), with `whole` torrents under `key`."""
        if self._shaping is None and sum(len(t) for _, t in whole) <= SHAPING_GROUP:
            if key is not None:
                assert isinstance(event, dict), "torrents go into an event's fields"
                event[key] = [
                    card_torrent(entry_id, torrent)
                    for entry_id, torrents in whole
                    for torrent in torrents
                ]
            self._send(event)
            return
        self._queue.append((event, key, whole))
        if self._shaping is None:
            self._shaping = self._hass.async_create_task(
                self._async_send_queued(),
                "qbittorrent_multi card torrents",
                eager_start=False,
            )

    def clear(self) -> None:
        """Drop whatever waits: a snapshot replaces it, or nobody listens any more."""
        if self._shaping is not None:
            self._shaping.cancel()
            self._shaping = None
        self._queue.clear()

    async def _async_send_queued(self) -> None:
        try:
            while self._queue:
                event, key, whole = self._queue.popleft()
                if key is None:
                    self._send(event)
                else:
                    assert isinstance(event, dict), "torrents go into an event's fields"
                    self._send(await _async_serialised(event, key, whole))
        finally:
            if self._shaping is asyncio.current_task():
                self._shaping = None


async def _async_serialised(event: dict[str, Any], key: str, whole: Whole) -> bytes:
    """The event as JSON, `whole` torrents under `key`, made a group at a time."""
    groups: list[bytes] = []
    for entry_id, torrents in whole:
        for start in range(0, len(torrents), SHAPING_GROUP):
            group = [
                card_torrent(entry_id, torrent)
                for torrent in torrents[start : start + SHAPING_GROUP]
            ]
            # The group's items, without the brackets of its list.
            groups.append(json_bytes(group)[1:-1])
            await asyncio.sleep(0)
    # The event's own fields, then the torrents: {"kind":…,"<key>":[…]}.
    assert event, "an event has at least its kind"
    head = json_bytes(event)
    return b"".join((head[:-1], b',"', key.encode(), b'":[', b",".join(groups), b"]}"))
