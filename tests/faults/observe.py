"""What a test observes of the integration: entity states, log lines, requests sent."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
import logging
from typing import Any

from homeassistant.core import HomeAssistant
import pytest

from custom_components.qbittorrent_multi.client import QBittorrentClient
from custom_components.qbittorrent_multi.const import DOMAIN
from custom_components.qbittorrent_multi.coordinator import QBittorrentCoordinator

OUR_LOGGER = "custom_components.qbittorrent_multi"
COUNTS = ("torrents", "downloading_torrents", "seeding_torrents", "stopped_torrents")


def state_of(hass: HomeAssistant, entity_id: str) -> str:
    """The state of an entity, which must exist."""
    state = hass.states.get(entity_id)
    assert state is not None, f"{entity_id} does not exist"
    return state.state


def counts_shown(hass: HomeAssistant, device: str = "nas") -> dict[str, str]:
    """The torrent count sensors of a server, as the user reads them."""
    return {key: state_of(hass, f"sensor.{device}_{key}") for key in COUNTS}


async def torrents_listed(hass: HomeAssistant) -> list[str]:
    """The hashes get_torrents reports for the active server, in its order."""
    listing = await hass.services.async_call(
        DOMAIN, "get_torrents", {}, blocking=True, return_response=True
    )
    assert listing is not None
    torrents = listing["torrents"]
    assert isinstance(torrents, list)
    return [str(torrent["hash"]) for torrent in torrents if isinstance(torrent, dict)]


def our_problems(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Warnings and errors the integration logged (its own logger and below it)."""
    return [
        record
        for record in caplog.records
        if record.levelno >= logging.WARNING
        and (record.name == OUR_LOGGER or record.name.startswith(f"{OUR_LOGGER}."))
    ]


def lines_at_or_above(
    caplog: pytest.LogCaptureFixture, level: int, names: Iterable[str] = (OUR_LOGGER,)
) -> list[str]:
    """Messages at `level` or above from the given loggers and their children."""
    prefixes = tuple(names)
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= level
        and any(
            record.name == name or record.name.startswith(f"{name}.")
            for name in prefixes
        )
    ]


def next_attempt(coordinator: QBittorrentCoordinator) -> timedelta:
    """How long the coordinator waits before its next poll."""
    assert coordinator.update_interval is not None
    return coordinator.update_interval


def record_requests(client: QBittorrentClient) -> list[str]:
    """Return a list that fills with the endpoint of every request the client sends.

    Real qBittorrent keeps no request log; the client's transport is where
    every request, logins included, leaves Home Assistant.
    """
    sent: list[str] = []
    transport = client._transport
    send = transport.raw

    async def recorded(method: str, endpoint: str, **kwargs: Any) -> Any:
        sent.append(endpoint)
        return await send(method, endpoint, **kwargs)

    transport.raw = recorded  # type: ignore[method-assign]
    return sent
