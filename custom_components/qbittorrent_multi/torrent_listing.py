"""The torrent list get_torrents returns: filtered, sorted and shaped from merged state."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter
import time
from types import MappingProxyType
from typing import Any, Final

from .model import COUNT_KEYS, Torrent

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

    def matches(self, torrent: Torrent) -> bool:
        """Whether a merged torrent passes every filter given."""
        if self.state is not None and not torrent.in_count(self.state):
            return False
        if not torrent.matches(category=self.category, tag=self.tag):
            return False
        return self.name is None or self.name.casefold() in torrent.name.casefold()

    def run(self, torrents: Iterable[Torrent]) -> tuple[int, list[dict[str, Any]]]:
        """Return how many torrents match, and the first `limit` of them, shaped."""
        matching = [torrent for torrent in torrents if self.matches(torrent)]
        # The hash keeps equal values in the same order from one call to the next.
        matching.sort(key=attrgetter("hash"))
        # Sorted by the value as listed; only the torrents returned are shaped whole.
        shape = _SHAPES[self.sort_by]
        valued = [(shape(torrent), torrent) for torrent in matching]
        known = [pair for pair in valued if pair[0] is not None]
        known.sort(key=_sort_value, reverse=self.reverse)
        # Unknown values (an eta of "never") come last either way.
        unknown = [torrent for value, torrent in valued if value is None]
        first = [torrent for _, torrent in known] + unknown
        return len(matching), [describe(torrent) for torrent in first[: self.limit]]


def _sort_value(valued: tuple[Any, Torrent]) -> Any:
    value = valued[0]
    return value.casefold() if isinstance(value, str) else value


def _timestamp(seconds: int | None) -> str | None:
    """A Unix time as ISO 8601 in UTC ("2025-01-01T00:00:00+00:00")."""
    # What datetime's isoformat() gives for whole seconds, in half the time:
    # a snapshot of 10,000 torrents formats 20,000 of them.
    if seconds is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(seconds))


# Each field of a listed torrent and how it is read from a merged torrent.
_SHAPES: Final[dict[str, Callable[[Torrent], Any]]] = {
    "hash": attrgetter("hash"),
    "name": attrgetter("name"),
    "state": attrgetter("label"),
    "progress": lambda t: round(t.progress * 100, 1),
    "size": attrgetter("size"),
    "downloaded": attrgetter("downloaded"),
    "uploaded": attrgetter("uploaded"),
    "download_speed": attrgetter("download_speed"),
    "upload_speed": attrgetter("upload_speed"),
    "eta": attrgetter("eta"),
    "ratio": lambda t: round(t.ratio, 3),
    "category": attrgetter("category"),
    "tags": lambda t: list(t.tags),
    "save_path": attrgetter("save_path"),
    "added_on": lambda t: _timestamp(t.added_on),
    "completion_on": lambda t: _timestamp(t.completion_on),
}
LISTED_FIELDS: Final[tuple[str, ...]] = tuple(_SHAPES)
# Merged-torrent field -> the listed fields read from it, so that a poll's
# change set tells which listed fields to send again. Every listed field but
# the size is read from the merged field of its name.
LISTED_FROM: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        **{key: (key,) for key in LISTED_FIELDS if key != "size"},
        "wanted_size": ("size",),
        "total_size": ("size",),
    }
)


def describe(torrent: Torrent, fields: Iterable[str] = LISTED_FIELDS) -> dict[str, Any]:
    """One merged torrent in the shape get_torrents returns, or only some of its fields."""
    return {key: _SHAPES[key](torrent) for key in fields}
