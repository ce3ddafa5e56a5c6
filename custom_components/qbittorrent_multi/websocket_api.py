"""The card's live data over Home Assistant's WebSocket API (docs/websocket-api.md).

Two subscriptions, registered once for the integration: the torrents of one
server, of the active one or of all, and the fleet. Any authenticated user
may subscribe: they carry what entity states already show. Home Assistant
itself refuses a socket that has not authenticated, and ends a subscription
when it is unsubscribed or its socket closes.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Final

from homeassistant.components import websocket_api
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util.hass_dict import HassKey
import probatio as vol

from .const import DOMAIN
from .entry_kind import is_switcher_entry
from .errors import invalid
from .fleet_subscription import FleetFeed
from .switcher import get_switcher
from .torrent_subscription import VIEW_ACTIVE, VIEW_ALL, TorrentSubscription

TORRENTS_SUBSCRIBE: Final = f"{DOMAIN}/torrents/subscribe"
SERVERS_SUBSCRIBE: Final = f"{DOMAIN}/servers/subscribe"
FLEET_FEED_KEY: HassKey[FleetFeed] = HassKey(f"{DOMAIN}_fleet_feed")


@callback
def _send_event(
    connection: websocket_api.ActiveConnection,
    msg_id: int,
    event: dict[str, Any] | bytes,
) -> None:
    if isinstance(event, bytes):
        # Serialised already, a group of torrents at a time.
        connection.send_message(
            b'{"id":%d,"type":"event","event":%b}' % (msg_id, event)
        )
    else:
        connection.send_message(websocket_api.event_message(msg_id, event))


@callback
def _refuse(
    connection: websocket_api.ActiveConnection,
    msg_id: int,
    code: str,
    err: HomeAssistantError,
) -> None:
    """Answer with an error code and the translated reason."""
    connection.send_error(
        msg_id,
        code,
        str(err),
        translation_key=err.translation_key,
        translation_domain=err.translation_domain,
        translation_placeholders=err.translation_placeholders,
    )


@websocket_api.websocket_command(
    {
        vol.Required("type"): TORRENTS_SUBSCRIBE,
        vol.Optional("server", default=VIEW_ACTIVE): str,
    }
)
@callback
def _subscribe_torrents(
    hass: HomeAssistant,
    connection: websocket_api.ActiveConnection,
    msg: dict[str, Any],
) -> None:
    """Send the torrents of the servers asked for, then what each poll changed."""
    server: str = msg["server"]
    if server not in (VIEW_ACTIVE, VIEW_ALL):
        entry = hass.config_entries.async_get_entry(server)
        if entry is None or entry.domain != DOMAIN:
            _refuse(
                connection,
                msg["id"],
                websocket_api.ERR_NOT_FOUND,
                invalid("unknown_subscription_server", server=server),
            )
            return
        if is_switcher_entry(entry):
            _refuse(
                connection,
                msg["id"],
                websocket_api.ERR_INVALID_FORMAT,
                invalid("switcher_subscription"),
            )
            return
    subscription = TorrentSubscription(
        hass, get_switcher(hass), server, partial(_send_event, connection, msg["id"])
    )
    connection.send_result(msg["id"])
    connection.subscriptions[msg["id"]] = subscription.async_start()


@websocket_api.websocket_command({vol.Required("type"): SERVERS_SUBSCRIBE})
@callback
def _subscribe_servers(
    hass: HomeAssistant,
    connection: websocket_api.ActiveConnection,
    msg: dict[str, Any],
) -> None:
    """Send the fleet, then again whenever it changed."""
    connection.send_result(msg["id"])
    connection.subscriptions[msg["id"]] = hass.data[FLEET_FEED_KEY].async_subscribe(
        partial(_send_event, connection, msg["id"])
    )


@callback
def async_setup_websocket_api(hass: HomeAssistant) -> None:
    """Register the subscriptions."""
    hass.data[FLEET_FEED_KEY] = FleetFeed(get_switcher(hass))
    websocket_api.async_register_command(hass, _subscribe_torrents)
    websocket_api.async_register_command(hass, _subscribe_servers)
