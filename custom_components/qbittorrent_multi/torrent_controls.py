"""Actions that steer chosen torrents: data location, queue position, forced start, seeding mode.

Each takes the common fields (server and the torrent selection) through
`TorrentAction`, plus one value of its own, checked before anything is sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Final

from homeassistant.helpers import config_validation as cv
import probatio as vol

from .client import QUEUE_ENDPOINTS, Hashes, QBittorrentClient
from .torrent_actions import TorrentAction
from .torrent_sources import checked_location

ATTR_LOCATION: Final = "location"
ATTR_PRIORITY: Final = "priority"
ATTR_ENABLE: Final = "enable"
# Where set_torrent_priority moves torrents in the download queue: each
# direction has its endpoint.
QUEUE_MOVES: Final = tuple(QUEUE_ENDPOINTS)


def _check_location(data: Mapping[str, Any]) -> None:
    checked_location(data[ATTR_LOCATION])


async def _set_location(
    client: QBittorrentClient, hashes: Hashes, data: Mapping[str, Any]
) -> None:
    await client.set_location(hashes, checked_location(data[ATTR_LOCATION]))


def _switched(
    setter: Callable[[QBittorrentClient, Hashes, bool], Awaitable[None]],
) -> TorrentAction:
    """An action that turns a setting of the chosen torrents on or off."""

    async def run(
        client: QBittorrentClient, hashes: Hashes, data: Mapping[str, Any]
    ) -> None:
        await setter(client, hashes, data[ATTR_ENABLE])

    return TorrentAction(fields={vol.Required(ATTR_ENABLE): cv.boolean}, run=run)


TORRENT_CONTROLS: Final[Mapping[str, TorrentAction]] = {
    "set_location": TorrentAction(
        fields={vol.Required(ATTR_LOCATION): cv.string},
        check=_check_location,
        run=_set_location,
    ),
    "set_torrent_priority": TorrentAction(
        fields={vol.Required(ATTR_PRIORITY): vol.In(QUEUE_MOVES)},
        run=lambda client, hashes, data: client.move_in_queue(
            hashes, data[ATTR_PRIORITY]
        ),
    ),
    "set_force_start": _switched(QBittorrentClient.set_force_start),
    "set_super_seeding": _switched(QBittorrentClient.set_super_seeding),
    "set_auto_management": _switched(QBittorrentClient.set_auto_management),
}
