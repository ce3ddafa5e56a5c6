"""The config flow: the server switcher, and the texts of every error."""

from homeassistant.config_entries import SOURCE_SYSTEM
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.translation import async_get_translations
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import (
    CONF_ENTRY_KIND,
    DOMAIN,
    KIND_SWITCHER,
    SWITCHER_UNIQUE_ID,
)

pytestmark = pytest.mark.usefixtures("mock_setup_entry")


# -- the server switcher -------------------------------------------------------


async def test_the_system_flow_creates_the_server_switcher_without_a_form(
    hass: HomeAssistant,
) -> None:
    """The switcher entry is made at once, with its fixed title and unique id."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_SYSTEM}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Server switcher"
    assert result["data"] == {CONF_ENTRY_KIND: KIND_SWITCHER}
    assert result["result"].unique_id == SWITCHER_UNIQUE_ID


async def test_there_is_only_ever_one_server_switcher(hass: HomeAssistant) -> None:
    """A second system flow aborts while the switcher exists."""
    MockConfigEntry(
        domain=DOMAIN,
        title="Server switcher",
        unique_id=SWITCHER_UNIQUE_ID,
        data={CONF_ENTRY_KIND: KIND_SWITCHER},
    ).add_to_hass(hass)

    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_SYSTEM}
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "single_instance_allowed"
    assert len(hass.config_entries.async_entries(DOMAIN)) == 1


# -- texts ---------------------------------------------------------------------


async def test_every_error_and_abort_the_flow_can_show_has_an_english_text(
    hass: HomeAssistant,
) -> None:
    """No form error or abort reaches the user as a bare key."""
    texts = await async_get_translations(hass, "en", "config", [DOMAIN])
    prefix = f"component.{DOMAIN}.config"

    for error in (
        "invalid_url",
        "missing_credentials",
        "invalid_auth",
        "banned",
        "cannot_connect",
        "timeout",
        "ssl_error",
        "unsupported_version",
        "unexpected_reply",
        "unknown",
    ):
        assert texts.get(f"{prefix}.error.{error}"), error
    for reason in ("already_configured", "single_instance_allowed"):
        assert texts.get(f"{prefix}.abort.{reason}"), reason
    assert "{ban_minutes}" in texts[f"{prefix}.error.banned"]
    assert "{url}" in texts[f"{prefix}.step.reauth_confirm.description"]
