"""One torrent and its place, on fake and real servers of every line: files, export, queue, location.

The replies the new actions rely on, status and text, as each real version
gives them; the fake must give the same.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from custom_components.qbittorrent_multi.metainfo import metainfo_torrent_id
from tests.torrent_files import SampleTorrent

from .conftest import (
    Target,
    WebApi,
    added_sample,
    eventually,
    info,
    only,
    unique,
)

UNKNOWN = "f" * 40
TRACKER = "udp://tracker.example.invalid:1337/announce"
# An unknown torrent: 4.2 answers without a body.
NOT_FOUND = {"4.2": "", "4.5": "Not Found", "5.1": "Not Found", "5.3": "Not Found"}


async def _magnet(target: Target, api: WebApi) -> str:
    """Add a magnet link no peer can resolve; it keeps no metadata. Deleted afterwards."""
    info_hash = unique("m").encode().hex()[:40].ljust(40, "0")
    reply = await api.post(
        "torrents/add",
        {"urls": f"magnet:?xt=urn:btih:{info_hash}&dn=nometa&tr={TRACKER}"},
    )
    assert reply.status == 200, reply.text

    async def delete(cleanup_api: WebApi) -> None:
        await cleanup_api.post(
            "torrents/delete", {"hashes": info_hash, "deleteFiles": "false"}
        )

    target.cleanups.append(delete)
    await eventually(lambda: _listed(api, info_hash))
    return info_hash


async def _listed(api: WebApi, info_hash: str) -> bool | None:
    return True if await info(api, hashes=info_hash) else None


async def _sample(target: Target, api: WebApi, prefix: str) -> SampleTorrent:
    """A small torrent with its data in place, once the server lists it (adding is asynchronous)."""
    sample = await added_sample(target, api, prefix)
    await eventually(lambda: _listed(api, sample.info_hash))
    return sample


async def _torrent(api: WebApi, info_hash: str) -> dict[str, Any]:
    [torrent] = await info(api, hashes=info_hash)
    return torrent


# -- files and their priorities ---------------------------------------------------


async def test_files_list_a_torrents_files_with_an_index_from_webapi_2_8_2(
    target: Target, api: WebApi
) -> None:
    """4.2 gives no index and reports an untouched file's priority as 4; later lines 1."""
    sample = await _sample(target, api, "contract-files")

    reply = await api.get("torrents/files", hash=sample.info_hash)

    [file] = reply.json()
    assert reply.status == 200
    assert file["name"] == sample.name
    assert file["size"] == sample.size
    assert ("index" in file) == (target.version != "4.2")
    assert file["priority"] == (4 if target.version == "4.2" else 1)


async def test_a_torrent_without_metadata_has_no_files(
    target: Target, api: WebApi
) -> None:
    """A magnet link nobody resolves lists an empty file list."""
    info_hash = await _magnet(target, api)

    reply = await api.get("torrents/files", hash=info_hash)

    assert (reply.status, reply.json()) == (200, [])


async def test_files_of_an_unknown_torrent_is_not_found(
    target: Target, api: WebApi
) -> None:
    """404, with "Not Found" (4.2: no body) rather than the unknown-endpoint text."""
    reply = await api.get("torrents/files", hash=UNKNOWN)

    assert (reply.status, reply.text) == (404, NOT_FOUND[target.version])


async def test_file_priority_takes_known_ids_and_priorities(
    target: Target, api: WebApi
) -> None:
    """A bad priority is 400, an unknown file id 409; a good one is set."""
    sample = await _sample(target, api, "contract-prio")
    torrent = sample.info_hash

    bad_priority = await api.post(
        "torrents/filePrio", {"hash": torrent, "id": "0", "priority": "3"}
    )
    bad_id = await api.post(
        "torrents/filePrio", {"hash": torrent, "id": "5", "priority": "6"}
    )
    good = await api.post(
        "torrents/filePrio", {"hash": torrent, "id": "0", "priority": "6"}
    )

    assert (bad_priority.status, bad_priority.text) == (400, "Priority is not valid")
    assert (bad_id.status, bad_id.text) == (409, "File ID is not valid")
    assert good.status == 200

    async def high() -> bool | None:
        files = (await api.get("torrents/files", hash=torrent)).json()
        return True if files[0]["priority"] == 6 else None

    assert await eventually(high)


async def test_file_priority_of_a_torrent_without_metadata_is_a_conflict(
    target: Target, api: WebApi
) -> None:
    """409 with its reason; an unknown torrent is 404."""
    info_hash = await _magnet(target, api)

    missing = await api.post(
        "torrents/filePrio", {"hash": info_hash, "id": "0", "priority": "1"}
    )
    unknown = await api.post(
        "torrents/filePrio", {"hash": UNKNOWN, "id": "0", "priority": "1"}
    )

    assert (missing.status, missing.text) == (
        409,
        "Torrent's metadata has not yet downloaded",
    )
    assert unknown.status == 404


# -- export and trackers ------------------------------------------------------------


@pytest.mark.parametrize("target", only("4.5", "5.1", "5.3"), indirect=True)
async def test_export_hands_out_a_torrent_file_of_the_same_torrent(
    target: Target, api: WebApi
) -> None:
    """The .torrent given back names the same torrent (WebAPI 2.8.14 and later)."""
    sample = await _sample(target, api, "contract-export")

    reply = await api.get("torrents/export", hash=sample.info_hash)

    assert reply.status == 200
    assert metainfo_torrent_id(reply.body) == sample.info_hash


@pytest.mark.parametrize("target", only("4.5", "5.1", "5.3"), indirect=True)
async def test_export_of_a_torrent_without_metadata_is_a_conflict(
    target: Target, api: WebApi
) -> None:
    """409: nothing to export until the metadata is there."""
    info_hash = await _magnet(target, api)

    reply = await api.get("torrents/export", hash=info_hash)

    assert (reply.status, reply.text) == (
        409,
        "Unable to export torrent file. Error: Missing metadata",
    )


@pytest.mark.parametrize("target", only("4.2"), indirect=True)
async def test_qbittorrent_4_2_cannot_export(target: Target, api: WebApi) -> None:
    """The endpoint does not exist before WebAPI 2.8.14."""
    sample = await _sample(target, api, "contract-no-export")

    reply = await api.get("torrents/export", hash=sample.info_hash)

    assert reply.status == 404


async def test_trackers_list_dht_pex_and_lsd_first_then_the_real_ones(
    target: Target, api: WebApi
) -> None:
    """The pseudo-trackers are "** [DHT] **" and the like, before the magnet's trackers."""
    info_hash = await _magnet(target, api)

    reply = await api.get("torrents/trackers", hash=info_hash)

    urls = [tracker["url"] for tracker in reply.json()]
    assert urls == ["** [DHT] **", "** [PeX] **", "** [LSD] **", TRACKER]


# -- queue, force start, seeding, management, name, location ------------------------


async def test_queue_moves_are_refused_while_queueing_is_off(
    target: Target, api: WebApi
) -> None:
    """Every move answers 409 with the same text; with queueing on they are fine."""
    sample = await _sample(target, api, "contract-queue")

    async def queueing_back_on(cleanup_api: WebApi) -> None:
        await cleanup_api.post(
            "app/setPreferences", {"json": json.dumps({"queueing_enabled": True})}
        )

    target.cleanups.append(queueing_back_on)
    allowed = await api.post("torrents/topPrio", {"hashes": sample.info_hash})
    await api.post(
        "app/setPreferences", {"json": json.dumps({"queueing_enabled": False})}
    )
    refused = [
        await api.post(f"torrents/{endpoint}", {"hashes": sample.info_hash})
        for endpoint in ("topPrio", "bottomPrio", "increasePrio", "decreasePrio")
    ]

    assert allowed.status == 200
    assert {(reply.status, reply.text) for reply in refused} == {
        (409, "Torrent queueing must be enabled")
    }


async def test_force_start_super_seeding_and_management_show_in_the_torrent(
    target: Target, api: WebApi
) -> None:
    """Each switch is a field of the torrent's record."""
    sample = await _sample(target, api, "contract-switches")
    torrent = sample.info_hash

    for endpoint, field in (
        ("setForceStart", "value"),
        ("setSuperSeeding", "value"),
        ("setAutoManagement", "enable"),
    ):
        reply = await api.post(
            f"torrents/{endpoint}", {"hashes": torrent, field: "true"}
        )
        assert reply.status == 200

    async def switched() -> dict[str, Any] | None:
        record = await _torrent(api, torrent)
        fields = ("force_start", "super_seeding", "auto_tmm")
        return record if all(record[name] is True for name in fields) else None

    assert await eventually(switched)


async def test_rename_needs_a_name_and_a_known_torrent(
    target: Target, api: WebApi
) -> None:
    """An empty name is 409, an unknown torrent 404; a name is trimmed."""
    sample = await _sample(target, api, "contract-rename")

    empty = await api.post("torrents/rename", {"hash": sample.info_hash, "name": " "})
    unknown = await api.post("torrents/rename", {"hash": UNKNOWN, "name": "x"})
    renamed = await api.post(
        "torrents/rename", {"hash": sample.info_hash, "name": "  renamed  "}
    )

    assert (empty.status, empty.text) == (409, "Incorrect torrent name")
    assert (unknown.status, unknown.text) == (404, NOT_FOUND[target.version])
    assert renamed.status == 200

    async def named() -> bool | None:
        return (
            True
            if (await _torrent(api, sample.info_hash))["name"] == "renamed"
            else None
        )

    assert await eventually(named)


async def test_set_location_needs_a_location(target: Target, api: WebApi) -> None:
    """An empty location is 400 with its reason."""
    sample = await _sample(target, api, "contract-location")

    reply = await api.post(
        "torrents/setLocation", {"hashes": sample.info_hash, "location": " "}
    )

    assert (reply.status, reply.text) == (400, "Save path cannot be empty")


async def test_categories_need_a_name_and_edits_a_known_category(
    target: Target, api: WebApi
) -> None:
    """An empty name is 400; editing a category the server lacks is 409 (5.2+: 404)."""
    created = await api.post(
        "torrents/createCategory", {"category": "", "savePath": ""}
    )
    edited = await api.post(
        "torrents/editCategory", {"category": unique("nope"), "savePath": "/x"}
    )

    assert (created.status, created.text) == (400, "Category cannot be empty")
    assert (edited.status, edited.text) == (
        (404, "Category does not exist")
        if target.version == "5.3"
        else (409, "Unable to edit category")
    )
