"""The torrent list get_torrents returns: filtered, sorted and shaped from merged state."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from .sync import (
    COUNT_KEYS,
    matches_filter,
    normalise_state,
    number_field,
    parse_tags,
    text_field,
)

# The counts' filters, less "total", which filters nothing.
STATE_FILTERS: Final[tuple[str, ...]] = tuple(
    key for key in COUNT_KEYS if key != "total"
)
SORT_KEYS: Final[tuple[str, ...]] = (
    "name",
    "added_on",
    "progress",
    "size",
    "ratio",
    "download_speed",
    "upload_speed",
    "eta",
)
# qBittorrent's way of saying "never": an eta of 100 days.
ETA_INFINITY: Final = 8_640_000


@dataclass(frozen=True, kw_only=True, slots=True)
class TorrentQuery:
    """What get_torrents was asked for."""

    state: str | None = None
    category: str | None = None
    tag: str | None = None
    name: str | None = None
    sort_by: str = "name"
    reverse: bool = False
    limit: int = 100

    def matches(self, torrent: Mapping[str, Any]) -> bool:
        """Whether a merged torrent passes every filter given."""
        if self.state is not None and not matches_filter(torrent, self.state):
            return False
        if self.category is not None and torrent.get("category") != self.category:
            return False
        if self.tag is not None and self.tag not in parse_tags(torrent.get("tags")):
            return False
        return (
            self.name is None
            or self.name.casefold() in text_field(torrent, "name").casefold()
        )

    def run(
        self, torrents: Iterable[Mapping[str, Any]]
    ) -> tuple[int, list[dict[str, Any]]]:
        """Return how many torrents match, and the first `limit` of them, shaped."""
        shaped = [describe(torrent) for torrent in torrents if self.matches(torrent)]
        # The hash keeps equal values in the same order from one call to the next.
        shaped.sort(key=lambda torrent: torrent["hash"])
        known = [torrent for torrent in shaped if torrent[self.sort_by] is not None]
        known.sort(key=self._sort_value, reverse=self.reverse)
        # Unknown values (an eta of "never") come last either way.
        unknown = [torrent for torrent in shaped if torrent[self.sort_by] is None]
        return len(shaped), (known + unknown)[: self.limit]

    def _sort_value(self, torrent: Mapping[str, Any]) -> Any:
        value = torrent[self.sort_by]
        return value.casefold() if isinstance(value, str) else value


def describe(torrent: Mapping[str, Any]) -> dict[str, Any]:
    """One merged torrent in the shape get_torrents returns."""
    eta = _integer(torrent, "eta")
    return {
        "hash": text_field(torrent, "hash"),
        "name": text_field(torrent, "name"),
        "state": normalise_state(text_field(torrent, "state")),
        "progress": round(number_field(torrent, "progress") * 100, 1),
        "size": _size(torrent),
        "downloaded": _integer(torrent, "downloaded"),
        "uploaded": _integer(torrent, "uploaded"),
        "download_speed": _integer(torrent, "dlspeed"),
        "upload_speed": _integer(torrent, "upspeed"),
        "eta": eta if 0 <= eta < ETA_INFINITY else None,
        "ratio": round(number_field(torrent, "ratio"), 3),
        "category": text_field(torrent, "category"),
        "tags": list(parse_tags(torrent.get("tags"))),
        "save_path": text_field(torrent, "save_path"),
        "added_on": _timestamp(torrent, "added_on"),
        "completion_on": _timestamp(torrent, "completion_on"),
    }


def _integer(torrent: Mapping[str, Any], key: str) -> int:
    return int(number_field(torrent, key))


def _size(torrent: Mapping[str, Any]) -> int:
    # "size" is what is selected for download; without metadata qBittorrent
    # may only know "total_size", or neither (-1).
    for key in ("size", "total_size"):
        if (size := _integer(torrent, key)) >= 0 and key in torrent:
            return size
    return 0


def _timestamp(torrent: Mapping[str, Any], key: str) -> str | None:
    """A Unix time as ISO 8601 in UTC; qBittorrent says "never" with 0 or -1."""
    seconds = number_field(torrent, key)
    if seconds <= 0:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat()
