"""Home Assistant's own HTTP and WebSocket APIs, as the frontend uses them.

Onboarding, the login flow, tokens, config flows, states, actions and
WebSocket commands: enough to set a fresh instance up the way a person does
in the browser, and to read back what they would see.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
import contextlib
from dataclasses import dataclass
import itertools
from typing import Any

import aiohttp

OWNER_NAME = "Demo Owner"
OWNER_USERNAME = "demo"
OWNER_PASSWORD = "home-assistant-demo"
WAIT_TIMEOUT = 45.0
CORE_SETTINGS: Mapping[str, Any] = {
    "country": "NL",
    "currency": "EUR",
    "language": "en",
    "time_zone": "Europe/Amsterdam",
    "unit_system": "metric",
    "latitude": 52.3731,
    "longitude": 4.8922,
    "elevation": 0,
}


class HomeAssistantApiError(RuntimeError):
    """A request Home Assistant answered with an error."""


@dataclass(frozen=True, slots=True)
class Tokens:
    """What /auth/token hands out, and the client it was handed to."""

    access_token: str
    refresh_token: str
    expires_in: int
    client_id: str


class HomeAssistantApi:
    """REST calls (and WebSocket connections) to one instance."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        """Talk to the instance at `url` through `session`."""
        self._session = session
        self.url = url
        self.client_id = f"{url}/"
        self.tokens: Tokens | None = None

    # -- onboarding and tokens ----------------------------------------------

    async def onboard(
        self,
        *,
        name: str = OWNER_NAME,
        username: str = OWNER_USERNAME,
        password: str = OWNER_PASSWORD,
    ) -> Tokens:
        """Walk every onboarding step a person walks in the browser; keep the tokens."""
        reply = await self._request(
            "POST",
            "/api/onboarding/users",
            json={
                "client_id": self.client_id,
                "name": name,
                "username": username,
                "password": password,
                "language": "en",
            },
            authorised=False,
        )
        self.tokens = await self._exchange(reply["auth_code"])
        # The location step saves the core settings before it completes.
        await self.command("config/core/update", **CORE_SETTINGS)
        await self.post("/api/onboarding/core_config", {})
        await self.post("/api/onboarding/analytics", {})
        await self.post(
            "/api/onboarding/integration",
            {
                "client_id": self.client_id,
                "redirect_uri": f"{self.url}/?auth_callback=1",
            },
        )
        return self.tokens

    async def login(
        self, *, username: str = OWNER_USERNAME, password: str = OWNER_PASSWORD
    ) -> Tokens:
        """Log in through the login flow (as the login page does); new tokens."""
        flow = await self._request(
            "POST",
            "/auth/login_flow",
            json={
                "client_id": self.client_id,
                "handler": ["homeassistant", None],
                "redirect_uri": f"{self.url}/?auth_callback=1",
            },
            authorised=False,
        )
        result = await self._request(
            "POST",
            f"/auth/login_flow/{flow['flow_id']}",
            json={
                "client_id": self.client_id,
                "username": username,
                "password": password,
            },
            authorised=False,
        )
        if result.get("type") != "create_entry":
            raise HomeAssistantApiError(f"login refused: {result}")
        self.tokens = await self._exchange(result["result"])
        return self.tokens

    async def _exchange(self, code: str) -> Tokens:
        async with self._session.post(
            f"{self.url}/auth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "client_id": self.client_id,
            },
        ) as reply:
            body = await reply.json()
            if reply.status != 200:
                raise HomeAssistantApiError(f"/auth/token: HTTP {reply.status} {body}")
        return Tokens(
            body["access_token"],
            body["refresh_token"],
            int(body["expires_in"]),
            self.client_id,
        )

    # -- REST ---------------------------------------------------------------

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        authorised: bool = True,
    ) -> Any:
        headers = {}
        if authorised:
            if self.tokens is None:
                raise HomeAssistantApiError("not logged in: onboard() or login() first")
            headers["Authorization"] = f"Bearer {self.tokens.access_token}"
        async with self._session.request(
            method, self.url + path, json=json, headers=headers
        ) as reply:
            text = await reply.text()
            if reply.status >= 400:
                raise HomeAssistantApiError(
                    f"{method} {path}: HTTP {reply.status} {text}"
                )
            return await reply.json() if text else None

    async def get(self, path: str) -> Any:
        """GET a REST endpoint; its JSON."""
        return await self._request("GET", path)

    async def post(self, path: str, payload: Any) -> Any:
        """POST JSON to a REST endpoint; its JSON."""
        return await self._request("POST", path, json=payload)

    async def wait_until_running(self) -> None:
        """Wait until Home Assistant has finished starting."""
        await wait_for(self._state_is_running, what="Home Assistant to finish starting")

    async def _state_is_running(self) -> bool | None:
        config = await self.get("/api/config")
        return True if config.get("state") == "RUNNING" else None

    async def add_server(
        self,
        *,
        name: str,
        url: str,
        username: str,
        password: str,
    ) -> dict[str, Any]:
        """Add a qBittorrent server through the config flow, as the UI does."""
        flow = await self.post(
            "/api/config/config_entries/flow",
            {"handler": "qbittorrent_multi", "show_advanced_options": False},
        )
        if flow.get("type") != "form":
            raise HomeAssistantApiError(f"the flow did not show its form: {flow}")
        result: dict[str, Any] = await self.post(
            f"/api/config/config_entries/flow/{flow['flow_id']}",
            {
                "name": name,
                "url": url,
                "username": username,
                "password": password,
                "verify_ssl": True,
            },
        )
        return result

    async def reconfigure_server(
        self, entry_id: str, *, url: str, username: str
    ) -> dict[str, Any]:
        """Give a server entry a new address, as its "Reconfigure" menu item does.

        The password field is left empty: the stored password is kept.
        """
        flow = await self.post(
            "/api/config/config_entries/flow",
            {"handler": "qbittorrent_multi", "entry_id": entry_id},
        )
        if flow.get("type") != "form" or flow.get("step_id") != "reconfigure":
            raise HomeAssistantApiError(f"no reconfigure form: {flow}")
        result: dict[str, Any] = await self.post(
            f"/api/config/config_entries/flow/{flow['flow_id']}",
            {"url": url, "username": username, "verify_ssl": True},
        )
        return result

    async def delete_entry(self, entry_id: str) -> None:
        """Delete a config entry, as its "Delete" menu item does."""
        await self._request("DELETE", f"/api/config/config_entries/entry/{entry_id}")

    async def states(self) -> dict[str, dict[str, Any]]:
        """Every entity's state object, by entity id."""
        return {state["entity_id"]: state for state in await self.get("/api/states")}

    async def state(self, entity_id: str) -> dict[str, Any]:
        """One entity's state object."""
        result: dict[str, Any] = await self.get(f"/api/states/{entity_id}")
        return result

    async def call(
        self, domain: str, service: str, data: Mapping[str, Any] | None = None
    ) -> Any:
        """Perform an action (call a service)."""
        return await self.post(f"/api/services/{domain}/{service}", dict(data or {}))

    # -- WebSocket ----------------------------------------------------------

    @contextlib.asynccontextmanager
    async def websocket(self) -> AsyncIterator[WebSocketApi]:
        """An authenticated WebSocket connection."""
        if self.tokens is None:
            raise HomeAssistantApiError("not logged in: onboard() or login() first")
        async with self._session.ws_connect(f"{self.url}/api/websocket") as ws:
            hello = await ws.receive_json()
            if hello.get("type") != "auth_required":
                raise HomeAssistantApiError(f"unexpected greeting: {hello}")
            await ws.send_json(
                {"type": "auth", "access_token": self.tokens.access_token}
            )
            answer = await ws.receive_json()
            if answer.get("type") != "auth_ok":
                raise HomeAssistantApiError(f"websocket auth failed: {answer}")
            yield WebSocketApi(ws)

    async def command(self, command: str, **data: Any) -> Any:
        """One WebSocket command on a connection of its own; its result."""
        async with self.websocket() as ws:
            return await ws.command(command, **data)

    async def add_dashboard(
        self, url_path: str, title: str, config: Mapping[str, Any], **extra: Any
    ) -> None:
        """Add a dashboard to the sidebar with its views, as the dashboards page does."""
        async with self.websocket() as ws:
            await ws.command(
                "lovelace/dashboards/create",
                url_path=url_path,
                title=title,
                mode="storage",
                show_in_sidebar=True,
                require_admin=False,
                **extra,
            )
            await ws.command("lovelace/config/save", url_path=url_path, config=config)


class WebSocketApi:
    """Commands over one authenticated WebSocket connection."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Use an authenticated connection."""
        self._ws = ws
        self._ids = itertools.count(1)

    async def command(self, command: str, **data: Any) -> Any:
        """Send a command and return its result (HomeAssistantApiError on failure)."""
        message_id = next(self._ids)
        await self._ws.send_json({"id": message_id, "type": command, **data})
        while True:
            reply = await self._ws.receive_json()
            if reply.get("id") == message_id and reply.get("type") == "result":
                if not reply.get("success"):
                    raise HomeAssistantApiError(f"{command}: {reply.get('error')}")
                return reply.get("result")


async def wait_for[T](
    probe: Callable[[], Awaitable[T | None]],
    *,
    what: str,
    timeout: float = WAIT_TIMEOUT,
) -> T:
    """Call `probe` until it returns something other than None."""
    deadline = asyncio.get_running_loop().time() + timeout
    last_error: Exception | None = None
    while True:
        try:
            if (result := await probe()) is not None:
                return result
        except (HomeAssistantApiError, aiohttp.ClientError) as err:
            last_error = err
        if asyncio.get_running_loop().time() > deadline:
            detail = f" (last error: {last_error})" if last_error else ""
            raise AssertionError(f"timed out waiting for {what}{detail}")
        await asyncio.sleep(0.25)
