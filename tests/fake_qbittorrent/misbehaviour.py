"""The ways the fake qBittorrent misbehaves on purpose, and the replies they make."""

from __future__ import annotations

from enum import StrEnum
import random

import orjson

from .endpoints import JSON, Reply, text_reply


class FailureMode(StrEnum):
    """Ways the fake can misbehave, for the next requests (fail_next) or all (mode).

    truncated_json: the real reply cut in half (status 200, application/json).
    html_login_page: 200 text/html, like a reverse proxy's sign-in page.
    status_502: a proxy's "502 Bad Gateway" page. status_500: plain 500.
    empty_body: the real status with an empty body.
    reset: the connection is reset instead of answered. aiohttp retries an
        idempotent request once when a reused keep-alive connection fails, so a
        client sees the error only from the second reset in a row
        (fail_next("reset", count=2)) or with `mode`.
    unknown_torrent_delta: sync/maindata only; the reply also carries changes
        for a torrent hash that was never sent whole.
    huge: a JSON reply padded with `huge_bytes` of whitespace (still valid JSON).
    """

    TRUNCATED_JSON = "truncated_json"
    HTML_LOGIN_PAGE = "html_login_page"
    STATUS_502 = "status_502"
    STATUS_500 = "status_500"
    EMPTY_BODY = "empty_body"
    RESET = "reset"
    UNKNOWN_TORRENT_DELTA = "unknown_torrent_delta"
    HUGE = "huge"


# These replace the reply before the server sees the request (a proxy answered).
PROXY_MODES = frozenset(
    {FailureMode.HTML_LOGIN_PAGE, FailureMode.STATUS_502, FailureMode.STATUS_500}
)
_HTML_LOGIN_PAGE = (
    b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>"
    b'<form method="post" action="/oauth2/sign_in"><input name="username">'
    b'<input name="password" type="password"><button>Sign in</button></form>'
    b"</body></html>"
)
_BAD_GATEWAY = (
    b"<html><head><title>502 Bad Gateway</title></head><body>"
    b"<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
)


def proxy_reply(failure: FailureMode) -> Reply:
    """What a reverse proxy answers in the fake's place."""
    if failure is FailureMode.HTML_LOGIN_PAGE:
        return Reply(body=_HTML_LOGIN_PAGE, content_type="text/html; charset=utf-8")
    if failure is FailureMode.STATUS_502:
        return Reply(status=502, body=_BAD_GATEWAY, content_type="text/html")
    return text_reply("Internal Server Error", 500)


def corrupt(reply: Reply, failure: FailureMode, huge_bytes: int) -> Reply:
    """The fake's own reply, spoilt the way `failure` says."""
    match failure:
        case FailureMode.TRUNCATED_JSON:
            reply.body = reply.body[: max(len(reply.body) // 2, 1)]
            reply.content_type = JSON
        case FailureMode.EMPTY_BODY:
            reply.body = b""
        case FailureMode.RESET:
            reply.reset = True
        case FailureMode.HUGE:
            if reply.body.startswith((b"{", b"[")):
                reply.body = reply.body[:1] + b" " * huge_bytes + reply.body[1:]
        case FailureMode.UNKNOWN_TORRENT_DELTA:
            if reply.content_type == JSON:
                data = orjson.loads(reply.body)
                stranger = f"{random.getrandbits(160):040x}"
                data.setdefault("torrents", {})[stranger] = {
                    "dlspeed": 1024,
                    "progress": 0.5,
                }
                reply.body = orjson.dumps(data)
    return reply
