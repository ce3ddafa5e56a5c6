"""A real Home Assistant per release, onboarded, with a server of every qBittorrent line.

Booting Home Assistant and four qBittorrent servers takes seconds, so all
tests share one instance per release (the pinned one and the newest): each is
started the first time a test asks for it and stopped at the end of the
session. Starting runs on an event loop of its own, so that no test's loop
(which the test harness checks for leftovers) ever holds the long-lived
connections.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine, Iterator, Mapping
import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.real_ha.api import HomeAssistantApi, Tokens
from tests.real_ha.demo_servers import (
    DEMO_TORRENTS,
    TEST_NAMES,
    seed,
    start_demo_server,
    web_session,
)
from tests.real_ha.home_assistant import HomeAssistantStartError, RealHomeAssistant
from tests.real_ha.releases import RELEASES, HomeAssistantMissingError
from tests.real_qbittorrent import (
    QBittorrentMissingError,
    QBittorrentStartError,
    RealQBittorrent,
    loopback_sockets,
)


@dataclass(frozen=True, slots=True)
class Instance:
    """A running Home Assistant and the servers it was given."""

    home_assistant: RealHomeAssistant
    servers: Mapping[str, RealQBittorrent]
    tokens: Tokens
    entries: Mapping[str, Mapping[str, Any]]

    @property
    def url(self) -> str:
        """Home Assistant's base URL."""
        return self.home_assistant.url


def run_on_own_loop[T](coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to the end on a fresh loop that is closed afterwards."""
    loop = asyncio.new_event_loop()
    try:
        with loopback_sockets():
            return loop.run_until_complete(coroutine)
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()


async def _onboard_and_add(
    home_assistant: RealHomeAssistant, servers: Mapping[str, RealQBittorrent]
) -> tuple[Tokens, dict[str, dict[str, Any]]]:
    await asyncio.gather(
        *(seed(server, DEMO_TORRENTS[server.version]) for server in servers.values())
    )
    async with web_session() as session:
        api = HomeAssistantApi(session, home_assistant.url)
        tokens = await api.onboard()
        await api.wait_until_running()
        entries = {
            name: await api.add_server(
                name=name,
                url=server.url,
                username=server.username,
                password=server.password,
            )
            for name, server in servers.items()
        }
    return tokens, entries


def _start(release: str, directory: Path, stack: contextlib.ExitStack) -> Instance:
    """Servers of every line, then Home Assistant, onboarded and given the servers."""
    servers: dict[str, RealQBittorrent] = {}
    # NAS first: the first server added becomes the active one.
    for version, name in TEST_NAMES.items():
        server = start_demo_server(version)
        stack.callback(server.close)
        servers[name] = server
    home_assistant = RealHomeAssistant(directory, release=release)
    stack.callback(home_assistant.stop)
    home_assistant.start()
    tokens, entries = run_on_own_loop(_onboard_and_add(home_assistant, servers))
    return Instance(home_assistant, servers, tokens, entries)


@dataclass(slots=True)
class _Running:
    """The instances started so far, by release, and what stops them."""

    stack: contextlib.ExitStack
    by_release: dict[str, Instance]


@pytest.fixture(scope="session")
def _running_instances() -> Iterator[_Running]:
    """Instances are stopped, with their servers, at the end of the session."""
    with contextlib.ExitStack() as stack:
        yield _Running(stack, {})


@pytest.fixture(params=RELEASES, ids=[f"ha{release}" for release in RELEASES])
def instance(
    request: pytest.FixtureRequest,
    _running_instances: _Running,
    tmp_path_factory: pytest.TempPathFactory,
) -> Instance:
    """A real, onboarded Home Assistant of each release, with a server of every line."""
    release: str = request.param
    running = _running_instances
    if release not in running.by_release:
        directory = Path(tmp_path_factory.mktemp(f"home-assistant-{release}"))
        try:
            running.by_release[release] = _start(release, directory, running.stack)
        except (
            HomeAssistantMissingError,
            HomeAssistantStartError,
            QBittorrentMissingError,
            QBittorrentStartError,
        ) as err:
            pytest.fail(str(err), pytrace=False)
    return running.by_release[release]


@pytest.fixture
async def api(
    instance: Instance, socket_enabled: None
) -> AsyncIterator[HomeAssistantApi]:
    """The instance's REST and WebSocket APIs, logged in as its owner."""
    async with web_session() as session:
        client = HomeAssistantApi(session, instance.url)
        client.tokens = instance.tokens
        yield client
