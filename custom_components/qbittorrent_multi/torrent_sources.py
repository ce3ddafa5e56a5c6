"""What add_torrent may send: links, .torrent files from allowed paths, save paths.

Everything here is checked before anything reaches a server, so that a bad
link, a file outside Home Assistant's allowlist or a save path that climbs out
of its directory changes nothing anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePath
import re
from typing import Final

from homeassistant.core import HomeAssistant
from yarl import URL

from .errors import invalid

MAX_TORRENT_FILE_BYTES: Final = 10 * 1024 * 1024
_WEB_SCHEMES: Final = frozenset({"http", "https"})
_INTEGER: Final = re.compile(rb"-?[0-9]+")
_LENGTH: Final = re.compile(rb"[0-9]+")


def checked_urls(urls: Sequence[str]) -> list[str]:
    """Return the links, stripped; only magnet links and http(s) URLs pass.

    The error names the link by position only: a private tracker's URL may
    carry a passkey, which has no place in an error message.
    """
    checked = []
    for position, raw in enumerate(urls, start=1):
        url = raw.strip()
        if not _is_addable_url(url):
            raise invalid("invalid_torrent_url", position=str(position))
        checked.append(url)
    return checked


def _is_addable_url(url: str) -> bool:
    if any(char.isspace() or char == "\0" for char in url):
        return False
    if url[:8].lower() == "magnet:?":
        return len(url) > 8
    try:
        parsed = URL(url)
    except ValueError:
        return False
    return parsed.scheme.lower() in _WEB_SCHEMES and bool(parsed.host)


def checked_save_path(save_path: str) -> str:
    """Return the save path unless it holds a NUL or a ".." component."""
    parts = re.split(r"[\\/]", save_path)
    if "\0" in save_path or ".." in parts:
        raise invalid("invalid_save_path", save_path=save_path.replace("\0", ""))
    return save_path


def checked_category(category: str) -> str:
    """Return the category unless it holds a NUL or a ".." component.

    With automatic torrent management a category is also a folder under the
    default save path, and qBittorrent 4 follows ".." in its name out of it.
    """
    parts = re.split(r"[\\/]", category)
    if "\0" in category or ".." in parts:
        raise invalid("invalid_category", category=category.replace("\0", ""))
    return category


def checked_tags(tags: Sequence[str]) -> list[str]:
    """Return the tags, stripped; qBittorrent splits tags at commas, so none may hold one."""
    checked = []
    for raw in tags:
        tag = raw.strip()
        if not tag or "," in tag:
            raise invalid("invalid_tag", tag=raw)
        checked.append(tag)
    return checked


async def async_read_torrent_files(
    hass: HomeAssistant, paths: Sequence[str]
) -> list[tuple[str, bytes]]:
    """Read each .torrent file as (file name, content), or raise on the first bad one."""
    return [
        await hass.async_add_executor_job(read_torrent_file, hass, path)
        for path in paths
    ]


def read_torrent_file(hass: HomeAssistant, path: str) -> tuple[str, bytes]:
    """Read one .torrent file from an allowed path (blocking: run in the executor)."""
    candidate = Path(path)
    if not candidate.is_absolute():
        candidate = Path(hass.config.path(path))
    # The allowlist is checked on the resolved path, so a symbolic link cannot
    # lead out of it, and before anything else, so that nothing about a file
    # outside it (not even whether it exists) is told.
    resolved = candidate.resolve()
    if not hass.config.is_allowed_path(str(resolved)):
        raise invalid("torrent_file_not_allowed", path=path)
    if not resolved.is_file():
        raise invalid("torrent_file_not_found", path=path)
    try:
        with resolved.open("rb") as file:
            # One byte more than the limit tells a too-large file apart, even
            # one that grows while it is read.
            content = file.read(MAX_TORRENT_FILE_BYTES + 1)
    except OSError as err:
        raise invalid("torrent_file_unreadable", path=path) from err
    if len(content) > MAX_TORRENT_FILE_BYTES:
        raise invalid(
            "torrent_file_too_large",
            path=path,
            max_mb=str(MAX_TORRENT_FILE_BYTES // (1024 * 1024)),
        )
    if not is_metainfo(content):
        raise invalid("not_a_torrent_file", path=path)
    return PurePath(resolved).name, content


def is_metainfo(data: bytes) -> bool:
    """Whether `data` is a bencoded dictionary with an "info" dictionary in it.

    That is the least qBittorrent accepts as a .torrent file; whatever follows
    the top-level dictionary is left to qBittorrent, as it ignores it too.
    """
    try:
        if data[:1] != b"d":
            return False
        index = 1
        has_info = False
        while data[index : index + 1] != b"e":
            key, index = _read_string(data, index)
            if key == b"info":
                has_info = data[index : index + 1] == b"d"
            index = _skip_value(data, index)
    except ValueError, IndexError:
        return False
    return has_info


def _read_string(data: bytes, index: int) -> tuple[bytes, int]:
    """Read a bencoded byte string at `index`; return it and the index after it."""
    colon = data.index(b":", index)
    if _LENGTH.fullmatch(data, index, colon) is None:
        raise ValueError("not a byte string")
    start = colon + 1
    end = start + int(data[index:colon])
    if end > len(data):
        raise ValueError("byte string runs past the end")
    return data[start:end], end


def _skip_value(data: bytes, index: int) -> int:
    """Return the index after the bencoded value at `index`.

    Iterative, so that deeply nested input cannot exhaust the stack.
    """
    depth = 0
    while True:
        marker = data[index : index + 1]
        if marker in (b"d", b"l"):
            depth += 1
            index += 1
            continue
        if marker == b"e":
            if depth == 0:
                raise ValueError("unexpected end marker")
            depth -= 1
            index += 1
        elif marker == b"i":
            end = data.index(b"e", index)
            if _INTEGER.fullmatch(data, index + 1, end) is None:
                raise ValueError("not an integer")
            index = end + 1
        elif marker.isdigit():
            _, index = _read_string(data, index)
        else:
            raise ValueError("not a bencoded value")
        if depth == 0:
            return index
