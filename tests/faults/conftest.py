"""Fixtures for the reliability and security matrix."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

# Imported before the `hass` fixture runs, so Home Assistant finds this
# integration rather than the harness's own custom_components package.
import custom_components.qbittorrent_multi  # noqa: F401
from tests.fake_qbittorrent import FakeQBittorrent
from tests.faults.power import PowerSwitch


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load custom integrations in every test here."""


@pytest.fixture
async def refused_handshakes_ignored() -> AsyncIterator[None]:
    """Let a TLS client refuse the fake server's certificate without failing the test.

    The fake server runs in the test's own event loop, where asyncio reports a
    handshake its client gave up on as an error of the loop.
    """
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if (
            context.get("message")
            == "Error on transport creation for incoming connection"
        ):
            return
        if previous is None:
            loop.default_exception_handler(context)
        else:
            previous(loop, context)

    loop.set_exception_handler(handler)
    yield
    loop.set_exception_handler(previous)


@pytest.fixture
def power_switch() -> Iterator[Callable[[FakeQBittorrent], PowerSwitch]]:
    """Factory of power switches for fake servers; every address is let go after the test."""
    switches: list[PowerSwitch] = []

    def switch_for(server: FakeQBittorrent) -> PowerSwitch:
        switch = PowerSwitch(server)
        switches.append(switch)
        return switch

    yield switch_for
    for switch in switches:
        switch.release()
