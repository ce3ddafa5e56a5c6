"""The card's dev page (frontend/dev/) served locally and opened in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
import functools
import http.server
from pathlib import Path
import shutil
import threading

from playwright.sync_api import Browser, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
# Chromium must not reach out: no updates, no sync, no first-run network calls.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Serve without a line per request."""


@contextmanager
def serve_repository() -> Iterator[str]:
    """Serve the repository on 127.0.0.1 for as long as the block runs; yield the dev page's URL."""
    handler = functools.partial(_QuietHandler, directory=str(ROOT))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/frontend/dev/index.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def chromium_path() -> str:
    """Debian's Chromium: Playwright's own browser download is not reachable here."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError("Chromium is missing: apt-get install -y chromium")
    return path


@contextmanager
def chromium() -> Iterator[tuple[Playwright, Browser]]:
    """Headless Chromium for as long as the block runs."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=list(CHROMIUM_FLAGS)
        )
        try:
            yield playwright, browser
        finally:
            browser.close()
