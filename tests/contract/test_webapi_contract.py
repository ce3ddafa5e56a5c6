"""What the integration relies on in qBittorrent's WebAPI, checked on fake and real servers.

Every test runs against the fake and the real qBittorrent of each version it
names; where they disagree the real server is right and the fake is fixed.
"""

from __future__ import annotations

import re
from typing import Any

import aiohttp
import pytest

from custom_components.qbittorrent_multi.sync import KEPT_TORRENT_FIELDS

from .conftest import (
    FRESH_MAX_AUTH_FAILURES,
    ONLY_45,
    ONLY_53,
    ApiFactory,
    MainDataClient,
    Target,
    WebApi,
    add_sample,
    added_sample,
    eventually,
    info,
    torrent_state,
    unique,
)

VERSIONS = {"4.5": ("v4.5.2", "2.8.19"), "5.3": ("v5.3.0", "2.16.2")}
LOGIN_OK = {"4.5": (200, "Ok."), "5.3": (204, "")}
LOGIN_WRONG_PASSWORD = {"4.5": (200, "Fails."), "5.3": (401, "Unauthorized")}
BANNED = (
    "Your IP address has been banned after too many failed authentication attempts."
)
# (stop endpoint, start endpoint, prefix of stopped states, torrents/info filter)
RUN_CONTROL = {
    "4.5": ("pause", "resume", "paused", "paused"),
    "5.3": ("stop", "start", "stopped", "stopped"),
}
NOT_FOUND = {"4.5": "Not Found", "5.3": "Endpoint does not exist"}
SEEDING_STATES = {"uploading", "stalledUP", "queuedUP", "forcedUP"}
# A full update of a server with no torrents, categories or tags.
EMPTY_COLLECTIONS: dict[str, dict[str, Any]] = {
    "4.5": {"torrents": {}, "categories": {}, "tags": [], "trackers": {}},
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
TORRENT_FIELDS = KEPT_TORRENT_FIELDS - {"hash"}
DELTA_KEYS = {
    "rid",
    "torrents",
    "torrents_removed",
    "categories",
    "categories_removed",
    "tags",
    "tags_removed",
    "trackers",
    "trackers_removed",
    "server_state",
}


async def _completed(api: WebApi, info_hash: str) -> dict[str, Any]:
    """The torrent once its data has been checked complete and it seeds."""

    async def probe() -> dict[str, Any] | None:
        torrents = await info(api, hashes=info_hash)
        if (
            torrents
            and torrents[0]["progress"] == 1
            and torrents[0]["state"] in SEEDING_STATES
        ):
            return torrents[0]
        return None

    return await eventually(probe)


async def _state_becomes(api: WebApi, info_hash: str, wanted: set[str]) -> str:
    async def probe() -> str | None:
        state = await torrent_state(api, info_hash)
        return state if state in wanted else None

    return await eventually(probe)


# -- authentication ------------------------------------------------------------


async def test_login_with_the_right_password_opens_a_session(
    target: Target, api_for: ApiFactory
) -> None:
    """4.5 answers 200 "Ok." with cookie SID, 5.3 answers 204 with cookie QBT_SID_<port>."""
    api = api_for(target)

    reply = await api.login(target.username, target.password)

    assert (reply.status, reply.text) == LOGIN_OK[target.version]
    cookie = "SID" if target.version == "4.5" else f"QBT_SID_{target.port}"
    assert api.cookie_names() == {cookie}
    assert (await api.get("app/version")).status == 200


async def test_login_with_a_wrong_password_is_refused(
    target: Target, api_for: ApiFactory
) -> None:
    """4.5 answers 200 "Fails.", 5.3 answers 401 "Unauthorized"; no session either way."""
    api = api_for(target)

    reply = await api.login(target.username, "not-the-password")

    assert (reply.status, reply.text) == LOGIN_WRONG_PASSWORD[target.version]
    assert api.cookie_names() == set()
    assert (await api.get("app/version")).status == 403


async def test_api_calls_without_a_session_are_forbidden(
    target: Target, api_for: ApiFactory
) -> None:
    """Reads and actions alike get 403 "Forbidden" before any login."""
    api = api_for(target)
    stop = RUN_CONTROL[target.version][0]

    replies = [
        await api.get("app/version"),
        await api.get("sync/maindata", rid="0"),
        await api.post(f"torrents/{stop}", {"hashes": "all"}),
        await api.post("torrents/nonexistent", {}),
    ]

    assert [(reply.status, reply.text) for reply in replies] == [(403, "Forbidden")] * 4


async def test_login_with_a_live_session_succeeds_whatever_the_password(
    target: Target, api: WebApi
) -> None:
    """A client that still holds a session is not asked for the password again."""
    reply = await api.login(target.username, "not-the-password")

    assert (reply.status, reply.text) == LOGIN_OK[target.version]


async def test_logout_ends_the_session(target: Target, api: WebApi) -> None:
    """After auth/logout the old session cookie no longer works."""
    reply = await api.post("auth/logout")

    assert reply.status == 200
    assert (await api.get("app/version")).status == 403


async def test_repeated_failed_logins_ban_the_address(
    fresh_target: Target, api_for: ApiFactory
) -> None:
    """After the configured number of failures even the right password gets 403 and a reason."""
    api = api_for(fresh_target)
    for _ in range(FRESH_MAX_AUTH_FAILURES):
        reply = await api.login(fresh_target.username, "not-the-password")
        assert (reply.status, reply.text) == LOGIN_WRONG_PASSWORD[fresh_target.version]

    reply = await api.login(fresh_target.username, fresh_target.password)

    assert (reply.status, reply.text) == (403, BANNED)


@pytest.mark.parametrize("target", ONLY_53, indirect=True)
async def test_an_api_key_authorises_without_a_session(
    target: Target, api: WebApi, api_for: ApiFactory
) -> None:
    """A key from app/rotateAPIKey works as `Authorization: Bearer`, maindata deltas included."""
    rotated = await api.post("app/rotateAPIKey")
    assert rotated.status == 200
    key = rotated.json()["apiKey"]
    assert re.fullmatch(r"qbt_[A-Za-z0-9]{28}", key)
    keyed = api_for(target)
    bearer = {"Authorization": f"Bearer {key}"}

    version = await keyed.get("app/version", headers=bearer)
    full = (await keyed.get("sync/maindata", headers=bearer, rid="0")).json()
    delta = (
        await keyed.get("sync/maindata", headers=bearer, rid=str(full["rid"]))
    ).json()

    assert (version.status, version.text) == (200, "v5.3.0")
    assert full["full_update"] is True
    assert "full_update" not in delta
    assert keyed.cookie_names() == set()


@pytest.mark.parametrize("target", ONLY_53, indirect=True)
async def test_a_wrong_api_key_is_forbidden(
    target: Target, api_for: ApiFactory
) -> None:
    """An unknown key gets 403 "Forbidden" (and no ban: it is not a login)."""
    api = api_for(target)

    reply = await api.get(
        "app/version", headers={"Authorization": "Bearer qbt_" + "x" * 28}
    )

    assert (reply.status, reply.text) == (403, "Forbidden")


@pytest.mark.parametrize("target", ONLY_45, indirect=True)
async def test_4_5_has_no_api_keys(target: Target, api: WebApi) -> None:
    """app/rotateAPIKey does not exist before 5.x."""
    reply = await api.post("app/rotateAPIKey")

    assert (reply.status, reply.text) == (404, "Not Found")


# -- versions and request rules ---------------------------------------------------


async def test_versions_have_the_documented_formats(
    target: Target, api: WebApi
) -> None:
    """app/version is "v" + x.y.z, app/webapiVersion is 2.x.y, both plain text."""
    app = await api.get("app/version")
    webapi = await api.get("app/webapiVersion")

    assert (app.text, webapi.text) == VERSIONS[target.version]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", app.text)
    assert re.fullmatch(r"2\.\d+\.\d+", webapi.text)
    assert app.headers["Content-Type"].startswith("text/plain")


async def test_actions_must_be_posted(target: Target, api: WebApi) -> None:
    """GET on an action (or on auth/login) is 405 "Method Not Allowed"."""
    stop = RUN_CONTROL[target.version][0]

    replies = [
        await api.get(f"torrents/{stop}", hashes="all"),
        await api.get("auth/login"),
    ]

    assert [(reply.status, reply.text) for reply in replies] == [
        (405, "Method Not Allowed")
    ] * 2


async def test_missing_parameters_are_a_bad_request(
    target: Target, api: WebApi
) -> None:
    """A missing required parameter is 400; 5.x names it."""
    reply = await api.post("torrents/setCategory", {"category": "x"})

    expected = {"4.5": "Bad Request", "5.3": "Missing required parameters: hashes"}
    assert (reply.status, reply.text) == (400, expected[target.version])


async def test_the_other_versions_run_control_endpoints_do_not_exist(
    target: Target, api: WebApi
) -> None:
    """4.5 has only pause/resume, 5.3 only stop/start; the other pair is 404."""
    other = "5.3" if target.version == "4.5" else "4.5"
    stop, start = RUN_CONTROL[other][:2]

    replies = [
        await api.post(f"torrents/{stop}", {"hashes": "all"}),
        await api.post(f"torrents/{start}", {"hashes": "all"}),
    ]

    assert [(reply.status, reply.text) for reply in replies] == [
        (404, NOT_FOUND[target.version])
    ] * 2


# -- sync/maindata -----------------------------------------------------------------


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
    sample = await added_sample(
        target, api, "contract-full", category=category, tags=tag
    )
    await eventually(lambda: torrent_state(api, sample.info_hash))
    target.cleanups.append(
        lambda a: a.post("torrents/removeCategories", {"categories": category})
    )
    target.cleanups.append(lambda a: a.post("torrents/deleteTags", {"tags": tag}))

    data = await MainDataClient(api).poll()

    torrent = data["torrents"][sample.info_hash]
    assert torrent.keys() >= TORRENT_FIELDS
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
    """4.5 sends empty torrents/categories/tags/trackers; 5.3 leaves them out."""
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
    await eventually(lambda: _with_torrent(client, sample.info_hash, rid=0))
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


async def _with_torrent(
    client: MainDataClient, info_hash: str, rid: int
) -> dict[str, Any] | None:
    data = await client.poll(rid=rid)
    return data if info_hash in data.get("torrents", {}) else None


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
    """rid 0 always means "send everything"; 4.5 then restarts at rid 1, 5.3 keeps counting."""
    client = MainDataClient(api)
    first = await client.poll(rid=0)

    second = await client.poll(rid=0)

    assert first["full_update"] is second["full_update"] is True
    expected_rid = {"4.5": 1, "5.3": first["rid"] + 1}
    assert second["rid"] == expected_rid[target.version]


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
        lambda: _with_torrent(client, sample.info_hash, rid=client.rid)
    )

    assert "full_update" not in delta
    torrent = delta["torrents"][sample.info_hash]
    assert torrent.keys() >= TORRENT_FIELDS
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
    await eventually(lambda: _with_torrent(client, sample.info_hash, rid=0))

    reply = await api.post(
        "torrents/delete", {"hashes": sample.info_hash, "deleteFiles": "false"}
    )

    async def removal() -> dict[str, Any] | None:
        data = await client.poll()
        return data if sample.info_hash in data.get("torrents_removed", []) else None

    assert reply.status == 200
    await eventually(removal)
    assert sample.info_hash not in client.torrents


# -- adding torrents -----------------------------------------------------------------


async def test_add_replies_ok_on_4_5_and_the_added_ids_on_5_3(
    target: Target, api: WebApi
) -> None:
    """torrents/add answers "Ok." (4.5) or JSON counts with added_torrent_ids (5.3)."""
    sample, reply = await add_sample(target, api, "contract-reply")

    assert reply.status == 200
    if target.version == "4.5":
        assert reply.text == "Ok."
    else:
        assert reply.json() == {
            "added_torrent_ids": [sample.info_hash],
            "failure_count": 0,
            "pending_count": 0,
            "success_count": 1,
        }


async def test_adding_the_same_torrent_file_again_fails(
    target: Target, api: WebApi
) -> None:
    """A duplicate is "Fails." on 4.5 and 409 "Conflict" on 5.3."""
    sample = await added_sample(target, api, "contract-dup")
    await eventually(lambda: torrent_state(api, sample.info_hash))

    form = aiohttp.FormData()
    form.add_field("torrents", sample.torrent, filename="again.torrent")
    reply = await api.post("torrents/add", form)

    expected = {"4.5": (200, "Fails."), "5.3": (409, "Conflict")}
    assert (reply.status, reply.text) == expected[target.version]


async def test_an_invalid_torrent_file_is_unsupported_media(
    target: Target, api: WebApi
) -> None:
    """A file that is not bencoded metainfo is 415 with its name in the message."""
    form = aiohttp.FormData()
    form.add_field("torrents", b"not a torrent", filename="broken.torrent")

    reply = await api.post("torrents/add", form)

    assert (reply.status, reply.text) == (
        415,
        "Error: 'broken.torrent' is not a valid torrent file.",
    )


# -- torrent actions -----------------------------------------------------------------


async def test_stopping_and_starting_use_the_versions_endpoints_and_states(
    target: Target, api: WebApi
) -> None:
    """pause/resume and paused* on 4.5, stop/start and stopped* on 5.3."""
    stop, start, prefix, status_filter = RUN_CONTROL[target.version]
    sample = await added_sample(target, api, "contract-stop")
    await _completed(api, sample.info_hash)

    stopped = await api.post(f"torrents/{stop}", {"hashes": sample.info_hash})
    stopped_state = await _state_becomes(api, sample.info_hash, {f"{prefix}UP"})
    listed = [t["hash"] for t in await info(api, filter=status_filter)]
    started = await api.post(f"torrents/{start}", {"hashes": sample.info_hash})
    running_state = await _state_becomes(api, sample.info_hash, SEEDING_STATES)

    assert (stopped.status, started.status) == (200, 200)
    assert stopped_state == f"{prefix}UP"
    assert sample.info_hash in listed
    assert running_state in SEEDING_STATES


async def test_an_unknown_category_cannot_be_assigned(
    target: Target, api: WebApi
) -> None:
    """setCategory with a category that does not exist is 409 "Incorrect category name"."""
    sample = await added_sample(target, api, "contract-badcat")
    await eventually(lambda: torrent_state(api, sample.info_hash))

    reply = await api.post(
        "torrents/setCategory", {"hashes": sample.info_hash, "category": unique("nope")}
    )

    assert (reply.status, reply.text) == (409, "Incorrect category name")


async def test_a_created_category_can_be_assigned(target: Target, api: WebApi) -> None:
    """createCategory then setCategory; torrents/info filters by it."""
    category = unique("contract-cat")
    sample = await added_sample(target, api, "contract-cat")
    await eventually(lambda: torrent_state(api, sample.info_hash))
    target.cleanups.append(
        lambda a: a.post("torrents/removeCategories", {"categories": category})
    )

    created = await api.post(
        "torrents/createCategory", {"category": category, "savePath": ""}
    )
    again = await api.post("torrents/createCategory", {"category": category})
    assigned = await api.post(
        "torrents/setCategory", {"hashes": sample.info_hash, "category": category}
    )

    assert (created.status, assigned.status) == (200, 200)
    assert (again.status, again.text) == (409, "Unable to create category")
    assert [t["hash"] for t in await info(api, category=category)] == [sample.info_hash]


async def test_tags_and_limits_show_in_the_next_delta(
    target: Target, api: WebApi
) -> None:
    """addTags, removeTags and per-torrent limits come back as changed fields."""
    first, second = unique("contract-a"), unique("contract-b")
    sample = await added_sample(target, api, "contract-tags")
    client = MainDataClient(api)
    await eventually(lambda: _with_torrent(client, sample.info_hash, rid=0))
    target.cleanups.append(
        lambda a: a.post("torrents/deleteTags", {"tags": f"{first},{second}"})
    )

    hashes = sample.info_hash
    await api.post("torrents/addTags", {"hashes": hashes, "tags": f"{second},{first}"})
    await api.post("torrents/removeTags", {"hashes": hashes, "tags": second})
    await api.post("torrents/setDownloadLimit", {"hashes": hashes, "limit": "1000"})
    await api.post("torrents/setUploadLimit", {"hashes": hashes, "limit": "2000"})

    async def applied() -> dict[str, Any] | None:
        await client.poll()
        merged = client.torrents[sample.info_hash]
        return merged if merged["up_limit"] == 2000 else None

    merged = await eventually(applied)
    assert (merged["tags"], merged["dl_limit"], merged["up_limit"]) == (
        first,
        1000,
        2000,
    )


async def test_share_limits_need_the_versions_parameters(
    target: Target, api: WebApi
) -> None:
    """4.5 needs ratio and seeding time; 5.3 also the inactive time, action and mode."""
    sample = await added_sample(target, api, "contract-share")
    await eventually(lambda: torrent_state(api, sample.info_hash))
    basic = {"hashes": sample.info_hash, "ratioLimit": "2", "seedingTimeLimit": "-2"}
    complete = basic | {
        "inactiveSeedingTimeLimit": "-2",
        "shareLimitAction": "Default",
        "shareLimitsMode": "Default",
    }

    with_basic = await api.post("torrents/setShareLimits", basic)
    with_all = await api.post("torrents/setShareLimits", complete)

    expected = {
        "4.5": (200, ""),
        "5.3": (
            400,
            "Missing required parameters: inactiveSeedingTimeLimit, shareLimitAction, shareLimitsMode",
        ),
    }
    assert (with_basic.status, with_basic.text) == expected[target.version]
    assert with_all.status == 200
    assert (await info(api, hashes=sample.info_hash))[0]["ratio_limit"] == 2


# -- transfer ------------------------------------------------------------------------


async def test_global_limits_are_kept_in_whole_kib(target: Target, api: WebApi) -> None:
    """A global limit in bytes/s is rounded down to KiB/s and shown in server_state."""
    target.cleanups.append(
        lambda a: a.post("transfer/setDownloadLimit", {"limit": "0"})
    )
    client = MainDataClient(api)
    await client.poll()

    reply = await api.post("transfer/setDownloadLimit", {"limit": "100000"})

    async def shown() -> int | None:
        await client.poll()
        limit = client.server_state["dl_rate_limit"]
        return int(limit) if limit else None

    assert reply.status == 200
    assert await eventually(shown) == 99_328
    assert (await api.get("transfer/downloadLimit")).text == "99328"


async def test_alternative_speed_mode_toggles(target: Target, api: WebApi) -> None:
    """toggleSpeedLimitsMode flips speedLimitsMode ("0"/"1") and use_alt_speed_limits."""
    before = (await api.get("transfer/speedLimitsMode")).text
    client = MainDataClient(api)
    await client.poll()

    reply = await api.post("transfer/toggleSpeedLimitsMode")
    target.cleanups.append(lambda a: a.post("transfer/toggleSpeedLimitsMode"))
    after = (await api.get("transfer/speedLimitsMode")).text
    await client.poll()

    assert reply.status == 200
    assert {before, after} == {"0", "1"}
    assert client.server_state["use_alt_speed_limits"] is (after == "1")


async def test_transfer_info_has_the_speeds_and_limits(
    target: Target, api: WebApi
) -> None:
    """transfer/info carries the speed, data and limit fields of server_state."""
    reply = await api.get("transfer/info")

    assert {
        "connection_status",
        "dht_nodes",
        "dl_info_data",
        "dl_info_speed",
        "dl_rate_limit",
        "up_info_data",
        "up_info_speed",
        "up_rate_limit",
    } <= reply.json().keys()
