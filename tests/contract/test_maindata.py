"""sync/maindata: full updates, deltas and rid numbers, on fake and real servers of every line."""

from __future__ import annotations

import re
from typing import Any

from custom_components.qbittorrent_multi.maindata_reply import PART_NAMES
from custom_components.qbittorrent_multi.sync import KEPT_TORRENT_FIELDS

from .conftest import (
    ApiFactory,
    MainDataClient,
    Target,
    WebApi,
    added_sample,
    eventually,
    torrent_state,
    unique,
    with_torrent,
)

SEEDING_STATES = {"uploading", "stalledUP", "queuedUP", "forcedUP"}
# A full update of a server with no torrents, categories or tags: 4.x sends
# the empty collections (4.2 has no trackers map yet), 5.x leaves them out.
EMPTY_COLLECTIONS: dict[str, dict[str, Any]] = {
    "4.2": {"torrents": {}, "categories": {}, "tags": []},
    "4.5": {"torrents": {}, "categories": {}, "tags": [], "trackers": {}},
    "5.1": {},
    "5.3": {},
}
SERVER_STATE_TYPES: dict[str, type] = {
    "dl_info_speed": int,
    "up_info_speed": int,
    "dl_rate_limit": int,
    "up_rate_limit": int,
    "alltime_dl": int,
    "alltime_ul": int,
    "dl_info_data": int,
    "up_info_data": int,
    "global_ratio": str,
    "free_space_on_disk": int,
    "connection_status": str,
    "dht_nodes": int,
    "use_alt_speed_limits": bool,
    "queueing": bool,
    "refresh_interval": int,
}
# The torrent fields the integration keeps; 4.2 has no content_path yet.
KEPT_FIELDS = {
    "4.2": KEPT_TORRENT_FIELDS - {"hash", "content_path"},
    "4.5": KEPT_TORRENT_FIELDS - {"hash"},
    "5.1": KEPT_TORRENT_FIELDS - {"hash"},
    "5.3": KEPT_TORRENT_FIELDS - {"hash"},
}
# A delta has the parts the integration reads, never "full_update", and the
# trackers, which it skips.
DELTA_KEYS = {*PART_NAMES, "trackers", "trackers_removed"} - {"full_update"}


async def test_first_maindata_is_a_full_update_with_the_server_state_we_use(
    target: Target, api: WebApi
) -> None:
    """rid 0 gets full_update with every server_state field the sensors read, well typed."""
    data = await MainDataClient(api).poll()

    assert data["full_update"] is True
    assert isinstance(data["rid"], int)
    state = data["server_state"]
    types = {name: type(state.get(name)) for name in SERVER_STATE_TYPES}
    assert types == SERVER_STATE_TYPES
    assert re.fullmatch(r"-|\d+(\.\d+)?", state["global_ratio"])
    assert state["connection_status"] in {"connected", "firewalled", "disconnected"}


async def test_full_update_lists_torrents_categories_and_tags(
    target: Target, api: WebApi, api_for: ApiFactory
) -> None:
    """Torrents by hash with the fields we keep, categories by name, tags as a list."""
    category, tag = unique("contract-cat"), unique("contract-tag")
    sample = await added_sample(target, api, "contract-full", category=category)
    await eventually(lambda: torrent_state(api, sample.info_hash))
    target.cleanups.append(
        lambda a: a.post("torrents/removeCategories", {"categories": category})
    )
    target.cleanups.append(lambda a: a.post("torrents/deleteTags", {"tags": tag}))
    await api.post("torrents/addTags", {"hashes": sample.info_hash, "tags": tag})

    data = await MainDataClient(api).poll()

    torrent = data["torrents"][sample.info_hash]
    assert torrent.keys() >= KEPT_FIELDS[target.version]
    assert "hash" not in torrent
    assert (torrent["name"], torrent["category"], torrent["tags"]) == (
        sample.name,
        category,
        tag,
    )
    assert {"name": category, "savePath": ""}.items() <= data["categories"][
        category
    ].items()
    assert tag in data["tags"]


async def test_full_update_of_an_empty_server(
    fresh_target: Target, api_for: ApiFactory
) -> None:
    """4.x sends the empty collections, 5.x leaves them out."""
    api = api_for(fresh_target)
    await api.login(fresh_target.username, fresh_target.password)

    data = await MainDataClient(api).poll()

    collections = {"torrents", "categories", "tags", "trackers"}
    present = {key: value for key, value in data.items() if key in collections}
    assert present == EMPTY_COLLECTIONS[fresh_target.version]
    assert data["full_update"] is True


async def test_maindata_with_the_returned_rid_is_a_delta_of_changed_fields(
    target: Target, api: WebApi
) -> None:
    """Replies to the returned rid have no full_update and only fields whose values changed."""
    sample = await added_sample(target, api, "contract-delta")
    client = MainDataClient(api)
    await eventually(lambda: with_torrent(client, sample.info_hash, rid=0))
    await api.post(
        "torrents/setDownloadLimit", {"hashes": sample.info_hash, "limit": "4096"}
    )
    seen: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = []

    async def limit_arrived() -> dict[str, Any] | None:
        torrent_before = dict(client.torrents[sample.info_hash])
        state_before = dict(client.server_state)
        data = await client.poll()
        seen.append((torrent_before, state_before, data))
        changed = data.get("torrents", {}).get(sample.info_hash, {})
        return data if "dl_limit" in changed else None

    last = await eventually(limit_arrived)

    assert last["torrents"][sample.info_hash]["dl_limit"] == 4096
    for torrent_before, state_before, data in seen:
        assert "full_update" not in data
        assert set(data) <= DELTA_KEYS
        changed = data.get("torrents", {}).get(sample.info_hash, {})
        assert all(torrent_before.get(key) != value for key, value in changed.items())
        server_state = data.get("server_state", {})
        assert all(
            state_before.get(key) != value for key, value in server_state.items()
        )


async def test_rid_numbers_follow_each_reply(target: Target, api: WebApi) -> None:
    """The reply to rid N carries N+1; an idle server sends nothing else."""
    client = MainDataClient(api)
    full = await client.poll()

    delta = await client.poll()

    assert delta["rid"] == full["rid"] + 1
    assert "full_update" not in delta


async def test_every_rid_zero_request_gets_a_full_update(
    target: Target, api: WebApi
) -> None:
    """rid 0 always means "send everything"; 4.x then restarts at rid 1, 5.x keeps counting."""
    client = MainDataClient(api)
    first = await client.poll(rid=0)

    second = await client.poll(rid=0)

    assert first["full_update"] is second["full_update"] is True
    restarts = target.version.startswith("4.")
    assert second["rid"] == (1 if restarts else first["rid"] + 1)


async def test_an_unknown_rid_gets_a_full_update(target: Target, api: WebApi) -> None:
    """A rid the server never sent (say, after it restarted) gets full_update."""
    client = MainDataClient(api)
    full = await client.poll()

    reply = await client.poll(rid=full["rid"] + 1000)

    assert reply["full_update"] is True


async def test_repeating_the_previous_rid_still_gets_a_delta(
    target: Target, api: WebApi
) -> None:
    """A client whose last reply was lost may ask again with the rid before it."""
    client = MainDataClient(api)
    full = await client.poll()
    await client.poll()

    again = await client.poll(rid=full["rid"])

    assert "full_update" not in again


async def test_an_added_torrent_arrives_whole_in_a_delta_and_completes(
    target: Target, api: WebApi
) -> None:
    """A new torrent comes with every field we keep; with its data in place it seeds."""
    client = MainDataClient(api)
    await client.poll()
    sample = await added_sample(target, api, "contract-add")

    delta = await eventually(
        lambda: with_torrent(client, sample.info_hash, rid=client.rid)
    )

    assert "full_update" not in delta
    torrent = delta["torrents"][sample.info_hash]
    assert torrent.keys() >= KEPT_FIELDS[target.version]
    assert (torrent["name"], torrent["size"]) == (sample.name, sample.size)
    assert torrent["save_path"].rstrip("/") == str(target.downloads_dir)

    async def seeding() -> dict[str, Any] | None:
        await client.poll()
        merged = client.torrents[sample.info_hash]
        return (
            merged
            if merged["progress"] == 1 and merged["state"] in SEEDING_STATES
            else None
        )

    assert (await eventually(seeding))["amount_left"] == 0


async def test_a_deleted_torrent_is_listed_in_torrents_removed(
    target: Target, api: WebApi
) -> None:
    """After torrents/delete the next delta names the hash in torrents_removed."""
    sample = await added_sample(target, api, "contract-delete")
    client = MainDataClient(api)
    await eventually(lambda: with_torrent(client, sample.info_hash, rid=0))

    reply = await api.post(
        "torrents/delete", {"hashes": sample.info_hash, "deleteFiles": "false"}
    )

    async def removal() -> dict[str, Any] | None:
        data = await client.poll()
        return data if sample.info_hash in data.get("torrents_removed", []) else None

    assert reply.status == 200
    await eventually(removal)
    assert sample.info_hash not in client.torrents
