"""The actions' server picker offers the servers, and what may be typed instead is accepted."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.service import async_get_all_descriptions
import pytest

from custom_components.qbittorrent_multi.const import DOMAIN, SWITCHER_UNIQUE_ID
from custom_components.qbittorrent_multi.switcher import get_switcher
from tests.components.action_calls import actions_sent, call, references, two_servers
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

# The fields that name a server, by action.
SERVER_FIELDS = ("server", "target")


def _switcher_device(hass: HomeAssistant) -> dr.DeviceEntry | None:
    return next(
        (
            device
            for device in dr.async_get(hass).devices
            if (DOMAIN, SWITCHER_UNIQUE_ID) in device.identifiers
        ),
        None,
    )


def _offered(hass: HomeAssistant, selector: dict[str, Any]) -> set[str]:
    """Names of the devices a device selector's filters let the UI offer."""
    registry = dr.async_get(hass)
    filters = selector["device"]["filter"]
    offered = set()
    for device in registry.devices:
        entry = hass.config_entries.async_get_entry(device.config_entry_id)
        domains = {entry.domain} if entry is not None else set()
        for wanted in filters:
            if wanted.get("integration") not in (None, *domains):
                continue
            if wanted.get("manufacturer") not in (None, device.manufacturer):
                continue
            if wanted.get("model") not in (None, device.model):
                continue
            offered.add(device.name_by_user or device.name or "")
    return offered


async def test_every_server_field_offers_the_servers_and_not_the_switcher(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A device picker limited to server devices, in every action that names a server."""
    await two_servers(hass, fake_qbittorrent, ("5.3", "4.5"))
    descriptions = (await async_get_all_descriptions(hass))[DOMAIN]
    switcher_device = _switcher_device(hass)

    pickers = {
        (action, name): field["selector"]
        for action, description in descriptions.items()
        for name, field in description.get("fields", {}).items()
        if name in SERVER_FIELDS
    }

    assert switcher_device is not None
    assert {action for action, _ in pickers} == set(descriptions) - {
        "export_servers",
        "import_servers",
    }
    assert ("copy_torrents", "target") in pickers
    for (action, name), selector in pickers.items():
        assert set(selector) == {"device"}, (action, name)
        assert _offered(hass, selector) == {"NAS", "Seedbox"}, (action, name)
    assert pickers["add_torrent", "server"]["device"]["multiple"] is True


@pytest.mark.parametrize("reference", ["device_id", "entry_id", "name"])
async def test_switch_server_takes_a_device_an_entry_or_a_name(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, reference: str
) -> None:
    """What the picker gives (a device id) and what may be typed all work."""
    _, (_, entry) = await two_servers(hass, fake_qbittorrent)
    # A name may be typed in any case.
    server = {**references(hass, entry), "name": "seedbox"}[reference]

    await call(hass, "switch_server", {"server": server})

    assert get_switcher(hass).active_entry_id == entry.entry_id


async def test_the_switcher_device_means_the_active_server(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Automations that picked the Server switcher keep acting on the active server."""
    (nas, _), (seedbox, _) = await two_servers(hass, fake_qbittorrent)
    await call(hass, "switch_server", {"server": "Seedbox"})
    switcher_device = _switcher_device(hass)
    assert switcher_device is not None

    await call(hass, "create_tags", {"server": switcher_device.id, "tags": ["keep"]})

    assert actions_sent(seedbox) == [("torrents/createTags", {"tags": "keep"})]
    assert actions_sent(nas) == []
