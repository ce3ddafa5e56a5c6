"""Torrents as the card's subscription sends them: whole, or only what a poll changed.

Both are the `get_torrents` shape (`torrent_listing.describe`, the one place a
torrent is shaped), with the counts the torrent is in (`filters`) so that the
card counts states exactly as the sensors do; a whole torrent names its server
too. What a poll changed comes from the merged state's own change set: nothing
is compared here, and each poll's delta is made once for all its subscribers.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from homeassistant.helpers.json import json_bytes

from .model import UPLOAD_COUNTED_STATE, Torrent
from .sync import Changes, MainData, Update
from .torrent_listing import LISTED_FIELDS, LISTED_FROM, describe


def card_torrent(entry_id: str, torrent: Torrent) -> dict[str, Any]:
    """A whole torrent as the card receives it."""
    shaped = describe(torrent)
    shaped["entry_id"] = entry_id
    shaped["filters"] = list(torrent.filters)
    return shaped


@lru_cache(maxsize=1024)
def _listed_fields(changed: frozenset[str]) -> tuple[str, ...]:
    """The hash and the listed fields read from these merged fields, in listing order."""
    # Polls change the same few combinations of fields over and over.
    wanted = {"hash"}.union(*(LISTED_FROM.get(name, ()) for name in changed))
    return tuple(key for key in LISTED_FIELDS if key in wanted)


def torrent_change(torrent: Torrent, changed: frozenset[str]) -> dict[str, Any]:
    """A torrent's hash and the card's fields read from the merged fields that changed.

    A field computed from one that changed comes along even when it reads the
    same (a progress that moved less than the rounding, say); telling would
    need the value before the poll, which the merged state no longer holds.
    """
    change = describe(torrent, _listed_fields(changed))
    if "state" in changed or (
        "upload_speed" in changed and torrent.state == UPLOAD_COUNTED_STATE
    ):
        change["filters"] = list(torrent.filters)
    return change


def delta_event(
    entry_id: str, maindata: MainData, changes: Changes
) -> dict[str, Any] | None:
    """The delta a poll's change set makes, or None when it changed no torrent or name."""
    torrents = maindata.torrents
    event: dict[str, Any] = {"kind": "delta", "entry_id": entry_id}
    if changes.added:
        event["added"] = [
            card_torrent(entry_id, torrents[torrent_hash])
            for torrent_hash in changes.added
        ]
    if changes.changed:
        event["changed"] = [
            torrent_change(torrents[torrent_hash], fields)
            for torrent_hash, fields in changes.changed.items()
        ]
    if changes.removed:
        event["removed"] = list(changes.removed)
    if changes.categories:
        event["categories"] = sorted(maindata.categories)
    if changes.tags:
        event["tags"] = sorted(maindata.tags)
    return event if len(event) > 2 else None


class PollDelta:
    """The latest poll's delta as JSON, made once for every subscriber of its server.

    A coordinator tells its update listeners about a poll one after another,
    each with the same `Update`: the first subscriber makes the delta, the
    others send the same bytes.
    """

    __slots__ = ("_delta", "_update")

    def __init__(self) -> None:
        """Start with no poll told."""
        self._update: Update | None = None
        self._delta: bytes | None = None

    def of(self, entry_id: str, maindata: MainData, update: Update) -> bytes | None:
        """The delta of this poll of the server, or None when it changed nothing sent."""
        if update is not self._update:
            event = delta_event(entry_id, maindata, update.changes)
            self._delta = None if event is None else json_bytes(event)
            # Held, so that no later update can be taken for this one.
            self._update = update
        return self._delta
