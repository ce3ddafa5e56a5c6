"""A server's entities and device belong to its entry, wherever the server is.

Entities and the device are keyed on the config entry, not on the server's
URL: a server that moves keeps them, with their entity ids and history.
Entries written before version 1.2 keyed them on the URL and are migrated.
"""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_URL, CONF_USERNAME, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr, entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import DOMAIN, SWITCHER_UNIQUE_ID
from tests.components.server_entries import add_server, server_entry
from tests.live_fixtures import StartFakeQBittorrent


def _entities_of(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, str]:
    """Unique id -> entity id of every entity registered for an entry."""
    return {
        registered.unique_id: registered.entity_id
        for registered in er.async_entries_for_config_entry(
            er.async_get(hass), entry.entry_id
        )
    }


def _orphans(hass: HomeAssistant, entry: MockConfigEntry) -> list[str]:
    """Enabled entities of an entry that nothing provides any more."""
    orphans = []
    for registered in er.async_entries_for_config_entry(
        er.async_get(hass), entry.entry_id
    ):
        state = hass.states.get(registered.entity_id)
        if registered.disabled_by is None and (
            state is None or state.attributes.get("restored")
        ):
            orphans.append(registered.entity_id)
    return orphans


async def test_an_entry_of_version_1_1_keeps_its_entities_and_device(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Entity ids, a user's names, enabling and disabling, and the device id stay."""
    server = await fake_qbittorrent("5.3")
    server.add_torrent(name="Debian", state="uploading")
    entry = server_entry(server, version=(1, 1))
    entry.add_to_hass(hass)
    devices = dr.async_get(hass)
    device = devices.async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={(DOMAIN, server.url)},
        name="NAS",
        sw_version="v5.2.0",
    )
    entities = er.async_get(hass)

    def registered(platform: str, key: str, object_id: str) -> er.RegistryEntry:
        return entities.async_get_or_create(
            platform,
            DOMAIN,
            f"{server.url}_{key}",
            config_entry=entry,
            device_id=device.id,
            suggested_object_id=object_id,
        )

    renamed = registered("sensor", "total_torrents", "nas_torrents")
    entities.async_update_entity(
        renamed.entity_id, new_entity_id="sensor.my_torrents", name="All torrents"
    )
    user_disabled = registered("sensor", "upload_speed", "nas_upload_speed")
    entities.async_update_entity(
        user_disabled.entity_id, disabled_by=er.RegistryEntryDisabler.USER
    )
    # Disabled by default, enabled by the user.
    registered("sensor", "download_limit", "nas_download_speed_limit")
    registered("switch", "alternative_speed", "nas_alternative_speed_limits")
    registered("binary_sensor", "connectivity", "nas_connectivity")
    registered("event", "torrent", "nas_torrent")

    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (1, 2)
    keyed = _entities_of(hass, entry)
    assert keyed[f"{entry.entry_id}_total_torrents"] == "sensor.my_torrents"
    assert keyed[f"{entry.entry_id}_upload_speed"] == "sensor.nas_upload_speed"
    assert (
        keyed[f"{entry.entry_id}_download_limit"] == "sensor.nas_download_speed_limit"
    )
    assert (
        keyed[f"{entry.entry_id}_alternative_speed"]
        == "switch.nas_alternative_speed_limits"
    )
    assert keyed[f"{entry.entry_id}_connectivity"] == "binary_sensor.nas_connectivity"
    assert keyed[f"{entry.entry_id}_torrent"] == "event.nas_torrent"
    assert all(unique_id.startswith(entry.entry_id) for unique_id in keyed)
    assert not [entity_id for entity_id in keyed.values() if entity_id.endswith("_2")]
    assert hass.states.get("sensor.nas_torrents") is None
    my_torrents = hass.states.get("sensor.my_torrents")
    assert my_torrents is not None
    assert my_torrents.state == "1"
    assert my_torrents.name == "All torrents"
    upload = entities.async_get("sensor.nas_upload_speed")
    assert upload is not None
    assert upload.disabled_by is er.RegistryEntryDisabler.USER
    limit = entities.async_get("sensor.nas_download_speed_limit")
    assert limit is not None
    assert limit.disabled_by is None
    assert _orphans(hass, entry) == []
    migrated = dr.async_entries_for_config_entry(devices, entry.entry_id)
    assert [item.id for item in migrated] == [device.id]
    assert migrated[0].identifiers == {(DOMAIN, entry.entry_id)}
    # The device-version upkeep finds the device by its new identifier.
    assert migrated[0].sw_version == "v5.3.0"


async def test_the_switcher_entry_keeps_its_entities_through_the_migration(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The switcher's entities were never keyed on a URL: their ids do not change."""
    switcher = MockConfigEntry(
        domain=DOMAIN,
        data={"kind": "switcher"},
        unique_id=SWITCHER_UNIQUE_ID,
        title="Server switcher",
        minor_version=1,
    )
    switcher.add_to_hass(hass)
    select = er.async_get(hass).async_get_or_create(
        "select",
        DOMAIN,
        f"{SWITCHER_UNIQUE_ID}_active_server",
        config_entry=switcher,
        suggested_object_id="server_switcher_active_server",
    )

    await add_server(hass, await fake_qbittorrent("5.3"))

    assert switcher.state is ConfigEntryState.LOADED
    assert switcher.minor_version == 2
    assert _entities_of(hass, switcher)[f"{SWITCHER_UNIQUE_ID}_active_server"] == (
        select.entity_id
    )


async def test_an_entry_from_a_newer_major_version_is_not_loaded(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """An entry this version cannot read is left alone instead of misread."""
    entry = server_entry(await fake_qbittorrent("5.3"), version=(2, 1))
    entry.add_to_hass(hass)

    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.MIGRATION_ERROR


async def test_a_server_moved_to_a_new_address_keeps_its_entities_and_device(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Reconfigured to a new URL: same entity ids and device, no `_2`, no orphan."""
    old = await fake_qbittorrent("5.3")
    new = await fake_qbittorrent("5.3")
    for name in ("Debian", "Fedora"):
        new.add_torrent(name=name, state="uploading")
    entry = await add_server(hass, old)
    before = _entities_of(hass, entry)
    devices = dr.async_get(hass)
    (device,) = dr.async_entries_for_config_entry(devices, entry.entry_id)
    await old.stop()

    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_URL: new.url, CONF_USERNAME: new.username, CONF_VERIFY_SSL: True},
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.unique_id == new.url
    assert _entities_of(hass, entry) == before
    assert not [entity_id for entity_id in before.values() if entity_id.endswith("_2")]
    assert _orphans(hass, entry) == []
    total = hass.states.get("sensor.nas_torrents")
    assert total is not None
    assert total.state == "2"
    moved = dr.async_entries_for_config_entry(devices, entry.entry_id)
    assert [item.id for item in moved] == [device.id]
    assert moved[0].configuration_url == new.url
