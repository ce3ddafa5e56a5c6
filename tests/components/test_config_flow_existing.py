"""The config flow of an existing server: reauthentication and reconfiguration."""

from collections.abc import Awaitable, Callable
from typing import Any
from unittest.mock import AsyncMock

from homeassistant.config_entries import ConfigFlowResult
from homeassistant.const import CONF_PASSWORD, CONF_URL, CONF_USERNAME, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import CONF_API_KEY
from tests.components.flow_steps import (
    API_KEY,
    fields,
    password_entry,
    stored_server_entry,
    suggested,
)
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("mock_setup_entry")

# MockConfigEntry.start_reauth_flow or .start_reconfigure_flow.
type OpenForm = Callable[[MockConfigEntry, HomeAssistant], Awaitable[ConfigFlowResult]]


async def submit(
    hass: HomeAssistant, form: ConfigFlowResult, answers: dict[str, Any]
) -> ConfigFlowResult:
    """Submit an open form and let any reload it starts finish."""
    result = await hass.config_entries.flow.async_configure(form["flow_id"], answers)
    await hass.async_block_till_done()
    return result


# -- the forms of an existing entry --------------------------------------------


@pytest.mark.parametrize(
    ("open_form", "step_id", "prefilled", "placeholders"),
    [
        pytest.param(
            MockConfigEntry.start_reauth_flow,
            "reauth_confirm",
            lambda server: {CONF_USERNAME: server.username, CONF_PASSWORD: None},
            lambda server: {
                "ban_minutes": "60",
                "name": "qBittorrent",
                CONF_URL: server.url,
            },
            id="reauth asks for the password with the username filled in",
        ),
        pytest.param(
            MockConfigEntry.start_reconfigure_flow,
            "reconfigure",
            lambda server: {
                CONF_URL: server.url,
                CONF_USERNAME: server.username,
                CONF_PASSWORD: None,
                CONF_API_KEY: None,
                CONF_VERIFY_SSL: True,
            },
            lambda server: {"ban_minutes": "60"},
            id="reconfigure shows the current address",
        ),
    ],
)
async def test_the_forms_of_an_entry_show_what_is_stored_but_no_secret(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    *,
    open_form: OpenForm,
    step_id: str,
    prefilled: Callable[[FakeQBittorrent], dict[str, Any]],
    placeholders: Callable[[FakeQBittorrent], dict[str, str]],
) -> None:
    """Username, URL and SSL are pre-filled; password and API key are left empty.

    Reauthentication names the server it asks the password for.
    """
    server = await fake_qbittorrent()
    entry = password_entry(hass, server)

    result = await open_form(entry, hass)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == step_id
    shown = {field: suggested(result, field) for field in fields(result)}
    assert shown == prefilled(server)
    assert result["description_placeholders"] == placeholders(server)


@pytest.mark.parametrize(
    ("open_form", "typed"),
    [
        pytest.param(
            MockConfigEntry.start_reauth_flow,
            lambda server: {CONF_USERNAME: "someone", CONF_PASSWORD: "wrong"},
            id="reauth",
        ),
        pytest.param(
            MockConfigEntry.start_reconfigure_flow,
            lambda server: {
                CONF_URL: f"{server.url}/",
                CONF_USERNAME: server.username,
                CONF_PASSWORD: "wrong",
                CONF_VERIFY_SSL: True,
            },
            id="reconfigure",
        ),
    ],
)
async def test_a_wrong_password_shows_invalid_auth_and_changes_nothing(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    open_form: OpenForm,
    typed: Callable[[FakeQBittorrent], dict[str, Any]],
) -> None:
    """A refused login keeps the entry as it was and the form open with what was typed.

    The password field is the exception: it is shown empty again.
    """
    server = await fake_qbittorrent()
    entry = password_entry(hass, server)
    answers = typed(server)

    result = await submit(hass, await open_form(entry, hass), answers)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    shown = {field: suggested(result, field) for field in answers}
    assert shown == {**answers, CONF_PASSWORD: None}
    assert entry.data[CONF_PASSWORD] == server.password


# -- reauthentication ----------------------------------------------------------


async def test_reauth_with_the_new_password_updates_and_reloads_the_entry(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    mock_setup_entry: AsyncMock,
) -> None:
    """The password changed on the server is stored and the entry starts again."""
    server = await fake_qbittorrent()
    entry = password_entry(hass, server)
    server.set_password("changed on the server")

    result = await submit(
        hass,
        await entry.start_reauth_flow(hass),
        {CONF_USERNAME: server.username, CONF_PASSWORD: "changed on the server"},
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert entry.data[CONF_PASSWORD] == "changed on the server"
    assert entry.data[CONF_URL] == server.url
    assert len(mock_setup_entry.mock_calls) == 1


async def test_reauth_of_an_api_key_entry_asks_for_the_new_key(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    mock_setup_entry: AsyncMock,
) -> None:
    """After the key is rotated on the server, the new key is stored."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)
    entry = stored_server_entry(hass, server.url, api_key=API_KEY)
    new_key = server.rotate_api_key()
    form = await entry.start_reauth_flow(hass)
    assert fields(form) == {CONF_API_KEY}

    result = await submit(hass, form, {CONF_API_KEY: new_key})

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert entry.data[CONF_API_KEY] == new_key
    assert len(mock_setup_entry.mock_calls) == 1


# -- reconfiguration -----------------------------------------------------------


async def test_reconfigure_moves_the_entry_to_a_new_address_keeping_the_password(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    mock_setup_entry: AsyncMock,
) -> None:
    """An empty password field keeps the stored one; URL and unique id follow the move."""
    old = await fake_qbittorrent()
    new = await fake_qbittorrent()
    entry = password_entry(hass, old)

    result = await submit(
        hass,
        await entry.start_reconfigure_flow(hass),
        {CONF_URL: f"{new.url}/", CONF_USERNAME: new.username, CONF_VERIFY_SSL: True},
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.unique_id == new.url
    assert entry.data[CONF_URL] == new.url
    assert entry.data[CONF_PASSWORD] == old.password
    assert entry.title == "qBittorrent"
    assert len(mock_setup_entry.mock_calls) == 1


async def test_reconfigure_renames_an_entry_still_named_after_its_old_address(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A default title (host:port) follows the move; a chosen name would stay."""
    old = await fake_qbittorrent()
    new = await fake_qbittorrent()
    entry = password_entry(hass, old)
    hass.config_entries.async_update_entry(entry, title=f"127.0.0.1:{old.port}")

    result = await submit(
        hass,
        await entry.start_reconfigure_flow(hass),
        {CONF_URL: new.url, CONF_USERNAME: new.username, CONF_VERIFY_SSL: True},
    )

    assert result["reason"] == "reconfigure_successful"
    assert entry.title == f"127.0.0.1:{new.port}"


async def test_reconfigure_switches_a_password_entry_to_an_api_key(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A new API key replaces the password, which is no longer stored."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)
    entry = password_entry(hass, server)

    result = await submit(
        hass,
        await entry.start_reconfigure_flow(hass),
        {
            CONF_URL: server.url,
            CONF_USERNAME: server.username,
            CONF_API_KEY: API_KEY,
            CONF_VERIFY_SSL: True,
        },
    )

    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_API_KEY] == API_KEY
    assert entry.data[CONF_USERNAME] == ""
    assert entry.data[CONF_PASSWORD] == ""


async def test_reconfigure_keeps_the_api_key_when_its_field_is_left_empty(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """An API-key entry can change its SSL setting without retyping the key."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)
    entry = stored_server_entry(hass, server.url, api_key=API_KEY)

    result = await submit(
        hass,
        await entry.start_reconfigure_flow(hass),
        {CONF_URL: server.url, CONF_VERIFY_SSL: False},
    )

    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_API_KEY] == API_KEY
    assert entry.data[CONF_VERIFY_SSL] is False


async def test_reconfigure_to_the_address_of_another_entry_aborts(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Two entries never share one server."""
    first = await fake_qbittorrent()
    second = await fake_qbittorrent()
    password_entry(hass, first)
    entry = password_entry(hass, second)

    result = await submit(
        hass,
        await entry.start_reconfigure_flow(hass),
        {CONF_URL: first.url, CONF_USERNAME: first.username, CONF_VERIFY_SSL: True},
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_URL] == second.url
