"""Fake qBittorrent servers in a process of their own, driven over stdin.

The servers' own CPU time must not count as the client's, so they never share
the benchmark's process. Data changes only when the benchmark says "churn",
so every client sees the same changes between two of its polls.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
import json
import os
from pathlib import Path
import sys
import tempfile
from typing import IO, Any, Self

REPO_ROOT = Path(__file__).resolve().parent.parent
# The first line lists every server of the process; room for many of them.
_LINE_LIMIT = 1 << 20


@dataclass(frozen=True, slots=True)
class FakeServer:
    """Where one fake server listens and how to log in."""

    url: str
    username: str
    password: str


class FakeProcess:
    """One `python -m tests.fake_qbittorrent --commands` process."""

    def __init__(
        self,
        process: asyncio.subprocess.Process,
        servers: list[FakeServer],
        stderr: IO[bytes],
    ) -> None:
        """Wrap a started process; use `start` to make one."""
        self._process = process
        self.servers = servers
        self._stderr = stderr
        self._lock = asyncio.Lock()

    @classmethod
    async def start(
        cls,
        *,
        torrents: int,
        servers: int = 1,
        churn: float = 0.01,
        interval: float = 0.0,
        seed: int = 0,
    ) -> Self:
        """Start the process and wait until every server listens."""
        # Its exit counters would interleave with the tables; kept for errors.
        stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.fake_qbittorrent",
            "--flavour",
            "5.3",
            "--torrents",
            str(torrents),
            "--servers",
            str(servers),
            "--churn",
            str(churn),
            "--interval",
            str(interval),
            "--seed",
            str(seed),
            "--commands",
            cwd=REPO_ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=stderr,
            limit=_LINE_LIMIT,
        )
        # Real servers run on other machines; here they share two cores with
        # Home Assistant, and must not push its loop off the CPU.
        os.setpriority(os.PRIO_PROCESS, process.pid, 10)
        assert process.stdout is not None
        line = await process.stdout.readline()
        if not line:
            await process.wait()
            stderr.seek(0)
            output = stderr.read().decode(errors="replace")[-2000:]
            stderr.close()
            raise RuntimeError(
                f"the fake qBittorrent process exited before serving:\n{output}"
            )
        details = json.loads(line)
        servers_found = [
            FakeServer(item["url"], item["username"], item["password"])
            for item in details["servers"]
        ]
        return cls(process, servers_found, stderr)

    async def _command(self, command: str) -> Any:
        async with self._lock:
            stdin, stdout = self._process.stdin, self._process.stdout
            assert stdin is not None
            assert stdout is not None
            stdin.write(command.encode() + b"\n")
            await stdin.drain()
            return json.loads(await stdout.readline())

    async def churn(self) -> list[int]:
        """Change the configured fraction of every server's torrents once."""
        reply: dict[str, list[int]] = await self._command("churn")
        return reply["churned"]

    async def bytes_sent(self) -> list[int]:
        """Body bytes each server has sent so far."""
        reply: dict[str, list[dict[str, int]]] = await self._command("stats")
        return [server["bytes_sent"] for server in reply["servers"]]

    async def stop(self) -> None:
        """Ask the process to quit and wait for it."""
        if self._process.returncode is None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            try:
                await asyncio.wait_for(self._process.wait(), 10)
            except TimeoutError:
                self._process.kill()
                await self._process.wait()
        self._stderr.close()
