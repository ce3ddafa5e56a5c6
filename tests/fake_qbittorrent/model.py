"""The fake server's state: torrents, categories, tags, transfer state, and what actions do."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
import random
import time
from typing import Any

from tests.torrent_files import MetaInfo

from .flavours import Flavour
from .maindata import TorrentStore
from .records import (
    COMPLETE_STATES,
    category_record,
    churned_fields,
    fields_of,
    global_ratio,
    new_torrent,
    populate_tags_and_categories,
    random_torrent,
    running_state,
    server_state_template,
    split_tags,
    stopped_state,
    tags_field,
    torrent_template,
    transfer_info_fields,
)
from .torrent_content import TorrentContent
from .torrent_list import torrents_info

# qBittorrent keeps global limits in whole KiB/s.
_KIB = 1024
# Preferences are C++ ints: a larger number wraps, which qBittorrent reads as
# "no limit" (0 for a rate, -1 for a queue size).
_INT_MAX = 2**31 - 1
# app/preferences key -> the limit it holds.
_LIMIT_PREFERENCES = {
    "dl_limit": "dl",
    "up_limit": "up",
    "alt_dl_limit": "alt_dl",
    "alt_up_limit": "alt_up",
}
_QUEUE_PREFERENCES = (
    "max_active_downloads",
    "max_active_uploads",
    "max_active_torrents",
)


class ConflictError(Exception):
    """An action qBittorrent answers with 409 (the message is the reply body)."""


def _whole(value: Any) -> int | None:
    """A preference value as qBittorrent's QVariant::toInt() reads it; None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def _valid_category_name(name: str) -> bool:
    """qBittorrent's rule: no leading/trailing "/", no empty path component."""
    return (
        bool(name)
        and not name.startswith("/")
        and not name.endswith("/")
        and "//" not in name
    )


@dataclass(slots=True, kw_only=True)
class AddOptions:
    """Parameters of torrents/add that shape the added torrents."""

    save_path: str | None = None
    category: str = ""
    tags: list[str] = field(default_factory=list)
    stopped: bool = False
    skip_checking: bool = False
    sequential: bool = False
    first_last_piece: bool = False
    dl_limit: int = 0
    up_limit: int = 0
    rename: str | None = None


class ServerModel:
    """Everything a qBittorrent server knows, independent of HTTP."""

    def __init__(
        self,
        flavour: Flavour,
        *,
        downloads_dir: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """An empty server of the given flavour saving into `downloads_dir`."""
        self.flavour = flavour
        self.downloads_dir = downloads_dir
        self._clock = clock
        self.store = TorrentStore()
        self.categories: dict[str, dict[str, Any]] = {}
        self.tags: set[str] = set()
        self.server_state: dict[str, Any] = server_state_template(flavour)
        self._limits = {"dl": 0, "up": 0, "alt_dl": 10 * _KIB, "alt_up": 10 * _KIB}
        self.queue_limits = {
            "max_active_downloads": 3,
            "max_active_uploads": 3,
            "max_active_torrents": 5,
        }
        self.content = TorrentContent(flavour.default_file_priority)
        # Folders torrents/setLocation cannot create ("Cannot make save path").
        self.unmakeable_paths: set[str] = set()

    def now(self) -> int:
        """Current time as qBittorrent reports it (whole seconds)."""
        return int(self._clock())

    @property
    def torrents(self) -> Mapping[str, Mapping[str, Any]]:
        """Current torrents by hash (read-only view for tests)."""
        return self.store.torrents

    # -- state API for tests --------------------------------------------------

    def _normalise_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        if "state" in fields:
            fields["state"] = self.flavour.state_name(fields["state"])
        if isinstance(tags := fields.get("tags"), list | tuple | set | frozenset):
            fields["tags"] = tags_field(tags)
        if isinstance(fields.get("tags"), str):
            self.tags.update(split_tags(fields["tags"]))
        if category := fields.get("category"):
            self.ensure_category(category)
        return fields

    def add_torrent(self, **fields: Any) -> str:
        """Add a torrent with realistic defaults; any field may be given. Returns its hash."""
        info_hash = str(
            fields.pop("hash", None) or f"{random.getrandbits(160):040x}"
        ).lower()
        fields = self._normalise_fields(fields)
        name = fields.pop("name", None) or f"Torrent {len(self.store.torrents) + 1}"
        size = int(fields.pop("size", 1 << 30))
        save_path = fields.pop("save_path", self.downloads_dir)
        complete = (
            fields.get("progress", 0) >= 1 or fields.get("state") in COMPLETE_STATES
        )
        record = new_torrent(
            self.flavour,
            info_hash,
            name=name,
            size=size,
            save_path=save_path,
            now=self.now(),
            complete=complete,
            **fields,
        )
        self.store.add(info_hash, record)
        return info_hash

    def update_torrent(self, info_hash: str, **fields: Any) -> None:
        """Change fields of a torrent (KeyError if unknown)."""
        self.store.update(info_hash.lower(), self._normalise_fields(fields))

    def remove_torrent(self, info_hash: str) -> None:
        """Remove a torrent (no error if unknown)."""
        self.store.remove(info_hash.lower())
        self.content.forget(info_hash.lower())

    def populate(self, count: int, seed: int = 0) -> list[str]:
        """Add `count` realistic torrents quickly (deterministic for a seed); returns hashes."""
        rng = random.Random(seed)
        categories, tags = populate_tags_and_categories()
        for category in categories:
            self.ensure_category(category)
        self.tags.update(tags)
        template = torrent_template(self.flavour)
        now = self.now()
        start = len(self.store.torrents)
        hashes = []
        for index in range(start, start + count):
            info_hash, record = random_torrent(
                self.flavour,
                template,
                rng,
                index,
                now=now,
                save_path=self.downloads_dir,
            )
            self.store.add(info_hash, record)
            hashes.append(info_hash)
        return hashes

    def churn(self, fraction: float, rng: random.Random | None = None) -> int:
        """Move that fraction of torrents on (speeds, progress, state); returns how many changed."""
        rng = rng or random.Random()
        torrents = self.store.torrents
        count = round(len(torrents) * fraction)
        if not count:
            return 0
        now = self.now()
        changed = 0
        for info_hash in rng.sample(list(torrents), count):
            fields = churned_fields(self.flavour, torrents[info_hash], rng, now)
            changed += bool(fields) and self.store.update(info_hash, fields)
        dl_speed = rng.randrange(0, 40_000_000)
        up_speed = rng.randrange(0, 20_000_000)
        state = self.server_state
        self.set_server_state(
            dl_info_speed=dl_speed,
            up_info_speed=up_speed,
            dl_info_data=state["dl_info_data"] + dl_speed,
            up_info_data=state["up_info_data"] + up_speed,
            alltime_dl=state["alltime_dl"] + dl_speed,
            alltime_ul=state["alltime_ul"] + up_speed,
        )
        return changed

    def set_server_state(self, **fields: Any) -> None:
        """Change server_state fields; global_ratio follows the all-time totals unless given."""
        self.server_state.update(fields)
        if (
            "global_ratio" not in fields
            and {"alltime_dl", "alltime_ul"} & fields.keys()
        ):
            self.server_state["global_ratio"] = global_ratio(
                self.server_state["alltime_dl"], self.server_state["alltime_ul"]
            )

    def ensure_category(self, name: str, save_path: str = "") -> None:
        """Create a category unless it exists."""
        if name not in self.categories:
            self.categories[name] = category_record(self.flavour, name, save_path)

    # -- actions --------------------------------------------------------------

    def resolve(self, hashes: str) -> list[str]:
        """Hashes named by a "hashes" parameter ("all" or "|"-separated); unknown ones dropped."""
        if hashes.strip().lower() == "all":
            return list(self.store.torrents)
        wanted = (part.strip().lower() for part in hashes.split("|"))
        return [info_hash for info_hash in wanted if info_hash in self.store.torrents]

    def stop(self, hashes: Iterable[str]) -> None:
        """Stop (pause) torrents."""
        for info_hash in hashes:
            record = self.store.torrents[info_hash]
            self.store.update(
                info_hash,
                {
                    "state": stopped_state(self.flavour, record),
                    "dlspeed": 0,
                    "upspeed": 0,
                },
            )

    def start(self, hashes: Iterable[str]) -> None:
        """Start (resume) stopped torrents."""
        for info_hash in hashes:
            record = self.store.torrents[info_hash]
            if record["state"].startswith(self.flavour.stopped_prefix):
                self.store.update(info_hash, {"state": running_state(record)})

    def delete(self, hashes: Iterable[str]) -> None:
        """Remove torrents (the fake has no files to delete)."""
        for info_hash in hashes:
            self.store.remove(info_hash)
            self.content.forget(info_hash)

    def recheck(self, hashes: Iterable[str]) -> None:
        """Recheck torrents; nothing changes.

        The fake holds no data, so checking ends at once; a real server checking a
        small torrent is back in its previous state before the next poll too.
        """

    def set_category(self, hashes: list[str], category: str) -> None:
        """Assign a category; ConflictError for one that does not exist."""
        if hashes and category and category not in self.categories:
            raise ConflictError("Incorrect category name")
        for info_hash in hashes:
            self.store.update(info_hash, {"category": category})

    def create_category(self, name: str, save_path: str = "") -> None:
        """Create a category; ConflictError for a bad name or an existing one."""
        if not _valid_category_name(name):
            raise ConflictError("Incorrect category name")
        if name in self.categories:
            raise ConflictError("Unable to create category")
        self.categories[name] = category_record(self.flavour, name, save_path)

    def remove_categories(self, names: Iterable[str]) -> None:
        """Delete categories; their torrents become uncategorised."""
        gone = {name for name in names if self.categories.pop(name, None) is not None}
        for info_hash, record in self.store.torrents.items():
            if record["category"] in gone:
                self.store.update(info_hash, {"category": ""})

    def delete_tags(self, tags: Iterable[str]) -> None:
        """Delete tags everywhere."""
        gone = self.tags & set(tags)
        self.tags -= gone
        for info_hash, record in self.store.torrents.items():
            current = split_tags(record["tags"])
            if gone & set(current):
                kept = [tag for tag in current if tag not in gone]
                self.store.update(info_hash, {"tags": tags_field(kept)})

    def add_tags(self, hashes: list[str], tags: list[str]) -> None:
        """Add tags to torrents (creating the tags)."""
        self.tags.update(tags)
        for info_hash in hashes:
            current = split_tags(self.store.torrents[info_hash]["tags"])
            self.store.update(info_hash, {"tags": tags_field([*current, *tags])})

    def remove_tags(self, hashes: list[str], tags: list[str]) -> None:
        """Remove tags from torrents (all of their tags if none are named)."""
        for info_hash in hashes:
            current = split_tags(self.store.torrents[info_hash]["tags"])
            kept = [tag for tag in current if tags and tag not in tags]
            self.store.update(info_hash, {"tags": tags_field(kept)})

    def set_torrent_limit(self, hashes: list[str], field_name: str, limit: int) -> None:
        """Per-torrent speed limit in bytes/s (0 or less: unlimited)."""
        for info_hash in hashes:
            self.store.update(info_hash, {field_name: max(limit, 0)})

    def set_share_limits(
        self,
        hashes: list[str],
        *,
        ratio: float,
        seeding_time: int,
        inactive_seeding_time: int | None,
        action: str | None,
        mode: str | None,
    ) -> None:
        """Share ratio / seeding time limits (-2: global default, -1: none)."""
        fields: dict[str, Any] = {
            "ratio_limit": ratio,
            "seeding_time_limit": seeding_time,
            "max_ratio": ratio if ratio >= 0 else -1,
            "max_seeding_time": seeding_time if seeding_time >= 0 else -1,
        }
        if "inactive_seeding_time_limit" in fields_of(self.flavour) and (
            inactive_seeding_time is not None
        ):
            fields["inactive_seeding_time_limit"] = inactive_seeding_time
            fields["max_inactive_seeding_time"] = max(inactive_seeding_time, -1)
        if action is not None:
            known = {
                "Default",
                "Stop",
                "Remove",
                "RemoveWithContent",
                "EnableSuperSeeding",
            }
            fields["share_limit_action"] = action if action in known else "Default"
        if mode is not None:
            fields["share_limits_mode"] = (
                mode if mode in {"Default", "MatchAny", "MatchAll"} else "Default"
            )
        for info_hash in hashes:
            self.store.update(info_hash, fields)

    @property
    def alt_speed_enabled(self) -> bool:
        """True while the alternative speed limits apply."""
        return bool(self.server_state["use_alt_speed_limits"])

    def _publish_limits(self) -> None:
        prefix = "alt_" if self.alt_speed_enabled else ""
        self.server_state["dl_rate_limit"] = self._limits[prefix + "dl"]
        self.server_state["up_rate_limit"] = self._limits[prefix + "up"]

    def toggle_alt_speed(self) -> None:
        """Switch between normal and alternative global limits."""
        self.server_state["use_alt_speed_limits"] = not self.alt_speed_enabled
        self._publish_limits()

    def set_global_limit(self, direction: str, limit: int) -> None:
        """Set the active global limit ("dl"/"up"), rounded down to whole KiB/s."""
        key = ("alt_" if self.alt_speed_enabled else "") + direction
        self._limits[key] = max(limit, 0) // _KIB * _KIB
        self._publish_limits()

    def global_limit(self, direction: str) -> int:
        """The active global limit in bytes/s (0: unlimited)."""
        return self._limits[("alt_" if self.alt_speed_enabled else "") + direction]

    def preferences(self) -> dict[str, Any]:
        """The limits and queue settings as app/preferences reports them (bytes/s)."""
        return {
            **{key: self._limits[limit] for key, limit in _LIMIT_PREFERENCES.items()},
            **self.queue_limits,
            "queueing_enabled": bool(self.server_state["queueing"]),
        }

    def set_preferences(self, values: Mapping[str, Any]) -> None:
        """app/setPreferences for the limits and queue settings, with qBittorrent's rules.

        A rate is rounded down to whole KiB/s and anything below 1 KiB/s or
        beyond an int means none; a queue size below -1 or beyond an int means
        none (-1). Other keys are ignored, as qBittorrent ignores unknown ones.
        """
        for key, limit in _LIMIT_PREFERENCES.items():
            if (value := _whole(values.get(key))) is not None:
                value = 0 if value > _INT_MAX else value
                self._limits[limit] = max(value, 0) // _KIB * _KIB
        for key in _QUEUE_PREFERENCES:
            if (value := _whole(values.get(key))) is not None:
                self.queue_limits[key] = -1 if value > _INT_MAX else max(value, -1)
        if isinstance(queueing := values.get("queueing_enabled"), bool):
            self.server_state["queueing"] = queueing
        self._publish_limits()

    def add_metainfo(
        self, meta: MetaInfo, options: AddOptions, torrent: bytes = b""
    ) -> bool:
        """Add from a .torrent; False if it is already there (a failure, as in qBittorrent)."""
        if meta.info_hash in self.store.torrents:
            return False
        save_path = options.save_path or self.downloads_dir
        name = options.rename or meta.name
        data = Path(save_path) / meta.name
        # Like qBittorrent's check of existing files: data already in place means complete.
        complete = options.skip_checking or (
            data.is_dir() or (data.is_file() and data.stat().st_size == meta.total_size)
        )
        extra: dict[str, Any] = {}
        if "piece_size" in fields_of(self.flavour):
            extra["piece_size"] = meta.piece_length
        self._add_new(
            meta.info_hash,
            name=name,
            size=meta.total_size,
            save_path=save_path,
            complete=complete,
            options=options,
            extra=extra,
        )
        self.content.from_metainfo(meta.info_hash, meta, torrent, complete=complete)
        return True

    def add_magnet(
        self,
        info_hash: str,
        name: str | None,
        options: AddOptions,
        trackers: list[str] | None = None,
    ) -> bool:
        """Add from a magnet link; False if the torrent is already there."""
        if info_hash in self.store.torrents:
            return False
        self.content.from_magnet(info_hash, trackers or [])
        save_path = options.save_path or self.downloads_dir
        extra: dict[str, Any] = (
            {"has_metadata": False} if "has_metadata" in fields_of(self.flavour) else {}
        )
        self._add_new(
            info_hash,
            name=options.rename or name or info_hash,
            size=0,
            save_path=save_path,
            complete=False,
            options=options,
            extra=extra,
        )
        return True

    def _add_new(
        self,
        info_hash: str,
        *,
        name: str,
        size: int,
        save_path: str,
        complete: bool,
        options: AddOptions,
        extra: dict[str, Any],
    ) -> None:
        if options.category:
            self.ensure_category(options.category)
        self.tags.update(options.tags)
        record = new_torrent(
            self.flavour,
            info_hash,
            name=name,
            size=size,
            save_path=save_path,
            now=self.now(),
            complete=complete,
            category=options.category,
            tags=tags_field(options.tags),
            seq_dl=options.sequential,
            f_l_piece_prio=options.first_last_piece,
            dl_limit=max(options.dl_limit, 0),
            up_limit=max(options.up_limit, 0),
            **extra,
        )
        if options.stopped:
            record["state"] = stopped_state(self.flavour, record)
        self.store.add(info_hash, record)

    # -- read-only views ------------------------------------------------------

    def transfer_info(self) -> dict[str, Any]:
        """transfer/info: the transfer subset of server_state."""
        return {
            key: self.server_state[key] for key in transfer_info_fields(self.flavour)
        }

    def torrents_info(self, params: Mapping[str, str]) -> list[dict[str, Any]]:
        """torrents/info with filter, category, tag, hashes, sort, reverse, limit, offset."""
        if "hashes" in params:
            candidates = self.resolve(params["hashes"])
        else:
            candidates = list(self.store.torrents)
        return torrents_info(
            self.flavour, ((h, self.store.torrents[h]) for h in candidates), params
        )
