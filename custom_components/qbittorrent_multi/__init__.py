"""The qBittorrent Multi-Server integration."""

from __future__ import annotations

import aiohttp
from homeassistant.config_entries import SOURCE_SYSTEM, ConfigEntry
from homeassistant.const import (
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryNotReady
from homeassistant.helpers import config_validation as cv, issue_registry as ir
from homeassistant.helpers.aiohttp_client import async_create_clientsession
from homeassistant.helpers.typing import ConfigType

from .card_registration import async_setup_card, get_card_registration
from .client import QBittorrentClient
from .const import (
    CONF_API_KEY,
    CONF_REQUEST_TIMEOUT,
    DEFAULT_REQUEST_TIMEOUT,
    DOMAIN,
    LOGGER,
)
from .coordinator import (
    QBittorrentConfigEntry,
    QBittorrentCoordinator,
    QBittorrentRuntimeData,
)
from .entry_kind import by_kind, is_switcher_entry, server_entry, switcher_entry
from .entry_migration import async_migrate
from .repairs import repair_issue_ids
from .services import async_setup_services
from .switcher import (
    SWITCHER_KEY,
    ServerSwitcher,
    SwitcherConfigEntry,
    SwitcherSettings,
    get_switcher,
)
from .torrent_events import async_setup_torrent_events
from .websocket_api import async_setup_websocket_api

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)

SERVER_PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.EVENT,
    Platform.NUMBER,
    Platform.SENSOR,
    Platform.SWITCH,
]
SWITCHER_PLATFORMS: list[Platform] = [Platform.BUTTON, Platform.SELECT, Platform.SENSOR]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Create the fleet's switcher, the actions, the card's live data and the card."""
    switcher = ServerSwitcher(hass)
    await switcher.async_load()
    hass.data[SWITCHER_KEY] = switcher
    async_setup_services(hass)
    async_setup_websocket_api(hass)
    await async_setup_card(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up a server entry, or the switcher entry."""
    # The card left the dashboards with the last entry; an entry brings it back.
    get_card_registration(hass).async_offer()
    setup = by_kind(entry, server=_async_setup_server, switcher=_async_setup_switcher)
    return await setup(hass, entry)


async def _async_setup_server(hass: HomeAssistant, config_entry: ConfigEntry) -> bool:
    """Connect to one qBittorrent server and start polling it."""
    entry: QBittorrentConfigEntry = server_entry(config_entry)
    data = entry.data
    switcher = get_switcher(hass)
    # Each server gets its own session and cookie jar: qBittorrent's session
    # cookie must never travel to another server. unsafe=True keeps cookies for
    # servers addressed by IP, which most home setups are.
    session = async_create_clientsession(
        hass,
        verify_ssl=data.get(CONF_VERIFY_SSL, True),
        cookie_jar=aiohttp.CookieJar(unsafe=True),
    )
    client = QBittorrentClient(
        session,
        data[CONF_URL],
        username=data.get(CONF_USERNAME),
        password=data.get(CONF_PASSWORD),
        api_key=data.get(CONF_API_KEY),
        verify_ssl=data.get(CONF_VERIFY_SSL, True),
        timeout=float(entry.options.get(CONF_REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT)),
    )
    coordinator = QBittorrentCoordinator(hass, entry, client, switcher.polling)
    try:
        await coordinator.async_config_entry_first_refresh()
    except ConfigEntryNotReady:
        # While banned, retrying the setup would mean logging in during the
        # ban; the entry loads instead, unavailable, and the coordinator waits
        # the ban out on its own schedule.
        if not coordinator.health.is_banned:
            raise
        # The first refresh logs nothing; a ban is worth one line.
        LOGGER.warning("%s", coordinator.last_exception)
    entry.runtime_data = QBittorrentRuntimeData(client=client, coordinator=coordinator)
    entry.async_on_unload(async_setup_torrent_events(hass, coordinator))
    await hass.config_entries.async_forward_entry_setups(entry, SERVER_PLATFORMS)
    switcher.async_register(coordinator)
    entry.async_on_unload(lambda: switcher.async_unregister(entry.entry_id))
    _ensure_switcher_entry(hass)
    return True


def _ensure_switcher_entry(hass: HomeAssistant) -> None:
    """Create the switcher entry if there is none (first server, or it was deleted)."""
    if any(
        is_switcher_entry(entry) for entry in hass.config_entries.async_entries(DOMAIN)
    ):
        return
    hass.async_create_task(
        hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_SYSTEM}),
        eager_start=True,
    )


async def _async_setup_switcher(hass: HomeAssistant, config_entry: ConfigEntry) -> bool:
    """Set up the select and the active/fleet sensors."""
    entry: SwitcherConfigEntry = switcher_entry(config_entry)
    entry.runtime_data = get_switcher(hass)
    await _async_apply_switcher_options(hass, entry)
    await hass.config_entries.async_forward_entry_setups(entry, SWITCHER_PLATFORMS)
    entry.async_on_unload(entry.add_update_listener(_async_apply_switcher_options))
    return True


async def _async_apply_switcher_options(
    hass: HomeAssistant, entry: SwitcherConfigEntry
) -> None:
    """Apply the switcher's options; when they change, at once, with no reload."""
    entry.runtime_data.async_apply_settings(
        SwitcherSettings.from_options(dict(entry.options))
    )


async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Unload a server entry or the switcher entry."""
    platforms = by_kind(entry, server=SERVER_PLATFORMS, switcher=SWITCHER_PLATFORMS)
    unloaded = await hass.config_entries.async_unload_platforms(entry, platforms)
    if unloaded and not is_switcher_entry(entry):
        await server_entry(entry).runtime_data.client.close()
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Take a deleted server's repair issues with it, and the card with the last entry."""
    for issue_id in repair_issue_ids(entry.entry_id):
        ir.async_delete_issue(hass, DOMAIN, issue_id)
    if not hass.config_entries.async_entries(DOMAIN, include_ignore=False):
        await get_card_registration(hass).async_withdraw()


async def async_migrate_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Bring an entry written by an older version up to date."""
    return await async_migrate(hass, entry)
