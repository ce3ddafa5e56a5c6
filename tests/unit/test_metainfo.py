"""Torrent ids worked out before sending: from .torrent files and magnet links."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.qbittorrent_multi.metainfo import (
    is_metainfo,
    magnet_torrent_id,
    metainfo_torrent_id,
)
from tests.torrent_files import (
    Bencodable,
    bencode,
    make_folder_torrent,
    make_torrent,
)

V1 = "0123456789abcdef0123456789abcdef01234567"
V2 = hashlib.sha256(b"a v2 torrent").hexdigest()

_V2_INFO: dict[bytes | str, Bencodable] = {
    "name": "v2",
    "meta version": 2,
    "piece length": 16384,
    "file tree": {"v2.bin": {"": {"length": 5, "pieces root": b"\0" * 32}}},
}


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


# -- .torrent files -------------------------------------------------------------


def test_a_v1_torrent_is_known_by_the_sha1_of_its_info(tmp_path: Path) -> None:
    """The same id qBittorrent gives it, for one file and for a folder."""
    single = make_torrent(tmp_path, "one.bin")
    folder = make_folder_torrent(tmp_path, "folder")

    assert metainfo_torrent_id(single.torrent) == single.info_hash
    assert metainfo_torrent_id(folder.torrent) == folder.info_hash


def test_a_v2_only_torrent_is_known_by_its_sha256_cut_to_40_digits() -> None:
    """No v1 pieces: the v2 hash, shortened as qBittorrent shortens it."""
    info = bencode(_V2_INFO)

    assert (
        metainfo_torrent_id(b"d4:info" + info + b"e")
        == (hashlib.sha256(info).hexdigest()[:40])
    )


def test_a_hybrid_torrent_is_known_by_its_v1_hash() -> None:
    """v2 metadata with v1 pieces as well: the v1 hash names it."""
    info = bencode({**_V2_INFO, "pieces": b"\1" * 20, "length": 5})

    assert metainfo_torrent_id(b"d4:info" + info + b"e") == _sha1(info)


def test_the_exact_bytes_of_info_count_not_a_reencoding() -> None:
    """Keys out of order stay as they are: the hash is of what the file holds."""
    info = b"d6:lengthi5e4:name1:x12:piece lengthi16384e6:pieces20:" + b"\2" * 20 + b"e"
    unsorted = b"d4:name1:x6:lengthi5e12:piece lengthi16384e6:pieces20:" + b"\2" * 20
    unsorted += b"e"

    assert metainfo_torrent_id(b"d4:info" + unsorted + b"e") == _sha1(unsorted)
    assert _sha1(unsorted) != _sha1(info)


def test_the_last_info_dictionary_decides_and_trailing_bytes_are_left() -> None:
    """As a decoder would read it; what follows the top-level dictionary is ignored."""
    first = bencode({"name": "a", "length": 1})
    last = bencode({"name": "b", "length": 2})
    data = b"d4:info" + first + b"4:info" + last + b"e" + b"trailing"

    assert metainfo_torrent_id(data) == _sha1(last)
    assert metainfo_torrent_id(b"d4:info" + first + b"4:infoi1ee") is None


@pytest.mark.parametrize(
    "data",
    [b"", b"l4:infoe", b"d4:infoi1ee", b"d3:foo3:bare", b"d4:infod", b"not bencode"],
)
def test_anything_else_has_no_id(data: bytes) -> None:
    """Not a metainfo file: no id, and not accepted as a .torrent."""
    assert metainfo_torrent_id(data) is None
    assert not is_metainfo(data)


@settings(max_examples=200, deadline=None)
@given(
    name=st.text(min_size=1, max_size=40),
    length=st.integers(min_value=0, max_value=2**50),
    pieces=st.binary(min_size=20, max_size=200),
    extras=st.dictionaries(
        st.sampled_from(["announce", "comment", "created by"]),
        st.text(max_size=30),
    ),
)
def test_any_v1_torrent_gets_the_sha1_of_its_bencoded_info(
    name: str, length: int, pieces: bytes, extras: dict[str, str]
) -> None:
    """Whatever surrounds the info dictionary, its SHA-1 is the id."""
    info = {"name": name, "length": length, "piece length": 16384, "pieces": pieces}
    torrent = bencode({"info": info, **extras})  # type: ignore[dict-item]

    assert metainfo_torrent_id(torrent) == _sha1(bencode(info))  # type: ignore[arg-type]


# -- magnet links ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "torrent_id"),
    [
        (f"magnet:?xt=urn:btih:{V1}", V1),
        (f"MAGNET:?xt=URN:BTIH:{V1.upper()}&dn=x", V1),
        (
            f"magnet:?xt=urn:btih:{base64.b32encode(bytes.fromhex(V1)).decode()}",
            V1,
        ),
        (f"magnet:?xt=urn:btmh:1220{V2}", V2[:40]),
        (f"magnet:?xt=urn:btmh:1220{V2}&xt=urn:btih:{V1}", V1),
        (f"magnet:?dn=x&xt.1=urn:btih:{V1}", V1),
        (f"magnet:?xt=urn%3Abtih%3A{V1}", V1),
    ],
)
def test_a_magnet_link_names_its_torrent(link: str, torrent_id: str) -> None:
    """Hex or base32 v1 topics, v2 multihash topics; v1 wins in a hybrid link."""
    assert magnet_torrent_id(link) == torrent_id


@pytest.mark.parametrize(
    "link",
    [
        "magnet:?dn=nothing",
        f"magnet:?xt=urn:btih:{V1[:-1]}",
        f"magnet:?xt=urn:sha1:{V1}",
        f"magnet:?xt=urn:btmh:1114{V2}",
        f"magnet:?xt=urn:btmh:1220{V2[:-2]}",
        f"https://example.com/?xt=urn:btih:{V1}",
    ],
)
def test_a_link_without_a_usable_topic_names_nothing(link: str) -> None:
    """No topic, a short or foreign one, or not a magnet link at all."""
    assert magnet_torrent_id(link) is None
