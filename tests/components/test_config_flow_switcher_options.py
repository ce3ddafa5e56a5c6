"""The config flow: the server switcher, options, and the texts of every error."""

from unittest.mock import AsyncMock

from homeassistant.config_entries import (
    SOURCE_SYSTEM,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.translation import async_get_translations
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import (
    CONF_ENTRY_KIND,
    CONF_FAILURE_THRESHOLD,
    CONF_REQUEST_TIMEOUT,
    CONF_SCAN_INTERVAL,
    CONF_SLOW_RESPONSE_MS,
    CONF_UNREACHABLE_MINUTES,
    DOMAIN,
    KIND_SWITCHER,
    SWITCHER_UNIQUE_ID,
)
from tests.components.flow_steps import (
    NOWHERE,
    stored_server_entry,
    suggested,
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


# -- options -------------------------------------------------------------------


async def test_options_start_from_the_defaults(hass: HomeAssistant) -> None:
    """A new server polls every 10 s with a 10 s timeout, 3 failures, 2000 ms slow."""
    entry = stored_server_entry(hass, NOWHERE)

    result = await hass.config_entries.options.async_init(entry.entry_id)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    assert suggested(result, CONF_SCAN_INTERVAL) == 10
    assert suggested(result, CONF_REQUEST_TIMEOUT) == 10
    assert suggested(result, CONF_FAILURE_THRESHOLD) == 3
    assert suggested(result, CONF_SLOW_RESPONSE_MS) == 2000


async def test_options_show_the_current_values(hass: HomeAssistant) -> None:
    """Options saved before are what the form shows next time."""
    entry = stored_server_entry(hass, NOWHERE)
    hass.config_entries.async_update_entry(entry, options={CONF_SCAN_INTERVAL: 60})

    result = await hass.config_entries.options.async_init(entry.entry_id)

    assert suggested(result, CONF_SCAN_INTERVAL) == 60
    assert suggested(result, CONF_REQUEST_TIMEOUT) == 10


async def test_changed_options_are_saved_and_applied_by_a_reload(
    hass: HomeAssistant, mock_setup_entry: AsyncMock
) -> None:
    """Options are stored as whole numbers and the entry reloads, no restart needed."""
    entry = stored_server_entry(hass, NOWHERE)
    await hass.config_entries.async_setup(entry.entry_id)
    assert len(mock_setup_entry.mock_calls) == 1
    result = await hass.config_entries.options.async_init(entry.entry_id)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            CONF_SCAN_INTERVAL: 30.0,
            CONF_REQUEST_TIMEOUT: 5.0,
            CONF_FAILURE_THRESHOLD: 4.0,
            CONF_SLOW_RESPONSE_MS: 1500.0,
            CONF_UNREACHABLE_MINUTES: 30.0,
        },
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        CONF_SCAN_INTERVAL: 30,
        CONF_REQUEST_TIMEOUT: 5,
        CONF_FAILURE_THRESHOLD: 4,
        CONF_SLOW_RESPONSE_MS: 1500,
        CONF_UNREACHABLE_MINUTES: 30,
    }
    assert all(type(value) is int for value in entry.options.values())
    assert len(mock_setup_entry.mock_calls) == 2


@pytest.mark.parametrize(
    ("option", "value"),
    [
        (CONF_SCAN_INTERVAL, 4),
        (CONF_SCAN_INTERVAL, 3601),
        (CONF_REQUEST_TIMEOUT, 1),
        (CONF_REQUEST_TIMEOUT, 121),
        (CONF_FAILURE_THRESHOLD, 0),
        (CONF_FAILURE_THRESHOLD, 21),
        (CONF_SLOW_RESPONSE_MS, 99),
        (CONF_SLOW_RESPONSE_MS, 60001),
        (CONF_UNREACHABLE_MINUTES, 4),
        (CONF_UNREACHABLE_MINUTES, 1441),
    ],
)
async def test_options_outside_their_range_are_refused_with_the_range(
    hass: HomeAssistant, option: str, value: int
) -> None:
    """Each option has bounds: 5-3600 s, 2-120 s, 1-20 failures, 100-60000 ms, 5-1440 min.

    The form shows again with a translated error on the field that names its
    range, instead of Home Assistant's generic "Value 2.0 is too small".
    """
    entry = stored_server_entry(hass, NOWHERE)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    user_input = {
        CONF_SCAN_INTERVAL: 10,
        CONF_REQUEST_TIMEOUT: 10,
        CONF_FAILURE_THRESHOLD: 3,
        CONF_SLOW_RESPONSE_MS: 2000,
        CONF_UNREACHABLE_MINUTES: 60,
        option: value,
    }

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], user_input
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {option: f"{option}_range"}
    assert entry.options == {}


async def test_a_server_entry_offers_options(hass: HomeAssistant) -> None:
    """Server entries show the Configure button."""
    entry = stored_server_entry(hass, NOWHERE)

    assert entry.supports_options is True


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
