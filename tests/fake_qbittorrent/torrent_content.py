"""What the fake knows inside each torrent: its files, its trackers and its .torrent file.

A torrent added from a .torrent file keeps the file (torrents/export hands it
back, as qBittorrent 4.5 and later do) and its files; one added from a magnet
link keeps the link's trackers and has no metadata, so no files and nothing
to export, as on a real server that cannot reach any peer. A torrent put in
through the test API has one file named after it and, lacking a .torrent
file, nothing to export either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.torrent_files import MetaInfo

# qBittorrent's valid file priorities: skip, normal, high, maximum.
FILE_PRIORITIES = frozenset({0, 1, 6, 7})


@dataclass(slots=True)
class Content:
    """One torrent's files and trackers, and its .torrent file if it has metadata."""

    files: list[dict[str, Any]] = field(default_factory=list)
    trackers: list[str] = field(default_factory=list)
    metainfo: bytes | None = None
    has_metadata: bool = True


class TorrentContent:
    """Files, trackers and .torrent files by torrent hash."""

    def __init__(self, default_priority: int = 1) -> None:
        """Nothing known yet; new files get `default_priority`."""
        self._by_hash: dict[str, Content] = {}
        self._default_priority = default_priority

    def from_metainfo(
        self, info_hash: str, meta: MetaInfo, torrent: bytes, *, complete: bool
    ) -> None:
        """A torrent added from its .torrent file."""
        self._by_hash[info_hash] = Content(
            files=[self._file(name, size, complete) for name, size in meta.files],
            trackers=list(meta.trackers),
            metainfo=torrent,
        )

    def from_magnet(self, info_hash: str, trackers: list[str]) -> None:
        """A torrent added from a magnet link: trackers only, no metadata."""
        self._by_hash[info_hash] = Content(trackers=trackers, has_metadata=False)

    def of(self, info_hash: str, record: Mapping[str, Any]) -> Content:
        """The content of a torrent (one made up for a test-API torrent)."""
        content = self._by_hash.get(info_hash)
        if content is None:
            size = int(record.get("size", 0))
            content = Content(
                files=[
                    self._file(
                        str(record.get("name", "")), size, record["progress"] >= 1
                    )
                ]
                if size > 0
                else [],
                trackers=[url] if (url := record.get("tracker")) else [],
                has_metadata=size > 0,
            )
            self._by_hash[info_hash] = content
        return content

    def forget(self, info_hash: str) -> None:
        """The torrent is gone."""
        self._by_hash.pop(info_hash, None)

    def _file(self, name: str, size: int, complete: bool) -> dict[str, Any]:
        return {
            "name": name,
            "size": size,
            "progress": 1 if complete else 0,
            "priority": self._default_priority,
        }
