"""Steps of the config flow and entries as it stores them, for the flow tests."""

from typing import Any

from homeassistant.config_entries import SOURCE_USER, ConfigFlowResult
from homeassistant.const import CONF_PASSWORD, CONF_URL, CONF_USERNAME, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import (
    CONF_API_KEY,
    CONF_ENTRY_KIND,
    DOMAIN,
    KIND_SERVER,
)
from tests.fake_qbittorrent import FakeQBittorrent

API_KEY = "qbt_0123456789abcdefghijklmnopqr"
# Nothing listens here: the tests that use it never get as far as connecting.
NOWHERE = "http://127.0.0.1:9"


async def start_user_flow(hass: HomeAssistant) -> ConfigFlowResult:
    """Press Add integration: the add form, or the menu when there is a server to import."""
    return await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )


async def submit_add_form(
    hass: HomeAssistant, user_input: dict[str, Any]
) -> ConfigFlowResult:
    """Open the add-server form and submit it once."""
    result = await start_user_flow(hass)
    return await hass.config_entries.flow.async_configure(result["flow_id"], user_input)


def password_login(server: FakeQBittorrent) -> dict[str, Any]:
    return {
        CONF_URL: server.url,
        CONF_USERNAME: server.username,
        CONF_PASSWORD: server.password,
    }


def stored_server_data(url: str, **data: Any) -> dict[str, Any]:
    """A server entry's data as the flow stores it: no login unless given."""
    return {
        CONF_ENTRY_KIND: KIND_SERVER,
        CONF_URL: url,
        CONF_USERNAME: "",
        CONF_PASSWORD: "",
        CONF_API_KEY: "",
        CONF_VERIFY_SSL: True,
        **data,
    }


def stored_server_entry(hass: HomeAssistant, url: str, **data: Any) -> MockConfigEntry:
    """A server entry as the flow stores it, added to Home Assistant."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="qBittorrent",
        unique_id=url,
        data=stored_server_data(url, **data),
    )
    entry.add_to_hass(hass)
    return entry


def password_entry(hass: HomeAssistant, server: FakeQBittorrent) -> MockConfigEntry:
    return stored_server_entry(
        hass, server.url, username=server.username, password=server.password
    )


def form_keys(result: ConfigFlowResult) -> list[Any]:
    schema = result["data_schema"]
    assert schema is not None
    return list(schema.schema)


def fields(result: ConfigFlowResult) -> set[str]:
    return {str(key) for key in form_keys(result)}


def suggested(result: ConfigFlowResult, field: str) -> Any:
    """The value a form shows pre-filled in a field (None: empty)."""
    for key in form_keys(result):
        if key == field:
            return (key.description or {}).get("suggested_value")
    raise AssertionError(f"the form has no field {field}")
