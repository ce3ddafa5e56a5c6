"""Demo qBittorrent servers with a few small torrents seeding.

`scripts/develop` runs this module (`python -m tests.real_ha.demo_servers`) to
give a development Home Assistant two real servers to add: qBittorrent 4.5 and
5.3 on fixed local ports with known credentials. The real-Home-Assistant test
and the screenshot script use the same seeding, so what a newcomer sees is
what is tested.

Each torrent's data file is written into the server's download directory
before the torrent is added, so qBittorrent finds it complete after checking
and seeds it without any peer.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
import json
import os
from pathlib import Path
import signal
import socket
import sys
from typing import Any

import aiohttp

from tests.real_qbittorrent import (
    QBittorrentMissingError,
    QBittorrentStartError,
    RealQBittorrent,
    Version,
)
from tests.torrent_files import SampleTorrent, make_torrent

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-password"
DEFAULT_PORTS: Mapping[Version, int] = {"4.5": 18045, "5.3": 18053}
PORT_VARIABLES: Mapping[Version, str] = {
    "4.5": "QBM_DEMO_PORT_45",
    "5.3": "QBM_DEMO_PORT_53",
}
# The names the README and the dashboard example use for the demo servers.
DEMO_NAMES: Mapping[Version, str] = {"4.5": "NAS", "5.3": "Seedbox"}
# The real-Home-Assistant tests add a server of every line: the demo servers
# and one each of the others.
TEST_NAMES: Mapping[Version, str] = {
    "4.5": "NAS",
    "5.3": "Seedbox",
    "4.2": "Attic",
    "5.1": "Library",
}
SEEDING_STATES = frozenset({"uploading", "stalledUP", "queuedUP", "forcedUP"})
STOPPED_STATES = frozenset({"pausedUP", "stoppedUP"})
SETTLE_TIMEOUT = 30.0
TRANSFER_PIECE_LENGTH = 256 * 1024


@dataclass(frozen=True, slots=True)
class DemoTorrent:
    """A torrent a demo server gets: a small file with a readable name."""

    name: str
    size: int
    category: str = ""
    tags: tuple[str, ...] = ()
    stopped: bool = False


DEMO_TORRENTS: Mapping[Version, tuple[DemoTorrent, ...]] = {
    # 4.2 cannot tag a torrent as it adds it.
    "4.2": (
        DemoTorrent("ubuntu-20.04-live-server.iso", 458_752, "linux"),
        DemoTorrent("night-of-the-living-dead.mkv", 393_216, "films", stopped=True),
    ),
    "4.5": (
        DemoTorrent("debian-13-netinst.iso", 786_432, "linux", ("iso",)),
        DemoTorrent("big-buck-bunny-1080p.mkv", 524_288, "films"),
        DemoTorrent("public-domain-audiobooks.zip", 262_144, "books"),
    ),
    "5.3": (
        DemoTorrent("fedora-workstation-43.iso", 917_504, "linux", ("iso",)),
        DemoTorrent("archlinux-2026.11.01-x86_64.iso", 655_360, "linux", ("iso",)),
        DemoTorrent("sintel-4k.mkv", 393_216, "films"),
        DemoTorrent("tears-of-steel.mkv", 327_680, "films", stopped=True),
    ),
    "5.1": (
        DemoTorrent("debian-12-live-amd64.iso", 589_824, "linux", ("iso",)),
        DemoTorrent("cosmos-laundromat.mkv", 262_144, "films"),
        DemoTorrent("project-gutenberg-top-100.zip", 196_608, "books"),
    ),
}
# Downloaded by NAS from Seedbox over loopback, slowly enough to watch.
TRANSFER = DemoTorrent("blender-open-movies.tar", 96 * 1024 * 1024, "films")
TRANSFER_RATE = 400 * 1024  # bytes per second: about four minutes in all


class QBittorrentWebApi:
    """The few WebAPI calls seeding needs, on a session of its own."""

    def __init__(self, session: aiohttp.ClientSession, server: RealQBittorrent) -> None:
        """Talk to `server` through `session` (whose cookie jar keeps the login)."""
        self._session = session
        self._server = server
        self._base = f"{server.url}/api/v2/"

    async def login(self) -> None:
        """Log in with the server's own credentials."""
        form = {"username": self._server.username, "password": self._server.password}
        async with self._session.post(self._base + "auth/login", data=form) as reply:
            text = await reply.text()
            if reply.status not in (200, 204) or text == "Fails.":
                raise QBittorrentStartError(
                    f"login to {self._server!r} failed: HTTP {reply.status}"
                )

    async def add(self, sample: SampleTorrent, torrent: DemoTorrent) -> None:
        """Upload a .torrent whose data is already in the download directory."""
        form = aiohttp.FormData()
        form.add_field("savepath", str(self._server.downloads_dir))
        if torrent.category:
            form.add_field("category", torrent.category)
        if torrent.tags:
            form.add_field("tags", ",".join(torrent.tags))
        form.add_field(
            "torrents",
            sample.torrent,
            filename=sample.torrent_path.name,
            content_type="application/x-bittorrent",
        )
        async with self._session.post(self._base + "torrents/add", data=form) as reply:
            if reply.status != 200:
                raise QBittorrentStartError(
                    f"adding {torrent.name} to {self._server!r} failed: "
                    f"HTTP {reply.status} {await reply.text()}"
                )

    async def add_file(self, sample: SampleTorrent) -> None:
        """Upload a .torrent as it is, into the server's download directory."""
        await self.add(sample, DemoTorrent(sample.name, sample.size))

    async def stop(self, info_hash: str) -> None:
        """Stop one torrent (4.x calls it pausing)."""
        endpoint = (
            "torrents/pause"
            if self._server.version.startswith("4.")
            else "torrents/stop"
        )
        async with self._session.post(
            self._base + endpoint, data={"hashes": info_hash}
        ) as reply:
            reply.raise_for_status()

    async def delete(self, info_hash: str) -> None:
        """Delete one torrent and its data."""
        async with self._session.post(
            self._base + "torrents/delete",
            data={"hashes": info_hash, "deleteFiles": "true"},
        ) as reply:
            reply.raise_for_status()

    async def prepare_for_transfer(self) -> None:
        """Let a transfer between local servers run, at the rate it is given.

        Rate limits must apply to local peers too (qBittorrent exempts them by
        default), and no torrent may wait in the queue: a queued torrent
        neither uploads nor downloads.
        """
        preferences = {"limit_lan_peers": True, "queueing_enabled": False}
        async with self._session.post(
            self._base + "app/setPreferences",
            data={"json": json.dumps(preferences)},
        ) as reply:
            reply.raise_for_status()

    async def limit_upload(self, info_hash: str, rate: int) -> None:
        """Cap one torrent's upload rate (bytes per second)."""
        async with self._session.post(
            self._base + "torrents/setUploadLimit",
            data={"hashes": info_hash, "limit": str(rate)},
        ) as reply:
            reply.raise_for_status()

    async def add_peer(self, info_hash: str, peer: str) -> None:
        """Point one torrent at a peer ("host:port")."""
        async with self._session.post(
            self._base + "torrents/addPeers", data={"hashes": info_hash, "peers": peer}
        ) as reply:
            reply.raise_for_status()

    async def torrents(self) -> list[dict[str, Any]]:
        """torrents/info: every torrent the server has, as it reports it."""
        async with self._session.get(self._base + "torrents/info") as reply:
            reply.raise_for_status()
            result: list[dict[str, Any]] = await reply.json()
            return result

    async def alternative_speed_enabled(self) -> bool:
        """Whether the server's alternative speed limits are on."""
        async with self._session.get(self._base + "transfer/speedLimitsMode") as reply:
            reply.raise_for_status()
            return (await reply.text()).strip() == "1"


def web_session() -> aiohttp.ClientSession:
    """A session whose cookie jar keeps a qBittorrent login on an IP address."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def seed(
    server: RealQBittorrent, torrents: Sequence[DemoTorrent]
) -> list[SampleTorrent]:
    """Add `torrents` to a running server and wait until each seeds (or is stopped)."""
    samples = [
        make_torrent(server.downloads_dir, torrent.name, size=torrent.size)
        for torrent in torrents
    ]
    async with web_session() as session:
        api = QBittorrentWebApi(session, server)
        await api.login()
        for sample, torrent in zip(samples, torrents, strict=True):
            await api.add(sample, torrent)
        # A torrent added stopped is never checked and would look unfinished:
        # every torrent seeds first, and the stopped ones are stopped after.
        await _settle(api, server, dict.fromkeys(hashes(samples), SEEDING_STATES))
        stopped = [
            sample.info_hash
            for sample, torrent in zip(samples, torrents, strict=True)
            if torrent.stopped
        ]
        for info_hash in stopped:
            await api.stop(info_hash)
        await _settle(api, server, dict.fromkeys(stopped, STOPPED_STATES))
    return samples


async def start_transfer(
    source: RealQBittorrent,
    target: RealQBittorrent,
    torrent: DemoTorrent = TRANSFER,
    rate: int = TRANSFER_RATE,
) -> SampleTorrent:
    """Seed `torrent` on `source` and have `target` download it from there at `rate`.

    The servers find no peers by themselves (no DHT, tracker or local
    discovery here), so the target is given the source's address.
    """
    sample = make_torrent(
        source.downloads_dir,
        torrent.name,
        size=torrent.size,
        piece_length=TRANSFER_PIECE_LENGTH,
    )
    async with web_session() as source_session, web_session() as target_session:
        uploader = QBittorrentWebApi(source_session, source)
        downloader = QBittorrentWebApi(target_session, target)
        for api in (uploader, downloader):
            await api.login()
            await api.prepare_for_transfer()
        await uploader.add(sample, torrent)
        await _settle(uploader, source, {sample.info_hash: SEEDING_STATES})
        await uploader.limit_upload(sample.info_hash, rate)
        # The target saves into its own download directory, where the data is not.
        await downloader.add(sample, torrent)
        deadline = asyncio.get_running_loop().time() + SETTLE_TIMEOUT
        while True:
            # A peer added while the torrent is still loading is dropped.
            await downloader.add_peer(
                sample.info_hash, f"127.0.0.1:{source.torrenting_port}"
            )
            states = {t["hash"]: t for t in await downloader.torrents()}
            progress = states.get(sample.info_hash, {})
            if progress.get("state") == "downloading":
                return sample
            if asyncio.get_running_loop().time() > deadline:
                raise QBittorrentStartError(
                    f"{target!r} never started downloading: {progress}"
                )
            await asyncio.sleep(0.5)


def hashes(samples: Sequence[SampleTorrent]) -> list[str]:
    """The info-hashes of some sample torrents."""
    return [sample.info_hash for sample in samples]


async def _settle(
    api: QBittorrentWebApi,
    server: RealQBittorrent,
    wanted: Mapping[str, frozenset[str]],
) -> None:
    """Wait until every torrent in `wanted` is in one of its wanted states."""
    deadline = asyncio.get_running_loop().time() + SETTLE_TIMEOUT
    while True:
        states = {t["hash"]: t["state"] for t in await api.torrents()}
        if all(states.get(h) in ok for h, ok in wanted.items()):
            return
        if asyncio.get_running_loop().time() > deadline:
            raise QBittorrentStartError(f"{server!r} did not settle: {states}")
        await asyncio.sleep(0.2)


def _port(version: Version) -> int:
    """The fixed port of a demo server: its environment variable, else the default."""
    return int(os.environ.get(PORT_VARIABLES[version], DEFAULT_PORTS[version]))


def _require_free(port: int, variable: str) -> None:
    """Fail early, and say what to do, when something already listens on `port`."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As servers do: connections of an earlier run that linger in
        # TIME_WAIT do not keep the port from being listened on.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            sys.exit(f"port {port} is in use: set {variable} to another port")


def start_demo_server(version: Version, port: int | None = None) -> RealQBittorrent:
    """Start one demo server with the demo credentials (on `port` when given)."""
    server = RealQBittorrent(version, username=DEMO_USERNAME, password=DEMO_PASSWORD)
    if port is not None:
        # The command line's --webui-port wins over the port in the profile.
        server.port = port
    server.start()
    return server


def describe(servers: Sequence[RealQBittorrent]) -> list[dict[str, str]]:
    """What a person needs to add each server in Home Assistant."""
    return [
        {
            "name": DEMO_NAMES[server.version],
            "version": server.version,
            "url": server.url,
            "username": server.username,
            "password": server.password,
        }
        for server in servers
    ]


def summary(servers: Sequence[RealQBittorrent]) -> str:
    """What a person needs to add each server, and what goes on on them."""
    lines = [
        f"  {server['name']:8} URL {server['url']}  username {server['username']}"
        f"  password {server['password']}  (qBittorrent {server['version']})"
        for server in describe(servers)
    ]
    minutes = TRANSFER.size // TRANSFER_RATE // 60
    lines.append(
        f"  NAS downloads {TRANSFER.name} from Seedbox at {TRANSFER_RATE // 1024} KiB/s"
        f" (about {minutes} minutes, then it completes)."
    )
    return "\n".join(lines) + "\n"


async def _serve(ready_file: Path | None) -> None:
    servers: list[RealQBittorrent] = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        for version in DEMO_NAMES:
            port = _port(version)
            _require_free(port, PORT_VARIABLES[version])
            server = await asyncio.to_thread(start_demo_server, version, port)
            servers.append(server)
            await seed(server, DEMO_TORRENTS[version])
        nas, seedbox = servers
        await start_transfer(seedbox, nas)
        if ready_file is not None:
            ready_file.write_text(summary(servers), encoding="utf-8")
        else:
            sys.stdout.write(summary(servers))
            sys.stdout.flush()
        await stop.wait()
    finally:
        for server in servers:
            await asyncio.to_thread(server.close)
        if ready_file is not None:
            ready_file.unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the demo servers until interrupted."""
    parser = argparse.ArgumentParser(description="Run the demo qBittorrent servers.")
    parser.add_argument(
        "--ready-file",
        type=Path,
        help="where to write the servers' URLs and credentials once both are ready",
    )
    args = parser.parse_args(argv)
    try:
        asyncio.run(_serve(args.ready_file))
    except (QBittorrentMissingError, QBittorrentStartError) as err:
        sys.exit(str(err))


if __name__ == "__main__":
    main()
