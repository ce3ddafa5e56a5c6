"""Actions: switch the active server, add, steer, copy and list torrents, categories, tags.

Registered once for the integration, not per entry. Each action takes an
optional server (device id, entry id or name; the switcher's device or entry
means the active server) and acts on the active server when none is given.
Input is checked completely before anything is sent to a server. The actions
with more to them live in modules of their own, registered from here.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Final

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.helpers import config_validation as cv
import probatio as vol

from .action_fields import (
    ATTR_DOWNLOAD_LIMIT,
    ATTR_SERVER,
    ATTR_UPLOAD_LIMIT,
    RATE_LIMIT_FIELDS,
    SERVER_FIELD,
    bytes_per_second,
    called_server,
)
from .action_spec import ActionSpec, async_register_actions
from .category_tag_actions import CATEGORY_TAG_ACTIONS
from .coordinator import QBittorrentCoordinator
from .errors import failed, invalid, server_change
from .server_description import unavailable_reason
from .server_transfer import async_setup_server_transfer
from .single_torrent_actions import SINGLE_TORRENT_ACTIONS
from .switcher import SwitchReason, get_switcher
from .torrent_actions import TORRENT_ACTIONS, TorrentAction
from .torrent_adding import ADD_TORRENT_SCHEMA, async_add_torrent
from .torrent_controls import TORRENT_CONTROLS
from .torrent_copy import COPY_ACTIONS
from .torrent_listing import SORT_KEYS, STATE_FILTERS, TorrentQuery
from .torrent_selection import ATTR_CATEGORY, ATTR_TAG, selection_from

ATTR_ALL_SERVERS: Final = "all_servers"
ATTR_STATE: Final = "state"
ATTR_NAME: Final = "name"
ATTR_SORT_BY: Final = "sort_by"
ATTR_REVERSE: Final = "reverse"
ATTR_LIMIT: Final = "limit"

SWITCH_SERVER_SCHEMA: Final = vol.Schema({vol.Required(ATTR_SERVER): cv.string})
SET_SPEED_LIMITS_SCHEMA: Final = vol.Schema({**SERVER_FIELD, **RATE_LIMIT_FIELDS})
GET_TORRENTS_SCHEMA: Final = vol.Schema(
    {
        **SERVER_FIELD,
        vol.Optional(ATTR_ALL_SERVERS, default=False): cv.boolean,
        vol.Optional(ATTR_STATE): vol.In(STATE_FILTERS),
        vol.Optional(ATTR_CATEGORY): cv.string,
        vol.Optional(ATTR_TAG): cv.string,
        vol.Optional(ATTR_NAME): cv.string,
        vol.Optional(ATTR_SORT_BY, default="name"): vol.In(SORT_KEYS),
        vol.Optional(ATTR_REVERSE, default=False): cv.boolean,
        vol.Optional(ATTR_LIMIT, default=100): vol.All(
            vol.Coerce(int), vol.Range(min=1, max=10_000)
        ),
    }
)


def _torrent_handler(
    action: TorrentAction,
) -> Callable[[ServiceCall], Coroutine[Any, Any, None]]:
    async def handle(call: ServiceCall) -> None:
        data = call.data
        selection = selection_from(data, category_key=action.category_key)
        action.check(data)
        coordinator = called_server(call)
        async with server_change(coordinator) as client:
            hashes = await selection.async_targets(coordinator)
            await action.run(client, hashes, data)

    return handle


@callback
def _switch_server(call: ServiceCall) -> None:
    switcher = get_switcher(call.hass)
    entry_id = switcher.entry_id_of(call.data[ATTR_SERVER])
    switcher.async_set_active(entry_id, SwitchReason.ACTION)


async def _set_speed_limits(call: ServiceCall) -> None:
    download = bytes_per_second(call.data, ATTR_DOWNLOAD_LIMIT)
    upload = bytes_per_second(call.data, ATTR_UPLOAD_LIMIT)
    if download is None and upload is None:
        raise invalid("no_limits_given")
    coordinator = called_server(call)
    async with server_change(coordinator) as client:
        await client.set_speed_limits(download=download, upload=upload)


def _listing(
    coordinator: QBittorrentCoordinator, query: TorrentQuery
) -> dict[str, Any]:
    total, torrents = query.run(coordinator.maindata.torrents.values())
    return {
        "server": coordinator.server_name,
        "entry_id": coordinator.config_entry.entry_id,
        "total": total,
        "torrents": torrents,
    }


def _fleet_listing(hass: HomeAssistant, query: TorrentQuery) -> dict[str, Any]:
    """Every server's torrents; a server that is down says so in its own result."""
    switcher = get_switcher(hass)
    results = []
    for entry in switcher.server_entries():
        coordinator = switcher.coordinators.get(entry.entry_id)
        # Told as the card tells it: translated, naming the server by its
        # name rather than its address; no reason while it answers.
        reason = unavailable_reason(entry, coordinator)
        if reason is None and coordinator is not None:
            results.append({**_listing(coordinator, query), "available": True})
            continue
        results.append(
            {
                "server": entry.title,
                "entry_id": entry.entry_id,
                "available": False,
                "error": reason,
                "total": 0,
                "torrents": [],
            }
        )
    return {"servers": results}


@callback
def _get_torrents(call: ServiceCall) -> ServiceResponse:
    data = call.data
    query = TorrentQuery(
        state=data.get(ATTR_STATE),
        category=data.get(ATTR_CATEGORY) or None,
        tag=data.get(ATTR_TAG) or None,
        name=data.get(ATTR_NAME) or None,
        sort_by=data[ATTR_SORT_BY],
        reverse=data[ATTR_REVERSE],
        limit=data[ATTR_LIMIT],
    )
    if data[ATTR_ALL_SERVERS]:
        if data.get(ATTR_SERVER):
            raise invalid("server_with_all_servers")
        return _fleet_listing(call.hass, query)
    coordinator = called_server(call)
    if not coordinator.health.is_up:
        # The merged state is from before the server went away: not an answer.
        raise failed("server_unavailable", server=coordinator.server_name)
    return _listing(coordinator, query)


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the integration's actions."""
    async_register_actions(
        hass,
        (
            ActionSpec("switch_server", _switch_server, SWITCH_SERVER_SCHEMA),
            ActionSpec(
                "add_torrent",
                async_add_torrent,
                ADD_TORRENT_SCHEMA,
                SupportsResponse.OPTIONAL,
            ),
            *(
                ActionSpec(name, _torrent_handler(action), action.schema())
                for name, action in {**TORRENT_ACTIONS, **TORRENT_CONTROLS}.items()
            ),
            ActionSpec("set_speed_limits", _set_speed_limits, SET_SPEED_LIMITS_SCHEMA),
            ActionSpec(
                "get_torrents",
                _get_torrents,
                GET_TORRENTS_SCHEMA,
                SupportsResponse.ONLY,
            ),
            *SINGLE_TORRENT_ACTIONS,
            *CATEGORY_TAG_ACTIONS,
            *COPY_ACTIONS,
        ),
    )
    async_setup_server_transfer(hass)
