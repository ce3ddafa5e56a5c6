"""Parsing a maindata reply in steps gives exactly what a plain JSON parser gives."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.qbittorrent_multi.maindata_reply import (
    InvalidJsonError,
    MalformedReplyError,
    Reply,
    parse_reply,
    reply_from_object,
    reply_steps,
    run_to_end,
)

# Text that tries hard to look like structure: quotes, braces, backslashes,
# colons, hex digits and what a hash key looks like.
TRICKY_TEXT = st.text(
    alphabet=st.sampled_from(
        ['"', "\\", "{", "}", "[", "]", ":", ",", " ", "a", "f", "0", "9", "é", "\n"]
    ),
    max_size=30,
) | st.sampled_from(
    [
        '"' + "a" * 40 + '":{',
        '\\"' + "b" * 40 + '\\":{',
        '"torrents":{',
        '{"x":1}',
        "",
    ]
)
HASH = st.one_of(
    st.text(alphabet="0123456789abcdef", min_size=40, max_size=40),
    st.text(alphabet="0123456789ABCDEF", min_size=64, max_size=64),
)
JSON_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    TRICKY_TEXT,
)
JSON_VALUE = st.recursive(
    JSON_SCALAR,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(TRICKY_TEXT | HASH, inner, max_size=3)
    ),
    max_leaves=6,
)
TORRENT = st.dictionaries(
    st.sampled_from(
        ["name", "state", "progress", "size", "tags", "category", "magnet_uri"]
    )
    | TRICKY_TEXT,
    JSON_VALUE,
    max_size=6,
)
REPLY = st.fixed_dictionaries(
    {"rid": st.integers(0, 10**6)},
    optional={
        "full_update": st.booleans(),
        "torrents": st.dictionaries(HASH, TORRENT, max_size=6),
        "torrents_removed": st.lists(HASH, max_size=3),
        # Categories named like the top-level keys, or like hashes.
        "categories": st.dictionaries(
            st.sampled_from(["torrents", "tv"]) | HASH | TRICKY_TEXT,
            st.dictionaries(st.sampled_from(["name", "savePath"]), TRICKY_TEXT),
            max_size=3,
        ),
        "tags": st.lists(TRICKY_TEXT, max_size=3),
        "server_state": st.dictionaries(TRICKY_TEXT, JSON_SCALAR, max_size=3),
        "trackers": st.dictionaries(TRICKY_TEXT, st.lists(HASH, max_size=2)),
    },
)
LAYOUT = st.sampled_from(
    [
        {"separators": (",", ":")},
        {"separators": (", ", ": ")},
        {"separators": (",", ":"), "ensure_ascii": False},
        {"indent": 1},
    ]
)


def plain(body: bytes) -> Reply:
    """What a plain JSON parser makes of the body."""
    return reply_from_object(json.loads(body))


def stepwise(body: bytes, group_size: int = 1) -> Reply:
    """Parse in steps of `group_size` torrents, however small the body."""
    return run_to_end(reply_steps(body, group_size, sliced_from=0))


@settings(max_examples=300, deadline=None)
@given(reply=REPLY, layout=LAYOUT, order=st.randoms(use_true_random=False))
def test_any_reply_parses_in_steps_as_a_plain_parser_reads_it(
    reply: dict[str, Any], layout: dict[str, Any], order: Any
) -> None:
    items = list(reply.items())
    order.shuffle(items)
    body = json.dumps(dict(items), **layout).encode()

    assert stepwise(body) == plain(body)
    assert parse_reply(body) == plain(body)


@settings(max_examples=100, deadline=None)
@given(
    torrents=st.dictionaries(HASH, TORRENT, min_size=1, max_size=8),
    copies=st.integers(2, 3),
)
def test_a_repeated_torrents_key_is_read_as_a_plain_parser_reads_it(
    torrents: dict[str, Any], copies: int
) -> None:
    parts = [f'"torrents":{json.dumps(torrents)}'] * copies
    parts[-1] = '"torrents":{}'
    body = ('{"rid":1,' + ",".join(parts) + "}").encode()

    assert stepwise(body) == plain(body)


def _reply_of(count: int) -> bytes:
    torrents = {
        f"{index:040x}": {"name": f'a "name" {{{index}}}', "state": "uploading"}
        for index in range(count)
    }
    return json.dumps(
        {"rid": 1, "full_update": True, "torrents": torrents, "tags": []},
        separators=(",", ":"),
    ).encode()


def test_a_large_reply_is_parsed_a_group_at_a_time() -> None:
    steps = reply_steps(_reply_of(10), group_size=3, sliced_from=0)

    yielded = 0
    while True:
        try:
            next(steps)
        except StopIteration as done:
            reply = done.value
            break
        yielded += 1

    # A step for each full group of three, and one for the rest of the reply.
    assert yielded == 4
    assert len(reply.torrents) == 10


def test_a_small_reply_is_parsed_in_one_step() -> None:
    steps = reply_steps(_reply_of(10), group_size=3)

    with pytest.raises(StopIteration):
        next(steps)


@pytest.mark.parametrize("body", [b"", b'{"rid": 1, "torrents": {', b"[1", b"nope"])
def test_a_body_that_is_not_json_is_refused_as_such(body: bytes) -> None:
    with pytest.raises(InvalidJsonError):
        stepwise(body)


@pytest.mark.parametrize(
    "body",
    [b"[]", b'{"rid": -1}', b'{"rid": 1, "torrents": []}', b'{"rid": 1, "tags": 3}'],
)
def test_a_misshapen_reply_is_refused(body: bytes) -> None:
    with pytest.raises(MalformedReplyError, match="maindata"):
        stepwise(body)
