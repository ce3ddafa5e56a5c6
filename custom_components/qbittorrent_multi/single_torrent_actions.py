"""Actions on one torrent named by its hash: rename it, list its files, set their priority.

A hash the server does not know is its own translated error (the server
answers 404); the file indexes are checked against the torrent's files
before any priority is sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, Final

from homeassistant.core import ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.helpers import config_validation as cv
import probatio as vol

from .action_fields import SERVER_FIELD, called_server
from .action_spec import ActionSpec
from .client import QBittorrentClient, TorrentFile
from .errors import failed, invalid, server_change, server_request
from .torrent_selection import torrent_id

ATTR_HASH: Final = "hash"
ATTR_NAME: Final = "name"
ATTR_INDEXES: Final = "indexes"
ATTR_PRIORITY: Final = "priority"

# qBittorrent's file priorities by the names the actions use. qBittorrent
# 4.2 reports libtorrent's default of 4 for a file nobody changed: anything
# between "do not download" and "high" reads as normal.
FILE_PRIORITIES: Final[Mapping[str, int]] = {
    "do_not_download": 0,
    "normal": 1,
    "high": 6,
    "maximum": 7,
}

_HASH_FIELD: Final[dict[Any, Any]] = {
    **SERVER_FIELD,
    vol.Required(ATTR_HASH): cv.string,
}
RENAME_TORRENT_SCHEMA: Final = vol.Schema(
    {**_HASH_FIELD, vol.Required(ATTR_NAME): cv.string}
)
GET_TORRENT_FILES_SCHEMA: Final = vol.Schema(_HASH_FIELD)
SET_FILE_PRIORITY_SCHEMA: Final = vol.Schema(
    {
        **_HASH_FIELD,
        vol.Required(ATTR_INDEXES): vol.All(
            cv.ensure_list, [vol.All(vol.Coerce(int), vol.Range(min=0))]
        ),
        vol.Required(ATTR_PRIORITY): vol.In(list(FILE_PRIORITIES)),
    }
)


def priority_name(priority: int) -> str:
    """The name of a file priority qBittorrent reports."""
    if priority <= 0:
        return "do_not_download"
    if priority >= FILE_PRIORITIES["maximum"]:
        return "maximum"
    if priority >= FILE_PRIORITIES["high"]:
        return "high"
    return "normal"


# qBittorrent 4.2 applies file priorities in the background, and a change sent
# before the previous one shows overwrites it: an action returns only once
# the server lists what it set (or after this many looks, 0.1 s apart).
_CONFIRM_ATTEMPTS: Final = 30
_CONFIRM_INTERVAL: Final = 0.1


async def _until_listed(
    client: QBittorrentClient, torrent: str, indexes: list[int], priority: str
) -> None:
    """Wait until the server lists the priority on every file changed."""
    for _ in range(_CONFIRM_ATTEMPTS):
        files = await client.files(torrent)
        if all(
            priority_name(file.priority) == priority
            for file in files
            if file.index in indexes
        ):
            return
        await asyncio.sleep(_CONFIRM_INTERVAL)


def _describe(file: TorrentFile) -> dict[str, Any]:
    return {
        "index": file.index,
        "name": file.name,
        "size": file.size,
        # A percentage, as get_torrents reports a torrent's progress.
        "progress": round(file.progress * 100, 1),
        "priority": priority_name(file.priority),
    }


async def async_rename_torrent(call: ServiceCall) -> None:
    """Give one torrent a new name."""
    data = call.data
    torrent = torrent_id(data[ATTR_HASH])
    name = data[ATTR_NAME].strip()
    if not name:
        raise invalid("invalid_torrent_name")
    coordinator = called_server(call)
    async with server_change(coordinator) as client:
        await client.rename(torrent, name)


async def async_get_torrent_files(call: ServiceCall) -> ServiceResponse:
    """The files of one torrent: index, name, size, progress and priority."""
    data = call.data
    torrent = torrent_id(data[ATTR_HASH])
    coordinator = called_server(call)
    async with server_request(coordinator) as client:
        files = await client.files(torrent)
    return {
        "server": coordinator.server_name,
        "hash": torrent,
        "files": [_describe(file) for file in files],
    }


async def async_set_file_priority(call: ServiceCall) -> None:
    """Set the priority of some files of one torrent, by the indexes get_torrent_files gives."""
    data = call.data
    torrent = torrent_id(data[ATTR_HASH])
    indexes = list(dict.fromkeys(data[ATTR_INDEXES]))
    if not indexes:
        raise invalid("no_file_indexes")
    coordinator = called_server(call)
    server = coordinator.server_name
    async with server_change(coordinator) as client:
        files = await client.files(torrent)
        if not files:
            # A magnet link still fetching its metadata has no files yet.
            raise failed("metadata_missing", server=server, error=torrent)
        known = {file.index for file in files}
        if unknown := [index for index in indexes if index not in known]:
            raise invalid(
                "unknown_file_index",
                indexes=", ".join(str(index) for index in unknown),
                server=server,
                count=str(len(files)),
            )
        await client.set_file_priority(
            torrent, indexes, FILE_PRIORITIES[data[ATTR_PRIORITY]]
        )
        await _until_listed(client, torrent, indexes, data[ATTR_PRIORITY])


SINGLE_TORRENT_ACTIONS: Final = (
    ActionSpec("rename_torrent", async_rename_torrent, RENAME_TORRENT_SCHEMA),
    ActionSpec(
        "get_torrent_files",
        async_get_torrent_files,
        GET_TORRENT_FILES_SCHEMA,
        SupportsResponse.ONLY,
    ),
    ActionSpec("set_file_priority", async_set_file_priority, SET_FILE_PRIORITY_SCHEMA),
)
