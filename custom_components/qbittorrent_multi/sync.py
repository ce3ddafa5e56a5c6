"""The ``sync/maindata`` state of one qBittorrent server.

qBittorrent answers ``sync/maindata?rid=N`` with either a full snapshot
(``full_update``) or only what changed since reply ``N``. :class:`MainData`
merges those replies into the server's current state (typed `Torrent` and
`ServerState` values), keeps the torrent counts by status up to date as it
goes, and reports for each reply what changed (`Changes`) and what happened
to torrents (`TorrentEvent`).

A large reply is merged in steps (`MainData.merge_steps`) into a copy that
replaces the state only at the end, so a reader between two steps sees the
state before the reply, never half of it.

Pure logic: no Home Assistant, no I/O.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
import mmap
from types import MappingProxyType
from typing import Any, Final

import msgspec
from msgspec import UNSET

from .maindata_reply import (
    GROUP_SIZE,
    READ_TORRENT_FIELDS,
    Body,
    InvalidJsonError,
    MalformedReplyError,
    Reply,
    TorrentFields,
    parse_reply,
    reply_from_object,
    reply_steps,
    run_to_end,
)
from .model import (
    COUNT_KEYS,
    NORMALISED_STATES,
    TORRENT_FIELDS,
    Interner,
    ServerState,
    Torrent,
    as_eta,
    as_float,
    as_int,
    as_moment,
    as_text,
    normalise_state,
    parse_tags,
    server_state_changes,
)

__all__ = [
    "COUNT_KEYS",
    "KEPT_TORRENT_FIELDS",
    "NORMALISED_STATES",
    "Body",
    "Changes",
    "InvalidJsonError",
    "MainData",
    "MalformedReplyError",
    "Reply",
    "ServerState",
    "Torrent",
    "TorrentEvent",
    "TorrentEventType",
    "UnknownTorrentError",
    "Update",
    "normalise_state",
    "parse_reply",
    "parse_tags",
    "reply_steps",
    "run_to_end",
]


class UnknownTorrentError(MalformedReplyError):
    """A delta changes a torrent that was never sent whole.

    qBittorrent sends a torrent that is new to a session with all its fields,
    so this only happens when the two sides disagree about what was sent;
    merging it would invent a nameless torrent. A full resync is the cure.
    """


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

    @classmethod
    def of(cls, kind: TorrentEventType, torrent: Torrent) -> TorrentEvent:
        """The event `kind` about `torrent` as it is now."""
        return cls(
            type=kind,
            hash=torrent.hash,
            name=torrent.display_name,
            category=torrent.category,
            tags=torrent.tags,
            size=torrent.size,
            save_path=torrent.save_path,
        )


@dataclass(frozen=True, slots=True)
class Changes:
    """What one reply changed, complete enough to bring a copy of the state along.

    Applying it to the state before the reply (drop `removed`, take `added`
    and the `changed` fields of the others from the new state) gives the state
    after it. The normalised state and the count filters of a torrent derive
    from its `state` and `upload_speed`, so they can only change with those.
    """

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    # Hash -> names of the Torrent fields whose value changed.
    changed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    categories: bool = False
    tags: bool = False
    # Names of the ServerState fields whose value changed.
    server_state: frozenset[str] = frozenset()
    # Whether any torrent count changed.
    counts: bool = False


@dataclass(frozen=True, slots=True)
class Update:
    """The outcome of merging one reply."""

    events: list[TorrentEvent]
    changes: Changes
    full_update: bool


# Every torrent field of a reply that the state uses, its key ("hash") included.
KEPT_TORRENT_FIELDS: Final = READ_TORRENT_FIELDS | {"hash"}

# The fields qBittorrent always sends with a torrent that is new to a session.
_FIELDS_OF_A_NEW_TORRENT: Final = ("name", "state")
# Only these fields decide which counts a torrent is in.
_COUNTED_FIELDS: Final = frozenset({"state", "upload_speed"})
# Only these fields decide whether a torrent is complete or errored.
_EVENT_FIELDS: Final = frozenset({"progress", "state"})


def _or(value: Any, default: Any) -> Any:
    return default if value is None else value


def torrent_values(fields: TorrentFields, interner: Interner) -> dict[str, Any]:
    """The Torrent values a reply's fields carry, by the model's rules."""
    values: dict[str, Any] = {}
    text = interner.text
    if (raw := fields.name) is not UNSET:
        values["name"] = _or(as_text(raw), "")
    if (raw := fields.state) is not UNSET:
        values["state"] = text(_or(as_text(raw), ""))
    if (raw := fields.progress) is not UNSET:
        values["progress"] = _or(as_float(raw), 0.0)
    if (raw := fields.wanted_size) is not UNSET:
        values["wanted_size"] = _or(as_int(raw), -1)
    if (raw := fields.total_size) is not UNSET:
        values["total_size"] = _or(as_int(raw), -1)
    if (raw := fields.downloaded) is not UNSET:
        values["downloaded"] = _or(as_int(raw), 0)
    if (raw := fields.uploaded) is not UNSET:
        values["uploaded"] = _or(as_int(raw), 0)
    if (raw := fields.download_speed) is not UNSET:
        values["download_speed"] = _or(as_int(raw), 0)
    if (raw := fields.upload_speed) is not UNSET:
        values["upload_speed"] = _or(as_int(raw), 0)
    if (raw := fields.eta) is not UNSET:
        values["eta"] = as_eta(as_int(raw))
    if (raw := fields.ratio) is not UNSET:
        values["ratio"] = _or(as_float(raw), 0.0)
    if (raw := fields.category) is not UNSET:
        values["category"] = text(_or(as_text(raw), ""))
    if (raw := fields.tags) is not UNSET:
        values["tags"] = interner.tags(raw)
    if (raw := fields.save_path) is not UNSET:
        values["save_path"] = text(_or(as_text(raw), ""))
    if (raw := fields.added_on) is not UNSET:
        values["added_on"] = as_moment(as_int(raw))
    if (raw := fields.completion_on) is not UNSET:
        values["completion_on"] = as_moment(as_int(raw))
    return values


def changed_fields(old: Torrent, new: Torrent) -> frozenset[str]:
    """Names of the fields whose value differs between two versions of a torrent."""
    return frozenset(
        name for name in TORRENT_FIELDS if getattr(old, name) != getattr(new, name)
    )


def _count(counts: dict[str, int], torrent: Torrent, step: int) -> None:
    counts["total"] += step
    for key in torrent.filters:
        counts[key] += step


def _recount(counts: dict[str, int], old: Torrent, new: Torrent) -> None:
    # Most changes of state or upload speed leave a torrent in the same counts.
    if (before := old.filters) != (after := new.filters):
        for key in before:
            counts[key] -= 1
        for key in after:
            counts[key] += 1


def _arrival_events(torrent: Torrent, events: list[TorrentEvent]) -> None:
    events.append(TorrentEvent.of(TorrentEventType.ADDED, torrent))
    if torrent.is_complete:
        events.append(TorrentEvent.of(TorrentEventType.COMPLETED, torrent))
    if torrent.is_errored:
        events.append(TorrentEvent.of(TorrentEventType.ERRORED, torrent))


def _transition_events(old: Torrent, new: Torrent, events: list[TorrentEvent]) -> None:
    # Comparing whole states, not the fields of the delta, still catches a
    # torrent that finished (or failed) entirely between two polls.
    if not old.is_complete and new.is_complete:
        events.append(TorrentEvent.of(TorrentEventType.COMPLETED, new))
    if not old.is_errored and new.is_errored:
        events.append(TorrentEvent.of(TorrentEventType.ERRORED, new))


class _ReadOnlyRecords(Mapping[str, Mapping[str, Any]]):
    """A read-only view of name -> fields, fields read-only too."""

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
        self._torrents: dict[str, Torrent] = {}
        self._categories: dict[str, dict[str, Any]] = {}
        self._server_state = ServerState()
        self._tags: frozenset[str] = frozenset()
        self._counts: dict[str, int] = dict.fromkeys(COUNT_KEYS, 0)
        self._interner = Interner()

    @property
    def rid(self) -> int:
        """Return the rid of the last applied reply, 0 before the first."""
        return self._rid

    @property
    def torrents(self) -> Mapping[str, Torrent]:
        """Return a read-only view of hash -> torrent."""
        return MappingProxyType(self._torrents)

    @property
    def categories(self) -> Mapping[str, Mapping[str, Any]]:
        """Return a read-only view of category name -> category fields."""
        return _ReadOnlyRecords(self._categories)

    @property
    def tags(self) -> frozenset[str]:
        """Return the server's tags."""
        return self._tags

    @property
    def server_state(self) -> ServerState:
        """Return the server-wide figures."""
        return self._server_state

    def counts(self) -> dict[str, int]:
        """Return the number of torrents in each of COUNT_KEYS, as a copy of its own."""
        return dict(self._counts)

    def count(self, key: str) -> int:
        """Return the number of torrents in the count `key` (one of COUNT_KEYS)."""
        return self._counts[key]

    def reset(self) -> None:
        """Forget everything; the next reply is taken as a full update."""
        self._rid = 0
        self._synced = False
        self._torrents = {}
        self._categories = {}
        self._server_state = ServerState()
        self._tags = frozenset()
        self._counts = dict.fromkeys(COUNT_KEYS, 0)
        self._interner = Interner()

    def apply(self, reply: Body | Mapping[str, Any] | Reply) -> Update:
        """Merge one reply (its body, decoded or parsed) at once; see `merge_steps`."""
        if isinstance(reply, bytes | bytearray | mmap.mmap):
            reply = parse_reply(reply)
        elif not isinstance(reply, Reply):
            reply = reply_from_object(reply)
        return run_to_end(self.merge_steps(reply))

    def merge_steps(
        self, reply: Reply, group_size: int = GROUP_SIZE
    ) -> Generator[None, None, Update]:
        """Merge one reply, yielding between groups of `group_size` torrents.

        A full update (and any reply before the first one) replaces the state
        and brings no events: it may follow a restart or a new login, and
        nothing in it is news; its changes are the difference to the state
        held before. A delta for a torrent never listed raises
        UnknownTorrentError and leaves the state as it was.
        """
        if reply.full_update or not self._synced:
            update = yield from self._replace(reply, group_size)
        else:
            self._check_torrents_known(reply)
            update = yield from self._merge(reply, group_size)
        self._rid = reply.rid
        self._synced = True
        return update

    def _check_torrents_known(self, reply: Reply) -> None:
        """Refuse a delta that changes torrents this state never received whole."""
        for torrent_hash, fields in reply.torrents.items():
            if torrent_hash not in self._torrents and any(
                getattr(fields, name) is UNSET for name in _FIELDS_OF_A_NEW_TORRENT
            ):
                raise UnknownTorrentError(
                    f"the reply changes torrent {torrent_hash}, which was never listed"
                )

    def _replace(self, reply: Reply, group_size: int) -> Generator[None, None, Update]:
        old = self._torrents
        torrents: dict[str, Torrent] = {}
        counts = dict.fromkeys(COUNT_KEYS, 0)
        added: list[str] = []
        changed: dict[str, frozenset[str]] = {}
        interner = self._interner
        for index, (torrent_hash, fields) in enumerate(reply.torrents.items(), 1):
            torrent = Torrent(hash=torrent_hash, **torrent_values(fields, interner))
            before = old.get(torrent_hash)
            if before is None:
                added.append(torrent_hash)
            elif before == torrent:
                torrent = before
            else:
                changed[torrent_hash] = changed_fields(before, torrent)
            torrents[torrent_hash] = torrent
            _count(counts, torrent, 1)
            if index % group_size == 0:
                yield
        removed = tuple(old.keys() - torrents.keys())
        categories = {name: dict(fields) for name, fields in reply.categories.items()}
        tags = frozenset(reply.tags)
        server_state = ServerState(**server_state_changes(reply.server_state))
        changes = Changes(
            added=tuple(added),
            removed=removed,
            changed=changed,
            categories=categories != self._categories,
            tags=tags != self._tags,
            server_state=self._server_state_diff(server_state),
            counts=counts != self._counts,
        )
        self._torrents = torrents
        self._counts = counts
        self._categories = categories
        self._tags = tags
        self._server_state = server_state
        return Update(events=[], changes=changes, full_update=True)

    def _merge(self, reply: Reply, group_size: int) -> Generator[None, None, Update]:
        sliced = len(reply.torrents) + len(reply.torrents_removed) > group_size
        # A merge that yields works on copies: readers between two steps see
        # the state before the reply.
        torrents = dict(self._torrents) if sliced else self._torrents
        # The counts are small: always a copy, compared with them at the end.
        counts = dict(self._counts)
        events: list[TorrentEvent] = []
        added: dict[str, None] = {}
        changed: dict[str, frozenset[str]] = {}
        interner = self._interner
        for index, (torrent_hash, fields) in enumerate(reply.torrents.items(), 1):
            values = torrent_values(fields, interner)
            before = torrents.get(torrent_hash)
            if before is None:
                torrent = Torrent(hash=torrent_hash, **values)
                torrents[torrent_hash] = torrent
                _count(counts, torrent, 1)
                added[torrent_hash] = None
                _arrival_events(torrent, events)
            else:
                news = {
                    name: value
                    for name, value in values.items()
                    if getattr(before, name) != value
                }
                if news:
                    names = frozenset(news)
                    torrent = msgspec.structs.replace(before, **news)
                    torrents[torrent_hash] = torrent
                    if not _COUNTED_FIELDS.isdisjoint(names):
                        _recount(counts, before, torrent)
                    changed[torrent_hash] = names
                    if not _EVENT_FIELDS.isdisjoint(names):
                        _transition_events(before, torrent, events)
            if sliced and index % group_size == 0:
                yield
        removed: list[str] = []
        for torrent_hash in reply.torrents_removed:
            gone = torrents.pop(torrent_hash, None)
            if gone is None:
                continue
            _count(counts, gone, -1)
            events.append(TorrentEvent.of(TorrentEventType.REMOVED, gone))
            changed.pop(torrent_hash, None)
            if torrent_hash in added:
                del added[torrent_hash]
            else:
                removed.append(torrent_hash)
        categories_changed = self._merge_categories(reply)
        tags_changed = self._merge_tags(reply)
        # Only the fields the delta carries can change; most polls carry a few.
        server_state = self._server_state
        news = {
            name: value
            for name, value in server_state_changes(reply.server_state).items()
            if getattr(server_state, name) != value
        }
        server_state_changed = frozenset(news)
        if news:
            server_state = msgspec.structs.replace(server_state, **news)
        counts_changed = counts != self._counts
        self._torrents = torrents
        self._counts = counts
        self._server_state = server_state
        changes = Changes(
            added=tuple(added),
            removed=tuple(removed),
            changed=changed,
            categories=categories_changed,
            tags=tags_changed,
            server_state=server_state_changed,
            counts=counts_changed,
        )
        return Update(events=events, changes=changes, full_update=False)

    def _merge_categories(self, reply: Reply) -> bool:
        if not reply.categories and not reply.categories_removed:
            return False
        before = {name: dict(fields) for name, fields in self._categories.items()}
        for name, fields in reply.categories.items():
            self._categories.setdefault(name, {}).update(fields)
        for name in reply.categories_removed:
            self._categories.pop(name, None)
        return before != self._categories

    def _merge_tags(self, reply: Reply) -> bool:
        if not reply.tags and not reply.tags_removed:
            return False
        tags = self._tags.union(reply.tags).difference(reply.tags_removed)
        changed = tags != self._tags
        self._tags = tags
        return changed

    def _server_state_diff(self, new: ServerState) -> frozenset[str]:
        old = self._server_state
        return frozenset(
            name
            for name in ServerState.__struct_fields__
            if getattr(old, name) != getattr(new, name)
        )
