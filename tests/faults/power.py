"""Switching a fake server off and on again at the same address."""

from __future__ import annotations

import socket

from tests.fake_qbittorrent import FakeQBittorrent


class PowerSwitch:
    """Turns a fake server off (connections refused) and on again, on the same port.

    While the server is off its port stays bound, without listening: every
    connection is refused, and no other server started meanwhile, by this
    test run or another on the machine, can take the address over.
    """

    def __init__(self, server: FakeQBittorrent) -> None:
        """Control `server`, which is running."""
        self.server = server
        self._holder: socket.socket | None = None

    async def off(self) -> None:
        """Stop the server; its address refuses connections from now on."""
        await self.server.stop()
        holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        holder.bind(("127.0.0.1", self.server.port))
        self._holder = holder

    async def on(self) -> None:
        """Serve again at the same address, with the same state."""
        self.release()
        await self.server.start(port=self.server.port)

    def release(self) -> None:
        """Let go of the address (the test is over)."""
        if self._holder is not None:
            self._holder.close()
            self._holder = None
