"""The WebAPI endpoints of the fake server: parameters in, model changes, replies out.

Authentication, sessions and misbehaviour live in server.py; by the time a
handler runs, the caller is authorised, the method is allowed and the required
parameters are present — checked in that order, as qBittorrent does.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from functools import partial
import time
from typing import TYPE_CHECKING, Any, Protocol
import urllib.parse

from aiohttp import web
import orjson

from tests.torrent_files import MetaInfo, TorrentDecodeError, read_metainfo

from .flavours import Flavour
from .maindata import SyncSession
from .model import AddOptions, ConflictError, ServerModel
from .records import split_tags
from .sync_replies import maindata_reply

if TYPE_CHECKING:
    from collections.abc import Mapping

TEXT = "text/plain; charset=UTF-8"
JSON = "application/json"


@dataclass(slots=True)
class Reply:
    """A reply before it becomes an HTTP response (misbehaviour may still alter it)."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = TEXT
    headers: list[tuple[str, str]] = field(default_factory=list)
    reset: bool = False


def text_reply(body: str, status: int = 200) -> Reply:
    """A text/plain reply."""
    return Reply(status=status, body=body.encode())


def json_reply(value: Any, status: int = 200) -> Reply:
    """An application/json reply."""
    return Reply(status=status, body=orjson.dumps(value), content_type=JSON)


@dataclass(frozen=True, slots=True)
class Call:
    """One authorised API call."""

    request: web.Request
    params: dict[str, str]
    files: list[tuple[str, bytes]]
    sync: SyncSession


type Handler = Callable[[Call], Reply]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A handler, whether GET is allowed, and the parameters it requires."""

    handler: Handler
    read_only: bool = False
    required: tuple[str, ...] = ()


class ServerFacts(Protocol):
    """What the endpoints need to know about the server they belong to."""

    flavour: Flavour
    model: ServerModel
    username: str
    max_auth_failures: int
    ban_seconds: float
    session_timeout: float
    add_lag: int

    @property
    def port(self) -> int:
        """Port the server listens on."""
        ...

    def rotate_api_key(self) -> str:
        """Replace the API key and return the new one."""
        ...

    def end_session(self, request: web.Request) -> str:
        """Forget the caller's session; return the session cookie's name."""
        ...

    def forget_unneeded_history(self) -> None:
        """Drop change history no session can ask about any more."""
        ...

    def add_later(self, add: Callable[[], object]) -> None:
        """Carry out a torrents/add once `add_lag` more requests are answered."""
        ...


def as_int(value: str | None, default: int = 0) -> int:
    """qBittorrent's toInt(): anything unparsable is the default."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def as_bool(value: str | None) -> bool:
    """qBittorrent's reading of a boolean parameter: "true" in any case, else false."""
    return (value or "").strip().lower() == "true"


@dataclass(frozen=True, slots=True)
class MagnetTarget:
    """What a magnet link names: the torrent id, a display name, trackers."""

    info_hash: str
    name: str | None
    trackers: list[str]


def magnet_target(url: str) -> MagnetTarget | None:
    """The torrent a magnet link names, or None for anything else.

    A v1 topic (urn:btih:) names the torrent by its hash; a v2-only one
    (urn:btmh:1220...) by its SHA-256 hash cut to 40 digits, as qBittorrent
    names v2-only torrents.
    """
    if not url.lower().startswith("magnet:?"):
        return None
    query = urllib.parse.parse_qs(url[len("magnet:?") :])
    name = query["dn"][0] if query.get("dn") else None
    trackers = list(dict.fromkeys(query.get("tr", [])))
    v2_id = None
    for topic in query.get("xt", []):
        scheme, value = topic[:9].lower(), topic[9:]
        if scheme == "urn:btih:" and len(value) == 40:
            return MagnetTarget(value.lower(), name, trackers)
        if scheme == "urn:btih:" and len(value) == 32:
            return MagnetTarget(base64.b32decode(value.upper()).hex(), name, trackers)
        if scheme == "urn:btmh:" and len(value) == 68 and value.startswith("1220"):
            v2_id = value[4:44].lower()
    return None if v2_id is None else MagnetTarget(v2_id, name, trackers)


class EndpointGroup:
    """Handlers acting on one server and its model, by "group/name"."""

    def __init__(self, server: ServerFacts) -> None:
        """Handlers acting on `server` and its model."""
        self._server = server
        self._model = server.model


class Endpoints(EndpointGroup):
    """Handlers for every endpoint the fake serves, by "group/name"."""

    def table(self) -> dict[str, Endpoint]:
        """The endpoints of this flavour (the other flavour's names are absent: 404)."""
        model = self._model
        flavour = self._server.flavour
        read = {
            "app/version": self._constant(flavour.app_version),
            "app/webapiVersion": self._constant(flavour.api_version),
            "app/preferences": self._preferences,
            "sync/maindata": self._maindata,
            "transfer/info": lambda call: json_reply(model.transfer_info()),
            "transfer/speedLimitsMode": self._speed_limits_mode,
            "transfer/downloadLimit": self._global_limit("dl"),
            "transfer/uploadLimit": self._global_limit("up"),
            "torrents/info": lambda call: json_reply(model.torrents_info(call.params)),
            "torrents/categories": lambda call: json_reply(model.categories),
            "torrents/tags": lambda call: json_reply(sorted(model.tags)),
        }
        table = {
            name: Endpoint(handler, read_only=True) for name, handler in read.items()
        }
        actions: dict[str, tuple[Handler, tuple[str, ...]]] = {
            "auth/logout": (self._logout, ()),
            "app/setPreferences": (self._set_preferences, ("json",)),
            "transfer/toggleSpeedLimitsMode": (self._toggle_speed_limits, ()),
            "transfer/setDownloadLimit": (self._set_global_limit("dl"), ("limit",)),
            "transfer/setUploadLimit": (self._set_global_limit("up"), ("limit",)),
            "torrents/add": (self._add, ()),
            f"torrents/{flavour.stop_endpoint}": (self._each(model.stop), ("hashes",)),
            f"torrents/{flavour.start_endpoint}": (
                self._each(model.start),
                ("hashes",),
            ),
            "torrents/delete": (self._each(model.delete), ("hashes", "deleteFiles")),
            "torrents/recheck": (self._each(model.recheck), ("hashes",)),
            "torrents/reannounce": (self._each(lambda hashes: None), ("hashes",)),
            "torrents/setCategory": (self._set_category, ("hashes", "category")),
            "torrents/createCategory": (self._create_category, ("category",)),
            "torrents/removeCategories": (self._remove_categories, ("categories",)),
            "torrents/createTags": (self._create_tags, ("tags",)),
            "torrents/deleteTags": (self._delete_tags, ("tags",)),
            "torrents/addTags": (self._add_tags, ("hashes", "tags")),
            "torrents/removeTags": (self._remove_tags, ("hashes",)),
            "torrents/setDownloadLimit": (
                self._torrent_limit("dl_limit"),
                ("hashes", "limit"),
            ),
            "torrents/setUploadLimit": (
                self._torrent_limit("up_limit"),
                ("hashes", "limit"),
            ),
            "torrents/setShareLimits": (
                self._share_limits,
                flavour.share_limit_params,
            ),
        }
        if flavour.has_api_key:
            actions["app/rotateAPIKey"] = (self._rotate_api_key, ())
        table.update(
            (name, Endpoint(handler, required=required))
            for name, (handler, required) in actions.items()
        )
        return table

    # -- factories for similar handlers -----------------------------------------

    @staticmethod
    def _constant(text: str) -> Handler:
        return lambda call: text_reply(text)

    def _each(self, action: Callable[[list[str]], None]) -> Handler:
        def handler(call: Call) -> Reply:
            action(self._model.resolve(call.params["hashes"]))
            return text_reply("")

        return handler

    def _global_limit(self, direction: str) -> Handler:
        return lambda call: text_reply(str(self._model.global_limit(direction)))

    def _set_global_limit(self, direction: str) -> Handler:
        def handler(call: Call) -> Reply:
            self._model.set_global_limit(direction, as_int(call.params["limit"]))
            return text_reply("")

        return handler

    def _torrent_limit(self, field_name: str) -> Handler:
        def handler(call: Call) -> Reply:
            hashes = self._model.resolve(call.params["hashes"])
            self._model.set_torrent_limit(
                hashes, field_name, as_int(call.params["limit"])
            )
            return text_reply("")

        return handler

    # -- app, auth, sync, transfer -------------------------------------------------

    def _logout(self, call: Call) -> Reply:
        name = self._server.end_session(call.request)
        reply = text_reply("")
        expired = formatdate(time.time() - 86_400, usegmt=True)
        reply.headers.append(("Set-Cookie", f"{name}=; expires={expired}; path=/"))
        return reply

    def _rotate_api_key(self, call: Call) -> Reply:
        return json_reply({"apiKey": self._server.rotate_api_key()})

    def _preferences(self, call: Call) -> Reply:
        server, model = self._server, self._model
        return json_reply(
            {
                "locale": "en",
                "save_path": model.downloads_dir,
                **model.preferences(),
                "dht": True,
                "pex": True,
                "lsd": True,
                "web_ui_port": server.port,
                "web_ui_username": server.username,
                "web_ui_max_auth_fail_count": server.max_auth_failures,
                "web_ui_ban_duration": int(server.ban_seconds),
                "web_ui_session_timeout": int(server.session_timeout),
                "scheduler_enabled": False,
            }
        )

    def _set_preferences(self, call: Call) -> Reply:
        # qBittorrent answers 200 to anything, and changes nothing for a body
        # that is not a JSON object.
        try:
            values = orjson.loads(call.params["json"])
        except orjson.JSONDecodeError:
            return text_reply("")
        if isinstance(values, dict):
            self._model.set_preferences(values)
        return text_reply("")

    def _maindata(self, call: Call) -> Reply:
        reply = maindata_reply(self._model, call.sync, as_int(call.params.get("rid")))
        self._server.forget_unneeded_history()
        return json_reply(reply)

    def _speed_limits_mode(self, call: Call) -> Reply:
        return text_reply("1" if self._model.alt_speed_enabled else "0")

    def _toggle_speed_limits(self, call: Call) -> Reply:
        self._model.toggle_alt_speed()
        return text_reply("")

    # -- categories and tags ---------------------------------------------------------

    def _set_category(self, call: Call) -> Reply:
        hashes = self._model.resolve(call.params["hashes"])
        try:
            self._model.set_category(hashes, call.params["category"])
        except ConflictError as err:
            return text_reply(str(err), 409)
        return text_reply("")

    def _create_category(self, call: Call) -> Reply:
        if not call.params["category"]:
            return text_reply("Category cannot be empty", 400)
        try:
            self._model.create_category(
                call.params["category"], call.params.get("savePath", "")
            )
        except ConflictError as err:
            return text_reply(str(err), 409)
        return text_reply("")

    def _remove_categories(self, call: Call) -> Reply:
        self._model.remove_categories(call.params["categories"].split("\n"))
        return text_reply("")

    def _create_tags(self, call: Call) -> Reply:
        self._model.tags.update(split_tags(call.params["tags"]))
        return text_reply("")

    def _delete_tags(self, call: Call) -> Reply:
        self._model.delete_tags(split_tags(call.params["tags"]))
        return text_reply("")

    def _add_tags(self, call: Call) -> Reply:
        hashes = self._model.resolve(call.params["hashes"])
        self._model.add_tags(hashes, split_tags(call.params["tags"]))
        return text_reply("")

    def _remove_tags(self, call: Call) -> Reply:
        hashes = self._model.resolve(call.params["hashes"])
        self._model.remove_tags(hashes, split_tags(call.params.get("tags", "")))
        return text_reply("")

    # -- limits ---------------------------------------------------------------------

    def _share_limits(self, call: Call) -> Reply:
        params = call.params
        try:
            ratio = float(params["ratioLimit"])
        except ValueError:
            ratio = -2.0
        inactive = params.get("inactiveSeedingTimeLimit")
        self._model.set_share_limits(
            self._model.resolve(params["hashes"]),
            ratio=ratio,
            seeding_time=as_int(params["seedingTimeLimit"], -2),
            inactive_seeding_time=None if inactive is None else as_int(inactive, -2),
            action=params.get("shareLimitAction"),
            mode=params.get("shareLimitsMode"),
        )
        return text_reply("")

    # -- adding ---------------------------------------------------------------------

    def _add_options(self, params: Mapping[str, str]) -> AddOptions:
        flavour = self._server.flavour
        return AddOptions(
            save_path=params.get("savepath") or None,
            category=params.get("category", ""),
            tags=split_tags(params.get("tags", "")) if flavour.add_reads_tags else [],
            # 4.x reads "paused", 5.x reads "stopped"; each ignores the other.
            stopped=as_bool(params.get(flavour.add_stopped_field)),
            skip_checking=as_bool(params.get("skip_checking")),
            sequential=as_bool(params.get("sequentialDownload")),
            first_last_piece=as_bool(params.get("firstLastPiecePrio")),
            dl_limit=as_int(params.get("dlLimit")),
            up_limit=as_int(params.get("upLimit")),
            rename=params.get("rename") or None,
        )

    def _adding(self, info_hash: str, add: Callable[[], bool]) -> bool:
        """Add now, or after the server's `add_lag` requests; False if already there."""
        if not self._server.add_lag:
            return add()
        if info_hash in self._model.store.torrents:
            return False
        self._server.add_later(add)
        return True

    def _add(self, call: Call) -> Reply:
        options = self._add_options(call.params)
        metas: list[tuple[MetaInfo, bytes]] = []
        for filename, content in call.files:
            try:
                metas.append((read_metainfo(content), content))
            except TorrentDecodeError:
                return text_reply(
                    f"Error: '{filename}' is not a valid torrent file.", 415
                )
        added: list[str] = []
        failed = pending = 0
        # qBittorrent adds asynchronously: a repeat within one request is not
        # known to it yet, so it counts as added twice.
        for url in (line.strip() for line in call.params.get("urls", "").split("\n")):
            if not url:
                continue
            magnet = magnet_target(url)
            if magnet is None:
                pending += 1  # fetched later by the server; never completes here
            elif magnet.info_hash in added or self._adding(
                magnet.info_hash,
                partial(
                    self._model.add_magnet,
                    magnet.info_hash,
                    magnet.name,
                    options,
                    magnet.trackers,
                ),
            ):
                added.append(magnet.info_hash)
            else:
                failed += 1
        for meta, content in metas:
            if meta.info_hash in added or self._adding(
                meta.info_hash,
                partial(self._model.add_metainfo, meta, options, content),
            ):
                added.append(meta.info_hash)
            else:
                failed += 1
        flavour = self._server.flavour
        if not flavour.add_returns_json:
            succeeded = added or pending or not flavour.duplicate_add_fails
            return text_reply("Ok." if succeeded else "Fails.")
        if not added and not pending:
            return text_reply("Conflict", 409)
        return json_reply(
            {
                "added_torrent_ids": added,
                "failure_count": failed,
                "pending_count": pending,
                "success_count": len(added),
            },
            status=202 if pending and not added else 200,
        )
