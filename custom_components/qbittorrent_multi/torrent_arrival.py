"""Waiting until a server lists the torrents it was asked to add.

qBittorrent adds asynchronously: `torrents/add` answers before the new
torrent is in its lists, and 4.5 and 5.1 leave it out of the very next
`torrents/info` about half the time. Whatever relies on an added torrent
being there (an action after `add_torrent`, a copy that removes the
torrent from its source) asks until the server lists it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
import time
from typing import Final

from .client import QBittorrentClient

# How long a server may take to list what it accepted; more means the add
# went wrong on the server's side.
LIST_TIMEOUT: Final = 30.0
# Most servers list a torrent within milliseconds; a busy one is asked less
# and less often.
FIRST_PAUSE: Final = 0.05
LONGEST_PAUSE: Final = 0.5


async def async_unlisted(
    client: QBittorrentClient, torrent_ids: Collection[str]
) -> set[str]:
    """Ask until the server lists every one of `torrent_ids`; those it never did.

    The wait ends after `LIST_TIMEOUT` seconds. Client errors propagate.
    """
    waiting = set(torrent_ids)
    deadline = time.monotonic() + LIST_TIMEOUT
    pause = FIRST_PAUSE
    while waiting:
        listed = await client.torrents_info(sorted(waiting))
        waiting -= {str(details.get("hash", "")) for details in listed}
        left = deadline - time.monotonic()
        if not waiting or left <= 0:
            break
        await asyncio.sleep(min(pause, left))
        pause = min(pause * 2, LONGEST_PAUSE)
    return waiting
