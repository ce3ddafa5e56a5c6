"""torrents/info of the fake server: its status filters, sorting and paging."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .flavours import Flavour
from .records import (
    CHECKING_STATES,
    COMPLETE_STATES,
    DOWNLOADING_STATES,
    ERRORED_STATES,
    MAINDATA_ONLY_FIELDS,
    SEEDING_STATES,
    split_tags,
)


def matches_filter(
    flavour: Flavour, record: Mapping[str, Any], status_filter: str
) -> bool:
    """Whether a torrent passes one of qBittorrent's status filters."""
    state: str = record["state"]
    stopped = state.startswith(flavour.stopped_prefix)
    active = bool(record["dlspeed"] > 0 or record["upspeed"] > 0)
    match status_filter:
        case "downloading":
            return state in DOWNLOADING_STATES
        case "seeding":
            return state in SEEDING_STATES
        case "completed":
            return state in COMPLETE_STATES
        case "active":
            return active
        case "inactive":
            return not active
        case "stalled":
            return state in {"stalledUP", "stalledDL"}
        case "stalled_uploading":
            return state == "stalledUP"
        case "stalled_downloading":
            return state == "stalledDL"
        case "checking":
            return state in CHECKING_STATES
        case "moving":
            return state == "moving"
        case "errored":
            return state in ERRORED_STATES
    if status_filter == flavour.stopped_filter:
        return stopped
    if status_filter == flavour.running_filter:
        return not stopped
    return True  # qBittorrent treats an unknown filter as "all"


def torrents_info(
    flavour: Flavour,
    torrents: Iterable[tuple[str, Mapping[str, Any]]],
    params: Mapping[str, str],
) -> list[dict[str, Any]]:
    """torrents/info of (hash, record) pairs: filter, category, tag, sort, reverse, limit, offset."""
    status_filter = params.get("filter", "all")
    category = params.get("category")
    tag = params.get("tag")
    result = []
    for info_hash, record in torrents:
        if category is not None and record["category"] != category:
            continue
        if tag is not None:
            tags = split_tags(record["tags"])
            if (tag == "" and tags) or (tag != "" and tag not in tags):
                continue
        if not matches_filter(flavour, record, status_filter):
            continue
        item = {"hash": info_hash, **record}
        for key in MAINDATA_ONLY_FIELDS:
            item.pop(key, None)
        result.append(item)
    if sort := params.get("sort"):
        result.sort(key=lambda item: (item.get(sort) is None, item.get(sort)))
    if params.get("reverse", "").lower() == "true":
        result.reverse()
    offset = int(params.get("offset") or 0)
    if offset < 0:
        offset = max(len(result) + offset, 0)
    limit = int(params.get("limit") or 0)
    return result[offset : offset + limit] if limit > 0 else result[offset:]
