"""Fields the actions share: the target server, lists of texts, rates in KiB/s."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.core import ServiceCall
from homeassistant.helpers import config_validation as cv
import probatio as vol

from .coordinator import QBittorrentCoordinator
from .switcher import get_switcher

ATTR_SERVER: Final = "server"
ATTR_DOWNLOAD_LIMIT: Final = "download_limit"
ATTR_UPLOAD_LIMIT: Final = "upload_limit"
ATTR_SAVE_PATH: Final = "save_path"
ATTR_TAGS: Final = "tags"

# qBittorrent keeps rate limits in a signed 32-bit count of bytes per second.
MAX_RATE_KIB: Final = (2**31 - 1) // 1024

# One text or a list of them: links, file paths, tags, hashes (each checked
# further by the action that takes it).
TEXT_LIST: Final = vol.All(cv.ensure_list, [cv.string])
SERVER_FIELD: Final = {vol.Optional(ATTR_SERVER): cv.string}
_RATE: Final = vol.All(vol.Coerce(int), vol.Range(min=0, max=MAX_RATE_KIB))
RATE_LIMIT_FIELDS: Final = {
    vol.Optional(ATTR_DOWNLOAD_LIMIT): _RATE,
    vol.Optional(ATTR_UPLOAD_LIMIT): _RATE,
}


def called_server(call: ServiceCall) -> QBittorrentCoordinator:
    """The loaded server a call's server field names, else the active one."""
    return get_switcher(call.hass).resolve(call.data.get(ATTR_SERVER))


def bytes_per_second(data: Mapping[str, Any], key: str) -> int | None:
    """A rate given in KiB/s (0: unlimited), in the bytes per second qBittorrent takes."""
    value = data.get(key)
    return None if value is None else value * 1024
