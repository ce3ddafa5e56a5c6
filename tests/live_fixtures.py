"""Pytest fixtures for real and fake qBittorrent servers.

A plugin module: tests/conftest.py lists it in `pytest_plugins`, so every test
folder can use these fixtures.

Home Assistant's test plugin blocks sockets in tests that do not request
`socket_enabled` (and allows only 127.0.0.1 even then). The function-scoped
fixtures here request it for you: `real_qbittorrent`, `start_qbittorrent` and
`fake_qbittorrent`. A test that uses one of the session-scoped servers
(`qbittorrent_42`, `qbittorrent_45`, `qbittorrent_51`, `qbittorrent_53`)
directly must request `socket_enabled` itself (for example with
`pytestmark = pytest.mark.usefixtures("socket_enabled")`) before it talks to
the server; starting the server works either way.

A missing qbittorrent-nox binary fails the test with "run scripts/setup" — it
never skips, in CI or anywhere else. In CI (CI=true) any skipped test fails.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Generator, Iterator
import os
from pathlib import Path
import ssl
from typing import Any, Protocol

import pytest

from tests.fake_qbittorrent import FakeQBittorrent, FlavourName
from tests.real_qbittorrent import (
    VERSIONS,
    QBittorrentMissingError,
    QBittorrentStartError,
    RealQBittorrent,
    Version,
)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """In CI a skipped test is a failed one: every tier runs there, none may drop out."""
    report: pytest.TestReport = yield
    if os.environ.get("CI") == "true" and report.skipped:
        report.outcome = "failed"
        report.longrepr = (
            f"skipped in CI, where nothing may be skipped: {report.longrepr}"
        )
    return report


class StartQBittorrent(Protocol):
    """Signature of the `start_qbittorrent` factory."""

    def __call__(self, version: Version = "5.3", **knobs: Any) -> RealQBittorrent:
        """Start a private real server (knobs as RealQBittorrent takes them)."""
        ...


class StartFakeQBittorrent(Protocol):
    """Signature of the `fake_qbittorrent` factory."""

    def __call__(
        self,
        flavour: FlavourName = "5.3",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
        **options: Any,
    ) -> Awaitable[FakeQBittorrent]:
        """Start a fake server (options as FakeQBittorrent takes them)."""
        ...


def _started(version: Version, **knobs: Any) -> RealQBittorrent:
    """A started real server, or a test failure that says what to do."""
    try:
        server = RealQBittorrent(version, **knobs)
    except QBittorrentMissingError as err:
        pytest.fail(str(err), pytrace=False)
    try:
        server.start()
    except QBittorrentStartError as err:
        server.close()
        pytest.fail(str(err), pytrace=False)
    return server


def shared_fixture_name(version: Version) -> str:
    """Name of the session fixture of a version's shared server ("qbittorrent_45")."""
    return "qbittorrent_" + version.replace(".", "")


def _shared(version: Version) -> Iterator[RealQBittorrent]:
    server = _started(version)
    yield server
    server.close()


@pytest.fixture(scope="session")
def qbittorrent_42() -> Iterator[RealQBittorrent]:
    """A real qBittorrent 4.2.5 shared by the whole session (do not stop or break it)."""
    yield from _shared("4.2")


@pytest.fixture(scope="session")
def qbittorrent_45() -> Iterator[RealQBittorrent]:
    """A real qBittorrent 4.5.2 shared by the whole session (do not stop or break it)."""
    yield from _shared("4.5")


@pytest.fixture(scope="session")
def qbittorrent_51() -> Iterator[RealQBittorrent]:
    """A real qBittorrent 5.1.0 shared by the whole session (do not stop or break it)."""
    yield from _shared("5.1")


@pytest.fixture(scope="session")
def qbittorrent_53() -> Iterator[RealQBittorrent]:
    """A real qBittorrent 5.3.0 shared by the whole session (do not stop or break it)."""
    yield from _shared("5.3")


def real_versions(*versions: Version) -> list[Any]:
    """Parameters for `real_qbittorrent` (all versions unless some are named)."""
    return [
        pytest.param(version, marks=pytest.mark.live, id=f"qbt{version}")
        for version in versions or VERSIONS
    ]


@pytest.fixture(params=real_versions())
def real_qbittorrent(
    request: pytest.FixtureRequest, socket_enabled: None
) -> RealQBittorrent:
    """Each shared real server in turn (sockets enabled for the test).

    A test about some versions narrows it with
    `@pytest.mark.parametrize("real_qbittorrent", real_versions("5.3"), indirect=True)`.
    """
    server: RealQBittorrent = request.getfixturevalue(
        shared_fixture_name(request.param)
    )
    if not server.running:
        # A test broke the shared server; the next one gets it back.
        server.start()
    return server


@pytest.fixture
def start_qbittorrent(socket_enabled: None) -> Iterator[StartQBittorrent]:
    """Factory for private real servers a test may stop, restart or break.

    `start_qbittorrent("4.5", max_auth_failures=3, ban_seconds=5,
    session_timeout=60, password="...")` returns a started RealQBittorrent;
    all are stopped and deleted after the test.
    """
    servers: list[RealQBittorrent] = []

    def start(version: Version = "5.3", **knobs: Any) -> RealQBittorrent:
        server = _started(version, **knobs)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
async def fake_qbittorrent(
    socket_enabled: None, tmp_path: Path
) -> AsyncIterator[StartFakeQBittorrent]:
    """Factory for fake servers, stopped after the test.

    `server = await fake_qbittorrent("4.5", password="...", path_prefix="/qbt",
    max_auth_failures=3, ssl_context=certificate.server_context())`.
    Each gets its own existing downloads directory unless `downloads_dir` is given.
    """
    servers: list[FakeQBittorrent] = []

    async def start(
        flavour: FlavourName = "5.3",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
        **options: Any,
    ) -> FakeQBittorrent:
        if "downloads_dir" not in options:
            downloads = tmp_path / f"fake-{len(servers)}-downloads"
            downloads.mkdir()
            options["downloads_dir"] = str(downloads)
        server = FakeQBittorrent(flavour, **options)
        servers.append(server)
        await server.start(host, port, ssl_context)
        return server

    yield start
    for server in servers:
        await server.stop()


__all__ = [
    "StartFakeQBittorrent",
    "StartQBittorrent",
    "fake_qbittorrent",
    "qbittorrent_42",
    "qbittorrent_45",
    "qbittorrent_51",
    "qbittorrent_53",
    "real_qbittorrent",
    "real_versions",
    "shared_fixture_name",
    "start_qbittorrent",
]
