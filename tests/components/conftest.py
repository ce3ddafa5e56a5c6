"""Fixtures for the tests that run the integration inside Home Assistant."""

from collections.abc import AsyncGenerator
from unittest.mock import AsyncMock, patch

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.syrupy import (
    HomeAssistantSnapshotExtension,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator
from syrupy.assertion import SnapshotAssertion

# Imported before the `hass` fixture runs, so Home Assistant finds this
# integration rather than the harness's own custom_components package.
import custom_components.qbittorrent_multi  # noqa: F401
from custom_components.qbittorrent_multi.const import DOMAIN
from tests.components.action_calls import Server, nas_server
from tests.components.subscriptions import Subscriber
from tests.live_fixtures import StartFakeQBittorrent


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load custom integrations in every test here."""


@pytest.fixture
async def mock_setup_entry(hass: HomeAssistant) -> AsyncGenerator[AsyncMock]:
    """Set entries up (and unload them) without talking to any server.

    Config flow tests are about what the flow stores; an entry the flow
    creates or reloads is set up by this stand-in instead.
    """
    with (
        patch(
            "custom_components.qbittorrent_multi.async_setup_entry", return_value=True
        ) as setup_entry,
        patch(
            "custom_components.qbittorrent_multi.async_unload_entry", return_value=True
        ),
    ):
        yield setup_entry
        # The harness unloads what is still loaded after `hass` is done with,
        # which is after this patch ends: unload here, with the stand-in.
        for entry in hass.config_entries.async_entries(DOMAIN):
            if entry.state is ConfigEntryState.LOADED:
                await hass.config_entries.async_unload(entry.entry_id)


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots as Home Assistant core writes them (registry ids left out)."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture
async def nas(hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent) -> Server:
    """One qBittorrent 5.3 server with three torrents, set up as "NAS"."""
    return await nas_server(hass, fake_qbittorrent)


@pytest.fixture
async def subscriber(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator
) -> Subscriber:
    """A WebSocket authenticated as an administrator, as a card in a browser has."""
    return Subscriber(lambda: hass_ws_client(hass))
