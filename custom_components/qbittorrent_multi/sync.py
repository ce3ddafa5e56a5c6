"""The ``sync/maindata`` state of one qBittorrent server.

qBittorrent answers ``sync/maindata?rid=N`` with either a full snapshot
(``full_update``) or only what changed since reply ``N``. :class:`MainData`
merges those replies into the server's current state, keeps the torrent counts
by status up to date as it goes, and reports what happened to torrents between
two replies as :class:`TorrentEvent` values.

Pure logic: no Home Assistant, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final


class MalformedReplyError(ValueError):
    """A maindata reply, or a part of it, does not have the shape qBittorrent gives it."""


class UnknownTorrentError(MalformedReplyError):
    """A delta changes a torrent that was never sent whole.

    qBittorrent sends a torrent that is new to a session with all its fields,
    so this only happens when the two sides disagree about what was sent;
    merging it would invent a nameless torrent. A full resync is the cure.
    """


# The fields qBittorrent always sends with a torrent that is new to a session.
_FIELDS_OF_A_NEW_TORRENT: Final = frozenset({"name", "state"})


class TorrentEventType(StrEnum):
    """What happened to a torrent between two replies."""

    ADDED = "added"
    COMPLETED = "completed"
    REMOVED = "removed"
    ERRORED = "errored"


@dataclass(frozen=True, slots=True)
class TorrentEvent:
    """One thing that happened to one torrent."""

    type: TorrentEventType
    hash: str
    name: str
    category: str
    tags: tuple[str, ...]
    size: int
    save_path: str


# Users keep tens of thousands of torrents, and a maindata torrent carries
# about fifty fields; only the ones the integration reads are stored.
KEPT_TORRENT_FIELDS: Final = frozenset(
    {
        "hash",
        "name",
        "state",
        "progress",
        "size",
        "total_size",
        "downloaded",
        "uploaded",
        "dlspeed",
        "upspeed",
        "eta",
        "ratio",
        "category",
        "tags",
        "save_path",
        "added_on",
        "completion_on",
        "amount_left",
        "num_seeds",
        "num_leechs",
        "priority",
        "dl_limit",
        "up_limit",
        "tracker",
        "content_path",
        "seq_dl",
        "f_l_piece_prio",
        "auto_tmm",
    }
)
# The torrent's hash is its key in the reply; a stray "hash" field never wins.
_MERGED_FIELDS: Final = KEPT_TORRENT_FIELDS - {"hash"}

COUNT_KEYS: Final[tuple[str, ...]] = (
    "total",
    "downloading",
    "seeding",
    "stopped",
    "stalled",
    "checking",
    "queued",
    "errored",
    "active",
)

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
        # Plus stalledDL while it uploads; see _filters_of.
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
# Only these fields decide which counts a torrent is in.
_COUNTED_FIELDS: Final = frozenset({"state", "upspeed"})

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
    "downloading",
    "seeding",
    "stopped",
    "stalled",
    "checking",
    "queued",
    "errored",
    "moving",
    "metadata",
    "unknown",
)


def normalise_state(raw: str) -> str:
    """Return the one state, from NORMALISED_STATES, shown for a raw qBittorrent state.

    4.x and 5.x names meet here (pausedDL and stoppedDL are both "stopped"); a
    stalled upload is "seeding" and a stalled download "stalled", as
    qBittorrent labels them; "allocating" is "downloading"; anything
    unrecognised, including qBittorrent's own "unknown", is "unknown".
    """
    return _NORMALISED_STATE.get(raw, "unknown")


def matches_filter(torrent: Mapping[str, Any], name: str) -> bool:
    """Return whether a torrent is in the count called ``name`` (one of COUNT_KEYS)."""
    if name not in COUNT_KEYS:
        raise ValueError(f"unknown torrent filter {name!r}")
    return name == "total" or name in _filters_of(torrent)


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


def _filters_of(torrent: Mapping[str, Any]) -> tuple[str, ...]:
    """Return the count keys, other than "total", a torrent belongs to."""
    state = text_field(torrent, "state")
    filters = _FILTERS_BY_STATE.get(state, ())
    # qBittorrent's "active" includes a stalled download that is uploading.
    if state == "stalledDL" and number_field(torrent, "upspeed") > 0:
        return (*filters, "active")
    return filters


def text_field(torrent: Mapping[str, Any], key: str) -> str:
    """A string field of a torrent, or "" when missing or of another type."""
    value = torrent.get(key)
    return value if isinstance(value, str) else ""


def number_field(torrent: Mapping[str, Any], key: str) -> float:
    """A numeric field of a torrent, or 0.0 when missing or of another type."""
    value = torrent.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return 0.0


def _is_complete(torrent: Mapping[str, Any]) -> bool:
    return number_field(torrent, "progress") >= 1


def _is_errored(torrent: Mapping[str, Any]) -> bool:
    return text_field(torrent, "state") in _ERROR_STATES


def _size(torrent: Mapping[str, Any]) -> int:
    # "size" counts the files selected for download; older servers or
    # torrents without metadata may only have "total_size", or -1 for unknown.
    for key in ("size", "total_size"):
        value = torrent.get(key)
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and value >= 0
        ):
            return int(value)
    return 0


def _event(
    kind: TorrentEventType, torrent_hash: str, torrent: Mapping[str, Any]
) -> TorrentEvent:
    return TorrentEvent(
        type=kind,
        hash=torrent_hash,
        # A magnet link has no name until its metadata arrives.
        name=text_field(torrent, "name") or torrent_hash,
        category=text_field(torrent, "category"),
        tags=parse_tags(torrent.get("tags")),
        size=_size(torrent),
        save_path=text_field(torrent, "save_path"),
    )


def _kept(torrent_hash: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    kept = {key: value for key, value in fields.items() if key in _MERGED_FIELDS}
    kept["hash"] = torrent_hash
    return kept


@dataclass(frozen=True, slots=True)
class _Reply:
    """A maindata reply whose parts have been checked."""

    rid: int
    full_update: bool
    torrents: Mapping[str, Mapping[str, Any]]
    torrents_removed: Sequence[str]
    categories: Mapping[str, Mapping[str, Any]]
    categories_removed: Sequence[str]
    tags: Sequence[str]
    tags_removed: Sequence[str]
    server_state: Mapping[str, Any]


def _objects(reply: Mapping[str, Any], key: str) -> Mapping[str, Mapping[str, Any]]:
    value = reply.get(key, {})
    if not isinstance(value, Mapping):
        raise MalformedReplyError(f"maindata {key} is not an object")
    for name, fields in value.items():
        if not isinstance(name, str) or not isinstance(fields, Mapping):
            raise MalformedReplyError(
                f"maindata {key} holds an entry that is not an object"
            )
    return value


def _names(reply: Mapping[str, Any], key: str) -> Sequence[str]:
    value = reply.get(key, [])
    if not isinstance(value, list | tuple) or not all(
        isinstance(name, str) for name in value
    ):
        raise MalformedReplyError(f"maindata {key} is not a list of names")
    return value


def _categories(reply: Mapping[str, Any]) -> Mapping[str, Mapping[str, Any]]:
    # The first WebAPI versions listed category names only.
    if isinstance(reply.get("categories"), list | tuple):
        return {name: {"name": name} for name in _names(reply, "categories")}
    return _objects(reply, "categories")


def _checked(reply: object) -> _Reply:
    """Return the parts of a reply; raise MalformedReplyError if any is misshapen."""
    if not isinstance(reply, Mapping):
        raise MalformedReplyError("maindata reply is not an object")
    rid = reply.get("rid")
    if not isinstance(rid, int) or isinstance(rid, bool) or rid < 0:
        raise MalformedReplyError("maindata reply has no valid rid")
    full_update = reply.get("full_update", False)
    if not isinstance(full_update, bool):
        raise MalformedReplyError("maindata full_update is not a boolean")
    server_state = reply.get("server_state", {})
    if not isinstance(server_state, Mapping):
        raise MalformedReplyError("maindata server_state is not an object")
    return _Reply(
        rid=rid,
        full_update=full_update,
        torrents=_objects(reply, "torrents"),
        torrents_removed=_names(reply, "torrents_removed"),
        categories=_categories(reply),
        categories_removed=_names(reply, "categories_removed"),
        tags=_names(reply, "tags"),
        tags_removed=_names(reply, "tags_removed"),
        server_state=server_state,
    )


class _ReadOnlyRecords(Mapping[str, Mapping[str, Any]]):
    """A live, read-only view of key -> fields, fields read-only too."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Mapping[str, Any]:
        return MappingProxyType(self._data[key])

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class MainData:
    """The merged ``sync/maindata`` state of one qBittorrent server."""

    def __init__(self) -> None:
        """Start with nothing synced: the next reply is taken as a full update."""
        self._rid = 0
        self._synced = False
        # The views below wrap these very objects, so they are emptied and
        # refilled in place, never rebound.
        self._torrents: dict[str, dict[str, Any]] = {}
        self._categories: dict[str, dict[str, Any]] = {}
        self._server_state: dict[str, Any] = {}
        self._tags: frozenset[str] = frozenset()
        self._counts: dict[str, int] = dict.fromkeys(COUNT_KEYS, 0)
        self._torrents_view = _ReadOnlyRecords(self._torrents)
        self._categories_view = _ReadOnlyRecords(self._categories)
        self._server_state_view = MappingProxyType(self._server_state)

    @property
    def rid(self) -> int:
        """Return the rid of the last applied reply, 0 before the first."""
        return self._rid

    @property
    def torrents(self) -> Mapping[str, Mapping[str, Any]]:
        """Return a live read-only view of hash -> kept torrent fields (with "hash")."""
        return self._torrents_view

    @property
    def categories(self) -> Mapping[str, Mapping[str, Any]]:
        """Return a live read-only view of category name -> category fields."""
        return self._categories_view

    @property
    def tags(self) -> frozenset[str]:
        """Return the server's tags."""
        return self._tags

    @property
    def server_state(self) -> Mapping[str, Any]:
        """Return a live read-only view of the server_state fields."""
        return self._server_state_view

    def counts(self) -> Mapping[str, int]:
        """Return the number of torrents in each of COUNT_KEYS."""
        return dict(self._counts)

    def reset(self) -> None:
        """Forget everything; the next reply is taken as a full update."""
        self._rid = 0
        self._synced = False
        self._torrents.clear()
        self._categories.clear()
        self._server_state.clear()
        self._tags = frozenset()
        self._counts.update(dict.fromkeys(COUNT_KEYS, 0))

    def apply(self, reply: Mapping[str, Any]) -> list[TorrentEvent]:
        """Merge one maindata reply and return the torrent events it brings.

        A full update (and any reply before the first one) replaces the state
        and brings no events: it may follow a restart or a new login, and
        nothing in it is news. A malformed reply raises MalformedReplyError (a
        ValueError) and leaves the state as it was.
        """
        checked = _checked(reply)
        if checked.full_update or not self._synced:
            self._replace(checked)
            events: list[TorrentEvent] = []
        else:
            self._check_torrents_known(checked)
            events = self._merge(checked)
        self._rid = checked.rid
        self._synced = True
        return events

    def _check_torrents_known(self, reply: _Reply) -> None:
        """Refuse a delta that changes torrents this state never received whole."""
        for torrent_hash, fields in reply.torrents.items():
            if (
                torrent_hash not in self._torrents
                and not fields.keys() >= _FIELDS_OF_A_NEW_TORRENT
            ):
                raise UnknownTorrentError(
                    f"the reply changes torrent {torrent_hash}, which was never listed"
                )

    def _replace(self, reply: _Reply) -> None:
        self._torrents.clear()
        for torrent_hash, fields in reply.torrents.items():
            self._torrents[torrent_hash] = _kept(torrent_hash, fields)
        self._categories.clear()
        for name, fields in reply.categories.items():
            self._categories[name] = dict(fields)
        self._server_state.clear()
        self._server_state.update(reply.server_state)
        self._tags = frozenset(reply.tags)
        self._counts.update(dict.fromkeys(COUNT_KEYS, 0))
        for torrent in self._torrents.values():
            self._count(torrent, 1)

    def _merge(self, reply: _Reply) -> list[TorrentEvent]:
        events: list[TorrentEvent] = []
        for torrent_hash, delta in reply.torrents.items():
            self._merge_torrent(torrent_hash, delta, events)
        for torrent_hash in reply.torrents_removed:
            removed = self._torrents.pop(torrent_hash, None)
            if removed is not None:
                self._count(removed, -1)
                events.append(_event(TorrentEventType.REMOVED, torrent_hash, removed))

        for name, fields in reply.categories.items():
            self._categories.setdefault(name, {}).update(fields)
        for name in reply.categories_removed:
            self._categories.pop(name, None)
        if reply.tags or reply.tags_removed:
            self._tags = self._tags.union(reply.tags).difference(reply.tags_removed)
        self._server_state.update(reply.server_state)
        return events

    def _merge_torrent(
        self, torrent_hash: str, delta: Mapping[str, Any], events: list[TorrentEvent]
    ) -> None:
        torrent = self._torrents.get(torrent_hash)
        if torrent is None:
            torrent = self._torrents[torrent_hash] = _kept(torrent_hash, delta)
            self._count(torrent, 1)
            events.append(_event(TorrentEventType.ADDED, torrent_hash, torrent))
            if _is_complete(torrent):
                events.append(_event(TorrentEventType.COMPLETED, torrent_hash, torrent))
            if _is_errored(torrent):
                events.append(_event(TorrentEventType.ERRORED, torrent_hash, torrent))
            return

        was_complete = _is_complete(torrent)
        was_errored = _is_errored(torrent)
        recount = not _COUNTED_FIELDS.isdisjoint(delta)
        if recount:
            self._count(torrent, -1)
        torrent.update(
            (key, value) for key, value in delta.items() if key in _MERGED_FIELDS
        )
        if recount:
            self._count(torrent, 1)
        # Comparing whole states, not the fields of the delta, still catches a
        # torrent that finished (or failed) entirely between two polls.
        if not was_complete and _is_complete(torrent):
            events.append(_event(TorrentEventType.COMPLETED, torrent_hash, torrent))
        if not was_errored and _is_errored(torrent):
            events.append(_event(TorrentEventType.ERRORED, torrent_hash, torrent))

    def _count(self, torrent: Mapping[str, Any], step: int) -> None:
        self._counts["total"] += step
        for key in _filters_of(torrent):
            self._counts[key] += step
