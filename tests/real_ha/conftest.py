"""One real Home Assistant, onboarded, with both demo servers added, per module.

Booting Home Assistant and two qBittorrent servers takes seconds, so the
tests in a module share one instance. The fixture is synchronous: it runs its
setup on an event loop of its own, so that no test's loop (which the test
harness checks for leftovers) ever holds the long-lived connections.
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
    DEMO_NAMES,
    DEMO_TORRENTS,
    seed,
    start_demo_server,
    web_session,
)
from tests.real_ha.home_assistant import RealHomeAssistant
from tests.real_qbittorrent import VERSIONS, RealQBittorrent, loopback_sockets


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


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Instance]:
    """A real, onboarded Home Assistant with the demo servers NAS (4.5) and Seedbox (5.3)."""
    with contextlib.ExitStack() as stack:
        servers: dict[str, RealQBittorrent] = {}
        for version in VERSIONS:
            server = start_demo_server(version)
            stack.callback(server.close)
            servers[DEMO_NAMES[version]] = server
        home_assistant = RealHomeAssistant(
            Path(tmp_path_factory.mktemp("home-assistant"))
        )
        stack.callback(home_assistant.stop)
        home_assistant.start()
        tokens, entries = run_on_own_loop(_onboard_and_add(home_assistant, servers))
        yield Instance(home_assistant, servers, tokens, entries)


@pytest.fixture
async def api(
    instance: Instance, socket_enabled: None
) -> AsyncIterator[HomeAssistantApi]:
    """The instance's REST and WebSocket APIs, logged in as its owner."""
    async with web_session() as session:
        client = HomeAssistantApi(session, instance.url)
        client.tokens = instance.tokens
        yield client
