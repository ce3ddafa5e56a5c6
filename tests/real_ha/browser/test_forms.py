"""The integration's forms in Chromium: each opens, shows its fields, and logs no console error.

Opened from the integration's page as a person opens them: "Add hub",
a server's Configure, the Server switcher's Configure, and a server's
Reconfigure in its menu. Each dialog is closed again without saving.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect
import pytest

from tests.real_ha.browser.conftest import Chromium

pytestmark = [pytest.mark.live, pytest.mark.timeout(300)]

INTEGRATION_PAGE = "/config/integrations/integration/qbittorrent_multi"


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
    """ "Add hub" shows the add-a-server form with its URL field."""
    page = _integration_page(browser)

    page.get_by_role("button", name="Add hub").click()

    expect(_form(page)).to_contain_text("Add a qBittorrent server")
    expect(_form(page).get_by_role("textbox", name="URL")).to_be_visible()
    _closes(page)
    assert browser.console_errors == []


def test_a_servers_options_form_opens_without_a_console_error(
    browser: Chromium,
) -> None:
    """A server's Configure shows its polling and health options."""
    page = _integration_page(browser)

    _entry(page, "NAS").get_by_role("button", name="Configure").click()

    expect(_form(page)).to_contain_text("Polling and health")
    expect(_form(page)).to_contain_text("Polling interval")
    _closes(page)
    assert browser.console_errors == []


def test_the_switchers_options_form_opens_without_a_console_error(
    browser: Chromium,
) -> None:
    """The Server switcher's Configure shows its default server and failover options."""
    page = _integration_page(browser)

    _entry(page, "Server switcher").get_by_role("button", name="Configure").click()

    expect(_form(page)).to_contain_text("Default server")
    expect(_form(page)).to_contain_text("Fail over automatically")
    _closes(page)
    assert browser.console_errors == []


def test_the_reconfigure_form_opens_without_a_console_error(browser: Chromium) -> None:
    """A server's menu item Reconfigure shows the change-the-server form."""
    page = _integration_page(browser)

    _entry(page, "NAS").get_by_role("button", name="Menu").first.click()
    page.get_by_role("menuitem", name="Reconfigure").click()

    expect(_form(page)).to_contain_text("Change the qBittorrent server")
    expect(_form(page).get_by_role("textbox", name="URL")).to_be_visible()
    _closes(page)
    assert browser.console_errors == []
