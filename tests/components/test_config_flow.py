"""The config flow: adding servers, reauth, reconfigure, the switcher and options.

Every connection is made to the fake qBittorrent WebAPI on 127.0.0.1, so what
the flow shows is what a real server's replies lead to.
"""

import asyncio
from collections.abc import AsyncGenerator
from dataclasses import replace
import logging
from typing import Any, cast
from unittest.mock import AsyncMock, patch

from homeassistant.config_entries import (
    SOURCE_SYSTEM,
    SOURCE_USER,
    ConfigFlowResult,
)
from homeassistant.const import (
    CONF_NAME,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.helpers.translation import async_get_translations
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import (
    CONF_API_KEY,
    CONF_ENTRY_KIND,
    CONF_FAILURE_THRESHOLD,
    CONF_REQUEST_TIMEOUT,
    CONF_SCAN_INTERVAL,
    CONF_SLOW_RESPONSE_MS,
    CONF_UNREACHABLE_MINUTES,
    DOMAIN,
    KIND_SERVER,
    KIND_SWITCHER,
    SWITCHER_UNIQUE_ID,
)
from tests.fake_qbittorrent import (
    FLAVOURS,
    FailureMode,
    FakeQBittorrent,
    FlavourName,
    self_signed_certificate,
)
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("mock_setup_entry")

API_KEY = "qbt_0123456789abcdefghijklmnopqr"
# Nothing listens here: the tests that use it never get as far as connecting.
NOWHERE = "http://127.0.0.1:9"


async def _start_user_flow(hass: HomeAssistant) -> ConfigFlowResult:
    return await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )


async def _add_server(
    hass: HomeAssistant, user_input: dict[str, Any]
) -> ConfigFlowResult:
    """Open the add-server form and submit it once."""
    result = await _start_user_flow(hass)
    return await hass.config_entries.flow.async_configure(result["flow_id"], user_input)


def _password_login(server: FakeQBittorrent) -> dict[str, Any]:
    return {
        CONF_URL: server.url,
        CONF_USERNAME: server.username,
        CONF_PASSWORD: server.password,
    }


def _server_entry(hass: HomeAssistant, url: str, **data: Any) -> MockConfigEntry:
    """A server entry as the flow stores it, added to Home Assistant."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="qBittorrent",
        unique_id=url,
        data={
            CONF_ENTRY_KIND: KIND_SERVER,
            CONF_URL: url,
            CONF_USERNAME: "",
            CONF_PASSWORD: "",
            CONF_API_KEY: "",
            CONF_VERIFY_SSL: True,
            **data,
        },
    )
    entry.add_to_hass(hass)
    return entry


def _password_entry(hass: HomeAssistant, server: FakeQBittorrent) -> MockConfigEntry:
    return _server_entry(
        hass, server.url, username=server.username, password=server.password
    )


def _form_keys(result: ConfigFlowResult) -> list[Any]:
    schema = result["data_schema"]
    assert schema is not None
    return list(schema.schema)


def _fields(result: ConfigFlowResult) -> set[str]:
    return {str(key) for key in _form_keys(result)}


def _suggested(result: ConfigFlowResult, field: str) -> Any:
    """The value a form shows pre-filled in a field (None: empty)."""
    for key in _form_keys(result):
        if key == field:
            return (key.description or {}).get("suggested_value")
    raise AssertionError(f"the form has no field {field}")


# -- adding a server -----------------------------------------------------------


async def test_the_add_form_asks_where_the_server_is_and_how_to_log_in(
    hass: HomeAssistant,
) -> None:
    """The user step shows one form with every field and no errors."""
    result = await _start_user_flow(hass)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {}
    assert _fields(result) == {
        CONF_NAME,
        CONF_URL,
        CONF_USERNAME,
        CONF_PASSWORD,
        CONF_API_KEY,
        CONF_VERIFY_SSL,
    }


@pytest.mark.parametrize("flavour", ["4.5", "5.3"])
async def test_a_server_with_username_and_password_is_added_named_after_its_host(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, flavour: FlavourName
) -> None:
    """A server that accepts the login becomes an entry titled host:port."""
    server = await fake_qbittorrent(flavour)

    result = await _add_server(hass, _password_login(server))

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == f"127.0.0.1:{server.port}"
    assert result["data"] == {
        CONF_ENTRY_KIND: KIND_SERVER,
        CONF_URL: server.url,
        CONF_USERNAME: server.username,
        CONF_PASSWORD: server.password,
        CONF_API_KEY: "",
        CONF_VERIFY_SSL: True,
    }
    assert result["result"].unique_id == server.url
    assert result["result"].options == {}


async def test_the_name_given_becomes_the_title(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A name typed in the form is the entry's (and so the device's) name."""
    server = await fake_qbittorrent()

    result = await _add_server(
        hass, {**_password_login(server), CONF_NAME: "  Seedbox  "}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Seedbox"


async def test_a_url_with_a_reverse_proxy_prefix_is_stored_normalised(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Scheme case and a trailing slash go; the path prefix stays, in data and unique id."""
    server = await fake_qbittorrent(path_prefix="/qbittorrent")
    typed = f"HTTP://127.0.0.1:{server.port}/qbittorrent/"

    result = await _add_server(hass, {**_password_login(server), CONF_URL: typed})

    assert result["type"] is FlowResultType.CREATE_ENTRY
    expected = f"http://127.0.0.1:{server.port}/qbittorrent"
    assert result["data"][CONF_URL] == expected
    assert result["result"].unique_id == expected


async def test_a_server_is_added_with_an_api_key_and_no_login(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """With an API key the flow never logs in and stores no username or password."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)

    result = await _add_server(hass, {CONF_URL: server.url, CONF_API_KEY: API_KEY})

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_ENTRY_KIND: KIND_SERVER,
        CONF_URL: server.url,
        CONF_USERNAME: "",
        CONF_PASSWORD: "",
        CONF_API_KEY: API_KEY,
        CONF_VERIFY_SSL: True,
    }
    assert server.login_attempts == 0


async def test_an_api_key_wins_over_a_username_and_password(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Given both, the API key is used and the password is neither tried nor kept."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)

    result = await _add_server(
        hass,
        {
            CONF_URL: server.url,
            CONF_USERNAME: server.username,
            CONF_PASSWORD: "not the password",
            CONF_API_KEY: API_KEY,
        },
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_API_KEY] == API_KEY
    assert result["data"][CONF_PASSWORD] == ""
    assert server.login_attempts == 0


async def test_adding_a_configured_server_again_aborts_without_logging_in(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The same server, even written differently, is recognised by its normalised URL."""
    server = await fake_qbittorrent()
    _password_entry(hass, server)

    result = await _add_server(
        hass,
        {**_password_login(server), CONF_URL: f"http://127.0.0.1:{server.port}/"},
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert server.login_attempts == 0


@pytest.mark.parametrize(
    "url",
    [
        "127.0.0.1:8080",
        "ftp://127.0.0.1:8080",
        "http://admin:secret@127.0.0.1:8080",
        "http://127.0.0.1:8080/?page=1",
        "http://",
    ],
)
async def test_an_invalid_url_is_pointed_out_on_the_url_field(
    hass: HomeAssistant, url: str
) -> None:
    """Only http(s) URLs with a host and no credentials, query or fragment pass."""
    result = await _add_server(
        hass, {CONF_URL: url, CONF_USERNAME: "admin", CONF_PASSWORD: "pw"}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_URL: "invalid_url"}


@pytest.mark.parametrize(
    "credentials",
    [
        {},
        {CONF_USERNAME: "admin"},
        {CONF_PASSWORD: "adminadmin"},
        {CONF_USERNAME: "  ", CONF_PASSWORD: "adminadmin", CONF_API_KEY: " "},
    ],
)
async def test_incomplete_credentials_ask_for_a_password_pair_or_an_api_key(
    hass: HomeAssistant, credentials: dict[str, str]
) -> None:
    """Without an API key, both username and password are needed."""
    result = await _add_server(hass, {CONF_URL: NOWHERE, **credentials})

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "missing_credentials"}


@pytest.mark.parametrize("flavour", ["4.5", "5.3"])
async def test_a_wrong_password_shows_invalid_auth_and_can_be_corrected(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, flavour: FlavourName
) -> None:
    """The refused form keeps what was typed, except the password."""
    server = await fake_qbittorrent(flavour)
    result = await _start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {**_password_login(server), CONF_NAME: "Seedbox", CONF_PASSWORD: "wrong"},
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    assert _suggested(result, CONF_URL) == server.url
    assert _suggested(result, CONF_USERNAME) == server.username
    assert _suggested(result, CONF_NAME) == "Seedbox"
    assert _suggested(result, CONF_PASSWORD) is None

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**_password_login(server), CONF_NAME: "Seedbox"}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Seedbox"


async def test_a_wrong_api_key_shows_invalid_auth(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A key the server does not know is refused, and not kept in the form."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)

    result = await _add_server(
        hass, {CONF_URL: server.url, CONF_API_KEY: "qbt_not_the_key"}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    assert _suggested(result, CONF_API_KEY) is None


async def test_an_api_key_for_qbittorrent_before_5_2_shows_invalid_auth(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """qBittorrent 4.5 has no API keys: it refuses the request like a bad key."""
    server = await fake_qbittorrent("4.5")

    result = await _add_server(hass, {CONF_URL: server.url, CONF_API_KEY: API_KEY})

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}


async def test_a_banned_address_is_told_how_long_bans_last(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Once banned even the right password is refused; the form says it is a ban."""
    server = await fake_qbittorrent(max_auth_failures=1)
    result = await _start_user_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**_password_login(server), CONF_PASSWORD: "wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _password_login(server)
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "banned"}
    assert result["description_placeholders"] == {"ban_minutes": "60"}


@pytest.fixture
async def refused_handshakes_ignored() -> AsyncGenerator[None]:
    """Keep the fake server's side of a refused TLS handshake out of the test result.

    The fake serves in the test's own event loop, which runs in debug mode:
    there asyncio reports a handshake the client gave up on (because it does
    not trust the certificate) as an error of the loop, failing the test.
    """
    loop = asyncio.get_running_loop()
    handler = loop.get_exception_handler()

    def ignore_refused_handshake(
        loop: asyncio.AbstractEventLoop, context: dict[str, Any]
    ) -> None:
        if context.get("message") == (
            "Error on transport creation for incoming connection"
        ):
            return
        if handler is None:
            loop.default_exception_handler(context)
        else:
            handler(loop, context)

    loop.set_exception_handler(ignore_refused_handshake)
    yield
    loop.set_exception_handler(handler)


@pytest.mark.usefixtures("refused_handshakes_ignored")
async def test_a_self_signed_certificate_asks_to_turn_off_verification(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Verification fails with ssl_error; with it turned off the server is added."""
    certificate = self_signed_certificate()
    server = await fake_qbittorrent(ssl_context=certificate.server_context())
    result = await _start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _password_login(server)
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "ssl_error"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**_password_login(server), CONF_VERIFY_SSL: False}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_URL].startswith("https://")
    assert result["data"][CONF_VERIFY_SSL] is False


async def test_a_server_that_is_not_running_shows_cannot_connect(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A refused connection is cannot_connect."""
    server = await fake_qbittorrent()
    await server.stop()

    result = await _add_server(hass, _password_login(server))

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}


async def test_a_server_that_does_not_answer_in_time_shows_timeout(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A server slower than the request timeout is a timeout, not a refusal."""
    server = await fake_qbittorrent()
    server.delay = 1.0

    # The real timeout is 10 s; a shorter one keeps the test quick.
    with patch(
        "custom_components.qbittorrent_multi.config_flow.DEFAULT_REQUEST_TIMEOUT", 0.2
    ):
        result = await _add_server(hass, _password_login(server))

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "timeout"}


@pytest.mark.parametrize(
    "failure", [FailureMode.HTML_LOGIN_PAGE, FailureMode.STATUS_502]
)
async def test_a_proxy_answering_instead_of_qbittorrent_shows_unexpected_reply(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, failure: FailureMode
) -> None:
    """A sign-in page or a Bad Gateway page is not mistaken for a login failure."""
    server = await fake_qbittorrent()
    server.fail_next(failure)

    result = await _add_server(hass, _password_login(server))

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "unexpected_reply"}


async def test_a_url_without_the_proxy_path_prefix_shows_unexpected_reply(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """No WebAPI at the URL typed (404) points at the path prefix."""
    server = await fake_qbittorrent(path_prefix="/qbittorrent")

    result = await _add_server(
        hass,
        {**_password_login(server), CONF_URL: f"http://127.0.0.1:{server.port}"},
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "unexpected_reply"}


async def test_a_webapi_older_than_2_0_shows_unsupported_version(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server reporting WebAPI 1.x is refused as too old."""
    # No real qBittorrent serves /api/v2 with a 1.x version; a 4.5 flavour
    # reporting one stands in for a hypothetical too-old server.
    too_old = cast("FlavourName", "too old")
    monkeypatch.setitem(
        FLAVOURS, too_old, replace(FLAVOURS["4.5"], api_version="1.9.0")
    )
    server = await fake_qbittorrent(too_old)

    result = await _add_server(hass, _password_login(server))

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "unsupported_version"}


async def test_an_unexpected_error_shows_unknown_and_is_logged_without_secrets(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug surfaces as unknown in the form and a traceback in the log."""
    with (
        patch(
            "custom_components.qbittorrent_multi.config_flow.QBittorrentClient.connect",
            AsyncMock(side_effect=RuntimeError("boom")),
        ),
        caplog.at_level(logging.ERROR),
    ):
        result = await _add_server(
            hass,
            {CONF_URL: NOWHERE, CONF_USERNAME: "admin", CONF_PASSWORD: "s3cret-pw"},
        )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "unknown"}
    assert f"Unexpected error while connecting to {NOWHERE}" in caplog.text
    assert "RuntimeError: boom" in caplog.text
    assert "s3cret-pw" not in caplog.text


# -- reauthentication ----------------------------------------------------------


async def test_reauth_asks_for_the_password_with_the_username_filled_in(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A password entry's reauth form has username (pre-filled) and password."""
    server = await fake_qbittorrent()
    entry = _password_entry(hass, server)

    result = await entry.start_reauth_flow(hass)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reauth_confirm"
    assert _fields(result) == {CONF_USERNAME, CONF_PASSWORD}
    assert _suggested(result, CONF_USERNAME) == server.username
    assert result["description_placeholders"][CONF_URL] == server.url


async def test_reauth_with_the_new_password_updates_and_reloads_the_entry(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    mock_setup_entry: AsyncMock,
) -> None:
    """The password changed on the server is stored and the entry starts again."""
    server = await fake_qbittorrent()
    entry = _password_entry(hass, server)
    server.set_password("changed on the server")
    result = await entry.start_reauth_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_USERNAME: server.username, CONF_PASSWORD: "changed on the server"},
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert entry.data[CONF_PASSWORD] == "changed on the server"
    assert entry.data[CONF_URL] == server.url
    assert len(mock_setup_entry.mock_calls) == 1


async def test_reauth_with_a_wrong_password_shows_invalid_auth(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A refused password leaves the entry as it was and the form open."""
    server = await fake_qbittorrent()
    entry = _password_entry(hass, server)
    result = await entry.start_reauth_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "someone", CONF_PASSWORD: "wrong"}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    assert _suggested(result, CONF_USERNAME) == "someone"
    assert entry.data[CONF_PASSWORD] == server.password


async def test_reauth_of_an_api_key_entry_asks_for_the_new_key(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    mock_setup_entry: AsyncMock,
) -> None:
    """After the key is rotated on the server, the new key is stored."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)
    entry = _server_entry(hass, server.url, api_key=API_KEY)
    new_key = server.rotate_api_key()
    result = await entry.start_reauth_flow(hass)
    assert _fields(result) == {CONF_API_KEY}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_API_KEY: new_key}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert entry.data[CONF_API_KEY] == new_key
    assert len(mock_setup_entry.mock_calls) == 1


# -- reconfiguration -----------------------------------------------------------


async def test_reconfigure_shows_the_current_address_but_no_secrets(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """URL, username and SSL are pre-filled; password and API key are left empty."""
    server = await fake_qbittorrent()
    entry = _password_entry(hass, server)

    result = await entry.start_reconfigure_flow(hass)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    assert _suggested(result, CONF_URL) == server.url
    assert _suggested(result, CONF_USERNAME) == server.username
    assert _suggested(result, CONF_VERIFY_SSL) is True
    assert _suggested(result, CONF_PASSWORD) is None
    assert _suggested(result, CONF_API_KEY) is None


async def test_reconfigure_moves_the_entry_to_a_new_address_keeping_the_password(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    mock_setup_entry: AsyncMock,
) -> None:
    """An empty password field keeps the stored one; URL and unique id follow the move."""
    old = await fake_qbittorrent()
    new = await fake_qbittorrent()
    entry = _password_entry(hass, old)
    result = await entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_URL: f"{new.url}/", CONF_USERNAME: new.username, CONF_VERIFY_SSL: True},
    )
    await hass.async_block_till_done()

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
    entry = _password_entry(hass, old)
    hass.config_entries.async_update_entry(entry, title=f"127.0.0.1:{old.port}")
    result = await entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_URL: new.url, CONF_USERNAME: new.username, CONF_VERIFY_SSL: True},
    )
    await hass.async_block_till_done()

    assert result["reason"] == "reconfigure_successful"
    assert entry.title == f"127.0.0.1:{new.port}"


async def test_reconfigure_switches_a_password_entry_to_an_api_key(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A new API key replaces the password, which is no longer stored."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)
    entry = _password_entry(hass, server)
    result = await entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_URL: server.url,
            CONF_USERNAME: server.username,
            CONF_API_KEY: API_KEY,
            CONF_VERIFY_SSL: True,
        },
    )
    await hass.async_block_till_done()

    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_API_KEY] == API_KEY
    assert entry.data[CONF_USERNAME] == ""
    assert entry.data[CONF_PASSWORD] == ""


async def test_reconfigure_keeps_the_api_key_when_its_field_is_left_empty(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """An API-key entry can change its SSL setting without retyping the key."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)
    entry = _server_entry(hass, server.url, api_key=API_KEY)
    result = await entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: server.url, CONF_VERIFY_SSL: False}
    )
    await hass.async_block_till_done()

    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_API_KEY] == API_KEY
    assert entry.data[CONF_VERIFY_SSL] is False


async def test_reconfigure_to_the_address_of_another_entry_aborts(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Two entries never share one server."""
    first = await fake_qbittorrent()
    second = await fake_qbittorrent()
    _password_entry(hass, first)
    entry = _password_entry(hass, second)
    result = await entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_URL: first.url, CONF_USERNAME: first.username, CONF_VERIFY_SSL: True},
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_URL] == second.url


async def test_reconfigure_with_a_wrong_password_shows_invalid_auth(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A refused login keeps the entry unchanged and the typed URL in the form."""
    server = await fake_qbittorrent()
    entry = _password_entry(hass, server)
    result = await entry.start_reconfigure_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_URL: f"{server.url}/",
            CONF_USERNAME: server.username,
            CONF_PASSWORD: "wrong",
            CONF_VERIFY_SSL: True,
        },
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    assert _suggested(result, CONF_URL) == f"{server.url}/"
    assert _suggested(result, CONF_PASSWORD) is None
    assert entry.data[CONF_PASSWORD] == server.password


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
    entry = _server_entry(hass, NOWHERE)

    result = await hass.config_entries.options.async_init(entry.entry_id)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    assert _suggested(result, CONF_SCAN_INTERVAL) == 10
    assert _suggested(result, CONF_REQUEST_TIMEOUT) == 10
    assert _suggested(result, CONF_FAILURE_THRESHOLD) == 3
    assert _suggested(result, CONF_SLOW_RESPONSE_MS) == 2000


async def test_options_show_the_current_values(hass: HomeAssistant) -> None:
    """Options saved before are what the form shows next time."""
    entry = _server_entry(hass, NOWHERE)
    hass.config_entries.async_update_entry(entry, options={CONF_SCAN_INTERVAL: 60})

    result = await hass.config_entries.options.async_init(entry.entry_id)

    assert _suggested(result, CONF_SCAN_INTERVAL) == 60
    assert _suggested(result, CONF_REQUEST_TIMEOUT) == 10


async def test_changed_options_are_saved_and_applied_by_a_reload(
    hass: HomeAssistant, mock_setup_entry: AsyncMock
) -> None:
    """Options are stored as whole numbers and the entry reloads, no restart needed."""
    entry = _server_entry(hass, NOWHERE)
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
async def test_options_outside_their_range_are_refused(
    hass: HomeAssistant, option: str, value: int
) -> None:
    """Each option has bounds: 5-3600 s, 2-120 s, 1-20 failures, 100-60000 ms, 5-1440 min."""
    entry = _server_entry(hass, NOWHERE)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    user_input = {
        CONF_SCAN_INTERVAL: 10,
        CONF_REQUEST_TIMEOUT: 10,
        CONF_FAILURE_THRESHOLD: 3,
        CONF_SLOW_RESPONSE_MS: 2000,
        CONF_UNREACHABLE_MINUTES: 60,
        option: value,
    }

    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(result["flow_id"], user_input)

    assert entry.options == {}


async def test_a_server_entry_offers_options(hass: HomeAssistant) -> None:
    """Server entries show the Configure button."""
    entry = _server_entry(hass, NOWHERE)

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
