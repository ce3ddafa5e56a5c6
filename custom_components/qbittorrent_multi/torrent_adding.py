"""add_torrent: to one server, to several, to all, or to the one with the most room.

Everything the user gave (links, files, save path, category, tags, the
servers named) is checked before anything is sent to any server. The ids of
what is added are worked out from the links and files themselves, so every
qBittorrent version reports them, not only those that say what they added
(WebAPI 2.14 and later); a web link to a .torrent file is only known once the
server has fetched it, so it is reported where the server tells. The action
answers once the server lists what it added.

One server named by a text, the active one or "auto" gives one result;
a list of servers or "all" gives a result per server, and one server failing
does not stop the others.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv
import probatio as vol

from . import torrent_arrival
from .action_fields import (
    ATTR_DOWNLOAD_LIMIT,
    ATTR_SAVE_PATH,
    ATTR_SERVER,
    ATTR_TAGS,
    ATTR_UPLOAD_LIMIT,
    RATE_LIMIT_FIELDS,
    TEXT_LIST,
    bytes_per_second,
)
from .const import LOGGER
from .coordinator import QBittorrentCoordinator
from .errors import async_error_text, failed, invalid, server_change
from .metainfo import magnet_torrent_id, metainfo_torrent_id
from .switcher import ServerSwitcher, get_switcher
from .torrent_selection import ATTR_CATEGORY
from .torrent_sources import (
    async_read_torrent_files,
    checked_category,
    checked_save_path,
    checked_tags,
    checked_urls,
)

ATTR_URLS: Final = "urls"
ATTR_TORRENT_FILES: Final = "torrent_files"
ADD_FLAGS: Final = (
    "stopped",
    "sequential_download",
    "first_last_piece_prio",
    "skip_checking",
)
# What the server field may say instead of naming servers.
EVERY_SERVER: Final = "all"
BEST_SERVER: Final = "auto"

ADD_TORRENT_SCHEMA: Final = vol.Schema(
    {
        vol.Optional(ATTR_SERVER): vol.Any(cv.string, [cv.string]),
        vol.Optional(ATTR_URLS, default=list): TEXT_LIST,
        vol.Optional(ATTR_TORRENT_FILES, default=list): TEXT_LIST,
        vol.Optional(ATTR_SAVE_PATH): cv.string,
        vol.Optional(ATTR_CATEGORY): cv.string,
        vol.Optional(ATTR_TAGS, default=list): TEXT_LIST,
        **{vol.Optional(flag): cv.boolean for flag in ADD_FLAGS},
        **RATE_LIMIT_FIELDS,
    }
)


@dataclass(frozen=True, slots=True)
class AddRequest:
    """What to add, checked, and the ids it will have."""

    urls: list[str]
    files: list[tuple[str, bytes]]
    options: dict[str, Any]
    # Known before sending: magnet links and .torrent files, in order.
    known_ids: list[str]


@dataclass(frozen=True, slots=True)
class _Targets:
    """The servers an add goes to, and whether the answer is one result or a list."""

    servers: list[tuple[str, str]]  # (entry id, name shown)
    per_server: bool


def _options(data: Mapping[str, Any]) -> dict[str, Any]:
    options: dict[str, Any] = {
        key: data[key] for key in (ATTR_CATEGORY, *ADD_FLAGS) if key in data
    }
    if save_path := data.get(ATTR_SAVE_PATH):
        options[ATTR_SAVE_PATH] = checked_save_path(save_path)
    if category := data.get(ATTR_CATEGORY):
        # qBittorrent creates a category it does not have yet.
        options[ATTR_CATEGORY] = checked_category(category)
    if tags := checked_tags(data[ATTR_TAGS]):
        options[ATTR_TAGS] = tags
    for key in (ATTR_DOWNLOAD_LIMIT, ATTR_UPLOAD_LIMIT):
        if (rate := bytes_per_second(data, key)) is not None:
            options[key] = rate
    return options


async def async_checked_request(
    hass: HomeAssistant, data: Mapping[str, Any]
) -> AddRequest:
    """Read and check everything to add; a translated error on the first problem."""
    urls = checked_urls(data[ATTR_URLS])
    if not urls and not data[ATTR_TORRENT_FILES]:
        raise invalid("nothing_to_add")
    options = _options(data)
    files = await async_read_torrent_files(hass, data[ATTR_TORRENT_FILES])
    ids = [magnet_torrent_id(url) for url in urls]
    ids += [metainfo_torrent_id(content) for _, content in files]
    return AddRequest(
        urls=urls,
        files=files,
        options=options,
        known_ids=list(dict.fromkeys(known for known in ids if known is not None)),
    )


def best_server(
    switcher: ServerSwitcher, *, needs_tags: bool
) -> QBittorrentCoordinator:
    """The healthy server with the most free disk space; ties: the fewest downloading.

    A server whose free space is unknown comes after every one that tells;
    with tags to set, a server that cannot tag while adding is not a choice.
    Further ties go to the first by name.
    """
    candidates = [
        coordinator
        for coordinator in switcher.servers.healthy()
        if not needs_tags
        or (version := coordinator.client.version) is None
        or version.add_reads_tags
    ]
    if not candidates:
        raise invalid("no_server_for_auto")

    def room(coordinator: QBittorrentCoordinator) -> tuple[bool, int, int]:
        maindata = coordinator.maindata
        free = maindata.server_state.free_space
        return (free is not None, free or 0, -maindata.count("downloading"))

    return max(candidates, key=room)


def _targets(
    switcher: ServerSwitcher, server: str | list[str] | None, *, needs_tags: bool
) -> _Targets:
    if isinstance(server, list):
        names = list(dict.fromkeys(name.strip() for name in server))
        if names in ([EVERY_SERVER], [BEST_SERVER]):
            server = names[0]
        elif EVERY_SERVER in names or BEST_SERVER in names:
            raise invalid("server_keyword_alone")
        else:
            if not names:
                raise invalid("no_server_given")
            labels = switcher.labels()
            entry_ids = list(
                dict.fromkeys(switcher.entry_id_of(name) for name in names)
            )
            return _Targets([(eid, labels[eid]) for eid in entry_ids], True)
    if server == EVERY_SERVER:
        labels = switcher.labels()
        if not labels:
            raise invalid("no_server_given")
        return _Targets(list(labels.items()), True)
    if server == BEST_SERVER:
        chosen = best_server(switcher, needs_tags=needs_tags)
        return _Targets([(chosen.config_entry.entry_id, chosen.server_name)], False)
    coordinator = switcher.resolve(server)
    return _Targets(
        [(coordinator.config_entry.entry_id, coordinator.server_name)], False
    )


async def _add_to(
    coordinator: QBittorrentCoordinator, request: AddRequest
) -> list[str]:
    """Add to one server; the ids of what it added."""
    async with server_change(coordinator) as client:
        version = await client.ensure_connected()
        if request.options.get(ATTR_TAGS) and not version.add_reads_tags:
            # Older servers ignore tags when adding: the torrent would arrive
            # untagged while the action reported success.
            raise invalid(
                "tags_when_adding_unsupported",
                server=coordinator.server_name,
                version=version.app,
            )
        reported = await client.add(
            urls=request.urls, files=request.files, options=request.options
        )
        # Only a server that says what it added knows what a web link held,
        # and which links it refused as already there.
        added = reported if version.add_returns_ids else request.known_ids
        # Answering only once the server lists them lets the next action of
        # an automation find them, by their ids or by category or tag.
        if unlisted := await torrent_arrival.async_unlisted(client, added):
            raise failed(
                "not_listed_after_adding",
                server=coordinator.server_name,
                count=str(len(unlisted)),
                seconds=f"{torrent_arrival.LIST_TIMEOUT:g}",
            )
    return added


async def _per_server_result(
    hass: HomeAssistant,
    switcher: ServerSwitcher,
    entry_id: str,
    name: str,
    request: AddRequest,
) -> dict[str, Any]:
    result: dict[str, Any] = {"server": name, "entry_id": entry_id}
    try:
        coordinator = switcher.coordinators.get(entry_id)
        if coordinator is None:
            raise failed("server_not_loaded", server=name)
        result["added"] = await _add_to(coordinator, request)
    except HomeAssistantError as err:
        text = await async_error_text(hass, err)
        LOGGER.warning("Could not add the torrents to %s: %s", name, text)
        result |= {"added": [], "reason": err.translation_key, "error": text}
    return result


async def async_add_torrent(call: ServiceCall) -> ServiceResponse:
    """Add torrents to the server, servers or best server the call names."""
    hass = call.hass
    request = await async_checked_request(hass, call.data)
    switcher = get_switcher(hass)
    targets = _targets(
        switcher,
        call.data.get(ATTR_SERVER),
        needs_tags=bool(request.options.get(ATTR_TAGS)),
    )
    if not targets.per_server:
        [(entry_id, name)] = targets.servers
        added: list[Any] = await _add_to(switcher.lookup.loaded(entry_id), request)
        return {"server": name, "added": added}
    # Servers answer at their own pace; one slow server does not hold the
    # others up, and the results keep the order of the servers.
    results = await asyncio.gather(
        *(
            _per_server_result(hass, switcher, entry_id, name, request)
            for entry_id, name in targets.servers
        )
    )
    response: dict[str, Any] = {"servers": list(results)}
    return response
