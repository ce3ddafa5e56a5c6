"""The fields each line sends for torrents, the server state, categories and transfers.

The integration reads only some of them, but the fake must send what the real
line sends so that whatever reads a field sees what a user's server gives it.
"""

from __future__ import annotations

from .conftest import (
    MainDataClient,
    Target,
    WebApi,
    added_sample,
    eventually,
    torrent_state,
    unique,
)

TORRENT_4_5 = frozenset(
    {
        "added_on",
        "amount_left",
        "auto_tmm",
        "availability",
        "category",
        "completed",
        "completion_on",
        "content_path",
        "dl_limit",
        "dlspeed",
        "download_path",
        "downloaded",
        "downloaded_session",
        "eta",
        "f_l_piece_prio",
        "force_start",
        "infohash_v1",
        "infohash_v2",
        "last_activity",
        "magnet_uri",
        "max_ratio",
        "max_seeding_time",
        "name",
        "num_complete",
        "num_incomplete",
        "num_leechs",
        "num_seeds",
        "priority",
        "progress",
        "ratio",
        "ratio_limit",
        "save_path",
        "seeding_time",
        "seeding_time_limit",
        "seen_complete",
        "seq_dl",
        "size",
        "state",
        "super_seeding",
        "tags",
        "time_active",
        "total_size",
        "tracker",
        "trackers_count",
        "up_limit",
        "uploaded",
        "uploaded_session",
        "upspeed",
    }
)
TORRENT_5_1 = TORRENT_4_5 | {
    "comment",
    "has_metadata",
    "inactive_seeding_time_limit",
    "max_inactive_seeding_time",
    "popularity",
    "private",
    "reannounce",
    "root_path",
}
TORRENT_FIELDS = {
    "4.2": TORRENT_4_5
    - {
        "content_path",
        "download_path",
        "infohash_v1",
        "infohash_v2",
        "seeding_time",
        "trackers_count",
    },
    "4.5": TORRENT_4_5,
    "5.1": TORRENT_5_1,
    "5.3": TORRENT_5_1
    | {
        "connections_count",
        "connections_limit",
        "created_by",
        "creation_date",
        "has_other_announce_error",
        "has_tracker_error",
        "has_tracker_warning",
        "piece_size",
        "pieces_have",
        "pieces_num",
        "share_limit_action",
        "share_limits_mode",
        "total_wasted",
    },
}
SERVER_STATE_4X = frozenset(
    {
        "alltime_dl",
        "alltime_ul",
        "average_time_queue",
        "connection_status",
        "dht_nodes",
        "dl_info_data",
        "dl_info_speed",
        "dl_rate_limit",
        "free_space_on_disk",
        "global_ratio",
        "queued_io_jobs",
        "queueing",
        "read_cache_hits",
        "read_cache_overload",
        "refresh_interval",
        "total_buffers_size",
        "total_peer_connections",
        "total_queued_size",
        "total_wasted_session",
        "up_info_data",
        "up_info_speed",
        "up_rate_limit",
        "use_alt_speed_limits",
        "write_cache_overload",
    }
)
EXTERNAL_ADDRESSES = frozenset({"last_external_address_v4", "last_external_address_v6"})
SERVER_STATE_FIELDS = {
    "4.2": SERVER_STATE_4X,
    "4.5": SERVER_STATE_4X,
    "5.1": SERVER_STATE_4X | EXTERNAL_ADDRESSES | {"use_subcategories"},
    "5.3": SERVER_STATE_4X
    | EXTERNAL_ADDRESSES
    | {"queued_tracker_announces", "request_latency", "session_state"},
}
TRANSFER_4X = frozenset(
    {
        "connection_status",
        "dht_nodes",
        "dl_info_data",
        "dl_info_speed",
        "dl_rate_limit",
        "up_info_data",
        "up_info_speed",
        "up_rate_limit",
    }
)
TRANSFER_FIELDS = {
    "4.2": TRANSFER_4X,
    "4.5": TRANSFER_4X,
    "5.1": TRANSFER_4X | EXTERNAL_ADDRESSES,
    "5.3": TRANSFER_4X | EXTERNAL_ADDRESSES,
}
# Categories carry their own share limits from 5.2 on.
CATEGORY_FIELDS = {
    "4.2": {"name", "savePath"},
    "4.5": {"name", "savePath"},
    "5.1": {"name", "savePath"},
    "5.3": {
        "download_path",
        "inactive_seeding_time_limit",
        "name",
        "ratio_limit",
        "savePath",
        "seeding_time_limit",
        "share_limit_action",
        "share_limits_mode",
    },
}


async def test_a_torrent_has_the_lines_fields(target: Target, api: WebApi) -> None:
    """sync/maindata sends a torrent with exactly the fields of its line."""
    sample = await added_sample(target, api, "contract-shape")
    await eventually(lambda: torrent_state(api, sample.info_hash))

    data = await MainDataClient(api).poll()

    assert set(data["torrents"][sample.info_hash]) == TORRENT_FIELDS[target.version]


async def test_the_server_state_has_the_lines_fields(
    target: Target, api: WebApi
) -> None:
    """A full update's server_state has exactly the fields of its line."""
    data = await MainDataClient(api).poll()

    assert set(data["server_state"]) == SERVER_STATE_FIELDS[target.version]


async def test_transfer_info_has_the_lines_fields(target: Target, api: WebApi) -> None:
    """transfer/info has the transfer part of server_state (5.x adds the addresses)."""
    reply = await api.get("transfer/info")

    assert set(reply.json()) == TRANSFER_FIELDS[target.version]


async def test_a_category_has_the_lines_fields(target: Target, api: WebApi) -> None:
    """A category in a full update has exactly the fields of its line."""
    category = unique("contract-shape")
    await api.post("torrents/createCategory", {"category": category, "savePath": ""})
    target.cleanups.append(
        lambda a: a.post("torrents/removeCategories", {"categories": category})
    )

    data = await MainDataClient(api).poll()

    assert set(data["categories"][category]) == CATEGORY_FIELDS[target.version]
