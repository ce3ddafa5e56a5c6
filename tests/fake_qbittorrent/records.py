"""Realistic torrent, server-state and category records, shaped like each flavour's.

The field sets and defaults are those real 4.2.5, 4.5.2, 5.1.0 and 5.3.0 servers send in
sync/maindata (torrents/info adds "hash"); values for generated torrents are
plausible for a home seedbox.
"""

from __future__ import annotations

from collections.abc import Iterable
import random
from typing import Any

from .flavours import Flavour

INFINITE_ETA = 8_640_000
# Fields 5.x sends in sync/maindata but not in torrents/info.
MAINDATA_ONLY_FIELDS = frozenset(
    {"has_tracker_warning", "has_tracker_error", "has_other_announce_error"}
)
COMPLETE_STATES = frozenset(
    {
        "uploading",
        "stalledUP",
        "queuedUP",
        "checkingUP",
        "forcedUP",
        "pausedUP",
        "stoppedUP",
    }
)
SEEDING_STATES = frozenset(
    {"uploading", "stalledUP", "queuedUP", "checkingUP", "forcedUP"}
)
DOWNLOADING_STATES = frozenset(
    {
        "downloading",
        "metaDL",
        "forcedMetaDL",
        "stalledDL",
        "checkingDL",
        "queuedDL",
        "forcedDL",
        "pausedDL",
        "stoppedDL",
        "allocating",
    }
)
CHECKING_STATES = frozenset({"checkingUP", "checkingDL", "checkingResumeData"})
ERRORED_STATES = frozenset({"error", "missingFiles"})

_COMMON_TORRENT: dict[str, Any] = {
    "added_on": 0,
    "amount_left": 0,
    "auto_tmm": False,
    "availability": -1,
    "category": "",
    "completed": 0,
    "completion_on": -1,
    "content_path": "",
    "dl_limit": 0,
    "dlspeed": 0,
    "download_path": "",
    "downloaded": 0,
    "downloaded_session": 0,
    "eta": INFINITE_ETA,
    "f_l_piece_prio": False,
    "force_start": False,
    "infohash_v1": "",
    "infohash_v2": "",
    "last_activity": 0,
    "magnet_uri": "",
    "max_ratio": -1,
    "max_seeding_time": -1,
    "name": "",
    "num_complete": 0,
    "num_incomplete": 0,
    "num_leechs": 0,
    "num_seeds": 0,
    "priority": 0,
    "progress": 0,
    "ratio": 0,
    "ratio_limit": -2,
    "save_path": "",
    "seeding_time": 0,
    "seeding_time_limit": -2,
    "seen_complete": 0,
    "seq_dl": False,
    "size": 0,
    "state": "stalledDL",
    "super_seeding": False,
    "tags": "",
    "time_active": 0,
    "total_size": 0,
    "tracker": "",
    "trackers_count": 0,
    "up_limit": 0,
    "uploaded": 0,
    "uploaded_session": 0,
    "upspeed": 0,
}
# Fields 4.2 does not send yet (they came with 4.3 and 4.4).
_TORRENT_ABSENT_IN_4_2 = frozenset(
    {
        "content_path",
        "download_path",
        "infohash_v1",
        "infohash_v2",
        "seeding_time",
        "trackers_count",
    }
)
_TORRENT_5_1_EXTRA: dict[str, Any] = {
    "comment": "",
    "has_metadata": True,
    "inactive_seeding_time_limit": -2,
    "max_inactive_seeding_time": -1,
    "popularity": 0,
    "private": False,
    "reannounce": 0,
    "root_path": "",
}
_TORRENT_5_3_EXTRA: dict[str, Any] = {
    "connections_count": 0,
    "connections_limit": 100,
    "created_by": "",
    "creation_date": -1,
    "has_other_announce_error": False,
    "has_tracker_error": False,
    "has_tracker_warning": False,
    "piece_size": 0,
    "pieces_have": 0,
    "pieces_num": 0,
    "seen_complete": -1,
    "share_limit_action": "Default",
    "share_limits_mode": "Default",
    "total_wasted": 0,
}

_COMMON_SERVER_STATE: dict[str, Any] = {
    "alltime_dl": 1_318_705_418_240,
    "alltime_ul": 3_733_193_834_496,
    "average_time_queue": 0,
    "connection_status": "connected",
    "dht_nodes": 342,
    "dl_info_data": 5_368_709_120,
    "dl_info_speed": 0,
    "dl_rate_limit": 0,
    "free_space_on_disk": 536_870_912_000,
    "global_ratio": "2.83",
    "queued_io_jobs": 0,
    "queueing": True,
    "read_cache_hits": "0",
    "read_cache_overload": "0",
    "refresh_interval": 1500,
    "total_buffers_size": 0,
    "total_peer_connections": 0,
    "total_queued_size": 0,
    "total_wasted_session": 0,
    "up_info_data": 12_884_901_888,
    "up_info_speed": 0,
    "up_rate_limit": 0,
    "use_alt_speed_limits": False,
    "write_cache_overload": "0",
}
_EXTERNAL_ADDRESSES: dict[str, Any] = {
    "last_external_address_v4": "",
    "last_external_address_v6": "",
}
_SERVER_STATE_5_1_EXTRA: dict[str, Any] = {
    **_EXTERNAL_ADDRESSES,
    "use_subcategories": False,
}
_SERVER_STATE_5_3_EXTRA: dict[str, Any] = {
    **_EXTERNAL_ADDRESSES,
    "queued_tracker_announces": 0,
    "request_latency": 0,
    "session_state": False,
}
TRANSFER_INFO_FIELDS = (
    "connection_status",
    "dht_nodes",
    "dl_info_data",
    "dl_info_speed",
    "dl_rate_limit",
    "up_info_data",
    "up_info_speed",
    "up_rate_limit",
)

_WORDS = (
    "Aurora",
    "Basalt",
    "Cinder",
    "Delta",
    "Ember",
    "Fjord",
    "Glacier",
    "Harbor",
    "Indigo",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Nebula",
    "Obsidian",
    "Prairie",
    "Quartz",
    "Riviera",
    "Solstice",
    "Tundra",
    "Umbra",
    "Vesper",
    "Willow",
    "Xenon",
    "Yonder",
    "Zephyr",
)
_RESOLUTIONS = ("720p", "1080p", "2160p")
_CODECS = ("x264", "x265", "AV1")
_CATEGORIES = ("", "movies", "tv", "music", "linux-isos", "books")
_TAGS = ("hd", "keep", "archive", "4k", "private-tracker")
_TRACKERS = (
    "udp://tracker.example.invalid:1337/announce",
    "https://tracker.example.invalid/announce",
    "",
)
_RUNNING_COMPLETE = ("stalledUP", "stalledUP", "uploading", "uploading", "queuedUP")
_RUNNING_INCOMPLETE = (
    "downloading",
    "downloading",
    "stalledDL",
    "stalledDL",
    "queuedDL",
    "metaDL",
)


_TORRENT_TEMPLATES: dict[str, dict[str, Any]] = {
    "4.2": {
        key: value
        for key, value in _COMMON_TORRENT.items()
        if key not in _TORRENT_ABSENT_IN_4_2
    },
    "4.5": _COMMON_TORRENT,
    "5.1": {**_COMMON_TORRENT, **_TORRENT_5_1_EXTRA},
    "5.3": {**_COMMON_TORRENT, **_TORRENT_5_1_EXTRA, **_TORRENT_5_3_EXTRA},
}
_SERVER_STATE_TEMPLATES: dict[str, dict[str, Any]] = {
    "4.2": _COMMON_SERVER_STATE,
    "4.5": _COMMON_SERVER_STATE,
    "5.1": {**_COMMON_SERVER_STATE, **_SERVER_STATE_5_1_EXTRA},
    "5.3": {**_COMMON_SERVER_STATE, **_SERVER_STATE_5_3_EXTRA},
}


def torrent_template(flavour: Flavour) -> dict[str, Any]:
    """Every field a torrent of this flavour has in sync/maindata, with defaults."""
    return dict(_TORRENT_TEMPLATES[flavour.name])


def fields_of(flavour: Flavour) -> frozenset[str]:
    """Names of the fields a torrent of this flavour has in sync/maindata."""
    return frozenset(_TORRENT_TEMPLATES[flavour.name])


def server_state_template(flavour: Flavour) -> dict[str, Any]:
    """A full, realistic server_state for this flavour."""
    return dict(_SERVER_STATE_TEMPLATES[flavour.name])


def transfer_info_fields(flavour: Flavour) -> tuple[str, ...]:
    """The fields of transfer/info (5.x adds the external addresses)."""
    extra = (
        _EXTERNAL_ADDRESSES
        if "last_external_address_v4" in (_SERVER_STATE_TEMPLATES[flavour.name])
        else {}
    )
    return tuple(sorted((*TRANSFER_INFO_FIELDS, *extra)))


def category_record(flavour: Flavour, name: str, save_path: str = "") -> dict[str, Any]:
    """A category as sync/maindata and torrents/categories show it."""
    if not flavour.detailed_errors:
        # Share limits per category came with 5.2.
        return {"name": name, "savePath": save_path}
    return {
        "download_path": None,
        "inactive_seeding_time_limit": -2,
        "name": name,
        "ratio_limit": -2,
        "savePath": save_path,
        "seeding_time_limit": -2,
        "share_limit_action": "Default",
        "share_limits_mode": "Default",
    }


def global_ratio(alltime_dl: int, alltime_ul: int) -> str:
    """qBittorrent's global ratio string: two decimals, or "-" before any traffic."""
    if alltime_dl > 0 and alltime_ul > 0:
        return f"{alltime_ul / alltime_dl:.2f}"
    return "-"


def magnet_uri(flavour: Flavour, info_hash: str, name: str, size: int) -> str:
    """The magnet_uri field (5.x adds the exact length)."""
    uri = f"magnet:?xt=urn:btih:{info_hash}&dn={name}"
    return uri if not flavour.stop_start or size <= 0 else f"{uri}&xl={size}"


def tags_field(tags: Iterable[str]) -> str:
    """The torrent "tags" field: sorted, joined by ", "."""
    return ", ".join(sorted(set(tags)))


def split_tags(value: str) -> list[str]:
    """Tags from a torrent "tags" field or a comma-separated request parameter."""
    return [tag.strip() for tag in value.split(",") if tag.strip()]


def is_complete(record: dict[str, Any]) -> bool:
    """True once all wanted data is present."""
    return bool(record["progress"] >= 1)


def stopped_state(flavour: Flavour, record: dict[str, Any]) -> str:
    """State of a stopped torrent ("pausedUP", "stoppedDL", ...)."""
    return flavour.stopped_prefix + ("UP" if is_complete(record) else "DL")


def running_state(record: dict[str, Any]) -> str:
    """State a torrent takes when started, given its progress and speeds."""
    if is_complete(record):
        return "uploading" if record["upspeed"] > 0 else "stalledUP"
    if record["size"] == 0:
        return "metaDL"
    return "downloading" if record["dlspeed"] > 0 else "stalledDL"


def new_torrent(
    flavour: Flavour,
    info_hash: str,
    *,
    name: str,
    size: int,
    save_path: str,
    now: int,
    complete: bool = False,
    **fields: Any,
) -> dict[str, Any]:
    """A freshly added torrent; `fields` override any default."""
    record = torrent_template(flavour)
    _update_known(
        record,
        added_on=now,
        last_activity=now,
        name=name,
        size=size,
        total_size=size,
        save_path=save_path,
        content_path=f"{save_path.rstrip('/')}/{name}" if save_path else name,
        infohash_v1=info_hash,
        magnet_uri=magnet_uri(flavour, info_hash, name, size),
    )
    if complete:
        record.update(
            progress=1,
            completed=size,
            completion_on=now,
            state="stalledUP",
        )
    else:
        done = int(size * fields.get("progress", 0))
        record.update(
            completed=done,
            downloaded=done,
            amount_left=size - done,
            state="stalledDL" if size else "metaDL",
        )
    if "piece_size" in record and size:
        pieces = -(-size // (record["piece_size"] or 16384))
        record.update(
            piece_size=record["piece_size"] or 16384,
            pieces_num=pieces,
            pieces_have=pieces if complete else 0,
        )
    record.update(fields)
    if "state" in fields:
        record["state"] = flavour.state_name(fields["state"])
    return record


def random_torrent(
    flavour: Flavour,
    template: dict[str, Any],
    rng: random.Random,
    index: int,
    *,
    now: int,
    save_path: str,
) -> tuple[str, dict[str, Any]]:
    """A plausible torrent (hash and record) for populating a large server quickly."""
    info_hash = f"{rng.getrandbits(160):040x}"
    words = rng.sample(_WORDS, 2)
    name = (
        f"{words[0]}.{words[1]}.{1990 + index % 35}.{rng.choice(_RESOLUTIONS)}"
        f".{rng.choice(_CODECS)}-GRP{index}"
    )
    size = rng.randrange(50 << 20, 60 << 30)
    complete = rng.random() < 0.7
    stopped = rng.random() < 0.12
    progress = 1.0 if complete else round(rng.random(), 4)
    done = size if complete else int(size * progress)
    state = (
        stopped_state(flavour, {"progress": progress})
        if stopped
        else rng.choice(_RUNNING_COMPLETE if complete else _RUNNING_INCOMPLETE)
    )
    if not stopped and rng.random() < 0.005:
        state = "error"
    dlspeed = rng.randrange(10_000, 12_000_000) if state == "downloading" else 0
    upspeed = rng.randrange(1_000, 6_000_000) if state == "uploading" else 0
    uploaded = int(done * rng.random() * 3)
    added_on = now - rng.randrange(3_600, 400 * 86_400)
    tracker = rng.choice(_TRACKERS)
    tags = [tag for tag in _TAGS if rng.random() < 0.15]
    record = template.copy()
    _update_known(
        record,
        added_on=added_on,
        amount_left=size - done,
        category=rng.choice(_CATEGORIES),
        completed=done,
        completion_on=added_on + rng.randrange(60, 86_400) if complete else -1,
        content_path=f"{save_path}/{name}",
        dlspeed=dlspeed,
        downloaded=done,
        eta=(size - done) // dlspeed if dlspeed else INFINITE_ETA,
        infohash_v1=info_hash,
        last_activity=now - rng.randrange(0, 86_400),
        magnet_uri=magnet_uri(flavour, info_hash, name, size),
        name=name,
        num_complete=rng.randrange(0, 400),
        num_incomplete=rng.randrange(0, 80),
        num_leechs=rng.randrange(0, 8) if upspeed else 0,
        num_seeds=rng.randrange(1, 30) if dlspeed else 0,
        priority=0 if complete else index % 50 + 1,
        progress=progress,
        ratio=round(uploaded / done, 4) if done else 0,
        save_path=save_path,
        size=size,
        state=state,
        tags=tags_field(tags),
        time_active=now - added_on,
        total_size=size,
        tracker=tracker,
        trackers_count=1 if tracker else 0,
        uploaded=uploaded,
        upspeed=upspeed,
    )
    return info_hash, record


def churned_fields(
    flavour: Flavour, record: dict[str, Any], rng: random.Random, now: int
) -> dict[str, Any]:
    """New values for a torrent that moved on a little: speeds, progress, state."""
    state = record["state"]
    if state.startswith(flavour.stopped_prefix) or state in ERRORED_STATES:
        return {}
    changes: dict[str, Any] = {
        "last_activity": now,
        "time_active": record["time_active"] + 1,
    }
    if is_complete(record):
        upspeed = rng.randrange(1_000, 6_000_000) if rng.random() < 0.5 else 0
        changes.update(
            upspeed=upspeed,
            uploaded=record["uploaded"] + upspeed,
            state="uploading" if upspeed else "stalledUP",
            num_leechs=rng.randrange(1, 8) if upspeed else 0,
        )
        return changes
    dlspeed = rng.randrange(10_000, 12_000_000) if rng.random() < 0.8 else 0
    size = record["size"]
    done = min(size, record["completed"] + dlspeed * 10)
    changes.update(
        dlspeed=dlspeed,
        completed=done,
        downloaded=record["downloaded"] + dlspeed * 10,
        amount_left=size - done,
        progress=round(done / size, 4) if size else 0,
        eta=(size - done) // dlspeed if dlspeed else INFINITE_ETA,
        num_seeds=rng.randrange(1, 30) if dlspeed else 0,
        state="downloading" if dlspeed else "stalledDL",
    )
    if size and done >= size:
        changes.update(progress=1, dlspeed=0, state="stalledUP", completion_on=now)
    return changes


def _update_known(record: dict[str, Any], **fields: Any) -> None:
    """Set the fields the record's line has; the others it does not send."""
    record.update((key, value) for key, value in fields.items() if key in record)


def populate_tags_and_categories() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Categories (without "") and tags that random torrents use."""
    return tuple(category for category in _CATEGORIES if category), _TAGS
