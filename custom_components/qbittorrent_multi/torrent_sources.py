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
from .metainfo import is_metainfo, magnet_torrent_id

MAX_TORRENT_FILE_BYTES: Final = 10 * 1024 * 1024
_WEB_SCHEMES: Final = frozenset({"http", "https"})
# An absolute folder on a POSIX or a Windows server: /..., C:\... or \\host\...
_ABSOLUTE_PATH: Final = re.compile(r"/|[A-Za-z]:[\\/]|\\\\")


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
        if _is_magnet(url) and magnet_torrent_id(url) is None:
            # qBittorrent could not add it, and nothing would name it.
            raise invalid("magnet_without_hash", position=str(position))
        checked.append(url)
    return checked


def _is_addable_url(url: str) -> bool:
    if any(char.isspace() or char == "\0" for char in url):
        return False
    if _is_magnet(url):
        return len(url) > 8
    try:
        parsed = URL(url)
    except ValueError:
        return False
    return parsed.scheme.lower() in _WEB_SCHEMES and bool(parsed.host)


def _is_magnet(url: str) -> bool:
    return url[:8].lower() == "magnet:?"


def checked_save_path(save_path: str) -> str:
    """Return the save path unless it holds a NUL or a ".." component."""
    if _climbs_out(save_path):
        raise invalid("invalid_save_path", save_path=save_path.replace("\0", ""))
    return save_path


def _climbs_out(path: str) -> bool:
    """Whether a path (or a category, which is one too) holds a NUL or a ".." component."""
    return "\0" in path or ".." in re.split(r"[\\/]", path)


def checked_location(location: str) -> str:
    """Return the folder to move data to, stripped: absolute, without ".." or NUL.

    A relative folder is resolved differently by each qBittorrent version
    (4.2 from its working directory, later ones from the default save path),
    so only an absolute one says where the data will go.
    """
    text = checked_save_path(location.strip())
    if _ABSOLUTE_PATH.match(text) is None:
        raise invalid("location_not_absolute", location=text)
    return text


def checked_category(category: str) -> str:
    """Return the category unless it holds a NUL or a ".." component.

    With automatic torrent management a category is also a folder under the
    default save path, and qBittorrent 4 follows ".." in its name out of it.
    """
    if _climbs_out(category):
        raise invalid("invalid_category", category=category.replace("\0", ""))
    return category


def checked_category_name(name: str) -> str:
    """Return a category name qBittorrent can create, or raise.

    Beyond `checked_category`: not empty, and qBittorrent's own rule, which
    makes "/" the separator of subcategories: no backslash, no "/" at either
    end, no empty part between two.
    """
    checked_category(name)
    if (
        not name
        or "\\" in name
        or name.startswith("/")
        or name.endswith("/")
        or "//" in name
    ):
        raise invalid("invalid_category_name", category=name)
    return name


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
