"""The integration's forms in Chromium: each opens, shows its fields, and logs no console error.

Opened from the integration's page as a person opens them: its add button,
a server's Configure, the Server switcher's Configure, and a server's
Reconfigure in its menu. Each dialog is closed again without saving.
"""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import Locator, Page, expect
import pytest

from tests.real_ha.browser.conftest import Chromium
from tests.real_ha.home_assistant import INTEGRATION_DIR

pytestmark = [pytest.mark.live, pytest.mark.timeout(300)]

INTEGRATION_PAGE = "/config/integrations/integration/qbittorrent_multi"
# The forms' English texts, as the user sees them.
STRINGS: dict[str, Any] = json.loads(
    (INTEGRATION_DIR / "strings.json").read_text(encoding="utf-8")
)
USER_STEP = STRINGS["config"]["step"]["user"]
RECONFIGURE_STEP = STRINGS["config"]["step"]["reconfigure"]
SERVER_OPTIONS = STRINGS["options"]["step"]["init"]
SWITCHER_OPTIONS = STRINGS["options"]["step"]["switcher"]


def _integration_page(browser: Chromium) -> Page:
    page = browser.open(INTEGRATION_PAGE)
    expect(_entry(page, "Server switcher")).to_be_visible()
    return page


def _entry(page: Page, title: str) -> Locator:
    """The row of the config entry called `title`."""
    return page.locator("ha-config-entry-row").filter(
        has=page.get_by_text(title, exact=True)
    )


def _form(page: Page) -> Locator:
    return page.locator("dialog-data-entry-flow")


def _closes(page: Page) -> None:
    """Close the open form without saving; it goes away."""
    page.keyboard.press("Escape")
    expect(_form(page).get_by_role("button", name="Submit")).to_be_hidden()


def test_the_add_server_form_opens_without_a_console_error(browser: Chromium) -> None:
    """The integration page's add button shows the add-a-server form with its URL field."""
    page = _integration_page(browser)

    # Home Assistant names the button after the integration's type.
    page.get_by_role("button", name="Add service").click()

    expect(_form(page)).to_contain_text(USER_STEP["title"])
    expect(_form(page).get_by_role("textbox", name="URL")).to_be_visible()
    _closes(page)
    assert browser.console_errors == []


@pytest.mark.parametrize(
    ("entry", "texts"),
    [
        # A server's: its polling and health options.
        ("NAS", (SERVER_OPTIONS["title"], SERVER_OPTIONS["data"]["scan_interval"])),
        # The Server switcher's: its default server and failover options.
        (
            "Server switcher",
            (
                SWITCHER_OPTIONS["data"]["default_server"],
                SWITCHER_OPTIONS["data"]["failover"],
            ),
        ),
    ],
    ids=["a server's", "the switcher's"],
)
def test_an_options_form_opens_without_a_console_error(
    browser: Chromium, entry: str, texts: tuple[str, str]
) -> None:
    """An entry's Configure shows its options form with its own fields."""
    page = _integration_page(browser)

    _entry(page, entry).get_by_role("button", name="Configure").click()

    for text in texts:
        expect(_form(page)).to_contain_text(text)
    _closes(page)
    assert browser.console_errors == []


def test_the_reconfigure_form_opens_without_a_console_error(browser: Chromium) -> None:
    """A server's menu item Reconfigure shows the change-the-server form."""
    page = _integration_page(browser)

    _entry(page, "NAS").get_by_role("button", name="Menu").first.click()
    page.get_by_role("menuitem", name="Reconfigure").click()

    expect(_form(page)).to_contain_text(RECONFIGURE_STEP["title"])
    expect(_form(page).get_by_role("textbox", name="URL")).to_be_visible()
    _closes(page)
    assert browser.console_errors == []
