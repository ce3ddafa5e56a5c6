"""The README's pictures of the card and the forms, from the browser tests' setup.

`python -m tests.real_ha.browser.screenshots [--output docs/images]` starts
what the real-Home-Assistant browser tests start (the newest release, a real
server of every qBittorrent line with the demo torrents, logged in through the
login page), has NAS download from Seedbox so that speeds and progress move,
and photographs the card (light and dark, desktop and phone width, the active
server and all servers), its editor, a server's options form and the example
dashboard. Each picture is cropped to what it shows and stored as an
8-bit-palette PNG to stay small.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
import contextlib
from dataclasses import dataclass
from pathlib import Path
import sys
import tempfile
from typing import Any, Literal

from PIL import Image, ImageChops
from playwright.sync_api import Browser, Locator, Page, expect
import yaml

from tests.real_ha.api import HomeAssistantApi
from tests.real_ha.browser.chromium import chromium, log_in, watch
from tests.real_ha.conftest import Instance, _start, run_on_own_loop
from tests.real_ha.demo_servers import start_transfer
from tests.real_ha.home_assistant import REPO_ROOT
from tests.real_ha.releases import RELEASES

from .conftest import call_home_assistant

OUTPUT = REPO_ROOT / "docs" / "images"
EXAMPLE_DASHBOARD = REPO_ROOT / "dashboards" / "qbittorrent_multi.yaml"
CARD_DASHBOARD = "qbm-card"
EXAMPLE_PATH = "dashboard-qbittorrent"
# Tall enough that no picture needs scrolling under the fixed toolbar.
DESKTOP = (1100, 1400)
PHONE = (390, 1600)
TRIM_MARGIN = 16
Theme = Literal["light", "dark"]


@dataclass(frozen=True, slots=True)
class CardShot:
    """One picture of the card: which view, theme and width."""

    view: Literal["active", "all"]
    theme: Theme
    phone: bool

    @property
    def file(self) -> str:
        """Its file name, e.g. card-all-dark-phone.png."""
        width = "phone" if self.phone else "desktop"
        return f"card-{self.view}-{self.theme}-{width}.png"


CARD_SHOTS = tuple(
    CardShot(view, theme, phone)
    for view in ("active", "all")
    for theme in ("light", "dark")
    for phone in (False, True)
)


def _dashboards(instance: Instance) -> None:
    """A dashboard with the card in each view, and the example dashboard."""
    # As many rows as NAS has torrents (its three and the download); the
    # all-servers view shows nine of the fourteen and scrolls.
    card: dict[str, Any] = {"type": "custom:qbittorrent-multi-card", "rows": 4}
    views = [
        {"title": "Active", "path": "active", "panel": True, "cards": [card]},
        {
            "title": "All",
            "path": "all",
            "panel": True,
            "cards": [{**card, "server": "all", "rows": 9}],
        },
        {"title": "Edit", "path": "edit", "cards": [card]},
    ]
    example = yaml.safe_load(EXAMPLE_DASHBOARD.read_text(encoding="utf-8"))

    async def create(api: HomeAssistantApi) -> None:
        await api.add_dashboard(CARD_DASHBOARD, "Card", {"views": views})
        await api.add_dashboard(EXAMPLE_PATH, "qBittorrent", example)

    call_home_assistant(instance, create)


@dataclass(frozen=True, slots=True)
class Camera:
    """Logged-in pages of one Home Assistant, and the folder their pictures go to."""

    browser: Browser
    url: str
    state_file: Path
    output: Path

    @contextlib.contextmanager
    def page(
        self, path: str, size: tuple[int, int], theme: Theme = "light"
    ) -> Iterator[Page]:
        """A logged-in page at `path`; a console error while it is open fails the pictures."""
        context = self.browser.new_context(
            storage_state=self.state_file,
            viewport={"width": size[0], "height": size[1]},
            color_scheme=theme,
        )
        try:
            page = context.new_page()
            console = watch(page)
            page.goto(f"{self.url}{path}")
            yield page
            if console.errors:
                raise RuntimeError(
                    f"console errors while taking pictures: {console.errors}"
                )
        finally:
            context.close()

    def save(self, locator: Locator, file: str, *, trim: bool = False) -> None:
        """Photograph one element and store it with a 256-colour palette."""
        target = self.output / file
        locator.screenshot(path=target, animations="disabled")
        shrink(target, trim=trim)


def shrink(target: Path, *, trim: bool = False) -> None:
    """Store a picture with a 256-colour palette; `trim` cuts the empty space below."""
    with Image.open(target) as picture:
        rgb = picture.convert("RGB")
    if trim:
        # The view is as tall as the window; below its cards is background only.
        background = Image.new("RGB", rgb.size, rgb.getpixel((0, rgb.height - 1)))
        content = ImageChops.difference(rgb, background).getbbox()
        if content is not None:
            rgb = rgb.crop((0, 0, rgb.width, min(rgb.height, content[3] + TRIM_MARGIN)))
    small = rgb.quantize(colors=256, dither=Image.Dither.NONE)
    small.save(target, optimize=True)
    sys.stdout.write(f"saved {target} ({target.stat().st_size // 1024} kB)\n")


def _card_shots(camera: Camera) -> None:
    for shot in CARD_SHOTS:
        size = PHONE if shot.phone else DESKTOP
        with camera.page(f"/{CARD_DASHBOARD}/{shot.view}", size, shot.theme) as page:
            card = page.locator("qbittorrent-multi-card").first
            # NAS's download shows: a poll has brought speeds and progress.
            expect(card.locator(".state.downloading").first).to_be_visible()
            camera.save(card.locator("ha-card"), shot.file)


def _visible_dialog(page: Page) -> Locator:
    return page.get_by_role("dialog").filter(visible=True).last


def _editor_shot(camera: Camera) -> None:
    with camera.page(f"/{CARD_DASHBOARD}/edit?edit=1", (1280, 900)) as page:
        page.locator(
            "qbittorrent-multi-card [data-testid=torrent-row]"
        ).first.wait_for()
        page.locator("hui-card-options").first.get_by_role(
            "button", name="Edit"
        ).click()
        editor = page.locator("qbittorrent-multi-card-editor")
        expect(editor).to_be_visible()
        # The preview is slotted into the dialog, not inside its shadow root.
        preview = page.locator("hui-dialog-edit-card qbittorrent-multi-card")
        expect(preview.locator("[data-testid=torrent-row]").first).to_be_visible()
        camera.save(_visible_dialog(page), "card-editor.png")


def _options_shot(camera: Camera) -> None:
    # Tall enough for the whole form without scrolling inside the dialog.
    integration = "/config/integrations/integration/qbittorrent_multi"
    with camera.page(integration, (1280, 1300)) as page:
        page.locator("ha-config-entry-row").filter(
            has=page.get_by_text("NAS", exact=True)
        ).get_by_role("button", name="Configure").click()
        page.get_by_text("Polling interval").wait_for()
        camera.save(_visible_dialog(page), "server-options.png")


def _dashboard_shot(camera: Camera) -> None:
    with camera.page(f"/{EXAMPLE_PATH}/torrents", (1500, 2400)) as page:
        view = page.locator("hui-sections-view").first
        expect(view.locator("hui-tile-card").first).to_be_visible()
        card = page.locator("qbittorrent-multi-card").first
        if card.count():
            expect(card.locator(".state.downloading").first).to_be_visible()
        camera.save(view, "dashboard-example.png", trim=True)


def take(output: Path) -> None:
    """Start everything, take every picture, stop everything."""
    output.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        directory = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        instance = _start(RELEASES[-1], directory / "home-assistant", stack)
        run_on_own_loop(
            start_transfer(instance.servers["Seedbox"], instance.servers["NAS"])
        )
        _dashboards(instance)
        with chromium() as browser:
            state_file = directory / "login.json"
            log_in(browser, instance.url, state_file)
            camera = Camera(browser, instance.url, state_file, output)
            for take_shots in (
                _card_shots,
                _editor_shot,
                _options_shot,
                _dashboard_shot,
            ):
                take_shots(camera)


def main(argv: Sequence[str] | None = None) -> None:
    """Take the pictures into docs/images (or --output)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        take(args.output)
    except RuntimeError as err:
        sys.exit(str(err))


if __name__ == "__main__":
    main()
