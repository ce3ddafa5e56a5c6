"""A real server that moves to another port, reconfigured in a real Home Assistant.

A server's entities and device belong to its config entry, not to its
address: given the new address through "Reconfigure", it keeps every entity
id and its device, gets no `_2` duplicates and leaves nothing orphaned.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.real_ha.api import HomeAssistantApi, wait_for
from tests.real_ha.demo_servers import DEMO_PASSWORD, DEMO_USERNAME
from tests.real_qbittorrent import RealQBittorrent, Version

pytestmark = [pytest.mark.live, pytest.mark.usefixtures("socket_enabled")]

DOMAIN = "qbittorrent_multi"


@pytest.fixture(params=["4.2", "5.3"], ids=["qbt4.2", "qbt5.3"])
async def mover(request: pytest.FixtureRequest) -> AsyncIterator[RealQBittorrent]:
    """A real server of its own, which the test moves (the oldest and newest lines)."""
    version: Version = request.param
    server = RealQBittorrent(version, username=DEMO_USERNAME, password=DEMO_PASSWORD)
    await asyncio.to_thread(server.start)
    yield server
    await asyncio.to_thread(server.close)


@pytest.fixture
async def entry_id(api: HomeAssistantApi, mover: RealQBittorrent) -> AsyncIterator[str]:
    """The server added as "Mover"; its entry is deleted after the test."""
    result = await api.add_server(
        name="Mover", url=mover.url, username=mover.username, password=DEMO_PASSWORD
    )
    assert result["type"] == "create_entry", result
    added = str(result["result"]["entry_id"])
    yield added
    await api.delete_entry(added)


async def _entities(api: HomeAssistantApi, entry_id: str) -> dict[str, str]:
    """Unique id -> entity id of every entity registered for an entry."""
    registry = await api.command("config/entity_registry/list")
    return {
        entity["unique_id"]: entity["entity_id"]
        for entity in registry
        if entity["config_entry_id"] == entry_id
    }


async def _devices(api: HomeAssistantApi, entry_id: str) -> list[dict[str, Any]]:
    """The devices of an entry."""
    devices = await api.command("config/device_registry/list")
    return [device for device in devices if entry_id in device["config_entries"]]


async def _entry_state(api: HomeAssistantApi, entry_id: str) -> str:
    entries = await api.get(f"/api/config/config_entries/entry?domain={DOMAIN}")
    return next(str(e["state"]) for e in entries if e["entry_id"] == entry_id)


async def test_a_server_moved_to_another_port_keeps_its_entities_and_device(
    api: HomeAssistantApi, mover: RealQBittorrent, entry_id: str
) -> None:
    """Reconfigured to the new port: same entity ids and device, no `_2`, no orphan."""
    before = await _entities(api, entry_id)
    (device,) = await _devices(api, entry_id)
    old_url = mover.url

    await asyncio.to_thread(mover.move)
    result = await api.reconfigure_server(
        entry_id, url=mover.url, username=mover.username
    )

    assert result["type"] == "abort", result
    assert result["reason"] == "reconfigure_successful"
    assert mover.url != old_url
    connectivity = next(
        entity_id
        for unique_id, entity_id in before.items()
        if unique_id.endswith("_connectivity")
    )

    async def connected() -> bool | None:
        if await _entry_state(api, entry_id) != "loaded":
            return None
        return True if (await api.state(connectivity))["state"] == "on" else None

    await wait_for(connected, what="the moved server to be connected")
    assert await _entities(api, entry_id) == before
    registry = await api.command("config/entity_registry/list")
    ours = [entity["entity_id"] for entity in registry if entity["platform"] == DOMAIN]
    assert not [entity_id for entity_id in ours if entity_id.endswith("_2")]
    enabled = [
        entity["entity_id"]
        for entity in registry
        if entity["config_entry_id"] == entry_id and entity["disabled_by"] is None
    ]
    states = await api.states()
    orphans = [
        entity_id
        for entity_id in enabled
        if entity_id not in states or states[entity_id]["attributes"].get("restored")
    ]
    assert enabled
    assert orphans == []
    moved = await _devices(api, entry_id)
    assert [(d["id"], d["configuration_url"]) for d in moved] == [
        (device["id"], mover.url)
    ]
