"""Actions on chosen torrents: start, stop, recheck, delete, category, tags, limits.

Each is a request to the server plus the fields it takes beyond the common
ones (server and the torrent selection) and any check of them, made before
anything is sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from homeassistant.helpers import config_validation as cv
import probatio as vol

from .action_fields import (
    ATTR_DOWNLOAD_LIMIT,
    ATTR_TAGS,
    ATTR_UPLOAD_LIMIT,
    RATE_LIMIT_FIELDS,
    SERVER_FIELD,
    TEXT_LIST,
    bytes_per_second,
)
from .client import Hashes, QBittorrentClient
from .errors import invalid
from .torrent_selection import ATTR_CATEGORY, selection_fields
from .torrent_sources import checked_category, checked_tags

ATTR_FROM_CATEGORY: Final = "from_category"
ATTR_DELETE_FILES: Final = "delete_files"
ATTR_RATIO_LIMIT: Final = "ratio_limit"
ATTR_SEEDING_TIME_LIMIT: Final = "seeding_time_limit"

# Share limits: -2 follows the server's global limit, -1 means none. The upper
# bounds are qBittorrent's own (MAX_RATIO, MAX_SEEDING_TIME in minutes).
USE_GLOBAL_LIMIT: Final = -2
NO_LIMIT: Final = -1
MAX_RATIO: Final = 9998.0
MAX_SEEDING_MINUTES: Final = 525_600


def _share_limit(maximum: float, kind: type[float | int]) -> Callable[[Any], Any]:
    def validate(value: Any) -> float | int:
        number = vol.Coerce(kind)(value)
        if number in (USE_GLOBAL_LIMIT, NO_LIMIT) or 0 <= number <= maximum:
            return number
        raise vol.Invalid(f"use -2 (global limit), -1 (no limit) or 0 to {maximum:g}")

    return validate


type _Run = Callable[[QBittorrentClient, Hashes, Mapping[str, Any]], Awaitable[None]]


def _no_check(data: Mapping[str, Any]) -> None:
    """Nothing beyond the selection to check."""


@dataclass(frozen=True, kw_only=True, slots=True)
class TorrentAction:
    """An action on chosen torrents: its extra fields, checks and request."""

    run: _Run
    fields: Mapping[Any, Any] = field(default_factory=dict)
    check: Callable[[Mapping[str, Any]], None] = _no_check
    # The field that selects by category; set_torrent_category's own
    # "category" is the category to set.
    category_key: str = ATTR_CATEGORY

    def schema(self) -> vol.Schema:
        """The action's fields: server, the torrent selection and its own."""
        return vol.Schema(
            {
                **SERVER_FIELD,
                **selection_fields(self.category_key),
                **self.fields,
            }
        )


def _check_category(data: Mapping[str, Any]) -> None:
    # Setting a category the server does not have creates it.
    checked_category(data[ATTR_CATEGORY])


def _check_tags(data: Mapping[str, Any]) -> None:
    if not checked_tags(data[ATTR_TAGS]):
        raise invalid("no_tags_given")


def _check_torrent_limits(data: Mapping[str, Any]) -> None:
    keys = (ATTR_DOWNLOAD_LIMIT, ATTR_UPLOAD_LIMIT, ATTR_RATIO_LIMIT)
    if all(data.get(key) is None for key in (*keys, ATTR_SEEDING_TIME_LIMIT)):
        raise invalid("no_limits_given")


async def _set_torrent_limits(
    client: QBittorrentClient, hashes: Hashes, data: Mapping[str, Any]
) -> None:
    download = bytes_per_second(data, ATTR_DOWNLOAD_LIMIT)
    upload = bytes_per_second(data, ATTR_UPLOAD_LIMIT)
    if download is not None or upload is not None:
        await client.set_torrent_limits(hashes, download=download, upload=upload)
    ratio = data.get(ATTR_RATIO_LIMIT)
    minutes = data.get(ATTR_SEEDING_TIME_LIMIT)
    if ratio is not None or minutes is not None:
        # qBittorrent sets all share limits at once; one not given follows the
        # server's global limit.
        await client.set_share_limits(
            hashes,
            ratio_limit=USE_GLOBAL_LIMIT if ratio is None else ratio,
            seeding_time_limit=USE_GLOBAL_LIMIT if minutes is None else minutes,
            inactive_seeding_time_limit=USE_GLOBAL_LIMIT,
        )


_TAGS_FIELD = {vol.Required(ATTR_TAGS): TEXT_LIST}

TORRENT_ACTIONS: Final[Mapping[str, TorrentAction]] = {
    "start_torrents": TorrentAction(run=lambda client, hashes, _: client.start(hashes)),
    "stop_torrents": TorrentAction(run=lambda client, hashes, _: client.stop(hashes)),
    "recheck_torrents": TorrentAction(
        run=lambda client, hashes, _: client.recheck(hashes)
    ),
    "reannounce_torrents": TorrentAction(
        run=lambda client, hashes, _: client.reannounce(hashes)
    ),
    "delete_torrents": TorrentAction(
        fields={vol.Optional(ATTR_DELETE_FILES, default=False): cv.boolean},
        run=lambda client, hashes, data: client.delete(
            hashes, delete_files=data[ATTR_DELETE_FILES]
        ),
    ),
    "set_torrent_category": TorrentAction(
        fields={
            vol.Required(ATTR_CATEGORY): cv.string,
            vol.Optional(ATTR_FROM_CATEGORY): cv.string,
        },
        category_key=ATTR_FROM_CATEGORY,
        check=_check_category,
        run=lambda client, hashes, data: client.set_category(
            hashes, data[ATTR_CATEGORY]
        ),
    ),
    "add_torrent_tags": TorrentAction(
        fields=_TAGS_FIELD,
        check=_check_tags,
        run=lambda client, hashes, data: client.add_tags(
            hashes, checked_tags(data[ATTR_TAGS])
        ),
    ),
    "remove_torrent_tags": TorrentAction(
        fields=_TAGS_FIELD,
        check=_check_tags,
        run=lambda client, hashes, data: client.remove_tags(
            hashes, checked_tags(data[ATTR_TAGS])
        ),
    ),
    "set_torrent_limits": TorrentAction(
        fields={
            **RATE_LIMIT_FIELDS,
            vol.Optional(ATTR_RATIO_LIMIT): _share_limit(MAX_RATIO, float),
            vol.Optional(ATTR_SEEDING_TIME_LIMIT): _share_limit(
                MAX_SEEDING_MINUTES, int
            ),
        },
        check=_check_torrent_limits,
        run=_set_torrent_limits,
    ),
}
