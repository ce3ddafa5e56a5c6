"""Property: any sequence of replies merges into the server's own snapshot."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
import copy
from dataclasses import dataclass, field
from typing import Any

from hypothesis import given, settings, strategies as st
import msgspec
import orjson

from custom_components.qbittorrent_multi.model import (
    TORRENT_FIELDS,
    ServerState,
    server_state_changes,
)
from custom_components.qbittorrent_multi.sync import (
    COUNT_KEYS,
    Changes,
    MainData,
    TorrentEvent,
    Update,
    reply_steps,
    run_to_end,
)
from tests.unit.maindata_replies import (
    ADDED,
    ALL_STATES,
    COMPLETED,
    ERRORED,
    REMOVED,
    as_torrent,
    kinds,
    matches_filter,
    state_of,
)

HASHES = tuple(f"{i:040x}" for i in range(1, 5))
TORRENT_RECORDS = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["ubuntu.iso", "debian.iso", ""]),
        # Every state, with the ones whose transitions matter drawn more often.
        "state": st.one_of(
            st.sampled_from(ALL_STATES),
            st.sampled_from(["stalledDL", "downloading", "error", "stalledUP"]),
        ),
        "progress": st.sampled_from([0.0, 0.42, 0.999, 1.0, 1]),
        "dlspeed": st.sampled_from([0, 1024]),
        "upspeed": st.sampled_from([0, 2048]),
        "category": st.sampled_from(["", "linux", "iso"]),
        "tags": st.sampled_from(["", "a", "a, b"]),
        "size": st.sampled_from([0, 1000, 2**40]),
        "save_path": st.sampled_from(["/dl", "/done"]),
        "magnet_uri": st.sampled_from(["magnet:?xt=1", "magnet:?xt=2"]),
        "availability": st.sampled_from([-1, 0.5]),
    }
)
FIELD_NAMES = (
    "name",
    "state",
    "progress",
    "dlspeed",
    "upspeed",
    "category",
    "tags",
    "size",
    "save_path",
    "magnet_uri",
    "availability",
)
CHANGE_TORRENT = st.tuples(
    st.just("change"),
    st.sampled_from(HASHES),
    TORRENT_RECORDS,
    st.frozensets(st.sampled_from(FIELD_NAMES), min_size=1),
)
SERVER_CHANGES = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(HASHES), TORRENT_RECORDS),
    # Changes to known torrents are where the transitions are: drawn most.
    CHANGE_TORRENT,
    CHANGE_TORRENT,
    CHANGE_TORRENT,
    st.tuples(st.just("remove"), st.sampled_from(HASHES)),
    st.tuples(
        st.just("category"),
        st.sampled_from(["tv", "films"]),
        st.sampled_from(["/a", "/b", None]),
    ),
    st.tuples(st.just("tag"), st.sampled_from(["x", "y", "z"]), st.booleans()),
    st.tuples(
        st.just("server"),
        st.sampled_from(["dl_info_speed", "free_space_on_disk"]),
        st.integers(0, 3),
    ),
)
# What happens on the server between two replies, and which reply follows:
# mostly a poll (a delta), sometimes a resync (a full update).
SERVER_STEPS = st.lists(
    st.tuples(
        st.lists(SERVER_CHANGES, max_size=4),
        st.sampled_from(["poll", "poll", "poll", "resync"]),
    ),
    max_size=12,
)
PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
)


@dataclass
class Snapshot:
    torrents: dict[str, dict[str, Any]] = field(default_factory=dict)
    categories: dict[str, dict[str, Any]] = field(default_factory=dict)
    tags: set[str] = field(default_factory=set)
    server_state: dict[str, Any] = field(default_factory=dict)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in new.items() if old.get(key) != value}


class FakeServer:
    """A qBittorrent server's state and the maindata replies it would send."""

    def __init__(self) -> None:
        self.now = Snapshot()
        self.sent = Snapshot()
        self.rid = 0

    def change(self, step: tuple[Any, ...]) -> None:
        kind, *args = step
        if kind == "add":
            self.now.torrents[args[0]] = dict(args[1])
        elif kind == "change" and args[0] in self.now.torrents:
            fields, names = args[1], args[2]
            self.now.torrents[args[0]].update({n: fields[n] for n in names})
        elif kind == "remove":
            self.now.torrents.pop(args[0], None)
        elif kind == "category":
            if args[1] is None:
                self.now.categories.pop(args[0], None)
            else:
                self.now.categories[args[0]] = {"name": args[0], "savePath": args[1]}
        elif kind == "tag":
            (self.now.tags.add if args[1] else self.now.tags.discard)(args[0])
        elif kind == "server":
            self.now.server_state[args[0]] = args[1]

    def full_update(self) -> dict[str, Any]:
        self.rid += 1
        self.sent = copy.deepcopy(self.now)
        return {
            "rid": self.rid,
            "full_update": True,
            "torrents": copy.deepcopy(self.now.torrents),
            "categories": copy.deepcopy(self.now.categories),
            "tags": sorted(self.now.tags),
            "server_state": dict(self.now.server_state),
        }

    def delta(self) -> dict[str, Any]:
        """Return what changed since the last reply, as qBittorrent reports it."""
        old, new = self.sent, self.now
        self.rid += 1
        reply: dict[str, Any] = {"rid": self.rid}
        parts = {
            "torrents": diff_records(old.torrents, new.torrents),
            "torrents_removed": [h for h in old.torrents if h not in new.torrents],
            "categories": diff_records(old.categories, new.categories),
            "categories_removed": [
                c for c in old.categories if c not in new.categories
            ],
            "tags": sorted(new.tags - old.tags),
            "tags_removed": sorted(old.tags - new.tags),
            "server_state": changed_fields(old.server_state, new.server_state),
        }
        reply |= {key: value for key, value in parts.items() if value}
        self.sent = copy.deepcopy(new)
        return reply


def diff_records(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    diff = {}
    for key, fields in new.items():
        changed = changed_fields(old[key], fields) if key in old else dict(fields)
        if changed:
            diff[key] = copy.deepcopy(changed)
    return diff


def expected_events(old: Snapshot, new: Snapshot) -> Counter[tuple[str, str]]:
    """Return the events a delta from ``old`` to ``new`` must bring."""

    def complete(t: dict[str, Any]) -> bool:
        return bool(t["progress"] >= 1)

    def errored(t: dict[str, Any]) -> bool:
        return t["state"] in {"error", "missingFiles"}

    events: Counter[tuple[str, str]] = Counter()
    for h, t in new.torrents.items():
        before = old.torrents.get(h)
        if before is None:
            events[ADDED, h] += 1
        if complete(t) and (before is None or not complete(before)):
            events[COMPLETED, h] += 1
        if errored(t) and (before is None or not errored(before)):
            events[ERRORED, h] += 1
    for h in old.torrents:
        if h not in new.torrents:
            events[REMOVED, h] += 1
    return events


@dataclass(frozen=True)
class Exchange:
    """One reply of the server and what the MainData following it made of it."""

    full_update: bool
    rid: int
    last_sent: Snapshot  # what the client had been told before this reply
    server: Snapshot  # the server's state when it replied
    update: Update
    before: dict[str, Any]  # state_of() the MainData before the reply
    merged: dict[str, Any]  # state_of() the MainData after the reply

    @property
    def events(self) -> list[TorrentEvent]:
        """The torrent events the reply brought."""
        return self.update.events


def replay(
    setup: list[tuple[Any, ...]],
    steps: list[tuple[list[tuple[Any, ...]], str]],
    group_size: int = 500,
) -> list[Exchange]:
    """Run a server through the steps, a MainData following it; return each reply.

    Each reply goes as JSON through the parser and the merge, cut into
    groups of `group_size` torrents as a large reply would be.
    """
    server, data = FakeServer(), MainData()
    for change in setup:
        server.change(change)
    exchanges = []
    for changes, reply_kind in [([], "resync"), *steps, ([], "poll")]:
        for change in changes:
            server.change(change)
        last_sent = copy.deepcopy(server.sent)
        full_update = reply_kind == "resync"
        body = orjson.dumps(server.full_update() if full_update else server.delta())
        before = state_of(data)
        reply = run_to_end(reply_steps(body, group_size, sliced_from=0))
        update = run_to_end(data.merge_steps(reply, group_size))
        exchanges.append(
            Exchange(
                full_update=full_update,
                rid=server.rid,
                last_sent=last_sent,
                server=copy.deepcopy(server.now),
                update=update,
                before=before,
                merged=state_of(data),
            )
        )
    return exchanges


def kept_snapshot(snapshot: Snapshot) -> dict[str, Any]:
    """What a MainData must hold for the server's state."""
    server_state = ServerState(**server_state_changes(snapshot.server_state))
    return {
        "torrents": {h: as_torrent(h, t) for h, t in snapshot.torrents.items()},
        "categories": snapshot.categories,
        "tags": frozenset(snapshot.tags),
        "server_state": msgspec.structs.asdict(server_state),
    }


# A server's history, what happens next, and the group size of the merges.
type Run = tuple[list[tuple[Any, ...]], list[tuple[list[tuple[Any, ...]], str]], int]
RUNS = st.tuples(
    st.lists(SERVER_CHANGES, max_size=15), SERVER_STEPS, st.sampled_from([1, 2, 500])
)


def on_every_reply(check: Callable[[Exchange], None]) -> Callable[..., None]:
    """Make `check` a property test: it must hold for every reply of every run."""

    def test(run: Run) -> None:
        for exchange in replay(*run):
            check(exchange)

    test.__name__ = test.__qualname__ = check.__name__
    test.__doc__ = check.__doc__
    return PROPERTY_SETTINGS(given(run=RUNS)(test))


@on_every_reply
def test_after_every_reply_the_merged_state_equals_the_server_snapshot(
    exchange: Exchange,
) -> None:
    merged = exchange.merged
    assert merged["rid"] == exchange.rid
    assert {
        key: merged[key] for key in ("torrents", "categories", "tags", "server_state")
    } == kept_snapshot(exchange.server)


@on_every_reply
def test_after_every_reply_the_counts_equal_counts_made_from_scratch(
    exchange: Exchange,
) -> None:
    torrents = exchange.server.torrents.values()
    from_scratch = {
        key: sum(matches_filter(t, key) for t in torrents) for key in COUNT_KEYS
    }
    assert exchange.merged["counts"] == from_scratch


@on_every_reply
def test_each_delta_brings_exactly_one_event_per_transition_since_the_last_reply(
    exchange: Exchange,
) -> None:
    if exchange.full_update:
        return  # a resync's events are the next test's
    events = exchange.events
    assert Counter(kinds(events)) == expected_events(
        exchange.last_sent, exchange.server
    )
    for h in {event.hash for event in events}:
        own = [event.type for event in events if event.hash == h]
        if ADDED in own:
            assert own[0] == ADDED


@on_every_reply
def test_a_resync_brings_no_events_whatever_changed_before_it(
    exchange: Exchange,
) -> None:
    if exchange.full_update:
        assert exchange.events == []


def _with_changes(
    before: dict[str, Any], after: dict[str, Any], changes: Changes
) -> dict[str, Any]:
    """The state before a reply with the reported changes applied, from the new state."""
    torrents = dict(before["torrents"])
    for torrent_hash in changes.removed:
        del torrents[torrent_hash]
    for torrent_hash in changes.added:
        assert torrent_hash not in torrents
        torrents[torrent_hash] = after["torrents"][torrent_hash]
    for torrent_hash, names in changes.changed.items():
        new = after["torrents"][torrent_hash]
        torrents[torrent_hash] = msgspec.structs.replace(
            torrents[torrent_hash], **{name: getattr(new, name) for name in names}
        )
    server_state = dict(before["server_state"])
    server_state.update(
        {name: after["server_state"][name] for name in changes.server_state}
    )
    return {
        "torrents": torrents,
        "categories": after["categories"]
        if changes.categories
        else before["categories"],
        "tags": after["tags"] if changes.tags else before["tags"],
        "server_state": server_state,
    }


@on_every_reply
def test_the_reported_changes_bring_the_old_state_to_the_new_one(
    exchange: Exchange,
) -> None:
    after = exchange.merged
    changes = exchange.update.changes
    assert changes.counts == (exchange.before["counts"] != after["counts"])
    assert _with_changes(exchange.before, after, changes) == {
        key: after[key] for key in ("torrents", "categories", "tags", "server_state")
    }


@on_every_reply
def test_a_changed_torrent_names_exactly_the_fields_whose_value_changed(
    exchange: Exchange,
) -> None:
    old, new = exchange.before["torrents"], exchange.merged["torrents"]
    for torrent_hash, names in exchange.update.changes.changed.items():
        assert names
        assert names == {
            name
            for name in TORRENT_FIELDS
            if getattr(old[torrent_hash], name) != getattr(new[torrent_hash], name)
        }
    unchanged = set(old) & set(new) - set(exchange.update.changes.changed)
    assert all(old[h] == new[h] for h in unchanged)
