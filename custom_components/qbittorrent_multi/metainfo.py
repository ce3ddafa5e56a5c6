"""Torrent ids known before a server sees a torrent: from .torrent files and magnet links.

qBittorrent names a torrent by its v1 info-hash (the SHA-1 of the bencoded
"info" dictionary, 40 hexadecimal digits) or, for a v2-only torrent, by its
v2 info-hash (SHA-256) cut to 40 digits; a hybrid torrent by its v1 hash.
Servers before WebAPI 2.14 do not say what they added, so the ids are worked
out here from exactly what is sent.

Pure: no Home Assistant, no I/O.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Final
from urllib.parse import parse_qsl

TORRENT_ID_LENGTH: Final = 40
_INTEGER: Final = re.compile(rb"-?[0-9]+")
_LENGTH: Final = re.compile(rb"[0-9]+")
_HEX_V1: Final = re.compile(r"[0-9a-fA-F]{40}")
_BASE32_V1: Final = re.compile(r"[A-Za-z2-7]{32}")
# A v2 topic is a multihash: 0x12 (SHA-256), 0x20 (32 bytes), then the hash.
_HEX_V2_MULTIHASH: Final = re.compile(r"1220([0-9a-fA-F]{64})")
_MAGNET_PREFIX: Final = "magnet:?"
_V1_TOPIC: Final = "urn:btih:"
_V2_TOPIC: Final = "urn:btmh:"


def is_metainfo(data: bytes) -> bool:
    """Whether `data` is a bencoded dictionary with an "info" dictionary in it.

    That is the least qBittorrent accepts as a .torrent file; whatever follows
    the top-level dictionary is left to qBittorrent, as it ignores it too.
    """
    return _info_span(data) is not None


def metainfo_torrent_id(data: bytes) -> str | None:
    """The id a server will give the torrent of a .torrent file; None if it is not one."""
    span = _info_span(data)
    if span is None:
        return None
    info = data[span[0] : span[1]]
    if _is_v2_only(info):
        return hashlib.sha256(info).hexdigest()[:TORRENT_ID_LENGTH]
    return hashlib.sha1(info, usedforsecurity=False).hexdigest()


def magnet_torrent_id(url: str) -> str | None:
    """The id a server will give the torrent of a magnet link; None without a usable topic.

    A v1 topic (`urn:btih:`, 40 hexadecimal or 32 base32 characters) wins over
    a v2 one (`urn:btmh:1220…`), as qBittorrent names a hybrid torrent by its
    v1 hash.
    """
    if url[: len(_MAGNET_PREFIX)].lower() != _MAGNET_PREFIX:
        return None
    v2_id: str | None = None
    for key, value in parse_qsl(url[len(_MAGNET_PREFIX) :], keep_blank_values=True):
        # Several topics may be numbered: xt.1, xt.2, ...
        if key != "xt" and not key.startswith("xt."):
            continue
        topic = value.strip()
        scheme, body = topic[: len(_V1_TOPIC)].lower(), topic[len(_V1_TOPIC) :]
        if scheme == _V1_TOPIC and (v1_id := _v1_id(body)) is not None:
            return v1_id
        if scheme == _V2_TOPIC and (match := _HEX_V2_MULTIHASH.fullmatch(body)):
            v2_id = v2_id or match.group(1)[:TORRENT_ID_LENGTH].lower()
    return v2_id


def _v1_id(body: str) -> str | None:
    if _HEX_V1.fullmatch(body):
        return body.lower()
    if _BASE32_V1.fullmatch(body):
        return base64.b32decode(body.upper()).hex()
    return None


def _info_span(data: bytes) -> tuple[int, int] | None:
    """Where the exact bytes of the top-level "info" dictionary are, if there is one."""
    try:
        if data[:1] != b"d":
            return None
        index = 1
        span: tuple[int, int] | None = None
        while data[index : index + 1] != b"e":
            key, index = _read_string(data, index)
            end = _skip_value(data, index)
            if key == b"info":
                # The last "info" decides, as it would for a decoder.
                span = (index, end) if data[index : index + 1] == b"d" else None
            index = end
    except ValueError, IndexError:
        return None
    return span


def _is_v2_only(info: bytes) -> bool:
    """Whether an info dictionary describes a v2-only torrent.

    A v2 torrent says "meta version" 2; a hybrid one also keeps the v1
    "pieces", and is then known by its v1 hash.
    """
    index = 1
    meta_version_2 = has_pieces = False
    while info[index : index + 1] != b"e":
        key, index = _read_string(info, index)
        end = _skip_value(info, index)
        if key == b"pieces":
            has_pieces = True
        elif key == b"meta version":
            meta_version_2 = info[index:end] == b"i2e"
        index = end
    return meta_version_2 and not has_pieces


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
