"""Debian's Chromium, driven by Playwright, logged in to a real Home Assistant.

Chromium is launched as the card's benchmark launches it (no network of its
own, no first-run calls). A page records every console error and uncaught
exception; the only ones forgiven are the listed images that Home Assistant's
own pages fetch from the internet, which this machine cannot reach.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
import threading

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    expect,
    sync_playwright,
)

from benchmarks.card_page import CHROMIUM_FLAGS, chromium_path
from tests.real_ha.api import OWNER_PASSWORD, OWNER_USERNAME

# Page loads of the whole frontend on a loaded two-core machine.
PAGE_TIMEOUT_MS = 60_000
THREAD_END_TIMEOUT = 10.0
# Images other pages of Home Assistant load from the internet: the card
# picker's previews of the picture cards and other integrations' brand images.
# Offline, each logs "Failed to load resource".
KNOWN_OFFLINE_IMAGES = (
    "https://demo.home-assistant.io/stub_config/",
    "https://brands.home-assistant.io/",
)


@dataclass
class ConsoleErrors:
    """Console errors and uncaught exceptions of one page, known offline images aside."""

    errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        """Record a console message of type error, unless it is a known offline image."""
        if message.type != "error":
            return
        source = message.location.get("url", "")
        if message.text.startswith("Failed to load resource") and any(
            source.startswith(prefix) and "qbittorrent_multi" not in source
            for prefix in KNOWN_OFFLINE_IMAGES
        ):
            return
        self.errors.append(f"console error: {message.text} ({source})")

    def on_page_error(self, error: Error) -> None:
        """Record an uncaught exception."""
        self.errors.append(f"uncaught: {error.name}: {error.message}")


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Debian Chromium for as long as the block runs."""
    threads_before = set(threading.enumerate())
    # Assertions wait as long as page loads may take on a loaded machine.
    expect.set_options(timeout=PAGE_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=list(CHROMIUM_FLAGS)
        )
        try:
            yield browser
        finally:
            browser.close()
    # Playwright's loop hands file reads to its executor; closing the loop
    # lets those threads end without waiting for them. Nothing may outlive
    # a test, so they are waited for here.
    for thread in set(threading.enumerate()) - threads_before:
        if thread.name.startswith("asyncio_"):
            thread.join(THREAD_END_TIMEOUT)


def watch(page: Page) -> ConsoleErrors:
    """Start recording a page's console errors and uncaught exceptions."""
    errors = ConsoleErrors()
    page.on("console", errors.on_console)
    page.on("pageerror", errors.on_page_error)
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    return errors


def log_in(browser: Browser, url: str, state_file: Path) -> None:
    """Log in through Home Assistant's login page; keep the login in `state_file`."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        page.goto(f"{url}/")
        page.wait_for_url("**/auth/authorize**")
        page.get_by_role("textbox", name="Username").fill(OWNER_USERNAME)
        page.get_by_role("textbox", name="Password").fill(OWNER_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda address: "/auth/" not in address)
        wait_until_connected(page)
        context.storage_state(path=state_file)
    finally:
        context.close()


def wait_until_connected(page: Page) -> None:
    """Wait until the frontend is logged in and has Home Assistant's states."""
    page.wait_for_function(
        """() => {
          const ha = document.querySelector("home-assistant");
          return Boolean(ha && ha.hass && ha.hass.connected && ha.hass.states
            && Object.keys(ha.hass.states).length);
        }"""
    )


def new_page(
    browser: Browser, state_file: Path, *, width: int = 1280, height: int = 900
) -> tuple[BrowserContext, Page, ConsoleErrors]:
    """A logged-in page of a context of its own, with its console watched."""
    context = browser.new_context(
        storage_state=state_file, viewport={"width": width, "height": height}
    )
    page = context.new_page()
    return context, page, watch(page)
