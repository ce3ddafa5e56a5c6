"""A logged-in Chromium page on each real Home Assistant, and a dashboard with the card.

The first test of a release logs in through Home Assistant's login page and
keeps the login (the tokens the frontend stores) for the following tests, as
a browser does; each test gets a fresh context and page with that login. A
page's console is watched for the whole test: any error fails it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
import time
from typing import Any, NamedTuple

from playwright.sync_api import Browser, Page
import pytest

from tests.real_ha.api import HomeAssistantApi
from tests.real_ha.browser.chromium import (
    ConsoleErrors,
    chromium,
    log_in,
    new_page,
)
from tests.real_ha.conftest import Instance, run_on_own_loop
from tests.real_ha.demo_servers import (
    SEEDING_STATES,
    DemoTorrent,
    QBittorrentWebApi,
    seed,
    web_session,
)
from tests.real_qbittorrent import RealQBittorrent
from tests.torrent_files import SampleTorrent

DASHBOARD_PATH = "qbm-torrents"
DASHBOARD_VIEW = "torrents"
SWITCHER_SELECT = "select.server_switcher_active_server"
# Every torrent of the tier's servers fits, so no row is left out of the DOM.
CARD_ROWS = 20


@dataclass(slots=True)
class _Logins:
    """Per release: the saved login, and whether the card's dashboard exists."""

    directory: Path
    state_files: dict[str, Path] = field(default_factory=dict)
    dashboards: set[str] = field(default_factory=set)


@pytest.fixture(scope="session")
def _logins(tmp_path_factory: pytest.TempPathFactory) -> _Logins:
    return _Logins(Path(tmp_path_factory.mktemp("browser-logins")))


def run_aside[T](coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a thread and loop of its own.

    Playwright's synchronous API keeps its own event loop running on the
    test's thread, so no other loop may run there.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run_on_own_loop, coroutine).result()


def call_home_assistant[T](
    instance: Instance, call: Callable[[HomeAssistantApi], Awaitable[T]]
) -> T:
    """Run one call of Home Assistant's REST or WebSocket API as its owner."""

    async def run() -> T:
        async with web_session() as session:
            api = HomeAssistantApi(session, instance.url)
            api.tokens = instance.tokens
            return await call(api)

    return run_aside(run())


def call_server[T](
    server: RealQBittorrent, call: Callable[[QBittorrentWebApi], Awaitable[T]]
) -> T:
    """Run one call of a qBittorrent server's own WebAPI, logged in."""

    async def run() -> T:
        async with web_session() as session:
            api = QBittorrentWebApi(session, server)
            await api.login()
            return await call(api)

    return run_aside(run())


def server_torrents(server: RealQBittorrent) -> dict[str, dict[str, Any]]:
    """What the server itself has, by info-hash."""
    torrents = call_server(server, lambda api: api.torrents())
    return {torrent["hash"]: torrent for torrent in torrents}


def entry_id(instance: Instance, name: str) -> str:
    """The config entry id of the server added under `name`."""
    return str(instance.entries[name]["result"]["entry_id"])


def _create_dashboard(instance: Instance) -> None:
    card = {"type": "custom:qbittorrent-multi-card", "rows": CARD_ROWS}
    view = {"title": "Torrents", "path": DASHBOARD_VIEW, "cards": [card]}
    call_home_assistant(
        instance,
        lambda api: api.add_dashboard(DASHBOARD_PATH, "Torrents", {"views": [view]}),
    )


@dataclass(frozen=True, slots=True)
class Chromium:
    """A browser logged in to one instance; pages come with their console watched."""

    browser: Browser
    instance: Instance
    state_file: Path
    console: list[ConsoleErrors]

    def open(self, path: str, *, width: int = 1280, height: int = 900) -> Page:
        """A new logged-in page at `path` of Home Assistant."""
        _, page, errors = new_page(
            self.browser, self.state_file, width=width, height=height
        )
        self.console.append(errors)
        page.goto(self.instance.url + path)
        return page

    @property
    def console_errors(self) -> list[str]:
        """Every console error of every page opened so far."""
        return [error for errors in self.console for error in errors.errors]


@pytest.fixture
def browser(instance: Instance, _logins: _Logins) -> Iterator[Chromium]:
    """Chromium logged in to the instance; fails the test on any console error."""
    release = instance.home_assistant.release
    with chromium() as launched:
        if release not in _logins.state_files:
            state_file = _logins.directory / f"{release}.json"
            log_in(launched, instance.url, state_file)
            _logins.state_files[release] = state_file
        if release not in _logins.dashboards:
            _create_dashboard(instance)
            _logins.dashboards.add(release)
        driven = Chromium(launched, instance, _logins.state_files[release], [])
        yield driven
    assert driven.console_errors == [], driven.console_errors


def card_page(browser: Chromium, *, width: int = 1280, height: int = 900) -> Page:
    """The dashboard with the card, once the card shows its first rows."""
    page = browser.open(
        f"/{DASHBOARD_PATH}/{DASHBOARD_VIEW}", width=width, height=height
    )
    page.locator("qbittorrent-multi-card [data-testid=torrent-row]").first.wait_for()
    return page


class OwnTorrent(NamedTuple):
    """A torrent a test added, seeding on one server."""

    server: RealQBittorrent
    sample: SampleTorrent


@pytest.fixture
def own_torrent(
    instance: Instance, request: pytest.FixtureRequest
) -> Iterator[OwnTorrent]:
    """A torrent of this test's own, seeding on NAS (the active server); deleted after."""
    server = instance.servers["NAS"]
    name = f"{request.node.originalname.replace('_', '-')[5:45]}.bin"
    [sample] = run_aside(seed(server, [DemoTorrent(name, 131_072)]))
    try:
        yield OwnTorrent(server, sample)
    finally:
        if sample.info_hash in server_torrents(server):
            call_server(server, lambda api: api.delete(sample.info_hash))


@pytest.fixture
def nas_active_again(instance: Instance) -> Iterator[None]:
    """Tests that change the active server leave NAS active, as they found it."""
    yield
    call_home_assistant(
        instance,
        lambda api: api.call(
            "select", "select_option", {"entity_id": SWITCHER_SELECT, "option": "NAS"}
        ),
    )


def seeding(torrent: Mapping[str, Any]) -> bool:
    """Whether the server reports a torrent as seeding."""
    return torrent.get("state") in SEEDING_STATES


def wait_until[T](
    probe: Callable[[], T | None], *, what: str, timeout: float = 45.0
) -> T:
    """Ask `probe` until it answers something other than None."""
    deadline = time.monotonic() + timeout
    while (result := probe()) is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        # Between two questions to a server, not a wait for an outcome.
        time.sleep(0.25)
    return result
