"""Run the fake qBittorrent as a standalone process (for benchmarks).

    python -m tests.fake_qbittorrent --flavour 5.3 --torrents 10000 --port 0 --churn 0.01

The first line on stdout is JSON with the URL and credentials; the server then
churns that fraction of torrents every --interval seconds until interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import signal
import sys

from .server import DEFAULT_PASSWORD, DEFAULT_USERNAME, FakeQBittorrent
from .tls import self_signed_certificate


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.fake_qbittorrent")
    parser.add_argument("--flavour", choices=("4.5", "5.3"), default="5.3")
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
        "--interval", type=float, default=1.0, help="seconds between churns"
    )
    parser.add_argument("--username", default=DEFAULT_USERNAME)
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument(
        "--prefix", default="", help="path prefix, as behind a reverse proxy"
    )
    parser.add_argument(
        "--api-key", action="store_true", help="create an API key (5.3)"
    )
    parser.add_argument("--tls", action="store_true", help="serve HTTPS (self-signed)")
    return parser.parse_args(argv)


async def _serve(args: argparse.Namespace) -> None:
    server = FakeQBittorrent(
        args.flavour,
        username=args.username,
        password=args.password,
        path_prefix=args.prefix,
    )
    server.populate(args.torrents, seed=args.seed)
    api_key = server.rotate_api_key() if args.api_key else None
    ssl_context = self_signed_certificate().server_context() if args.tls else None
    url = await server.start(args.host, args.port, ssl_context)
    details = {
        "url": url,
        "username": server.username,
        "password": server.password,
        "api_key": api_key,
        "flavour": args.flavour,
        "torrents": len(server.torrents),
    }
    sys.stdout.write(json.dumps(details) + "\n")
    sys.stdout.flush()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    rng = random.Random(args.seed)
    try:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), args.interval)
            if args.churn and not stop.is_set():
                server.churn(args.churn, rng)
    finally:
        await server.stop()
        counters = {
            "maindata_requests": server.maindata_requests,
            "login_attempts": server.login_attempts,
            "bytes_sent": server.bytes_sent,
        }
        sys.stderr.write(json.dumps(counters) + "\n")


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    asyncio.run(_serve(_arguments(argv)))


if __name__ == "__main__":
    main()
