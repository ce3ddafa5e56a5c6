"""Small, valid .torrent files (BitTorrent v1) and the data they describe.

qBittorrent only accepts well-formed metainfo, so tests that add torrents to a
real server build one here: a data file, a single-file info dictionary with SHA-1
piece hashes, and the info-hash qBittorrent will report for it. The same
decoder lets the fake server read uploaded files the way the real one does.
"""

from __future__ import annotations

from dataclasses import dataclass
import hashlib
from pathlib import Path
import random
from urllib.parse import quote

type Bencodable = int | bytes | str | list[Bencodable] | dict[bytes | str, Bencodable]
type Decoded = int | bytes | list[Decoded] | dict[bytes, Decoded]

DEFAULT_PIECE_LENGTH = 16 * 1024


class TorrentDecodeError(ValueError):
    """The bytes are not a bencoded metainfo file."""


def bencode(value: Bencodable) -> bytes:
    """Encode a value the way BitTorrent does (dictionary keys sorted as bytes)."""
    if isinstance(value, bool):
        # bool is an int subclass; a True in metainfo is always a mistake here.
        raise TypeError("bencode has no booleans")
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list):
        return b"l" + b"".join(bencode(item) for item in value) + b"e"
    if isinstance(value, dict):
        items = sorted(
            ((key.encode() if isinstance(key, str) else key), item)
            for key, item in value.items()
        )
        return (
            b"d" + b"".join(bencode(key) + bencode(item) for key, item in items) + b"e"
        )
    raise TypeError(f"cannot bencode {type(value).__name__}")


def _decode(data: bytes, index: int) -> tuple[Decoded, int]:
    """Decode one value starting at index; return it and the index after it."""
    if index >= len(data):
        raise TorrentDecodeError("unexpected end of data")
    marker = data[index : index + 1]
    if marker == b"i":
        end = data.index(b"e", index)
        return int(data[index + 1 : end]), end + 1
    if marker == b"l":
        items: list[Decoded] = []
        index += 1
        while data[index : index + 1] != b"e":
            item, index = _decode(data, index)
            items.append(item)
        return items, index + 1
    if marker == b"d":
        mapping: dict[bytes, Decoded] = {}
        index += 1
        while data[index : index + 1] != b"e":
            key, index = _decode(data, index)
            if not isinstance(key, bytes):
                raise TorrentDecodeError("dictionary key is not a string")
            mapping[key], index = _decode(data, index)
        return mapping, index + 1
    if marker.isdigit():
        colon = data.index(b":", index)
        length = int(data[index:colon])
        start = colon + 1
        if start + length > len(data):
            raise TorrentDecodeError("string runs past the end of data")
        return data[start : start + length], start + length
    raise TorrentDecodeError(f"unexpected byte {marker!r} at {index}")


def bdecode(data: bytes) -> Decoded:
    """Decode bencoded bytes; raise TorrentDecodeError if they are not exactly one value."""
    try:
        value, end = _decode(data, 0)
    except (ValueError, IndexError) as err:
        raise TorrentDecodeError(str(err)) from err
    if end != len(data):
        raise TorrentDecodeError("trailing data after the top-level value")
    return value


@dataclass(frozen=True, slots=True)
class MetaInfo:
    """What a .torrent file says about its content."""

    info_hash: str
    name: str
    total_size: int
    piece_length: int
    # (path as qBittorrent lists it, size) of each file, in order.
    files: tuple[tuple[str, int], ...] = ()
    # The announce URL and those of the announce list, each once.
    trackers: tuple[str, ...] = ()


def read_metainfo(torrent: bytes) -> MetaInfo:
    """Read name, size and v1 info-hash (SHA-1 of the bencoded info dict) from a .torrent."""
    decoded = bdecode(torrent)
    if not isinstance(decoded, dict) or not isinstance(
        info := decoded.get(b"info"), dict
    ):
        raise TorrentDecodeError("no info dictionary")
    name = info.get(b"name")
    piece_length = info.get(b"piece length")
    if not isinstance(name, bytes) or not isinstance(piece_length, int):
        raise TorrentDecodeError("info dictionary lacks name or piece length")
    text_name = name.decode(errors="replace")
    length = info.get(b"length")
    files: tuple[tuple[str, int], ...]
    if isinstance(length, int):
        files = ((text_name, length),)
    elif isinstance(entries := info.get(b"files"), list):
        files = tuple(_file_entry(text_name, entry) for entry in entries)
    else:
        raise TorrentDecodeError("info dictionary lacks length and files")
    # bencode is canonical, so re-encoding the decoded info dict gives its exact bytes.
    info_hash = hashlib.sha1(bencode(info), usedforsecurity=False).hexdigest()  # type: ignore[arg-type]
    return MetaInfo(
        info_hash,
        text_name,
        sum(size for _, size in files),
        piece_length,
        files=files,
        trackers=_trackers(decoded),
    )


def _file_entry(root: str, entry: Decoded) -> tuple[str, int]:
    if not isinstance(entry, dict):
        raise TorrentDecodeError("a file entry is not a dictionary")
    length, path = entry.get(b"length"), entry.get(b"path")
    if not isinstance(length, int) or not isinstance(path, list):
        raise TorrentDecodeError("a file entry lacks length or path")
    parts = [part.decode(errors="replace") for part in path if isinstance(part, bytes)]
    return "/".join([root, *parts]), length


def _trackers(decoded: dict[bytes, Decoded]) -> tuple[str, ...]:
    urls: list[str] = []
    if isinstance(announce := decoded.get(b"announce"), bytes):
        urls.append(announce.decode(errors="replace"))
    for tier in decoded.get(b"announce-list") or []:  # type: ignore[union-attr]
        if isinstance(tier, list):
            urls += [
                url.decode(errors="replace") for url in tier if isinstance(url, bytes)
            ]
    return tuple(dict.fromkeys(urls))


@dataclass(frozen=True, slots=True)
class SampleTorrent:
    """A .torrent file and the data file it describes, ready to add and seed."""

    name: str
    info_hash: str
    size: int
    torrent: bytes
    torrent_path: Path
    data_path: Path

    @property
    def magnet(self) -> str:
        """A magnet link for the same torrent."""
        return magnet_link(self.info_hash, self.name)


def magnet_link(info_hash: str, name: str) -> str:
    """A v1 magnet link with a display name."""
    return f"magnet:?xt=urn:btih:{info_hash}&dn={quote(name)}"


def make_folder_torrent(
    directory: Path,
    name: str,
    sizes: tuple[int, ...] = (40_000, 30_000, 20_000),
    *,
    piece_length: int = DEFAULT_PIECE_LENGTH,
    trackers: tuple[str, ...] = (),
) -> SampleTorrent:
    """A multi-file torrent: `directory/name/part-<n>.bin`, one file per size.

    The data is written, so a server saving into `directory` finds it complete.
    """
    folder = directory / name
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(name)
    contents = [rng.randbytes(size) for size in sizes]
    for index, content in enumerate(contents):
        (folder / f"part-{index}.bin").write_bytes(content)
    joined = b"".join(contents)
    pieces = b"".join(
        hashlib.sha1(
            joined[offset : offset + piece_length], usedforsecurity=False
        ).digest()
        for offset in range(0, len(joined), piece_length)
    )
    info: dict[bytes | str, Bencodable] = {
        "name": name,
        "files": [
            {"length": size, "path": [f"part-{index}.bin"]}
            for index, size in enumerate(sizes)
        ],
        "piece length": piece_length,
        "pieces": pieces,
    }
    meta: dict[bytes | str, Bencodable] = {"info": info}
    if trackers:
        meta["announce"] = trackers[0]
        meta["announce-list"] = [[url] for url in trackers]
    torrent = bencode(meta)
    torrent_path = directory / f"{name}.torrent"
    torrent_path.write_bytes(torrent)
    return SampleTorrent(
        name=name,
        info_hash=hashlib.sha1(bencode(info), usedforsecurity=False).hexdigest(),
        size=len(joined),
        torrent=torrent,
        torrent_path=torrent_path,
        data_path=folder,
    )


def make_torrent(
    directory: Path,
    name: str = "sample.bin",
    *,
    size: int = 100_000,
    piece_length: int = DEFAULT_PIECE_LENGTH,
    write_data: bool = True,
) -> SampleTorrent:
    """Write `directory/name` (size bytes, content derived from the name) and its .torrent.

    With the data file in place, a server that saves into `directory` finds the
    content complete after checking, so the torrent reaches a seeding state
    without any peer. Different names give different content and info-hashes.
    """
    directory.mkdir(parents=True, exist_ok=True)
    content = random.Random(name).randbytes(size)
    pieces = b"".join(
        hashlib.sha1(
            content[offset : offset + piece_length], usedforsecurity=False
        ).digest()
        for offset in range(0, size, piece_length)
    )
    info: dict[bytes | str, Bencodable] = {
        "name": name,
        "length": size,
        "piece length": piece_length,
        "pieces": pieces,
    }
    torrent = bencode({"info": info, "created by": "qbittorrent_multi tests"})
    data_path = directory / name
    if write_data:
        data_path.write_bytes(content)
    torrent_path = directory / f"{name}.torrent"
    torrent_path.write_bytes(torrent)
    return SampleTorrent(
        name=name,
        info_hash=hashlib.sha1(bencode(info), usedforsecurity=False).hexdigest(),
        size=size,
        torrent=torrent,
        torrent_path=torrent_path,
        data_path=data_path,
    )
