"""Async client for one qBittorrent WebUI, on aiohttp and aioqbt.

Home Assistant is not imported here: the client is tested on its own against
fake and real servers. Everything the rest of the integration needs to tell
failures apart is in the small exception family below; every message is safe
to show a user and never contains a password, API key or session cookie.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
import errno
import logging
import mmap
from typing import Any, Final, Literal

import aiohttp
from aioqbt.api.torrents import AddFormBuilder
from aioqbt.client import APIClient
from aioqbt.version import APIVersion
import orjson
from yarl import URL

from .maindata_reply import Body

API_PATH: Final = "api/v2"
MIN_API_VERSION: Final = (2, 0, 0)
# WebAPI 2.11 (qBittorrent 5.0) renamed pause/resume to stop/start and paused*
# states to stopped*.
STOP_START_API: Final = (2, 11, 0)
# From WebAPI 2.14 torrents/add answers with the ids of what it added.
ADD_RETURNS_IDS_API: Final = (2, 14, 0)
# torrents/add reads "tags" from WebAPI 2.7 (qBittorrent 4.3.2); older servers
# add the torrent untagged without a word.
ADD_READS_TAGS_API: Final = (2, 7, 0)
# torrents/export hands out a torrent's .torrent file from WebAPI 2.8.14
# (qBittorrent 4.5); older servers have no such endpoint.
EXPORT_API: Final = (2, 8, 14)
# Queue positions move with these endpoints; each answers 409 while queueing
# is off on the server.
QUEUE_ENDPOINTS: Final = {
    "top": "torrents/topPrio",
    "bottom": "torrents/bottomPrio",
    "up": "torrents/increasePrio",
    "down": "torrents/decreasePrio",
}
# The pseudo-trackers torrents/trackers lists first ("** [DHT] **", ...).
_PSEUDO_TRACKER_PREFIX: Final = "** ["

# Torrent ids in one request's address: 100 of 41 characters stay far below
# the 8 KB a reverse proxy allows by default.
_IDS_PER_ADDRESS: Final = 100

# qBittorrent answers a failed login with 200 "Fails." before 5.x and 401 since.
_LOGIN_OK_BODIES: Final = (b"Ok.", b"")
_LOGIN_FAILED_BODY: Final = b"Fails."

type Hashes = Sequence[str] | Literal["all"]

_JSON_WHITESPACE: Final = frozenset(b" \t\r\n")
# From this size a body is gathered a slice at a time (only a sync reply of
# thousands of torrents is that large), and how much one slice copies: the
# first touch of fresh pages makes a copy slow, about 1.5 ms a megabyte on a
# slow machine, and one slice is what the event loop waits for.
_LARGE_BODY_BYTES: Final = 1024 * 1024
_COPY_SLICE_BYTES: Final = 2 * 1024 * 1024

# aioqbt logs every non-2xx reply at warning level with a traceback. Our own
# mapping decides what is worth a log line, so its transport logger stays quiet.
_TRANSPORT_LOGGER = logging.getLogger(f"{__name__}.transport")
_TRANSPORT_LOGGER.setLevel(logging.CRITICAL)


class QBittorrentError(Exception):
    """A failure talking to a qBittorrent server; the message is safe to show."""


class AuthenticationError(QBittorrentError):
    """The server refused the username and password, or the API key."""


class BannedError(QBittorrentError):
    """The server has banned this address after too many failed logins."""


class CannotConnectError(QBittorrentError):
    """The server could not be reached: DNS, refused, timeout or TLS."""

    def __init__(self, message: str, reason: str) -> None:
        """Keep the reason (timeout, ssl, dns, refused, connection) for mapping."""
        super().__init__(message)
        self.reason = reason


class UnexpectedResponseError(QBittorrentError):
    """The reply is not what a qBittorrent WebUI sends (proxy page, bad JSON, 5xx)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        """Keep the HTTP status, when there was one."""
        super().__init__(message)
        self.status = status


class UnsupportedVersionError(QBittorrentError):
    """The server's WebAPI is older than this integration supports."""


class RequestRejectedError(QBittorrentError):
    """The server refused an action's arguments (400, 409, 415)."""

    def __init__(self, message: str, status: int) -> None:
        """Keep the HTTP status the server answered with."""
        super().__init__(message)
        self.status = status


class TorrentNotFoundError(RequestRejectedError):
    """The server has no torrent with the id given (404)."""


class QueueingDisabledError(RequestRejectedError):
    """Queue positions cannot move: torrent queueing is off on the server (409)."""


class MetadataMissingError(RequestRejectedError):
    """The torrent has no metadata yet, so its files are not known (409)."""


@dataclass(frozen=True, slots=True)
class TorrentFile:
    """One file of a torrent as torrents/files reports it."""

    index: int
    name: str
    size: int
    # 0 to 1.
    progress: float
    # qBittorrent's file priority: 0 skip, 1 normal, 6 high, 7 maximum.
    priority: int


@dataclass(frozen=True, slots=True)
class ServerVersion:
    """The qBittorrent application and WebAPI versions of a server."""

    app: str
    api: tuple[int, int, int]

    @property
    def uses_stop_start(self) -> bool:
        """Whether the server speaks stop/start (5.x) rather than pause/resume."""
        return self.api >= STOP_START_API

    @property
    def add_returns_ids(self) -> bool:
        """Whether torrents/add reports the hashes it added."""
        return self.api >= ADD_RETURNS_IDS_API

    @property
    def add_reads_tags(self) -> bool:
        """Whether torrents/add tags what it adds."""
        return self.api >= ADD_READS_TAGS_API

    @property
    def can_export(self) -> bool:
        """Whether the server hands out .torrent files (torrents/export)."""
        return self.api >= EXPORT_API


def normalise_url(url: str) -> str:
    """Return the canonical form of a WebUI URL, or raise ValueError.

    Scheme and host are lower-cased, a default port is dropped, the path keeps
    any reverse-proxy prefix without a trailing slash (a pasted "/api/v2" is
    removed), and query or fragment are not allowed.
    """
    try:
        parsed = URL(url.strip())
    except (TypeError, ValueError) as err:
        raise ValueError("invalid URL") from err
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError("the URL must start with http:// or https:// and name a host")
    if parsed.user is not None or parsed.password is not None:
        raise ValueError("credentials belong in their own fields, not in the URL")
    if parsed.query_string or parsed.fragment:
        raise ValueError("the URL must not have a query or fragment")
    path = parsed.path.rstrip("/")
    if path.endswith(f"/{API_PATH}"):
        path = path[: -len(API_PATH) - 1]
    port = "" if parsed.is_default_port() else f":{parsed.port}"
    host = parsed.host.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return f"{parsed.scheme}://{host}{port}{path}"


def _parse_api_version(text: str) -> tuple[int, int, int]:
    try:
        parsed = APIVersion.parse(text.strip())
    except (ValueError, TypeError) as err:
        raise UnexpectedResponseError(
            "The server did not report a qBittorrent WebAPI version"
        ) from err
    return (parsed.major, parsed.minor, parsed.release)


def _connection_error(err: BaseException, url: str) -> CannotConnectError:
    """Translate a transport failure into a message a user can act on."""
    if isinstance(err, (TimeoutError, aiohttp.ServerTimeoutError)):
        return CannotConnectError(f"{url} did not answer in time", "timeout")
    if isinstance(
        err, (aiohttp.ClientSSLError, aiohttp.ClientConnectorCertificateError)
    ):
        return CannotConnectError(
            f"TLS with {url} failed: the certificate is not trusted or does not match"
            " (turn off SSL verification for self-signed certificates)",
            "ssl",
        )
    if isinstance(err, aiohttp.ClientConnectorDNSError):
        return CannotConnectError(
            f"the host name of {url} could not be resolved", "dns"
        )
    if isinstance(err, aiohttp.ClientConnectorError) and err.os_error.errno in (
        errno.ECONNREFUSED,
        errno.EHOSTUNREACH,
        errno.ENETUNREACH,
    ):
        return CannotConnectError(f"{url} refused the connection", "refused")
    return CannotConnectError(f"the connection to {url} failed", "connection")


class _Transport(APIClient):
    """aioqbt's client with our own request path.

    aioqbt's endpoint methods (which know the WebAPI versions) all funnel into
    `request`; overriding it gives them our authentication, timeouts, error
    family and byte counting, and keeps aioqbt from retrying with sleeps.
    """

    def __init__(
        self, owner: QBittorrentClient, session: aiohttp.ClientSession
    ) -> None:
        super().__init__(
            f"{owner.url}/{API_PATH}",
            http=session,
            logout_when_close=False,
            logger=_TRANSPORT_LOGGER,
        )
        self._owner = owner
        self._session = session

    async def request(
        self,
        method: str,
        endpoint: str,
        *,
        params: Any = None,
        data: Any = None,
        **_ignored: object,
    ) -> aiohttp.ClientResponse:
        """Send one API call, logging in first or once again when needed."""
        return await self._owner.send(method, endpoint, params=params, data=data)

    async def raw(
        self, method: str, endpoint: str, *, params: Any = None, data: Any = None
    ) -> aiohttp.ClientResponse:
        """Send one HTTP request and read its body; no authentication logic."""
        owner = self._owner
        headers = (
            {"Authorization": f"Bearer {owner.api_key}"} if owner.api_key else None
        )
        if hasattr(params, "to_dict"):
            params = params.to_dict()
        if hasattr(data, "to_dict"):
            data = data.to_dict()
        try:
            response = await self._session.request(
                method,
                f"{self.base_url}/{endpoint}",
                params=params,
                data=data,
                headers=headers,
                ssl=owner.verify_ssl,
                timeout=aiohttp.ClientTimeout(total=owner.timeout),
                allow_redirects=False,
            )
            body = await _read_whole(response)
        except (TimeoutError, aiohttp.ClientError) as err:
            raise _connection_error(err, owner.url) from err
        owner.bytes_received += len(body)
        return response


async def _read_whole(response: aiohttp.ClientResponse) -> Body:
    """Read the whole body now; the response keeps it cached.

    aiohttp's own read() joins the pieces once all have arrived, one copy of
    the whole body in one call: 80 ms or more with the 84 MB of a first sync
    of 50,000 torrents. Growing a buffer is worse (a resize may copy it all),
    and so is a zero-filled bytearray of the final size (50 ms to fill). A
    large body goes into anonymous memory instead, whose pages the kernel
    hands out zeroed on first touch, a slice at a time.

    The pieces are copied from the last to the first, each let go once
    copied. The allocator then hands back the memory of a piece that lies at
    the top of its heap at once, a little at a time; freed first to last, the
    hundreds of pieces of a large body come back in one go at the end, which
    held the event loop for up to ten milliseconds more.
    """
    pieces = [piece async for piece in response.content.iter_any()]
    size = sum(len(piece) for piece in pieces)
    body: Body
    if size < _LARGE_BODY_BYTES:
        body = b"".join(pieces)
    else:
        body = mmap.mmap(-1, size)
        with memoryview(body) as buffer:
            end = size
            copied = 0
            while pieces:
                piece = pieces.pop()
                start = end - len(piece)
                buffer[start:end] = piece
                end = start
                copied += len(piece)
                if copied >= _COPY_SLICE_BYTES:
                    copied = 0
                    await asyncio.sleep(0)
    # Where aiohttp caches the body for read(), text() and json(), which
    # aioqbt's endpoints call (their replies are small: always bytes).
    response._body = body  # type: ignore[assignment]  # noqa: SLF001
    return body


async def release_body(body: Body) -> None:
    """Let go of a body once it is parsed.

    Unmapping the tens of megabytes of a first sync can take 20 ms or more;
    a worker thread does it outside the interpreter lock while the event
    loop runs on. A small body is ordinary bytes, left to the collector.
    """
    if isinstance(body, mmap.mmap):
        await asyncio.get_running_loop().run_in_executor(None, body.close)


class QBittorrentClient:
    """One qBittorrent server, reached with an injected aiohttp session."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        url: str,
        *,
        username: str | None = None,
        password: str | None = None,
        api_key: str | None = None,
        verify_ssl: bool = True,
        timeout: float = 10.0,
    ) -> None:
        """Prepare the client; nothing is sent until the first call."""
        self.url = normalise_url(url)
        self.username = username or ""
        self._password = password or ""
        self.api_key = api_key or None
        self.verify_ssl = verify_ssl
        self.timeout = timeout
        self.version: ServerVersion | None = None
        self.bytes_received = 0
        self._transport = _Transport(self, session)
        self._login_lock = asyncio.Lock()
        # Bumped on every successful login, so that calls that failed with an
        # old session retry with the new one instead of logging in again.
        self._session_generation = 0
        self._logged_in = False
        # Refused credentials stay refused until the entry gets new ones (a new
        # client), and each further attempt counts towards qBittorrent's ban.
        self._credentials_refused = False

    def __repr__(self) -> str:
        """Name the server, never the credentials."""
        return f"<QBittorrentClient {self.url}>"

    @property
    def uses_api_key(self) -> bool:
        """Whether requests authenticate with an API key instead of a login."""
        return self.api_key is not None

    async def connect(self) -> ServerVersion:
        """Log in (password auth), read the versions and check they are supported.

        A session opened by an earlier call is used as it is: a second login
        would only cost the server another authentication.
        """
        if not self.uses_api_key and not self._logged_in:
            await self.login()
        return await self.read_version()

    async def read_version(self) -> ServerVersion:
        """Read the application and WebAPI versions (the server may be upgraded)."""
        api_text = await self._text("GET", "app/webapiVersion")
        api = _parse_api_version(api_text)
        if api < MIN_API_VERSION:
            raise UnsupportedVersionError(
                f"WebAPI {api_text.strip()} is too old: qBittorrent 4.1 or newer is needed"
            )
        app = (await self._text("GET", "app/version")).strip()
        self.version = ServerVersion(app=app, api=api)
        self._transport.api_version = APIVersion(*api)
        return self.version

    async def probe(self) -> str:
        """Make the cheapest authenticated call; return the WebAPI version text."""
        return (await self._text("GET", "app/webapiVersion")).strip()

    async def login(self) -> None:
        """Log in with the username and password; one attempt, never retried.

        Once the server has refused them, no further login is sent: the same
        credentials would be refused again and bring a ban closer.
        """
        async with self._login_lock:
            await self._login_locked()

    async def _login_locked(self) -> None:
        if self._credentials_refused:
            raise AuthenticationError(f"{self.url} refused the username or password")
        response = await self._transport.raw(
            "POST",
            "auth/login",
            data={"username": self.username, "password": self._password},
        )
        body = (await response.read()).strip()
        if response.status == 403:
            raise BannedError(
                f"{self.url} has banned this address after too many failed logins;"
                " it lifts the ban after a while (an hour by default) or when"
                " qBittorrent restarts"
            )
        if response.status == 401 or (
            response.status == 200 and body == _LOGIN_FAILED_BODY
        ):
            self._credentials_refused = True
            raise AuthenticationError(f"{self.url} refused the username or password")
        if response.status not in (200, 204) or body not in _LOGIN_OK_BODIES:
            raise _unexpected(response, self.url, body)
        self._logged_in = True
        self._session_generation += 1

    async def send(
        self, method: str, endpoint: str, *, params: Any = None, data: Any = None
    ) -> aiohttp.ClientResponse:
        """Send an API call and return its response, body already read."""
        if not self.uses_api_key and not self._logged_in:
            await self.login()
        generation = self._session_generation
        response = await self._transport.raw(method, endpoint, params=params, data=data)
        if response.status == 403:
            if self.uses_api_key:
                raise AuthenticationError(f"{self.url} refused the API key")
            # The session expired (qBittorrent restarted or timed it out): log in
            # once, unless another call already did, and try this call once more.
            async with self._login_lock:
                if generation == self._session_generation:
                    await self._login_locked()
            response = await self._transport.raw(
                method, endpoint, params=params, data=data
            )
            if response.status == 403:
                raise UnexpectedResponseError(
                    f"{self.url} accepted the login but refused the session that"
                    " followed; a reverse proxy may be dropping the session cookie",
                    403,
                )
        return await _successful(response, self.url)

    async def _text(
        self, method: str, endpoint: str, *, params: Any = None, data: Any = None
    ) -> str:
        response = await self.send(method, endpoint, params=params, data=data)
        return (await response.read()).decode("utf-8", "replace")

    async def maindata(self, rid: int) -> Body:
        """Return the body of the sync/maindata reply since `rid` (0: everything).

        The body is JSON for `sync.reply_steps` or `sync.parse_reply` to parse:
        a first sync can be tens of megabytes, parsed in steps. Only a body
        that cannot be a JSON object is refused here.
        """
        response = await self.send("GET", "sync/maindata", params={"rid": rid})
        body = await response.read()
        if not _looks_like_an_object(body):
            raise UnexpectedResponseError(
                f"{self.url} sent a reply that is not valid JSON", response.status
            )
        return body

    async def ensure_connected(self) -> ServerVersion:
        """The server's versions, connecting first if they are not known yet.

        Endpoints depend on the version (stop/start or pause/resume), so
        nothing is sent to a server never connected to (set up during a ban).
        """
        return self.version or await self.connect()

    async def set_alternative_speed(self, enabled: bool) -> None:
        """Turn the alternative speed limits on or off."""
        # qBittorrent only offers a toggle; asking first keeps a stale state
        # from flipping the mode the wrong way.
        mode = await self._text("GET", "transfer/speedLimitsMode")
        if (mode.strip() == "1") != enabled:
            await self._text("POST", "transfer/toggleSpeedLimitsMode")

    async def set_speed_limits(
        self, *, download: int | None = None, upload: int | None = None
    ) -> None:
        """Set the global limits in bytes per second (0: unlimited)."""
        if download is not None:
            await self._transport.transfer.set_download_limit(download)
        if upload is not None:
            await self._transport.transfer.set_upload_limit(upload)

    async def start(self, hashes: Hashes) -> None:
        """Start (resume, before 5.x) torrents."""
        await self._transport.torrents.start(hashes)

    async def stop(self, hashes: Hashes) -> None:
        """Stop (pause, before 5.x) torrents."""
        await self._transport.torrents.stop(hashes)

    async def recheck(self, hashes: Hashes) -> None:
        """Recheck torrents' data."""
        await self._transport.torrents.recheck(hashes)

    async def reannounce(self, hashes: Hashes) -> None:
        """Reannounce torrents to their trackers."""
        await self._transport.torrents.reannounce(hashes)

    async def delete(self, hashes: Hashes, *, delete_files: bool) -> None:
        """Remove torrents; their data is deleted only when `delete_files` is set."""
        await self._transport.torrents.delete(hashes, delete_files)

    async def set_category(self, hashes: Hashes, category: str) -> None:
        """Move torrents to a category ("" removes it), creating it if it is new."""
        try:
            await self._transport.torrents.set_category(hashes, category)
        except RequestRejectedError as err:
            # qBittorrent answers 409 for a category it does not know; adding a
            # torrent creates one on the fly, so setting one does too.
            if err.status != 409 or not category:
                raise
            await self.create_category(category, "")
            await self._transport.torrents.set_category(hashes, category)

    async def add_tags(self, hashes: Hashes, tags: Iterable[str]) -> None:
        """Add tags to torrents."""
        await self._transport.torrents.add_tags(hashes, tags)

    async def remove_tags(self, hashes: Hashes, tags: Iterable[str]) -> None:
        """Remove tags from torrents."""
        await self._transport.torrents.remove_tags(hashes, tags)

    async def set_torrent_limits(
        self,
        hashes: Hashes,
        *,
        download: int | None = None,
        upload: int | None = None,
    ) -> None:
        """Set per-torrent rate limits in bytes per second (0: unlimited)."""
        if download is not None:
            await self._transport.torrents.set_download_limit(hashes, download)
        if upload is not None:
            await self._transport.torrents.set_upload_limit(hashes, upload)

    async def set_share_limits(
        self,
        hashes: Hashes,
        *,
        ratio_limit: float,
        seeding_time_limit: int,
        inactive_seeding_time_limit: int,
    ) -> None:
        """Set per-torrent share limits (-2: global, -1: none)."""
        # qBittorrent 5.x also requires the action and mode taken when a limit
        # is reached; "Default" defers to the server's global choice. Older
        # servers ignore parameters they do not know.
        await self._text(
            "POST",
            "torrents/setShareLimits",
            data={
                "hashes": _hashes_param(hashes),
                "ratioLimit": str(ratio_limit),
                "seedingTimeLimit": str(seeding_time_limit),
                "inactiveSeedingTimeLimit": str(inactive_seeding_time_limit),
                "shareLimitAction": "Default",
                "shareLimitsMode": "Default",
            },
        )

    async def add(
        self,
        *,
        urls: Sequence[str] = (),
        files: Sequence[tuple[str, bytes]] = (),
        options: Mapping[str, Any] | None = None,
    ) -> list[str]:
        """Add torrents; return the hashes the server reports (WebAPI 2.14+).

        `options` keys: save_path, category, tags, stopped, sequential_download,
        first_last_piece_prio, skip_checking, download_limit, upload_limit.
        """
        form = _add_form(self._transport, urls, files, options or {})
        response = await self.send("POST", "torrents/add", data=form)
        body = (await response.read()).strip()
        if body == _LOGIN_FAILED_BODY:
            raise RequestRejectedError(f"{self.url} could not add the torrent", 415)
        if not body.startswith(b"{"):
            return []
        try:
            reply = orjson.loads(body)
        except orjson.JSONDecodeError:
            return []
        ids = reply.get("added_torrent_ids") if isinstance(reply, dict) else None
        if isinstance(ids, list):
            return [str(item) for item in ids]
        return []

    # Single torrents, queue positions, categories and tags, copying ---------

    async def set_location(self, hashes: Hashes, location: str) -> None:
        """Move torrents' data to another folder (turns automatic management off)."""
        await self._text(
            "POST",
            "torrents/setLocation",
            data={"hashes": _hashes_param(hashes), "location": location},
        )

    async def move_in_queue(
        self, hashes: Hashes, direction: Literal["top", "bottom", "up", "down"]
    ) -> None:
        """Move torrents in the download queue; QueueingDisabledError while it is off."""
        try:
            await self._text(
                "POST",
                QUEUE_ENDPOINTS[direction],
                data={"hashes": _hashes_param(hashes)},
            )
        except RequestRejectedError as err:
            if err.status != 409:
                raise
            raise QueueingDisabledError(
                f"{self.url} has torrent queueing turned off", err.status
            ) from err

    async def set_force_start(self, hashes: Hashes, value: bool) -> None:
        """Force-start torrents (past the queue's limits), or give them back to it."""
        await self._set_flag("torrents/setForceStart", "value", hashes, value)

    async def set_super_seeding(self, hashes: Hashes, value: bool) -> None:
        """Turn super seeding on or off."""
        await self._set_flag("torrents/setSuperSeeding", "value", hashes, value)

    async def set_auto_management(self, hashes: Hashes, value: bool) -> None:
        """Turn automatic torrent management on or off."""
        await self._set_flag("torrents/setAutoManagement", "enable", hashes, value)

    async def _set_flag(
        self, endpoint: str, field: str, hashes: Hashes, value: bool
    ) -> None:
        await self._text(
            "POST",
            endpoint,
            data={"hashes": _hashes_param(hashes), field: "true" if value else "false"},
        )

    async def rename(self, torrent_id: str, name: str) -> None:
        """Rename one torrent (its name in qBittorrent, not its files)."""
        async with self._about_torrent(torrent_id):
            await self._text(
                "POST", "torrents/rename", data={"hash": torrent_id, "name": name}
            )

    async def files(self, torrent_id: str) -> list[TorrentFile]:
        """The files of one torrent; none while it has no metadata."""
        async with self._about_torrent(torrent_id):
            reply = await self._json_list(
                "torrents/files", "a file list", params={"hash": torrent_id}
            )
        # Before WebAPI 2.8.2 the files carry no index: it is their position.
        return [
            TorrentFile(
                index=_whole(item.get("index"), position),
                name=str(item.get("name", "")),
                size=_whole(item.get("size"), 0),
                progress=_fraction(item.get("progress")),
                priority=_whole(item.get("priority"), 0),
            )
            for position, item in enumerate(reply)
            if isinstance(item, dict)
        ]

    async def set_file_priority(
        self, torrent_id: str, indexes: Iterable[int], priority: int
    ) -> None:
        """Set the priority of some of a torrent's files (0 skips them)."""
        try:
            async with self._about_torrent(torrent_id):
                await self._text(
                    "POST",
                    "torrents/filePrio",
                    data={
                        "hash": torrent_id,
                        "id": "|".join(str(index) for index in indexes),
                        "priority": str(priority),
                    },
                )
        except RequestRejectedError as err:
            if err.status == 409 and "metadata" in str(err):
                raise MetadataMissingError(
                    f"{self.url} has no metadata for {torrent_id} yet", 409
                ) from err
            raise

    async def create_category(self, name: str, save_path: str) -> None:
        """Create a category ("" save path: the default one)."""
        await self._text(
            "POST",
            "torrents/createCategory",
            data={"category": name, "savePath": save_path},
        )

    async def edit_category(self, name: str, save_path: str) -> None:
        """Change the save path of a category."""
        await self._text(
            "POST",
            "torrents/editCategory",
            data={"category": name, "savePath": save_path},
        )

    async def remove_categories(self, names: Iterable[str]) -> None:
        """Remove categories; their torrents keep running, uncategorised."""
        await self._text(
            "POST", "torrents/removeCategories", data={"categories": "\n".join(names)}
        )

    async def categories(self) -> dict[str, str]:
        """Every category, with its save path ("" for the default one)."""
        reply = await self._json("torrents/categories")
        if not isinstance(reply, dict):
            raise UnexpectedResponseError(
                f"{self.url} sent categories that are not an object"
            )
        return {
            str(name): str(value.get("savePath") or "")
            if isinstance(value, dict)
            else ""
            for name, value in reply.items()
        }

    async def tags(self) -> list[str]:
        """Every tag the server has."""
        reply = await self._json_list("torrents/tags", "tags")
        return [tag for tag in reply if isinstance(tag, str)]

    async def create_tags(self, tags: Iterable[str]) -> None:
        """Create tags (ones that exist already stay as they are)."""
        await self._text("POST", "torrents/createTags", data={"tags": ",".join(tags)})

    async def delete_tags(self, tags: Iterable[str]) -> None:
        """Delete tags from the server and from every torrent that has them."""
        await self._text("POST", "torrents/deleteTags", data={"tags": ",".join(tags)})

    async def torrents_info(self, torrent_ids: Sequence[str]) -> list[dict[str, Any]]:
        """What torrents/info says about these torrents (the unknown ones are left out).

        The ids go in the address, a batch at a time: a reverse proxy refuses
        a long one (nginx by default at 8 KB).
        """
        listed: list[dict[str, Any]] = []
        for first in range(0, len(torrent_ids), _IDS_PER_ADDRESS):
            batch = torrent_ids[first : first + _IDS_PER_ADDRESS]
            reply = await self._json_list(
                "torrents/info", "a torrent list", params={"hashes": "|".join(batch)}
            )
            listed += [item for item in reply if isinstance(item, dict)]
        return listed

    async def export(self, torrent_id: str) -> bytes | None:
        """The torrent's .torrent file; None where the server cannot give one.

        Servers before WebAPI 2.8.14 cannot export at all, and no server can
        while a torrent has no metadata yet (it answers 409).
        """
        version = await self.ensure_connected()
        if not version.can_export:
            return None
        try:
            async with self._about_torrent(torrent_id):
                response = await self.send(
                    "GET", "torrents/export", params={"hash": torrent_id}
                )
        except RequestRejectedError as err:
            if isinstance(err, TorrentNotFoundError) or err.status != 409:
                raise
            return None
        return bytes(await response.read())

    async def trackers(self, torrent_id: str) -> list[str]:
        """The tracker URLs of a torrent, without DHT, PeX and LSD."""
        async with self._about_torrent(torrent_id):
            reply = await self._json("torrents/trackers", params={"hash": torrent_id})
        if not isinstance(reply, list):
            return []
        return [
            url
            for item in reply
            if isinstance(item, dict)
            and isinstance(url := item.get("url"), str)
            and url
            and not url.startswith(_PSEUDO_TRACKER_PREFIX)
        ]

    async def _json(self, endpoint: str, *, params: Any = None) -> Any:
        """A JSON reply read with GET."""
        response = await self.send("GET", endpoint, params=params)
        try:
            return orjson.loads(await response.read())
        except orjson.JSONDecodeError as err:
            raise UnexpectedResponseError(
                f"{self.url} sent a reply that is not valid JSON", response.status
            ) from err

    async def _json_list(
        self, endpoint: str, what: str, *, params: Any = None
    ) -> list[Any]:
        """A JSON list read with GET; `what` names it in the error when it is not one."""
        reply = await self._json(endpoint, params=params)
        if not isinstance(reply, list):
            raise UnexpectedResponseError(f"{self.url} sent {what} that is not a list")
        return reply

    @asynccontextmanager
    async def _about_torrent(self, torrent_id: str) -> AsyncIterator[None]:
        """Turn the 404 of a call naming one torrent into TorrentNotFoundError.

        Once logged in, the API is known to be there: a 404 from an endpoint
        that takes a hash means the server has no such torrent.
        """
        try:
            yield
        except UnexpectedResponseError as err:
            if err.status != 404:
                raise
            raise TorrentNotFoundError(
                f"{self.url} has no torrent {torrent_id}", 404
            ) from err

    async def preferences(self) -> dict[str, Any]:
        """Return the server's preferences (app/preferences), rates in bytes/s."""
        response = await self.send("GET", "app/preferences")
        body = await response.read()
        try:
            reply = orjson.loads(body)
        except orjson.JSONDecodeError:
            reply = None
        if not isinstance(reply, dict):
            raise UnexpectedResponseError(
                f"{self.url} sent preferences that are not a JSON object",
                response.status,
            )
        return reply

    async def set_preferences(self, values: Mapping[str, int | bool]) -> None:
        """Change preferences (app/setPreferences); rates in bytes/s."""
        await self._text(
            "POST",
            "app/setPreferences",
            data={"json": orjson.dumps(dict(values)).decode()},
        )

    async def close(self) -> None:
        """Forget the session; the injected aiohttp session stays open."""
        self._logged_in = False
        await self._transport.close()


def _looks_like_an_object(body: Body) -> bool:
    """Whether a body starts with "{" and ends with "}", white space aside.

    Checked at both ends only: stripping a bytearray would copy all of it.
    """
    first, last = 0, len(body) - 1
    while first <= last and body[first] in _JSON_WHITESPACE:
        first += 1
    while last > first and body[last] in _JSON_WHITESPACE:
        last -= 1
    return first < last and body[first] == 0x7B and body[last] == 0x7D


def _hashes_param(hashes: Hashes) -> str:
    return "all" if hashes == "all" else "|".join(hashes)


def _whole(value: object, default: int) -> int:
    """A whole number from a JSON number (never a boolean); else `default`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return int(value)


def _fraction(value: object) -> float:
    """A progress from 0 to 1; anything else reads as 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return min(max(float(value), 0.0), 1.0)


def _add_form(
    transport: _Transport,
    urls: Sequence[str],
    files: Sequence[tuple[str, bytes]],
    options: Mapping[str, Any],
) -> aiohttp.FormData:
    builder = AddFormBuilder.with_client(transport)
    for url in urls:
        builder = builder.include_url(url)
    for filename, content in files:
        builder = builder.include_file(content, filename)
    if (save_path := options.get("save_path")) is not None:
        builder = builder.savepath(save_path)
    if (category := options.get("category")) is not None:
        builder = builder.category(category)
    if tags := options.get("tags"):
        builder = builder.tags(tags)
    if (stopped := options.get("stopped")) is not None:
        builder = builder.stopped(stopped)
    if (sequential := options.get("sequential_download")) is not None:
        builder = builder.sequential_download(sequential)
    if (first_last := options.get("first_last_piece_prio")) is not None:
        builder = builder.first_last_piece_prio(first_last)
    if (skip := options.get("skip_checking")) is not None:
        builder = builder.skip_checking(skip)
    if (download := options.get("download_limit")) is not None:
        builder = builder.dl_limit(download)
    if (upload := options.get("upload_limit")) is not None:
        builder = builder.up_limit(upload)
    return builder.build()


def _unexpected(
    response: aiohttp.ClientResponse, url: str, body: bytes
) -> UnexpectedResponseError:
    status = response.status
    if status in (502, 503, 504):
        return UnexpectedResponseError(
            f"{url} answered with HTTP {status}: a reverse proxy in front of"
            " qBittorrent could not reach it, or qBittorrent is overloaded",
            status,
        )
    if status >= 500:
        return UnexpectedResponseError(
            f"{url} answered with server error {status}", status
        )
    if status == 404:
        return UnexpectedResponseError(
            f"{url} has no qBittorrent API at {API_PATH}; check the path prefix", 404
        )
    content_type = response.headers.get("Content-Type", "")
    if "html" in content_type or body[:64].lstrip()[:1] == b"<":
        return UnexpectedResponseError(
            f"{url} answered with a web page instead of the qBittorrent API;"
            " check the URL and any reverse proxy in front of it",
            status,
        )
    return UnexpectedResponseError(
        f"{url} answered with an unexpected reply (HTTP {status})", status
    )


async def _successful(
    response: aiohttp.ClientResponse, url: str
) -> aiohttp.ClientResponse:
    """The response of a call that succeeded; otherwise the error to raise."""
    body = await response.read()
    status = response.status
    if 200 <= status < 300:
        if "text/html" in response.headers.get("Content-Type", ""):
            raise _unexpected(response, url, body)
        return response
    if status in (400, 409, 415):
        detail = body.decode("utf-8", "replace").strip()[:200]
        raise RequestRejectedError(
            f"{url} rejected the request (HTTP {status}){': ' + detail if detail else ''}",
            status,
        )
    if status == 401:
        raise AuthenticationError(f"{url} refused the credentials")
    raise _unexpected(response, url, body)
