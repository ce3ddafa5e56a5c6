"""Which torrents a torrent action is for: hashes, category and tag, or all."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import re
from typing import TYPE_CHECKING, Any, Final, Literal

from homeassistant.helpers import config_validation as cv
import probatio as vol

from .action_fields import TEXT_LIST
from .errors import invalid
from .metainfo import TORRENT_ID_LENGTH
from .sync import MainData

if TYPE_CHECKING:
    from .coordinator import QBittorrentCoordinator

ATTR_HASHES: Final = "hashes"
ATTR_CATEGORY: Final = "category"
ATTR_TAG: Final = "tag"
ATTR_ALL: Final = "all"

# 40 hex digits: a v1 info-hash (SHA-1); 64: a v2 info-hash (SHA-256).
_HASH: Final = re.compile(r"[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")
# A user's mistyped value is shown back, but never at any length.
_SHOWN_LENGTH: Final = 80


@dataclass(frozen=True, slots=True)
class TorrentSelection:
    """The torrents an action was asked to act on, as the user chose them."""

    hashes: tuple[str, ...] = ()
    category: str | None = None
    tag: str | None = None
    all: bool = False

    async def async_targets(
        self, coordinator: QBittorrentCoordinator
    ) -> list[str] | Literal["all"]:
        """The torrent ids to send, or "all"; a category or tag must match some.

        A category or tag is matched in a poll made now: torrents may have
        joined or left it since the last one, and an action such as a delete
        must not reach a torrent that has left.
        """
        if self.all:
            return "all"
        return await self.async_torrent_ids(coordinator)

    async def async_torrent_ids(self, coordinator: QBittorrentCoordinator) -> list[str]:
        """The torrent ids themselves, "all" too, read from a poll made now."""
        if self.hashes:
            return list(self.hashes)
        await coordinator.async_sync_now()
        if self.all:
            return list(coordinator.maindata.torrents)
        return self._matching(coordinator.maindata, coordinator.server_name)

    def _matching(self, maindata: MainData, server: str) -> list[str]:
        matching = [
            torrent_hash
            for torrent_hash, torrent in maindata.torrents.items()
            if torrent.matches(category=self.category, tag=self.tag)
        ]
        if not matching:
            raise invalid(
                "no_matching_torrents",
                server=server,
                category=self.category or "-",
                tag=self.tag or "-",
            )
        return matching


def selection_fields(category_key: str = ATTR_CATEGORY) -> dict[Any, Any]:
    """The fields that choose torrents; `category_key` as in `selection_from`."""
    return {
        vol.Optional(ATTR_HASHES): TEXT_LIST,
        vol.Optional(category_key): cv.string,
        vol.Optional(ATTR_TAG): cv.string,
        vol.Optional(ATTR_ALL, default=False): cv.boolean,
    }


def torrent_id(value: str) -> str:
    """The id qBittorrent knows a torrent by, from a v1 or v2 hash; else an error."""
    # A full v2 hash reaches a v2-only torrent by its first 40 digits.
    text = value.strip()
    if _HASH.fullmatch(text) is None:
        raise invalid("invalid_torrent_hash", hash=text[:_SHOWN_LENGTH])
    return text[:TORRENT_ID_LENGTH].lower()


def selection_from(
    data: Mapping[str, Any], *, category_key: str = ATTR_CATEGORY
) -> TorrentSelection:
    """Read and check an action's selection; "all" is only ever explicit.

    `category_key` names the field that selects by category, for the action
    whose `category` field is the category to set.
    """
    hashes = tuple(
        dict.fromkeys(torrent_id(value) for value in data.get(ATTR_HASHES, ()))
    )
    # An emptied text field must not widen the selection to every torrent
    # without a category or tag, so empty means "not given".
    category = data.get(category_key) or None
    tag = data.get(ATTR_TAG) or None
    select_all = bool(data.get(ATTR_ALL, False))
    chosen = [bool(hashes), category is not None or tag is not None, select_all]
    if not any(chosen):
        raise invalid("no_torrent_selection")
    if sum(chosen) > 1:
        raise invalid("conflicting_torrent_selection")
    return TorrentSelection(hashes=hashes, category=category, tag=tag, all=select_all)
