"""What differs between qBittorrent 4.5 and 5.3 on the wire, as observed on real servers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

type FlavourName = Literal["4.5", "5.3"]

BANNED_MESSAGE = (
    "Your IP address has been banned after too many failed authentication attempts."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Flavour:
    """One qBittorrent release line as its WebAPI behaves."""

    name: FlavourName
    app_version: str
    api_version: str
    # Torrent run control: 5.x renamed pause/resume to stop/start (WebAPI 2.11).
    stop_endpoint: str
    start_endpoint: str
    stopped_prefix: str
    running_filter: str
    add_stopped_field: str
    not_found_body: str
    has_api_key: bool
    # 5.x leaves empty torrents/categories/tags/trackers out of a full update.
    omits_empty_collections: bool
    # 4.5 answers every rid=0 request with rid 1; 5.3 keeps counting per session.
    rid_restarts_on_zero: bool
    # torrents/add answers JSON with the added ids from WebAPI 2.14 on.
    add_returns_json: bool

    @property
    def stopped_filter(self) -> str:
        """Name of the torrents/info filter for stopped torrents ("paused"/"stopped")."""
        return self.stopped_prefix

    def cookie_name(self, port: int) -> str:
        """Name of the session cookie."""
        return "SID" if self.name == "4.5" else f"QBT_SID_{port}"

    def missing_params_body(self, missing: Sequence[str]) -> str:
        """Body of the 400 reply for missing required parameters."""
        if self.name == "4.5":
            return "Bad Request"
        return "Missing required parameters: " + ", ".join(missing)

    def state_name(self, state: str) -> str:
        """A torrent state spelled the way this flavour spells it."""
        for old, new in (("paused", "stopped"), ("stopped", "paused")):
            if state.startswith(old) and self.stopped_prefix == new:
                return new + state[len(old) :]
        return state


FLAVOURS: dict[FlavourName, Flavour] = {
    "4.5": Flavour(
        name="4.5",
        app_version="v4.5.2",
        api_version="2.8.19",
        stop_endpoint="pause",
        start_endpoint="resume",
        stopped_prefix="paused",
        running_filter="resumed",
        add_stopped_field="paused",
        not_found_body="Not Found",
        has_api_key=False,
        omits_empty_collections=False,
        rid_restarts_on_zero=True,
        add_returns_json=False,
    ),
    "5.3": Flavour(
        name="5.3",
        app_version="v5.3.0",
        api_version="2.16.2",
        stop_endpoint="stop",
        start_endpoint="start",
        stopped_prefix="stopped",
        running_filter="running",
        add_stopped_field="stopped",
        not_found_body="Endpoint does not exist",
        has_api_key=True,
        omits_empty_collections=True,
        rid_restarts_on_zero=False,
        add_returns_json=True,
    ),
}
