"""Calling the integration's actions in tests, and a server to call them on."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import DOMAIN
from tests.components.server_entries import add_server
from tests.fake_qbittorrent import FakeQBittorrent
from tests.fake_qbittorrent.flavours import FlavourName
from tests.live_fixtures import StartFakeQBittorrent

# A server and its config entry, as the `nas` fixture gives them.
type Server = tuple[FakeQBittorrent, MockConfigEntry]

HASH_A = "a" * 40
HASH_B = "b" * 40
HASH_C = "c" * 40
V2_HASH = "d" * 64


def actions_sent(server: FakeQBittorrent) -> list[tuple[str, dict[str, str]]]:
    """The requests that would change something on the server, in order."""
    return [
        (request.endpoint, request.params)
        for request in server.requests
        if request.method == "POST" and request.endpoint != "auth/login"
    ]


async def call(
    hass: HomeAssistant, action: str, data: dict[str, Any], *, response: bool = False
) -> Any:
    """Call one of the integration's actions and wait for it."""
    return await hass.services.async_call(
        DOMAIN, action, data, blocking=True, return_response=response
    )


async def refused(
    hass: HomeAssistant, action: str, data: dict[str, Any]
) -> pytest.ExceptionInfo[ServiceValidationError]:
    """Call an action that must refuse its input; return how it refused."""
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, action, data)
    return err


async def nas_server(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> Server:
    """One qBittorrent 5.3 server with three torrents, set up as "NAS"."""
    server = await fake_qbittorrent("5.3")
    server.add_torrent(
        hash=HASH_A, name="Debian", category="linux", tags=["iso"], size=1000
    )
    server.add_torrent(hash=HASH_B, name="Fedora", category="linux", size=2000)
    server.add_torrent(hash=HASH_C, name="Holiday video", tags=["iso"], size=3000)
    return server, await add_server(hass, server)


async def two_servers(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    versions: tuple[FlavourName, FlavourName] = ("5.3", "5.3"),
    names: tuple[str, str] = ("NAS", "Seedbox"),
) -> tuple[Server, Server]:
    """Two servers of these versions, set up under these names, the first first."""
    first = await fake_qbittorrent(versions[0])
    second = await fake_qbittorrent(versions[1])
    return (
        (first, await add_server(hass, first, names[0])),
        (second, await add_server(hass, second, names[1])),
    )


def references(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, str]:
    """The ways the server field may name a server: entry id, device id, name."""
    [device] = dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
    return {"entry_id": entry.entry_id, "device_id": device.id, "name": entry.title}
