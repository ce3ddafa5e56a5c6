"""Replies as qBittorrent sends them, and what a MainData makes of them, for the tests."""

from __future__ import annotations

from typing import Any

import msgspec

from custom_components.qbittorrent_multi.maindata_reply import TorrentFields
from custom_components.qbittorrent_multi.model import Interner, Torrent
from custom_components.qbittorrent_multi.sync import (
    MainData,
    TorrentEvent,
    TorrentEventType,
    torrent_values,
)

ADDED = TorrentEventType.ADDED
COMPLETED = TorrentEventType.COMPLETED
REMOVED = TorrentEventType.REMOVED
ERRORED = TorrentEventType.ERRORED

UBUNTU = "a" * 40
DEBIAN = "b" * 40
FEDORA = "c" * 40

# Every state the WebAPI reports; 4.x says paused*, 5.x says stopped*.
STATES_4X = (
    "error",
    "missingFiles",
    "uploading",
    "pausedUP",
    "queuedUP",
    "stalledUP",
    "checkingUP",
    "forcedUP",
    "allocating",
    "downloading",
    "metaDL",
    "pausedDL",
    "queuedDL",
    "stalledDL",
    "checkingDL",
    "forcedDL",
    "checkingResumeData",
    "moving",
    "unknown",
)
STATES_5X = (
    *(s for s in STATES_4X if not s.startswith("paused")),
    "stoppedUP",
    "stoppedDL",
    "forcedMetaDL",
)
ALL_STATES = tuple(dict.fromkeys(STATES_4X + STATES_5X))


def torrent(**fields: Any) -> dict[str, Any]:
    """Return a torrent as a full update carries it, with any field overridden."""
    return {
        "name": "ubuntu-24.04.iso",
        "state": "downloading",
        "progress": 0.25,
        "size": 6_000_000_000,
        "total_size": 6_000_000_000,
        "dlspeed": 1_000_000,
        "upspeed": 0,
        "category": "linux",
        "tags": "iso, lts",
        "save_path": "/downloads/linux",
        "magnet_uri": "magnet:?xt=urn:btih:" + UBUNTU,
        "availability": 3.5,
        "num_complete": 120,
        "trackers_count": 2,
    } | fields


def full(rid: int = 1, **parts: Any) -> dict[str, Any]:
    """A full update."""
    return {"rid": rid, "full_update": True} | parts


def delta(rid: int, **parts: Any) -> dict[str, Any]:
    """A delta."""
    return {"rid": rid} | parts


def apply(data: MainData, reply: Any) -> list[TorrentEvent]:
    """Merge a reply and return the torrent events it brought."""
    return data.apply(reply).events


def synced(**torrents: dict[str, Any]) -> MainData:
    """Return a MainData after a first full update holding these torrents."""
    data = MainData()
    data.apply(full(1, torrents=torrents))
    return data


def kinds(events: list[TorrentEvent]) -> list[tuple[str, str]]:
    """The events as (type, hash)."""
    return [(event.type, event.hash) for event in events]


def as_torrent(torrent_hash: str, fields: dict[str, Any]) -> Torrent:
    """A torrent as the model reads it from a reply's fields."""
    values = torrent_values(msgspec.convert(fields, TorrentFields), Interner())
    return Torrent(hash=torrent_hash, **values)


def matches_filter(fields: dict[str, Any], name: str) -> bool:
    """Whether a torrent with these reply fields is in the count `name`."""
    return as_torrent("0" * 40, fields).in_count(name)


def state_of(data: MainData) -> dict[str, Any]:
    """Return everything a user of MainData can read, as plain values."""
    return {
        "rid": data.rid,
        "torrents": dict(data.torrents),
        "categories": {n: dict(c) for n, c in data.categories.items()},
        "tags": data.tags,
        "server_state": msgspec.structs.asdict(data.server_state),
        "counts": dict(data.counts()),
    }
