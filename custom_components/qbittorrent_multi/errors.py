"""The one place that turns failures into the translated errors a user reads.

Input that cannot be acted on is a `ServiceValidationError` (`invalid`); a
server that cannot do what was asked is a `HomeAssistantError` (`failed`).
Every request an action, the switch or the select sends to a server goes
through `server_request`, which refuses while the server bans us, connects
first to a server never connected to, and translates the client's errors.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .client import QBittorrentClient, QBittorrentError
from .const import DOMAIN

if TYPE_CHECKING:
    from .coordinator import QBittorrentCoordinator


def invalid(key: str, **placeholders: str) -> ServiceValidationError:
    """A translated error for input that cannot be acted on; nothing was sent."""
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders or None,
    )


def failed(key: str, **placeholders: str) -> HomeAssistantError:
    """A translated error for something a server could not do."""
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders or None,
    )


@asynccontextmanager
async def server_request(
    coordinator: QBittorrentCoordinator,
) -> AsyncIterator[QBittorrentClient]:
    """The server's client, for requests whose failures become translated errors."""
    server = coordinator.server_name
    if coordinator.health.is_banned:
        # Any request would mean logging in again, which prolongs the ban.
        raise failed("server_banned", server=server)
    try:
        await coordinator.client.ensure_connected()
        yield coordinator.client
    except QBittorrentError as err:
        raise failed("action_failed", server=server, error=str(err)) from err
