"""Limits, queue sizes and start/stop-all in a real Home Assistant, on real servers.

Every value checked is read back from the qBittorrent server itself. Tests
leave each server as they found it: the limits at none, the torrents that were
stopped stopped again.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.real_ha.api import HomeAssistantApi, wait_for
from tests.real_ha.conftest import Instance
from tests.real_ha.demo_servers import (
    SEEDING_STATES,
    STOPPED_STATES,
    QBittorrentWebApi,
    web_session,
)
from tests.real_qbittorrent import RealQBittorrent

pytestmark = [pytest.mark.live, pytest.mark.usefixtures("socket_enabled")]

KIB = 1024
# Checking states a torrent may pass through after it is started again.
CHECKING_STATES = frozenset({"checkingUP", "queuedForChecking", "checkingResumeData"})


async def _registry_entry(
    api: HomeAssistantApi, server: RealQBittorrent, key: str
) -> dict[str, Any]:
    """The entity registry entry of one of a server's entities."""
    devices = await api.command("config/device_registry/list")
    device_ids = {d["id"] for d in devices if d["configuration_url"] == server.url}
    for entry in await api.command("config/entity_registry/list"):
        if (
            entry["platform"] == "qbittorrent_multi"
            and entry["device_id"] in device_ids
            and entry["unique_id"] == f"{entry['config_entry_id']}_{key}"
        ):
            return dict(entry)
    raise AssertionError(f"no entity {key} of {server.url}")


async def _server_get(server: RealQBittorrent, path: str) -> str:
    """One GET of the server's WebAPI, as its own text."""
    async with web_session() as session:
        await QBittorrentWebApi(session, server).login()
        async with session.get(f"{server.url}/api/v2/{path}") as reply:
            reply.raise_for_status()
            return (await reply.text()).strip()


async def _torrent_states(server: RealQBittorrent) -> dict[str, str]:
    """Each torrent's state as the server reports it, by hash."""
    async with web_session() as session:
        qbittorrent = QBittorrentWebApi(session, server)
        await qbittorrent.login()
        return {t["hash"]: t["state"] for t in await qbittorrent.torrents()}


async def test_a_download_limit_set_in_home_assistant_is_the_servers_limit(
    instance: Instance, api: HomeAssistantApi
) -> None:
    """512 KiB/s set on the number is what every server's WebAPI then reports."""
    for server in instance.servers.values():
        entity_id = (await _registry_entry(api, server, "global_download_limit"))[
            "entity_id"
        ]
        try:
            await api.call(
                "number", "set_value", {"entity_id": entity_id, "value": 512}
            )

            assert await _server_get(server, "transfer/downloadLimit") == str(
                512 * KIB
            ), server
            state = await api.state(entity_id)
            assert float(state["state"]) == 512, server
            assert state["attributes"]["unit_of_measurement"] == "KiB/s"
        finally:
            await api.call("number", "set_value", {"entity_id": entity_id, "value": 0})
        assert await _server_get(server, "transfer/downloadLimit") == "0", server


async def test_alternative_limits_and_queue_sizes_start_disabled(
    instance: Instance, api: HomeAssistantApi
) -> None:
    """Rarely used settings are there to enable, not on every dashboard."""
    server = next(iter(instance.servers.values()))

    disabled = {
        key: (await _registry_entry(api, server, key))["disabled_by"]
        for key in (
            "alt_download_limit",
            "alt_upload_limit",
            "max_active_downloads",
            "max_active_uploads",
            "max_active_torrents",
            "global_download_limit",
            "global_upload_limit",
            "start_all",
            "stop_all",
        )
    }

    assert disabled == {
        "alt_download_limit": "integration",
        "alt_upload_limit": "integration",
        "max_active_downloads": "integration",
        "max_active_uploads": "integration",
        "max_active_torrents": "integration",
        "global_download_limit": None,
        "global_upload_limit": None,
        "start_all": None,
        "stop_all": None,
    }


async def test_stop_all_and_start_all_buttons_act_on_the_real_server(
    instance: Instance, api: HomeAssistantApi
) -> None:
    """Stop all stops every torrent; start all brings the seeding ones back."""
    for server in instance.servers.values():
        before = await _torrent_states(server)
        were_stopped = [h for h, state in before.items() if state in STOPPED_STATES]
        stop = (await _registry_entry(api, server, "stop_all"))["entity_id"]
        start = (await _registry_entry(api, server, "start_all"))["entity_id"]

        await api.call("button", "press", {"entity_id": stop})

        async def all_stopped(server: RealQBittorrent = server) -> bool | None:
            states = await _torrent_states(server)
            return True if set(states.values()) <= STOPPED_STATES else None

        await wait_for(all_stopped, what=f"every torrent of {server!r} to stop")

        await api.call("button", "press", {"entity_id": start})

        async def all_seeding(server: RealQBittorrent = server) -> bool | None:
            states = await _torrent_states(server)
            if set(states.values()) <= SEEDING_STATES:
                return True
            allowed = SEEDING_STATES | CHECKING_STATES | STOPPED_STATES
            assert set(states.values()) <= allowed, states
            return None

        await wait_for(all_seeding, what=f"every torrent of {server!r} to seed")
        # As found: the demo torrents that were stopped are stopped again.
        async with web_session() as session:
            qbittorrent = QBittorrentWebApi(session, server)
            await qbittorrent.login()
            for info_hash in were_stopped:
                await qbittorrent.stop(info_hash)
