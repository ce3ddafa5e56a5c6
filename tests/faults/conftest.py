"""Fixtures for the reliability and security matrix."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import pytest

# Imported before the `hass` fixture runs, so Home Assistant finds this
# integration rather than the harness's own custom_components package.
import custom_components.qbittorrent_multi  # noqa: F401
from tests.fake_qbittorrent import FakeQBittorrent
from tests.faults.power import PowerSwitch
from tests.refused_handshakes import ignoring_refused_handshakes


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load custom integrations in every test here."""


@pytest.fixture
async def refused_handshakes_ignored() -> AsyncIterator[None]:
    """Let a TLS client refuse the fake server's certificate without failing the test."""
    with ignoring_refused_handshakes():
        yield


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
