"""The one place that turns failures into the translated errors a user reads.

Input that cannot be acted on is a `ServiceValidationError` (`invalid`); a
server that cannot do what was asked is a `HomeAssistantError` (`failed`).
Every request an action, the switch or the select sends to a server goes
through `server_request`, which refuses while the server bans us, connects
first to a server never connected to, and translates the client's errors;
`server_change` is the same for a request that changes the server, and polls
it once the change is made.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Final

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers.translation import async_get_translations

from .client import (
    MetadataMissingError,
    QBittorrentClient,
    QBittorrentError,
    QueueingDisabledError,
    TorrentNotFoundError,
)
from .const import DOMAIN

if TYPE_CHECKING:
    from .coordinator import QBittorrentCoordinator

# Refusals a user can act on get a message of their own; any other failure
# is told with the server's own words.
_SPECIFIC_FAILURES: Final[tuple[tuple[type[QBittorrentError], str], ...]] = (
    (QueueingDisabledError, "queueing_disabled"),
    (MetadataMissingError, "metadata_missing"),
    (TorrentNotFoundError, "torrent_not_found"),
)


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
        key = next(
            (key for kind, key in _SPECIFIC_FAILURES if isinstance(err, kind)),
            "action_failed",
        )
        raise failed(key, server=server, error=str(err)) from err


@asynccontextmanager
async def server_change(
    coordinator: QBittorrentCoordinator,
) -> AsyncIterator[QBittorrentClient]:
    """`server_request` for a change; a poll follows once (and only if) it is made.

    The poll lets the server's entities show the change without waiting for
    the next scheduled one.
    """
    async with server_request(coordinator) as client:
        yield client
    await coordinator.async_request_refresh()


async def async_error_text(hass: HomeAssistant, err: HomeAssistantError) -> str:
    """An error's message in Home Assistant's language, for an action's response.

    A response is read where no frontend translates it (an automation, a
    notification), so it carries the text itself; English where the
    language has no translation.
    """
    if err.translation_domain != DOMAIN or err.translation_key is None:
        return str(err)
    key = f"component.{DOMAIN}.exceptions.{err.translation_key}.message"
    translations = await async_get_translations(
        hass, hass.config.language, "exceptions", {DOMAIN}
    )
    template = translations.get(key)
    if not template:
        return str(err)
    try:
        return template.format(**(err.translation_placeholders or {})).rstrip(".")
    except KeyError, IndexError:
        return str(err)
