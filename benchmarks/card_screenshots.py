"""Screenshots of the dev page, light and dark, desktop and phone width: for looking at the card.

Run from the repository root:
.venv/bin/python -m benchmarks.card_screenshots OUT_DIR [dev page query ...]
"""

from __future__ import annotations

import functools
from pathlib import Path
import sys

from playwright.sync_api import ConsoleMessage, Error

from .card_page import chromium, serve_repository

SIZES = {"desktop": (900, 900), "phone": (360, 780)}


def _console_error(errors: list[str], message: ConsoleMessage) -> None:
    if message.type == "error":
        errors.append(message.text)


def _page_error(errors: list[str], error: Error) -> None:
    errors.append(str(error))


def main(argv: list[str]) -> int:
    """Take one screenshot per query, theme and size."""
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    queries = argv[1:] or ["view=all&down=1"]
    with serve_repository() as url, chromium() as (_, browser):
        for number, query in enumerate(queries):
            for theme in ("light", "dark"):
                for size, (width, height) in SIZES.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    errors: list[str] = []
                    page.on("console", functools.partial(_console_error, errors))
                    page.on("pageerror", functools.partial(_page_error, errors))
                    page.goto(f"{url}?theme={theme}&{query}")
                    page.wait_for_selector(
                        "qbittorrent-multi-card >> [data-testid=torrent-row]",
                        timeout=5000,
                    )
                    page.wait_for_timeout(300)
                    path = out / f"{number}-{theme}-{size}.png"
                    page.screenshot(path=str(path), full_page=True)
                    print(path, *errors)
                    page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
