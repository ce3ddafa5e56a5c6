"""sync/maindata with qBittorrent's rid semantics, answered in O(changes).

qBittorrent remembers, per WebUI session, the last reply it sent and the last
one the client confirmed (by sending its rid back). A request carrying the rid
of either gets only what changed since the confirmed one; rid 0 or any other
rid gets a full update. The real server diffs complete snapshots; here every
change to a torrent is stamped with a sequence number, so a delta only visits
the torrents touched since the confirmed reply — 50,000 torrents with 1% churn
cost a few hundred dictionary lookups per poll, not a full comparison.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_MISSING = object()
RID_CYCLE = 1_000_000
# Trim the change log once this many entries are older than every session's view.
_TRIM_THRESHOLD = 20_000


class TorrentStore:
    """Current torrents plus a change log to compute deltas."""

    def __init__(self) -> None:
        """An empty store at sequence 0."""
        self.torrents: dict[str, dict[str, Any]] = {}
        self.seq = 0
        self._added_seq: dict[str, int] = {}
        self._field_seq: dict[str, dict[str, int]] = {}
        self._log_seqs: list[int] = []
        self._log_hashes: list[str] = []
        # For removed hashes, the (added, removed) sequence of each lifetime.
        self._lifetimes: dict[str, list[tuple[int, int]]] = {}
        self._horizon = 0

    def _log(self, info_hash: str) -> None:
        self._log_seqs.append(self.seq)
        self._log_hashes.append(info_hash)

    def add(self, info_hash: str, record: dict[str, Any]) -> None:
        """Add (or replace) a torrent; clients get it whole in their next delta."""
        if info_hash in self.torrents:
            self.remove(info_hash)
        self.seq += 1
        self.torrents[info_hash] = record
        self._added_seq[info_hash] = self.seq
        self._log(info_hash)

    def update(self, info_hash: str, fields: Mapping[str, Any]) -> bool:
        """Change fields of a torrent; only values that really change are recorded."""
        record = self.torrents[info_hash]
        changed = [
            key for key, value in fields.items() if record.get(key, _MISSING) != value
        ]
        if not changed:
            return False
        self.seq += 1
        stamps = self._field_seq.setdefault(info_hash, {})
        for key in changed:
            record[key] = fields[key]
            stamps[key] = self.seq
        self._log(info_hash)
        return True

    def remove(self, info_hash: str) -> dict[str, Any] | None:
        """Remove a torrent; clients that knew it get it in torrents_removed."""
        record = self.torrents.pop(info_hash, None)
        if record is None:
            return None
        self.seq += 1
        added = self._added_seq.pop(info_hash)
        self._lifetimes.setdefault(info_hash, []).append((added, self.seq))
        self._field_seq.pop(info_hash, None)
        self._log(info_hash)
        return record

    def can_diff_from(self, seq: int) -> bool:
        """True if the log still reaches back to `seq`."""
        return seq >= self._horizon

    def changes_since(self, seq: int) -> tuple[dict[str, dict[str, Any]], list[str]]:
        """Torrents changed after `seq` (new ones whole, others changed fields) and removals."""
        changed: dict[str, dict[str, Any]] = {}
        removed: list[str] = []
        seen: set[str] = set()
        start = bisect_right(self._log_seqs, seq)
        for index in range(start, len(self._log_hashes)):
            info_hash = self._log_hashes[index]
            if info_hash in seen:
                continue
            seen.add(info_hash)
            record = self.torrents.get(info_hash)
            if record is None:
                lifetimes = self._lifetimes.get(info_hash, ())
                if any(added <= seq < gone for added, gone in lifetimes):
                    removed.append(info_hash)
            elif self._added_seq[info_hash] > seq:
                changed[info_hash] = record
            elif stamps := self._field_seq.get(info_hash):
                fields = {
                    key: record[key] for key, stamp in stamps.items() if stamp > seq
                }
                if fields:
                    changed[info_hash] = fields
        return changed, removed

    def forget_before(self, seq: int) -> None:
        """Drop history no session can ask about any more (all views are at `seq` or later)."""
        cut = bisect_right(self._log_seqs, seq)
        if cut < _TRIM_THRESHOLD:
            return
        del self._log_seqs[:cut]
        del self._log_hashes[:cut]
        self._horizon = seq
        for info_hash in list(self._lifetimes):
            kept = [(a, r) for a, r in self._lifetimes[info_hash] if r > seq]
            if kept:
                self._lifetimes[info_hash] = kept
            else:
                del self._lifetimes[info_hash]


@dataclass(slots=True)
class Snapshot:
    """What one maindata reply told the client."""

    rid: int
    seq: int
    server_state: dict[str, Any]
    categories: dict[str, dict[str, Any]]
    tags: frozenset[str]


@dataclass(slots=True)
class SyncSession:
    """rid bookkeeping of one WebUI session (or of the API key)."""

    last_sent: Snapshot | None = None
    accepted: Snapshot | None = None
    replies: int = field(default=0)

    def oldest_seq(self) -> int | None:
        """Sequence of the oldest snapshot this session may still diff against."""
        seqs = [
            snap.seq for snap in (self.last_sent, self.accepted) if snap is not None
        ]
        return min(seqs) if seqs else None


def diff_mapping(
    previous: Mapping[str, Any], current: Mapping[str, Any]
) -> dict[str, Any]:
    """Keys of `current` whose value differs from `previous` (qBittorrent's processMap)."""
    return {
        key: value
        for key, value in current.items()
        if previous.get(key, _MISSING) != value
    }


def diff_categories(
    previous: Mapping[str, Mapping[str, Any]], current: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, Any], list[str]]:
    """New categories whole, changed ones as changed fields, and removed names."""
    changed: dict[str, Any] = {}
    for name, category in current.items():
        before = previous.get(name)
        if before is None:
            changed[name] = dict(category)
        elif fields := diff_mapping(before, category):
            changed[name] = fields
    return changed, [name for name in previous if name not in current]
