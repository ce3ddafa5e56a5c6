"""A fake qBittorrent WebAPI (4.2, 4.5, 5.1 or 5.3 flavour) served by aiohttp on loopback.

Faithful to the real servers for what the integration uses — checked by the
contract suite in tests/contract — and able to misbehave on purpose.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import formatdate
import random
import secrets
import socket
import ssl
import string
import struct
import time
from typing import Any

from aiohttp import web
from multidict import CIMultiDict

from tests.torrent_files import read_metainfo

from .controls import ControlEndpoints
from .endpoints import (
    TEXT,
    Call,
    Endpoints,
    Reply,
    text_reply,
)
from .flavours import BANNED_MESSAGE, FLAVOURS, FlavourName
from .maindata import SyncSession
from .misbehaviour import PROXY_MODES, FailureMode, corrupt, proxy_reply
from .model import AddOptions, ServerModel

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "adminadmin"
SECRET_FIELDS = frozenset({"password"})
# The longest request line nginx takes by default (large_client_header_buffers
# 8k): a reverse proxy in front of qBittorrent refuses a longer address.
LONGEST_REQUEST_LINE = 8 * 1024
_SID_ALPHABET = string.ascii_letters + string.digits + "+/"
_KEY_ALPHABET = string.ascii_letters + string.digits


@dataclass(slots=True)
class RecordedRequest:
    """One request as the fake saw it; secrets are never stored, only their presence."""

    method: str
    endpoint: str
    params: dict[str, str]
    fields: frozenset[str]
    files: int
    authorization: bool
    remote: str | None
    status: int | None = None


@dataclass(slots=True)
class _WebSession:
    last_seen: float
    sync: SyncSession = field(default_factory=SyncSession)


@dataclass(slots=True)
class _PendingAdd:
    requests_left: int
    add: Callable[[], object]


@dataclass(slots=True)
class _Failures:
    count: int = 0
    banned_until: float | None = None


class FakeQBittorrent:
    """A fake qBittorrent WebUI: state API for tests, misbehaviour switches, counters."""

    def __init__(
        self,
        flavour: FlavourName = "5.3",
        *,
        username: str = DEFAULT_USERNAME,
        password: str = DEFAULT_PASSWORD,
        path_prefix: str = "",
        max_auth_failures: int = 5,
        ban_seconds: float = 3600,
        session_timeout: float = 3600,
        downloads_dir: str = "/downloads",
        api_key: str | None = None,
    ) -> None:
        """A stopped fake server; call `await start()` to serve it."""
        self.flavour = FLAVOURS[flavour]
        self.username = username
        self._password = password
        self.path_prefix = (
            "/" + path_prefix.strip("/") if path_prefix.strip("/") else ""
        )
        self.max_auth_failures = max_auth_failures
        self.ban_seconds = ban_seconds
        self.session_timeout = session_timeout
        if api_key is not None and not self.flavour.has_api_key:
            raise ValueError(f"qBittorrent {flavour} has no API keys")
        self.api_key = api_key
        self.model = ServerModel(self.flavour, downloads_dir=str(downloads_dir))
        # Misbehaviour.
        self.delay = 0.0
        # qBittorrent adds asynchronously: this many requests after a
        # torrents/add are answered before what it added is listed.
        self.add_lag = 0
        self._pending_adds: list[_PendingAdd] = []
        self._mode: FailureMode | None = None
        self.huge_bytes = 16 * 1024 * 1024
        # (None: answer normally, for `after`; the endpoint it is for, if one).
        self._failures_queue: list[tuple[FailureMode | None, str | None]] = []
        # Observations.
        self.requests: list[RecordedRequest] = []
        self.login_attempts = 0
        self.maindata_requests = 0
        self.bytes_sent = 0
        # Server-side memory that restart() forgets.
        self._sessions: dict[str, _WebSession] = {}
        self._api_sync = SyncSession()
        self._failed_logins: dict[str, _Failures] = {}
        self._runner: web.AppRunner | None = None
        self._url: str | None = None
        self._port = 0
        self._endpoints = Endpoints(self).table() | ControlEndpoints(self).table()

    # -- lifecycle ------------------------------------------------------------

    async def start(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> str:
        """Serve on host:port (0: any free port); return the WebUI URL (with prefix)."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route(
            "*", self.path_prefix + "/api/v2/{endpoint:.*}", self._handle
        )
        # Set here, not left to aiohttp's default, which a newer aiohttp may raise.
        self._runner = web.AppRunner(
            app,
            access_log=None,
            handle_signals=False,
            max_line_size=LONGEST_REQUEST_LINE,
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port, ssl_context=ssl_context)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        scheme = "https" if ssl_context else "http"
        self._url = f"{scheme}://{host}:{self._port}{self.path_prefix}"
        return self._url

    async def stop(self) -> None:
        """Stop serving (open connections are closed)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        """WebUI URL including any path prefix (no trailing slash)."""
        if self._url is None:
            raise RuntimeError("the fake server is not started")
        return self._url

    @property
    def port(self) -> int:
        """Port the server listens on."""
        return self._port

    @property
    def password(self) -> str:
        """Current WebUI password."""
        return self._password

    def set_password(self, password: str) -> None:
        """Change the password; existing sessions stay valid, as on a real server."""
        self._password = password

    def restart(self) -> None:
        """Like a process restart: sessions, rid history and bans are forgotten; data stays."""
        self._sessions.clear()
        self._api_sync = SyncSession()
        self._failed_logins.clear()

    def expire_sessions(self) -> None:
        """Every session times out now: the next API call gets 403 until a new login."""
        self._sessions.clear()

    def unban(self) -> None:
        """Forget failed logins and bans."""
        self._failed_logins.clear()

    def rotate_api_key(self) -> str:
        """Make a new API key (5.3 only), as POST app/rotateAPIKey does; return it."""
        if not self.flavour.has_api_key:
            raise NotImplementedError(
                f"qBittorrent {self.flavour.name} has no API keys"
            )
        self.api_key = "qbt_" + "".join(
            secrets.choice(_KEY_ALPHABET) for _ in range(28)
        )
        self._api_sync = SyncSession()
        return self.api_key

    @property
    def active_sessions(self) -> int:
        """Number of logged-in sessions that have not expired."""
        now = time.monotonic()
        return sum(
            now - s.last_seen <= self.session_timeout for s in self._sessions.values()
        )

    # -- misbehaviour ---------------------------------------------------------

    @property
    def mode(self) -> FailureMode | None:
        """Misbehaviour for every request until set back to None."""
        return self._mode

    @mode.setter
    def mode(self, mode: FailureMode | str | None) -> None:
        self._mode = None if mode is None else FailureMode(mode)

    def fail_next(
        self,
        mode: FailureMode | str,
        count: int = 1,
        endpoint: str | None = None,
        *,
        after: int = 0,
    ) -> None:
        """Misbehave on the next `count` requests (to `endpoint`, e.g. "sync/maindata", if given).

        With `after`, that many such requests are answered normally first (a
        server that goes away in the middle of an action).
        "unknown_torrent_delta" only applies to sync/maindata.
        """
        mode = FailureMode(mode)
        if mode is FailureMode.UNKNOWN_TORRENT_DELTA:
            endpoint = "sync/maindata"
        self._failures_queue.extend([(None, endpoint)] * after)
        self._failures_queue.extend([(mode, endpoint)] * count)

    def _take_failure(self, endpoint: str) -> FailureMode | None:
        for index, (mode, only) in enumerate(self._failures_queue):
            if only is None or only == endpoint:
                del self._failures_queue[index]
                if mode is None:  # one of the requests answered normally first
                    break
                return mode
        if self.mode is not None and (
            self.mode is not FailureMode.UNKNOWN_TORRENT_DELTA
            or endpoint == "sync/maindata"
        ):
            return self.mode
        return None

    def add_later(self, add: Callable[[], object]) -> None:
        """Carry out a torrents/add once `add_lag` more requests are answered."""
        self._pending_adds.append(_PendingAdd(self.add_lag, add))

    def _carry_out_due_adds(self) -> None:
        """Count one more request; carry out the adds that waited long enough."""
        waiting: list[_PendingAdd] = []
        for pending in self._pending_adds:
            if pending.requests_left == 0:
                pending.add()
            else:
                pending.requests_left -= 1
                waiting.append(pending)
        self._pending_adds = waiting

    # -- state API (delegates to the model) -----------------------------------

    @property
    def torrents(self) -> Mapping[str, Mapping[str, Any]]:
        """Current torrents by hash, as sync/maindata shows them."""
        return self.model.torrents

    @property
    def categories(self) -> Mapping[str, Mapping[str, Any]]:
        """Categories by name."""
        return self.model.categories

    @property
    def tags(self) -> frozenset[str]:
        """All tags."""
        return frozenset(self.model.tags)

    @property
    def server_state(self) -> Mapping[str, Any]:
        """The current server_state."""
        return self.model.server_state

    @property
    def alt_speed_enabled(self) -> bool:
        """True while alternative speed limits apply."""
        return self.model.alt_speed_enabled

    def add_torrent(self, **fields: Any) -> str:
        """Add a realistic torrent (any field may be given, plus `hash`); return its hash."""
        return self.model.add_torrent(**fields)

    def add_torrent_file(
        self,
        torrent: bytes,
        *,
        category: str = "",
        tags: tuple[str, ...] = (),
        save_path: str | None = None,
    ) -> str:
        """Add a torrent from its .torrent file, as torrents/add would; return its hash.

        Unlike `add_torrent`, the server then has the file to export.
        """
        meta = read_metainfo(torrent)
        options = AddOptions(category=category, tags=list(tags), save_path=save_path)
        if not self.model.add_metainfo(meta, options, torrent):
            raise ValueError(f"the server already has {meta.info_hash}")
        return meta.info_hash

    def update_torrent(self, info_hash: str, **fields: Any) -> None:
        """Change fields of a torrent."""
        self.model.update_torrent(info_hash, **fields)

    def remove_torrent(self, info_hash: str) -> None:
        """Remove a torrent."""
        self.model.remove_torrent(info_hash)

    def populate(self, count: int, seed: int = 0) -> list[str]:
        """Add `count` realistic torrents (fast enough for 50,000); return their hashes."""
        return self.model.populate(count, seed)

    def churn(self, fraction: float, rng: random.Random | None = None) -> int:
        """Change speeds/progress/state of that fraction of torrents; return how many changed."""
        return self.model.churn(fraction, rng)

    def set_server_state(self, **fields: Any) -> None:
        """Change server_state fields."""
        self.model.set_server_state(**fields)

    def add_category(self, name: str, save_path: str = "") -> None:
        """Create a category if it does not exist."""
        self.model.ensure_category(name, save_path)

    def requests_to(self, endpoint: str) -> list[RecordedRequest]:
        """Recorded requests to one endpoint, e.g. "torrents/stop"."""
        return [request for request in self.requests if request.endpoint == endpoint]

    # -- HTTP -----------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        endpoint = request.match_info["endpoint"]
        params = dict(request.query)
        files: list[tuple[str, bytes]] = []
        if request.method == "POST" and request.body_exists:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files.append((value.filename, value.file.read()))
                    params.setdefault(key, "")
                else:
                    params[key] = str(value)
        recorded = RecordedRequest(
            method=request.method,
            endpoint=endpoint,
            params={k: v for k, v in params.items() if k not in SECRET_FIELDS},
            fields=frozenset(params),
            files=len(files),
            authorization="Authorization" in request.headers,
            remote=request.remote,
        )
        self.requests.append(recorded)
        if endpoint == "sync/maindata":
            self.maindata_requests += 1
        if endpoint == "auth/login":
            self.login_attempts += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        self._carry_out_due_adds()
        failure = self._take_failure(endpoint)
        if failure in PROXY_MODES:
            reply = proxy_reply(failure)
        else:
            reply = self._dispatch(request, endpoint, params, files)
            if failure is not None:
                reply = corrupt(reply, failure, self.huge_bytes)
        recorded.status = None if reply.reset else reply.status
        if reply.reset:
            self._reset(request)
            raise asyncio.CancelledError
        self.bytes_sent += len(reply.body)
        headers = CIMultiDict(reply.headers)
        if reply.content_type == TEXT:
            headers["Content-Type"] = self.flavour.text_content_type
        elif reply.content_type:
            headers["Content-Type"] = reply.content_type
        return web.Response(status=reply.status, body=reply.body, headers=headers)

    @staticmethod
    def _reset(request: web.Request) -> None:
        transport = request.transport
        if transport is None:
            return
        sock = transport.get_extra_info("socket")
        if sock is not None:
            # Linger 0 turns close() into a TCP reset instead of an orderly FIN.
            sock.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
        transport.abort()

    def _client(self, request: web.Request) -> str:
        return request.remote or "unknown"

    def _authorised_sync(self, request: web.Request) -> SyncSession | None:
        """The sync state of the caller's session or API key, None if not authorised."""
        now = time.monotonic()
        if self.flavour.has_api_key and (
            header := request.headers.get("Authorization")
        ):
            scheme, _, token = header.partition(" ")
            if (
                scheme.lower() == "bearer"
                and self.api_key is not None
                and secrets.compare_digest(
                    token.strip().encode(), self.api_key.encode()
                )
            ):
                return self._api_sync
            return None  # a bad key is refused even alongside a valid cookie
        sid = request.cookies.get(self.flavour.cookie_name(self._port))
        session = self._sessions.get(sid) if sid else None
        if session is None:
            return None
        if now - session.last_seen > self.session_timeout:
            del self._sessions[sid]  # type: ignore[arg-type]
            return None
        session.last_seen = now
        return session.sync

    def _dispatch(
        self,
        request: web.Request,
        endpoint: str,
        params: dict[str, str],
        files: list[tuple[str, bytes]],
    ) -> Reply:
        post_only = self.flavour.actions_need_post and request.method != "POST"
        if endpoint == "auth/login":
            if post_only:
                return self._error("Method Not Allowed", 405)
            return self._login(request, params)
        sync = self._authorised_sync(request)
        if sync is None:
            return self._error("Forbidden", 403)
        spec = self._endpoints.get(endpoint)
        if spec is None:
            return self._error(self.flavour.not_found_body, 404)
        if post_only and not spec.read_only:
            return self._error("Method Not Allowed", 405)
        if missing := [name for name in spec.required if name not in params]:
            return self._error(self.flavour.missing_params_body(missing), 400)
        return spec.handler(Call(request, params, files, sync))

    def _error(self, text: str, status: int) -> Reply:
        """A plain error reply; 4.2 sends these without a body or Content-Type."""
        if not self.flavour.error_bodies:
            return Reply(status=status, content_type=None)
        return text_reply(text, status)

    # -- auth -----------------------------------------------------------------

    def _login(self, request: web.Request, params: dict[str, str]) -> Reply:
        if self.flavour.has_api_key and "Authorization" in request.headers:
            return text_reply("Forbidden", 403)
        if self._authorised_sync(request) is not None:
            # qBittorrent does not check the credentials of a live session again.
            return self._login_ok(None)
        client = request.remote or "unknown"
        failures = self._failed_logins.get(client)
        now = time.monotonic()
        if failures is not None and failures.banned_until is not None:
            if now < failures.banned_until:
                return text_reply(BANNED_MESSAGE, 403)
            del self._failed_logins[client]
        username_ok = secrets.compare_digest(
            params.get("username", "").encode(), self.username.encode()
        )
        password_ok = secrets.compare_digest(
            params.get("password", "").encode(), self._password.encode()
        )
        if username_ok and password_ok:
            self._failed_logins.pop(client, None)
            sid = "".join(secrets.choice(_SID_ALPHABET) for _ in range(32))
            self._sessions[sid] = _WebSession(last_seen=now)
            return self._login_ok(sid)
        if self.max_auth_failures > 0:
            failures = self._failed_logins.setdefault(client, _Failures())
            failures.count += 1
            if failures.count >= self.max_auth_failures:
                failures.banned_until = now + self.ban_seconds
        if self.flavour.login_204:
            return text_reply("Unauthorized", 401)
        return text_reply("Fails.")

    def _login_ok(self, sid: str | None) -> Reply:
        if self.flavour.login_204:
            reply = Reply(status=204, content_type=None)
        else:
            reply = text_reply("Ok.")
        if sid is not None:
            name = self.flavour.cookie_name(self._port)
            if not self.flavour.login_204:
                cookie = f"{name}={sid}; HttpOnly; path=/; SameSite=Strict"
            else:
                expires = formatdate(time.time() + self.session_timeout, usegmt=True)
                cookie = (
                    f"{name}={sid}; HttpOnly; SameSite=Lax; expires={expires}; path=/"
                )
            reply.headers.append(("Set-Cookie", cookie))
        return reply

    def end_session(self, request: web.Request) -> str:
        """Forget the caller's session (auth/logout); return the cookie name."""
        name = self.flavour.cookie_name(self._port)
        self._sessions.pop(request.cookies.get(name, ""), None)
        return name

    def forget_unneeded_history(self) -> None:
        """Let the torrent store drop changes older than every session's last reply."""
        syncs = [session.sync for session in self._sessions.values()]
        seqs = [sync.oldest_seq() for sync in (*syncs, self._api_sync)]
        known = [seq for seq in seqs if seq is not None]
        if known:
            self.model.store.forget_before(min(known))
