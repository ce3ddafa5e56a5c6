"""Run the fake qBittorrent as a standalone process (for benchmarks).

    python -m tests.fake_qbittorrent --flavour 5.3 --torrents 10000 --port 0 --churn 0.01

The first line on stdout is JSON with the URL and credentials (and, under
"servers", those of every server when --servers serves several from this one
process, each on its own port); the servers then churn that fraction of
torrents every --interval seconds until interrupted.

With --commands the process also reads one command per line on stdin and
answers each with one JSON line on stdout, so that a benchmark decides exactly
when the data changes and sees the server's own counters:

    churn   every server churns --churn of its torrents once -> {"churned": [n, ...]}
    stats   -> {"servers": [{"maindata_requests": ., "login_attempts": ., "bytes_sent": .}]}
    quit    stop (so does the end of stdin: the process never outlives its driver)

--interval 0 turns the timed churn off.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import signal
import sys
from typing import Any

from .flavours import FLAVOURS
from .server import DEFAULT_PASSWORD, DEFAULT_USERNAME, FakeQBittorrent
from .tls import self_signed_certificate


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.fake_qbittorrent")
    parser.add_argument("--flavour", choices=tuple(FLAVOURS), default="5.3")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--torrents", type=int, default=0, help="torrents to populate")
    parser.add_argument(
        "--seed", type=int, default=0, help="seed for populate and churn"
    )
    parser.add_argument(
        "--churn", type=float, default=0.0, help="fraction changed per interval"
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds between churns (0: only on the churn command)",
    )
    parser.add_argument(
        "--servers",
        type=int,
        default=1,
        help="servers in this process, each on its own port (ports from --port up, or free ones)",
    )
    parser.add_argument(
        "--commands", action="store_true", help="read commands from stdin"
    )
    parser.add_argument("--username", default=DEFAULT_USERNAME)
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument(
        "--prefix", default="", help="path prefix, as behind a reverse proxy"
    )
    parser.add_argument(
        "--api-key", action="store_true", help="create an API key (5.3 only)"
    )
    parser.add_argument("--tls", action="store_true", help="serve HTTPS (self-signed)")
    return parser.parse_args(argv)


def _write_line(value: Any) -> None:
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def _counters(server: FakeQBittorrent) -> dict[str, int]:
    return {
        "maindata_requests": server.maindata_requests,
        "login_attempts": server.login_attempts,
        "bytes_sent": server.bytes_sent,
    }


async def _start_servers(args: argparse.Namespace) -> list[dict[str, Any]]:
    details: list[dict[str, Any]] = []
    ssl_context = self_signed_certificate().server_context() if args.tls else None
    for index in range(args.servers):
        server = FakeQBittorrent(
            args.flavour,
            username=args.username,
            password=args.password,
            path_prefix=args.prefix,
        )
        # Each server gets its own torrents (different hashes), reproducibly.
        server.populate(args.torrents, seed=args.seed + index)
        api_key = server.rotate_api_key() if args.api_key else None
        port = args.port + index if args.port else 0
        url = await server.start(args.host, port, ssl_context)
        details.append(
            {
                "server": server,
                "url": url,
                "username": server.username,
                "password": server.password,
                "api_key": api_key,
                "flavour": args.flavour,
                "torrents": len(server.torrents),
            }
        )
    return details


async def _read_commands(
    servers: list[FakeQBittorrent],
    rngs: list[random.Random],
    fraction: float,
    stop: asyncio.Event,
) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(reader), sys.stdin
    )
    while not stop.is_set():
        line = (await reader.readline()).decode().strip()
        if line == "churn":
            _write_line(
                {
                    "churned": [
                        server.churn(fraction, rng)
                        for server, rng in zip(servers, rngs, strict=True)
                    ]
                }
            )
        elif line == "stats":
            _write_line({"servers": [_counters(server) for server in servers]})
        elif line in ("quit", ""):
            # "" is the end of stdin: whoever drove this process is gone.
            stop.set()
        else:
            _write_line({"error": f"unknown command {line!r}"})


async def _churn_on_timer(
    servers: list[FakeQBittorrent],
    rngs: list[random.Random],
    args: argparse.Namespace,
    stop: asyncio.Event,
) -> None:
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), args.interval)
        if args.churn and not stop.is_set():
            for server, rng in zip(servers, rngs, strict=True):
                server.churn(args.churn, rng)


async def _serve(args: argparse.Namespace) -> None:
    details = await _start_servers(args)
    servers: list[FakeQBittorrent] = [item.pop("server") for item in details]
    _write_line({**details[0], "servers": details})
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    rngs = [random.Random(args.seed + index) for index in range(len(servers))]
    tasks = []
    if args.commands:
        tasks.append(
            asyncio.create_task(_read_commands(servers, rngs, args.churn, stop))
        )
    if args.interval > 0:
        tasks.append(asyncio.create_task(_churn_on_timer(servers, rngs, args, stop)))
    try:
        await stop.wait()
    finally:
        for task in tasks:
            task.cancel()
        for server in servers:
            await server.stop()
        counters = [_counters(server) for server in servers]
        sys.stderr.write(json.dumps(counters[0] if len(counters) == 1 else counters))
        sys.stderr.write("\n")


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    asyncio.run(_serve(_arguments(argv)))


if __name__ == "__main__":
    main()
