"""sync/maindata answered from the fake's state, with qBittorrent's rid rules per session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .maindata import Snapshot, SyncSession, diff_categories, diff_mapping

if TYPE_CHECKING:
    from .model import ServerModel


def maindata_reply(model: ServerModel, sync: SyncSession, rid: int) -> dict[str, Any]:
    """Answer sync/maindata for one session, updating its rid bookkeeping."""
    full = True
    if rid > 0 and sync.last_sent is not None:
        if sync.last_sent.rid == rid:
            sync.accepted = sync.last_sent
        accepted = sync.accepted
        if (
            accepted is not None
            and accepted.rid == rid
            and model.store.can_diff_from(accepted.seq)
        ):
            full = False
    counts_from_zero = model.flavour.rid_restarts_on_zero and rid <= 0
    previous_rid = (
        0 if counts_from_zero or sync.last_sent is None else sync.last_sent.rid
    )
    reply_rid = previous_rid % 1_000_000 + 1
    if full:
        sync.accepted = None
        reply = _full_update(model)
    else:
        assert sync.accepted is not None
        reply = _delta(model, sync.accepted)
    reply["rid"] = reply_rid
    sync.last_sent = _snapshot(model, reply_rid)
    sync.replies += 1
    return reply


def _snapshot(model: ServerModel, rid: int) -> Snapshot:
    """What a reply sent now tells the client, for later deltas."""
    return Snapshot(
        rid=rid,
        seq=model.store.seq,
        server_state=dict(model.server_state),
        categories={name: dict(value) for name, value in model.categories.items()},
        tags=frozenset(model.tags),
    )


def _full_update(model: ServerModel) -> dict[str, Any]:
    reply: dict[str, Any] = {
        "full_update": True,
        "server_state": dict(model.server_state),
    }
    collections: dict[str, Any] = {
        "torrents": model.store.torrents,
        "categories": model.categories,
        "tags": sorted(model.tags),
    }
    if model.flavour.sends_trackers:
        collections["trackers"] = _trackers(model)
    keep_empty = not model.flavour.omits_empty_collections
    reply.update((k, v) for k, v in collections.items() if v or keep_empty)
    return reply


def _trackers(model: ServerModel) -> dict[str, list[str]]:
    trackers: dict[str, list[str]] = {}
    for info_hash, record in model.store.torrents.items():
        if url := record.get("tracker"):
            trackers.setdefault(url, []).append(info_hash)
    return trackers


def _delta(model: ServerModel, accepted: Snapshot) -> dict[str, Any]:
    reply: dict[str, Any] = {}
    torrents, removed = model.store.changes_since(accepted.seq)
    categories, categories_removed = diff_categories(
        accepted.categories, model.categories
    )
    tags_added = sorted(model.tags - accepted.tags)
    tags_removed = sorted(accepted.tags - model.tags)
    server_state = diff_mapping(accepted.server_state, model.server_state)
    parts = {
        "torrents": torrents,
        "torrents_removed": removed,
        "categories": categories,
        "categories_removed": categories_removed,
        "tags": tags_added,
        "tags_removed": tags_removed,
        "server_state": server_state,
    }
    reply.update((key, value) for key, value in parts.items() if value)
    return reply
