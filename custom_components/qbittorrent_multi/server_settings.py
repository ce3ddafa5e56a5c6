"""The settings of a qBittorrent server that entities show and change.

The global and alternative rate limits and the queue sizes come from two
replies. ``sync/maindata`` reports, on every poll, the two rate limits in
force: the global ones, or the alternative ones while alternative mode is on.
``app/preferences`` reports all of them, and is read only now and then.
`ServerSettings` keeps the latest value of each setting from whichever reply
told it last, so a limit the poll reports is never older than the poll.

What qBittorrent 4.2 to 5.3 do with these values (checked against each by
the contract suite): rates are bytes/s kept in whole KiB/s, 0 means none, and
a value beyond a C++ int wraps to none; a queue size of -1 means none, and
so does anything below it or beyond an int.

Pure logic: no Home Assistant, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

from .model import ServerState, as_int

KIB: Final = 1024
_INT_MAX: Final = 2**31 - 1
# The largest rate qBittorrent keeps, in KiB/s: the largest int, in whole KiB.
MAX_RATE_KIB: Final = _INT_MAX // KIB
# Queue sizes: -1 is none, and an int is the most qBittorrent keeps.
NO_QUEUE_LIMIT: Final = -1
MAX_QUEUE_SIZE: Final = _INT_MAX


class Setting(StrEnum):
    """A setting the number entities show and change."""

    DOWNLOAD_LIMIT = "download_limit"
    UPLOAD_LIMIT = "upload_limit"
    ALT_DOWNLOAD_LIMIT = "alt_download_limit"
    ALT_UPLOAD_LIMIT = "alt_upload_limit"
    MAX_ACTIVE_DOWNLOADS = "max_active_downloads"
    MAX_ACTIVE_UPLOADS = "max_active_uploads"
    MAX_ACTIVE_TORRENTS = "max_active_torrents"


# Setting -> its key in app/preferences and app/setPreferences.
PREFERENCE_KEYS: Final[Mapping[Setting, str]] = MappingProxyType(
    {
        Setting.DOWNLOAD_LIMIT: "dl_limit",
        Setting.UPLOAD_LIMIT: "up_limit",
        Setting.ALT_DOWNLOAD_LIMIT: "alt_dl_limit",
        Setting.ALT_UPLOAD_LIMIT: "alt_up_limit",
        Setting.MAX_ACTIVE_DOWNLOADS: "max_active_downloads",
        Setting.MAX_ACTIVE_UPLOADS: "max_active_uploads",
        Setting.MAX_ACTIVE_TORRENTS: "max_active_torrents",
    }
)

# The limits sync/maindata reports as dl_rate_limit and up_rate_limit, by mode.
_NORMAL_LIMITS: Final = (Setting.DOWNLOAD_LIMIT, Setting.UPLOAD_LIMIT)
_ALTERNATIVE_LIMITS: Final = (Setting.ALT_DOWNLOAD_LIMIT, Setting.ALT_UPLOAD_LIMIT)
# The settings a poll may report (in one mode or the other).
RATE_LIMITS: Final = frozenset((*_NORMAL_LIMITS, *_ALTERNATIVE_LIMITS))


def limits_in_force(state: ServerState) -> dict[Setting, int]:
    """The settings a server state reports: the rate limits of the mode in force."""
    if state.alternative_speed is None:
        return {}
    download, upload = (
        _ALTERNATIVE_LIMITS if state.alternative_speed else _NORMAL_LIMITS
    )
    reported = {download: state.download_limit, upload: state.upload_limit}
    return {setting: value for setting, value in reported.items() if value is not None}


class ServerSettings:
    """The latest known value of every setting of one server."""

    def __init__(self) -> None:
        """Know nothing yet."""
        self._values: dict[Setting, int] = {}
        # When app/preferences was last read (or tried); None: never.
        self.preferences_read_at: datetime | None = None

    def get(self, setting: Setting) -> int | None:
        """The setting's value (bytes/s for a rate), or None while unknown."""
        return self._values.get(setting)

    def follow_poll(self, state: ServerState) -> frozenset[Setting]:
        """Take the limits a poll reports; return the settings that changed."""
        return self._take(limits_in_force(state))

    def take_preferences(
        self, reply: Mapping[str, Any], when: datetime
    ) -> frozenset[Setting]:
        """Take what app/preferences reports; return the settings that changed."""
        self.preferences_read_at = when
        values: dict[Setting, int] = {}
        for setting, key in PREFERENCE_KEYS.items():
            if (value := as_int(reply.get(key))) is not None:
                values[setting] = value
        return self._take(values)

    def _take(self, values: Mapping[Setting, int]) -> frozenset[Setting]:
        changed = frozenset(
            setting
            for setting, value in values.items()
            if self._values.get(setting) != value
        )
        self._values.update(values)
        return changed
