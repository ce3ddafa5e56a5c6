"""copy_torrents: take chosen torrents from one server to another, or move them.

For each torrent the source's .torrent file is exported (WebAPI 2.8.14 and
later) and added on the target with the same category (the target creates a
category it lacks), the same tags and, if given, another save path. Where
the source cannot export (an older server, or a torrent still without
metadata) a magnet link by its hash, with the trackers the source knows,
goes instead.

Moving removes a torrent from the source, never its data, and only once the
target lists it: the target is asked until every added torrent is there or
the wait is over. The response tells per torrent what happened; one torrent
failing does not stop the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import re
from typing import Any, Final
from urllib.parse import quote

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
)
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv
import probatio as vol

from . import torrent_arrival
from .action_fields import ATTR_SAVE_PATH, ATTR_SERVER, SERVER_FIELD
from .action_spec import ActionSpec
from .const import LOGGER
from .coordinator import QBittorrentCoordinator
from .errors import async_error_text, failed, invalid, server_request
from .model import parse_tags
from .switcher import get_switcher
from .torrent_selection import selection_fields, selection_from
from .torrent_sources import checked_save_path

ATTR_TARGET: Final = "target"
ATTR_MOVE: Final = "move"

_HEX_V1: Final = re.compile(r"[0-9a-f]{40}")
_HEX_V2: Final = re.compile(r"[0-9a-f]{64}")

COPY_TORRENTS_SCHEMA: Final = vol.Schema(
    {
        **SERVER_FIELD,
        vol.Required(ATTR_TARGET): cv.string,
        **selection_fields(),
        vol.Optional(ATTR_SAVE_PATH): cv.string,
        vol.Optional(ATTR_MOVE, default=False): cv.boolean,
    }
)


@dataclass(slots=True)
class _Copy:
    """One torrent on its way, and what happened to it."""

    torrent_id: str
    name: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    # How it reached the target: torrent_file, magnet or already_on_target.
    via: str | None = None
    # Added on the target, then seen in its list.
    sent: bool = False
    listed: bool = False
    removed: bool = False
    # Why it did not get to the target (or not whole: its tags).
    error: HomeAssistantError | None = None
    # Why a torrent that is on the target is still on the source too.
    not_removed: HomeAssistantError | None = None

    @property
    def copied(self) -> bool:
        """Whether the target has the torrent, as it was on the source."""
        return self.listed and self.error is None

    @property
    def result(self) -> str:
        """copied, moved or failed."""
        if not self.copied:
            return "failed"
        return "moved" if self.removed else "copied"


def magnet_link(
    torrent_id: str, name: str, details: Mapping[str, Any], trackers: list[str]
) -> str:
    """A magnet link for a torrent by its hash, with its name and trackers.

    A v1 (or hybrid) torrent is linked by its v1 hash, which every version
    understands; a v2-only one by its full v2 hash. qBittorrent 4.2 tells
    neither, and its torrents are v1: their id is the v1 hash.
    """
    v1 = str(details.get("infohash_v1") or "").lower()
    v2 = str(details.get("infohash_v2") or "").lower()
    if _HEX_V1.fullmatch(v1):
        topic = f"urn:btih:{v1}"
    elif _HEX_V2.fullmatch(v2):
        topic = f"urn:btmh:1220{v2}"
    else:
        topic = f"urn:btih:{torrent_id}"
    parts = [f"xt={topic}"]
    if name:
        parts.append(f"dn={quote(name, safe='')}")
    parts += [f"tr={quote(url, safe='')}" for url in trackers]
    return "magnet:?" + "&".join(parts)


async def _send(
    source: QBittorrentCoordinator,
    target: QBittorrentCoordinator,
    item: _Copy,
    details: Mapping[str, Any],
    save_path: str | None,
) -> None:
    """Export (or link) one torrent from the source and add it on the target."""
    torrent_id = item.torrent_id
    files: list[tuple[str, bytes]] = []
    urls: list[str] = []
    async with server_request(source) as client:
        exported = await client.export(torrent_id)
        if exported is not None:
            item.via = "torrent_file"
            files.append((f"{torrent_id}.torrent", exported))
        else:
            item.via = "magnet"
            trackers = await client.trackers(torrent_id)
            urls.append(magnet_link(torrent_id, item.name, details, trackers))
    options: dict[str, Any] = {}
    if item.category:
        options["category"] = item.category
    if save_path:
        options["save_path"] = save_path
    async with server_request(target) as client:
        version = await client.ensure_connected()
        if item.tags and version.add_reads_tags:
            options["tags"] = list(item.tags)
        await client.add(urls=urls, files=files, options=options)
    item.sent = True


async def _wait_until_listed(
    target: QBittorrentCoordinator, items: list[_Copy]
) -> None:
    """Ask the target until it lists every torrent sent to it, or the wait is over."""
    sent = {item.torrent_id: item for item in items if item.sent}
    if not sent:
        return
    try:
        async with server_request(target) as client:
            unlisted = await torrent_arrival.async_unlisted(client, sent)
    except HomeAssistantError as err:
        for item in sent.values():
            item.error = err
        return
    for torrent_id, item in sent.items():
        if torrent_id not in unlisted:
            item.listed = True
            continue
        item.error = failed(
            "not_listed_on_target",
            target=target.server_name,
            seconds=f"{torrent_arrival.LIST_TIMEOUT:g}",
        )


async def _tag_where_adding_could_not(
    target: QBittorrentCoordinator, items: list[_Copy]
) -> None:
    """Tag what arrived on a server that ignores tags while adding (before 4.3.2)."""
    version = target.client.version
    if version is None or version.add_reads_tags:
        return
    for item in items:
        if item.copied and item.sent and item.tags:
            try:
                async with server_request(target) as client:
                    await client.add_tags([item.torrent_id], item.tags)
            except HomeAssistantError as err:
                item.error = err


async def _remove_from_source(
    source: QBittorrentCoordinator, items: list[_Copy]
) -> None:
    """Remove from the source what the target lists; the data stays on disk."""
    done = [item for item in items if item.copied]
    if not done:
        return
    try:
        async with server_request(source) as client:
            await client.delete([item.torrent_id for item in done], delete_files=False)
    except HomeAssistantError as err:
        for item in done:
            item.not_removed = err
        return
    for item in done:
        item.removed = True


async def _describe(hass: HomeAssistant, item: _Copy, source: str) -> dict[str, Any]:
    described: dict[str, Any] = {
        "hash": item.torrent_id,
        "name": item.name,
        "result": item.result,
    }
    if item.via is not None:
        described["via"] = item.via
    if (err := item.error or item.not_removed) is not None:
        text = await async_error_text(hass, err)
        described |= {"reason": err.translation_key, "error": text}
        LOGGER.warning(
            "Copying %s from %s: %s", item.name or item.torrent_id, source, text
        )
    return described


async def async_copy_torrents(call: ServiceCall) -> ServiceResponse:
    """Copy (or move) chosen torrents from one server to another."""
    data = call.data
    selection = selection_from(data)
    save_path = data.get(ATTR_SAVE_PATH)
    if save_path:
        save_path = checked_save_path(save_path)
    move: bool = data[ATTR_MOVE]
    switcher = get_switcher(call.hass)
    source = switcher.resolve(data.get(ATTR_SERVER))
    target = switcher.resolve(data[ATTR_TARGET])
    if source is target:
        raise invalid("same_source_and_target", server=source.server_name)
    async with server_request(source):
        ids = await selection.async_torrent_ids(source)
    items = [_Copy(torrent_id=torrent_id) for torrent_id in ids]
    details: dict[str, dict[str, Any]] = {}
    present: set[str] = set()
    if ids:
        async with server_request(source) as client:
            details = {
                str(info.get("hash", "")): info
                for info in await client.torrents_info(ids)
            }
        async with server_request(target) as client:
            present = {
                str(info.get("hash", "")) for info in await client.torrents_info(ids)
            }
    for item in items:
        info = details.get(item.torrent_id)
        if info is None:
            item.error = failed(
                "torrent_not_found", server=source.server_name, error=item.torrent_id
            )
            continue
        item.name = str(info.get("name") or "")
        item.category = str(info.get("category") or "")
        item.tags = parse_tags(info.get("tags"))
        if item.torrent_id in present:
            item.via = "already_on_target"
            item.listed = True
            continue
        try:
            await _send(source, target, item, info, save_path)
        except HomeAssistantError as err:
            item.error = err
    await _wait_until_listed(target, items)
    await _tag_where_adding_could_not(target, items)
    if move:
        await _remove_from_source(source, items)
    await source.async_request_refresh()
    await target.async_request_refresh()
    response: dict[str, Any] = {
        "source": source.server_name,
        "target": target.server_name,
        "move": move,
        "torrents": [
            await _describe(call.hass, item, source.server_name) for item in items
        ],
    }
    return response


COPY_ACTIONS: Final = (
    ActionSpec(
        "copy_torrents",
        async_copy_torrents,
        COPY_TORRENTS_SCHEMA,
        SupportsResponse.OPTIONAL,
    ),
)
