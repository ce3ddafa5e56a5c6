"""Actions on torrents: run control, categories, tags and limits, on fake and real servers of every line."""

from __future__ import annotations

from typing import Any

from .conftest import (
    MainDataClient,
    Target,
    WebApi,
    added_sample,
    eventually,
    info,
    torrent_state,
    unique,
    with_torrent,
)

SEEDING_STATES = {"uploading", "stalledUP", "queuedUP", "forcedUP"}
# (stop endpoint, start endpoint, prefix of stopped states, torrents/info
# filter): 5.0 renamed pause/resume and paused* states.
RUN_CONTROL = {
    "4.2": ("pause", "resume", "paused", "paused"),
    "4.5": ("pause", "resume", "paused", "paused"),
    "5.1": ("stop", "start", "stopped", "stopped"),
    "5.3": ("stop", "start", "stopped", "stopped"),
}
# torrents/setShareLimits with ratio and seeding time only, then with the
# inactive seeding time too: 5.1 requires the latter, 5.3 also the action
# and the mode.
SHARE_LIMIT_REPLIES = {
    "4.2": [(200, ""), (200, "")],
    "4.5": [(200, ""), (200, "")],
    "5.1": [(400, "Bad Request"), (200, "")],
    "5.3": [
        (
            400,
            "Missing required parameters: inactiveSeedingTimeLimit, shareLimitAction, shareLimitsMode",
        ),
        (400, "Missing required parameters: shareLimitAction, shareLimitsMode"),
    ],
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


async def test_stopping_and_starting_use_the_versions_endpoints_and_states(
    target: Target, api: WebApi
) -> None:
    """pause/resume and paused* on 4.x, stop/start and stopped* on 5.x."""
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
    await eventually(lambda: with_torrent(client, sample.info_hash, rid=0))
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


async def test_share_limits_need_the_lines_parameters(
    target: Target, api: WebApi
) -> None:
    """4.x needs ratio and seeding time; 5.1 also the inactive time; 5.3 also action and mode."""
    sample = await added_sample(target, api, "contract-share")
    await eventually(lambda: torrent_state(api, sample.info_hash))
    basic = {"hashes": sample.info_hash, "ratioLimit": "2", "seedingTimeLimit": "-2"}
    with_inactive = basic | {"inactiveSeedingTimeLimit": "-2"}
    complete = with_inactive | {
        "shareLimitAction": "Default",
        "shareLimitsMode": "Default",
    }

    partial = [
        await api.post("torrents/setShareLimits", basic),
        await api.post("torrents/setShareLimits", with_inactive),
    ]
    with_all = await api.post("torrents/setShareLimits", complete)

    assert [(reply.status, reply.text) for reply in partial] == SHARE_LIMIT_REPLIES[
        target.version
    ]
    assert with_all.status == 200
    assert (await info(api, hashes=sample.info_hash))[0]["ratio_limit"] == 2
