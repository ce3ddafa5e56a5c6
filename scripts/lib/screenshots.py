"""Take the README's screenshots from a real Home Assistant in headless Chromium.

Starts three real qBittorrent servers (NAS 4.5, Seedbox 5.3 and Media PC 5.3)
with the demo torrents, NAS downloading from Seedbox, and a real Home
Assistant; onboards it, adds the servers through the config flow, stops Media
PC (so the pictures show a server that is down), installs the example
dashboard and photographs two pages. Run through `scripts/screenshots`.

Chromium is driven over the DevTools protocol; it is logged in by putting the
tokens of a real login into local storage, where the frontend keeps them.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
from collections.abc import AsyncIterator, Sequence
import contextlib
from dataclasses import dataclass
import itertools
import json
from pathlib import Path
import shutil
import sys
import tempfile
import time
from typing import Any

import aiohttp
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from tests.real_ha.api import HomeAssistantApi, Tokens, wait_for  # noqa: E402
from tests.real_ha.demo_servers import (  # noqa: E402
    DEMO_TORRENTS,
    seed,
    start_demo_server,
    start_transfer,
    web_session,
)
from tests.real_ha.home_assistant import RealHomeAssistant  # noqa: E402
from tests.real_qbittorrent import RealQBittorrent, Version  # noqa: E402

DASHBOARD = REPO_ROOT / "dashboards" / "qbittorrent_multi.yaml"
DASHBOARD_PATH = "dashboard-qbittorrent"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--lang=en-US",
    "--remote-debugging-port=0",
)
# Time for lazy-loaded panels, brand images and charts after the page is live.
RENDER_SECONDS = 4.0


@dataclass(frozen=True, slots=True)
class Shot:
    """One picture: where to go, how big the window is, where to save it."""

    file: str
    path: str
    width: int = 1280
    height: int = 860


class Chromium:
    """A headless Chromium process and one page of it, driven over DevTools."""

    def __init__(self, session: aiohttp.ClientSession, binary: str) -> None:
        """Use `binary`; `session` carries the DevTools connection."""
        self._session = session
        self._binary = binary
        self._profile = Path(tempfile.mkdtemp(prefix="qbm-chromium-"))
        self._process: asyncio.subprocess.Process | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._ids = itertools.count(1)

    async def start(self) -> None:
        """Start Chromium with a fresh profile and attach to its first page."""
        self._process = await asyncio.create_subprocess_exec(
            self._binary,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={self._profile}",
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        port_file = self._profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self._process.returncode is not None:
                raise RuntimeError("Chromium did not open its DevTools port")
            await asyncio.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        async with self._session.get(f"http://127.0.0.1:{port}/json/list") as reply:
            pages = [t for t in await reply.json() if t["type"] == "page"]
        self._ws = await self._session.ws_connect(
            pages[0]["webSocketDebuggerUrl"], max_msg_size=0
        )

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """One DevTools command; its result."""
        assert self._ws is not None
        message_id = next(self._ids)
        await self._ws.send_json({"id": message_id, "method": method, "params": params})
        while True:
            message = await self._ws.receive_json()
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = await self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    async def log_in(self, url: str, tokens: Tokens) -> None:
        """Have every page of `url` start logged in, as after a real login."""
        stored = {
            "hassUrl": url,
            "clientId": tokens.client_id,
            "access_token": tokens.access_token,
            "refresh_token": tokens.refresh_token,
            "expires_in": tokens.expires_in,
            "token_type": "Bearer",
            "expires": int((time.time() + tokens.expires_in) * 1000),
        }
        script = (
            f"if (location.origin === {json.dumps(url)}) "
            f"localStorage.setItem('hassTokens', {json.dumps(json.dumps(stored))});"
        )
        await self.send("Page.enable")
        await self.send("Page.addScriptToEvaluateOnNewDocument", source=script)
        await self.send(
            "Emulation.setEmulatedMedia",
            features=[{"name": "prefers-color-scheme", "value": "light"}],
        )

    async def screenshot(self, url: str, shot: Shot, target: Path) -> None:
        """Open a page, wait until Home Assistant has drawn it, save a PNG."""
        await self.send(
            "Emulation.setDeviceMetricsOverride",
            width=shot.width,
            height=shot.height,
            deviceScaleFactor=1,
            mobile=False,
        )
        await self.send("Page.navigate", url=url + shot.path)

        async def connected() -> bool | None:
            ready = await self.evaluate(
                "(() => { const ha = document.querySelector('home-assistant');"
                " return Boolean(ha && ha.hass && ha.hass.connected"
                " && Object.keys(ha.hass.states).length); })()"
            )
            return True if ready else None

        await wait_for(connected, what=f"{shot.path} to load")
        await asyncio.sleep(RENDER_SECONDS)
        picture = await self.send("Page.captureScreenshot", format="png")
        await asyncio.to_thread(target.write_bytes, base64.b64decode(picture["data"]))

    async def close(self) -> None:
        """Quit Chromium and delete its profile."""
        if self._ws is not None:
            await self._ws.close()
        if self._process is not None and self._process.returncode is None:
            self._process.terminate()
            try:
                await asyncio.wait_for(self._process.wait(), 10)
            except TimeoutError:
                self._process.kill()
                await self._process.wait()
        shutil.rmtree(self._profile, ignore_errors=True)


@contextlib.asynccontextmanager
async def chromium(session: aiohttp.ClientSession) -> AsyncIterator[Chromium]:
    """A started Chromium, closed afterwards."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        sys.exit("chromium is not installed (scripts/screenshots installs it)")
    browser = Chromium(session, binary)
    try:
        await browser.start()
        yield browser
    finally:
        await browser.close()


async def _refresh_until(
    api: HomeAssistantApi, entity_id: str, wanted: str, *, refresh: str
) -> None:
    async def shown() -> bool | None:
        await api.call("homeassistant", "update_entity", {"entity_id": refresh})
        return True if (await api.state(entity_id))["state"] == wanted else None

    await wait_for(shown, what=f"{entity_id} to be {wanted}", timeout=60)


async def _set_up(api: HomeAssistantApi, servers: dict[str, RealQBittorrent]) -> None:
    """Onboard, add the servers, stop Media PC, install the dashboard."""
    await api.onboard()
    await api.wait_until_running()
    for name, server in servers.items():
        result = await api.add_server(
            name=name,
            url=server.url,
            username=server.username,
            password=server.password,
        )
        if result.get("type") != "create_entry":
            raise RuntimeError(f"adding {name} failed: {result}")
    servers["Media PC"].stop()
    await _refresh_until(
        api,
        "binary_sensor.media_pc_connectivity",
        "off",
        refresh="binary_sensor.media_pc_connectivity",
    )
    await api.add_dashboard(
        DASHBOARD_PATH,
        "qBittorrent",
        yaml.safe_load(DASHBOARD.read_text(encoding="utf-8")),
        icon="mdi:download-network",
    )
    # Polls at least once more so that the transfer shows in the speed sensors.
    await asyncio.sleep(12)


async def _device_id(api: HomeAssistantApi, name: str) -> str:
    devices = await api.command("config/device_registry/list")
    return next(str(d["id"]) for d in devices if d["name"] == name)


async def take(output: Path) -> list[Path]:
    """Set everything up, take the pictures, tear everything down."""
    with contextlib.ExitStack() as stack:
        servers: dict[str, RealQBittorrent] = {}
        fleet: tuple[tuple[str, Version], ...] = (
            ("NAS", "4.5"),
            ("Seedbox", "5.3"),
            ("Media PC", "5.3"),
        )
        for name, version in fleet:
            server = start_demo_server(version)
            stack.callback(server.close)
            servers[name] = server
        await asyncio.gather(
            seed(servers["NAS"], DEMO_TORRENTS["4.5"]),
            seed(servers["Seedbox"], DEMO_TORRENTS["5.3"]),
            seed(servers["Media PC"], DEMO_TORRENTS["4.5"][1:]),
        )
        await start_transfer(servers["Seedbox"], servers["NAS"])
        home_assistant = RealHomeAssistant(
            Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="qbm-ha-")))
        )
        stack.callback(home_assistant.stop)
        home_assistant.start()
        async with web_session() as session:
            api = HomeAssistantApi(session, home_assistant.url)
            await _set_up(api, servers)
            # The browser gets a login of its own, as after the login page.
            tokens = await api.login()
            shots = (
                Shot(
                    "integration-page.png",
                    "/config/integrations/integration/qbittorrent_multi",
                    height=1000,
                ),
                Shot(
                    "device-page.png",
                    f"/config/devices/device/{await _device_id(api, 'NAS')}",
                    height=1180,
                ),
            )
            async with chromium(session) as browser:
                await browser.log_in(home_assistant.url, tokens)
                for shot in shots:
                    await browser.screenshot(
                        home_assistant.url, shot, output / shot.file
                    )
                    print(f"saved {output / shot.file}")
        return [output / shot.file for shot in shots]


def main(argv: Sequence[str] | None = None) -> None:
    """Take the screenshots into docs/ (or --output)."""
    parser = argparse.ArgumentParser(description="Take the README's screenshots.")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "docs")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    asyncio.run(take(args.output))


if __name__ == "__main__":
    main()
