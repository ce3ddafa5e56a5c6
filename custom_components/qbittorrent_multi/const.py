"""Constants shared by the qBittorrent Multi-Server integration."""

from __future__ import annotations

import logging
from typing import Final

DOMAIN: Final = "qbittorrent_multi"
LOGGER = logging.getLogger(__package__)

# Entry data. The URL, credentials and SSL keys reuse Home Assistant's names
# (url, username, password, verify_ssl); only the API key and the entry kind are ours.
CONF_API_KEY: Final = "api_key"
CONF_ENTRY_KIND: Final = "kind"
KIND_SERVER: Final = "server"
KIND_SWITCHER: Final = "switcher"
SWITCHER_UNIQUE_ID: Final = "switcher"

# Options of a server entry, with their defaults.
CONF_SCAN_INTERVAL: Final = "scan_interval"
CONF_REQUEST_TIMEOUT: Final = "request_timeout"
CONF_FAILURE_THRESHOLD: Final = "failure_threshold"
CONF_SLOW_RESPONSE_MS: Final = "slow_response_ms"
DEFAULT_SCAN_INTERVAL: Final = 10
DEFAULT_REQUEST_TIMEOUT: Final = 10
DEFAULT_FAILURE_THRESHOLD: Final = 3
DEFAULT_SLOW_RESPONSE_MS: Final = 2000

# qBittorrent bans an address for an hour by default after five failed logins.
DEFAULT_BAN_SECONDS: Final = 3600

# A server that has not answered for this long gets a repair issue: by then
# it is not a restart or a short network hiccup. An option, in minutes.
CONF_UNREACHABLE_MINUTES: Final = "unreachable_issue_minutes"
DEFAULT_UNREACHABLE_MINUTES: Final = 60
UNREACHABLE_ISSUE_AFTER: Final = DEFAULT_UNREACHABLE_MINUTES * 60

# Options of the switcher entry.
CONF_DEFAULT_SERVER: Final = "default_server"
CONF_FAILOVER: Final = "failover"
CONF_FAILOVER_THRESHOLD: Final = "failover_threshold"
CONF_SWITCH_BACK: Final = "switch_back"
DEFAULT_FAILOVER_THRESHOLD: Final = 3
# How many servers may be polled at the same instant across the whole fleet.
DEFAULT_MAX_CONCURRENT_POLLS: Final = 4

EVENT_ACTIVE_SERVER_CHANGED: Final = f"{DOMAIN}_active_server_changed"
EVENT_TORRENT: Final = f"{DOMAIN}_torrent"
