"""What differs between qBittorrent 4.2, 4.5, 5.1 and 5.3 on the wire, as observed on real servers.

Each line is the build one Debian suite ships (bullseye 4.2.5, bookworm 4.5.2,
trixie 5.1.0, forky 5.3.0); tests/contract checks every difference here
against the real server of each line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

type FlavourName = Literal["4.2", "4.5", "5.1", "5.3"]

BANNED_MESSAGE = (
    "Your IP address has been banned after too many failed authentication attempts."
)
TEXT_UTF8 = "text/plain; charset=UTF-8"


@dataclass(frozen=True, slots=True, kw_only=True)
class Flavour:
    """One qBittorrent release line as its WebAPI behaves."""

    name: FlavourName
    app_version: str
    api_version: str
    # WebAPI 2.11 (5.0) renamed pause/resume to stop/start and paused* states
    # to stopped*.
    stop_start: bool
    # 5.2 answers a login with 204 (401 when refused) instead of 200 "Ok."
    # ("Fails."), and names the session cookie after the port.
    login_204: bool
    has_api_key: bool
    # 4.2 answers 400, 403, 404 and 405 with an empty body and no Content-Type.
    error_bodies: bool
    # 5.2+ words its 404 and 400 replies ("Endpoint does not exist",
    # "Missing required parameters: ...").
    detailed_errors: bool
    # 4.2 sends "text/plain" without a charset.
    text_content_type: str
    # 4.2 serves actions to GET as well as POST.
    actions_need_post: bool
    # 5.x leaves empty torrents/categories/tags/trackers out of a full update.
    omits_empty_collections: bool
    # 4.x answers every rid=0 request with rid 1; 5.x keeps counting per session.
    rid_restarts_on_zero: bool
    # sync/maindata has a "trackers" map from WebAPI 2.8 (4.4) on.
    sends_trackers: bool
    # torrents/add reads "tags" from WebAPI 2.7 (4.3.2) on; 4.2 ignores them.
    add_reads_tags: bool
    # Adding a torrent the server has: 4.2 says "Ok." and does nothing.
    duplicate_add_fails: bool
    # torrents/add answers JSON with the added ids from WebAPI 2.14 (5.2) on.
    add_returns_json: bool
    # Required parameters of torrents/setShareLimits.
    share_limit_params: tuple[str, ...]
    # torrents/editCategory for a category the server lacks: 409 "Unable to
    # edit category" before 5.2, 404 "Category does not exist" since.
    missing_category_status: int = 409
    # The priority torrents/files reports for a file nobody changed: 4.2
    # passes libtorrent's default of 4 through.
    default_file_priority: int = 1

    @property
    def api(self) -> tuple[int, ...]:
        """The WebAPI version as numbers."""
        return tuple(int(part) for part in self.api_version.split("."))

    @property
    def files_have_index(self) -> bool:
        """Whether torrents/files gives each file its index (WebAPI 2.8.2)."""
        return self.api >= (2, 8, 2)

    @property
    def can_export(self) -> bool:
        """Whether torrents/export exists (WebAPI 2.8.14, qBittorrent 4.5)."""
        return self.api >= (2, 8, 14)

    @property
    def stop_endpoint(self) -> str:
        """The endpoint that stops torrents ("pause" before 5.0)."""
        return "stop" if self.stop_start else "pause"

    @property
    def start_endpoint(self) -> str:
        """The endpoint that starts torrents ("resume" before 5.0)."""
        return "start" if self.stop_start else "resume"

    @property
    def stopped_prefix(self) -> str:
        """Prefix of the states of stopped torrents ("paused"/"stopped")."""
        return "stopped" if self.stop_start else "paused"

    @property
    def stopped_filter(self) -> str:
        """Name of the torrents/info filter for stopped torrents ("paused"/"stopped")."""
        return self.stopped_prefix

    @property
    def running_filter(self) -> str:
        """Name of the torrents/info filter for running torrents."""
        return "running" if self.stop_start else "resumed"

    @property
    def add_stopped_field(self) -> str:
        """The torrents/add field that adds torrents stopped."""
        return self.stopped_prefix

    @property
    def not_found_body(self) -> str:
        """Body of the 404 reply for an endpoint that does not exist."""
        if not self.error_bodies:
            return ""
        return "Endpoint does not exist" if self.detailed_errors else "Not Found"

    def error_body(self, text: str) -> str:
        """Body of a plain error reply ("Forbidden", ...) on this line."""
        return text if self.error_bodies else ""

    def cookie_name(self, port: int) -> str:
        """Name of the session cookie."""
        return f"QBT_SID_{port}" if self.login_204 else "SID"

    def missing_params_body(self, missing: Sequence[str]) -> str:
        """Body of the 400 reply for missing required parameters."""
        if not self.detailed_errors:
            return self.error_body("Bad Request")
        return "Missing required parameters: " + ", ".join(missing)

    def state_name(self, state: str) -> str:
        """A torrent state spelled the way this flavour spells it."""
        for old, new in (("paused", "stopped"), ("stopped", "paused")):
            if state.startswith(old) and self.stopped_prefix == new:
                return new + state[len(old) :]
        return state


_SHARE_LIMITS_4X = ("hashes", "ratioLimit", "seedingTimeLimit")

FLAVOURS: dict[FlavourName, Flavour] = {
    "4.2": Flavour(
        name="4.2",
        app_version="v4.2.5",
        api_version="2.5.1",
        stop_start=False,
        login_204=False,
        has_api_key=False,
        error_bodies=False,
        detailed_errors=False,
        text_content_type="text/plain",
        actions_need_post=False,
        omits_empty_collections=False,
        rid_restarts_on_zero=True,
        sends_trackers=False,
        add_reads_tags=False,
        duplicate_add_fails=False,
        add_returns_json=False,
        share_limit_params=_SHARE_LIMITS_4X,
        default_file_priority=4,
    ),
    "4.5": Flavour(
        name="4.5",
        app_version="v4.5.2",
        api_version="2.8.19",
        stop_start=False,
        login_204=False,
        has_api_key=False,
        error_bodies=True,
        detailed_errors=False,
        text_content_type=TEXT_UTF8,
        actions_need_post=True,
        omits_empty_collections=False,
        rid_restarts_on_zero=True,
        sends_trackers=True,
        add_reads_tags=True,
        duplicate_add_fails=True,
        add_returns_json=False,
        share_limit_params=_SHARE_LIMITS_4X,
    ),
    "5.1": Flavour(
        name="5.1",
        app_version="v5.1.0",
        api_version="2.11.4",
        stop_start=True,
        login_204=False,
        has_api_key=False,
        error_bodies=True,
        detailed_errors=False,
        text_content_type=TEXT_UTF8,
        actions_need_post=True,
        omits_empty_collections=True,
        rid_restarts_on_zero=False,
        sends_trackers=True,
        add_reads_tags=True,
        duplicate_add_fails=True,
        add_returns_json=False,
        share_limit_params=(*_SHARE_LIMITS_4X, "inactiveSeedingTimeLimit"),
    ),
    "5.3": Flavour(
        name="5.3",
        app_version="v5.3.0",
        api_version="2.16.2",
        stop_start=True,
        login_204=True,
        has_api_key=True,
        error_bodies=True,
        detailed_errors=True,
        text_content_type=TEXT_UTF8,
        actions_need_post=True,
        omits_empty_collections=True,
        rid_restarts_on_zero=False,
        sends_trackers=True,
        add_reads_tags=True,
        duplicate_add_fails=True,
        add_returns_json=True,
        share_limit_params=(
            *_SHARE_LIMITS_4X,
            "inactiveSeedingTimeLimit",
            "shareLimitAction",
            "shareLimitsMode",
        ),
        missing_category_status=404,
    ),
}
