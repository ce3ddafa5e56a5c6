"""torrents/add: its replies, duplicates and what it reads, on fake and real servers of every line."""

from __future__ import annotations

import aiohttp

from .conftest import (
    Target,
    WebApi,
    add_sample,
    added_sample,
    eventually,
    info,
    torrent_state,
    unique,
)

# torrents/add answers JSON with the added ids from 5.2 on.
ADD_REPLY_TEXT = {"4.2": "Ok.", "4.5": "Ok.", "5.1": "Ok."}
# 4.2 says "Ok." to a torrent it already has, and leaves it as it is.
DUPLICATE = {
    "4.2": (200, "Ok."),
    "4.5": (200, "Fails."),
    "5.1": (200, "Fails."),
    "5.3": (409, "Conflict"),
}


async def test_add_replies_ok_up_to_5_1_and_the_added_ids_on_5_3(
    target: Target, api: WebApi
) -> None:
    """torrents/add answers "Ok." up to 5.1, JSON counts with added_torrent_ids on 5.3."""
    sample, reply = await add_sample(target, api, "contract-reply")

    assert reply.status == 200
    if target.version in ADD_REPLY_TEXT:
        assert reply.text == ADD_REPLY_TEXT[target.version]
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
    """A duplicate is "Fails." on 4.5 and 5.1, 409 "Conflict" on 5.3; 4.2 says "Ok."."""
    sample = await added_sample(target, api, "contract-dup")
    await eventually(lambda: torrent_state(api, sample.info_hash))

    form = aiohttp.FormData()
    form.add_field("torrents", sample.torrent, filename="again.torrent")
    reply = await api.post("torrents/add", form)

    assert (reply.status, reply.text) == DUPLICATE[target.version]
    assert [t["hash"] for t in await info(api)].count(sample.info_hash) == 1


async def test_an_accepted_torrent_is_listed_once_the_server_has_added_it(
    target: Target, api: WebApi
) -> None:
    """torrents/add may answer before adding: the torrent is listed soon after, everywhere."""
    if target.adds_later is not None:
        target.adds_later(2)
    sample = await added_sample(target, api, "contract-later")

    await eventually(lambda: torrent_state(api, sample.info_hash))
    reply = await api.get("sync/maindata", rid="0")

    assert sample.info_hash in reply.json()["torrents"]


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


async def test_tags_given_when_adding_are_applied_from_4_3_on(
    target: Target, api: WebApi
) -> None:
    """torrents/add reads "tags" from 4.3.2 on; 4.2 adds the torrent untagged."""
    tag = unique("contract-addtag")
    target.cleanups.append(lambda a: a.post("torrents/deleteTags", {"tags": tag}))
    sample = await added_sample(target, api, "contract-addtag", tags=tag)
    await eventually(lambda: torrent_state(api, sample.info_hash))

    tags = (await info(api, hashes=sample.info_hash))[0]["tags"]

    assert tags == ("" if target.version == "4.2" else tag)
