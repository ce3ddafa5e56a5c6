"""Actions that steer chosen torrents: data location, queue position, forced start, seeding mode.

Each takes the common fields (server and the torrent selection) through
`TorrentAction`, plus one value of its own, checked before anything is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
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


_ENABLE_FIELD: Final = {vol.Required(ATTR_ENABLE): cv.boolean}

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
    "set_force_start": TorrentAction(
        fields=_ENABLE_FIELD,
        run=lambda client, hashes, data: client.set_force_start(
            hashes, data[ATTR_ENABLE]
        ),
    ),
    "set_super_seeding": TorrentAction(
        fields=_ENABLE_FIELD,
        run=lambda client, hashes, data: client.set_super_seeding(
            hashes, data[ATTR_ENABLE]
        ),
    ),
    "set_auto_management": TorrentAction(
        fields=_ENABLE_FIELD,
        run=lambda client, hashes, data: client.set_auto_management(
            hashes, data[ATTR_ENABLE]
        ),
    ),
}
