"""The card's side of the WebSocket subscriptions, for harness tests.

Whether a message was sent is told without waiting for time to pass: a ping
sent after the fact is answered in order, so every message sent before it
arrives before its pong. The socket opens at the first command: the test
client freezes Home Assistant's routes, which the integration's setup adds to.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
import json
from typing import Any

from pytest_homeassistant_custom_component.typing import MockHAClientWebSocket

from custom_components.qbittorrent_multi.const import DOMAIN

TORRENTS = f"{DOMAIN}/torrents/subscribe"
SERVERS = f"{DOMAIN}/servers/subscribe"


class Subscriber:
    """One socket, as a card uses it; keeps every message it received."""

    def __init__(self, connect: Callable[[], Awaitable[MockHAClientWebSocket]]) -> None:
        """Open an authenticated socket with `connect` when first needed."""
        self._connect = connect
        self._websocket: MockHAClientWebSocket | None = None
        self._last_id = 0
        # Events that arrived while a command waited for its result.
        self._early: list[dict[str, Any]] = []
        self.received: list[dict[str, Any]] = []

    async def websocket(self) -> MockHAClientWebSocket:
        """The socket, opened now if it is not yet."""
        if self._websocket is None:
            self._websocket = await self._connect()
        return self._websocket

    async def _send(self, message: dict[str, Any]) -> int:
        self._last_id += 1
        await (await self.websocket()).send_json({"id": self._last_id, **message})
        return self._last_id

    async def _reply_to(self, message_id: int) -> dict[str, Any]:
        """The answer to a message; events that come first are kept for `events`."""
        while True:
            message: dict[str, Any] = await (await self.websocket()).receive_json()
            self.received.append(message)
            if message["id"] == message_id and message["type"] != "event":
                return message
            assert message["type"] == "event", message
            self._early.append(message["event"])

    async def command(self, command: str, **fields: Any) -> dict[str, Any]:
        """Send a command; return its result message (success or error)."""
        return await self._reply_to(await self._send({"type": command, **fields}))

    async def subscribe(self, command: str, **fields: Any) -> int:
        """Subscribe; return the subscription's id once it is accepted."""
        result = await self.command(command, **fields)
        assert result["success"], result
        assert result["result"] is None
        subscription: int = result["id"]
        return subscription

    async def follow(self, command: str, **fields: Any) -> int:
        """Subscribe and set aside what subscribing sent: `events` gives what follows."""
        subscription = await self.subscribe(command, **fields)
        await self.events()
        return subscription

    async def unsubscribe(self, subscription: int) -> None:
        """End a subscription as a card does."""
        result = await self.command("unsubscribe_events", subscription=subscription)
        assert result["success"], result

    async def events(self) -> list[dict[str, Any]]:
        """Every event that arrived since the last call, oldest first."""
        pong = await self._reply_to(await self._send({"type": "ping"}))
        assert pong["type"] == "pong"
        events, self._early = self._early, []
        return events

    async def event(self) -> dict[str, Any]:
        """The one event that arrived since the last call."""
        events = await self.events()
        assert len(events) == 1, events
        return events[0]

    def text(self) -> str:
        """Everything received, as text."""
        return "\n".join(json.dumps(message) for message in self.received)
