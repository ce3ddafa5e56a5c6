"""The config flow: adding a server, with every error it can show."""

from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import replace
import logging
from typing import cast
from unittest.mock import AsyncMock, patch

from homeassistant.const import (
    CONF_NAME,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest

from custom_components.qbittorrent_multi.const import CONF_API_KEY
from tests.components.flow_steps import (
    API_KEY,
    NOWHERE,
    fields,
    password_entry,
    password_login,
    start_user_flow,
    stored_server_data,
    submit_add_form,
    suggested,
)
from tests.fake_qbittorrent import (
    FLAVOURS,
    FailureMode,
    FakeQBittorrent,
    FlavourName,
    self_signed_certificate,
)
from tests.live_fixtures import StartFakeQBittorrent
from tests.refused_handshakes import ignoring_refused_handshakes

pytestmark = pytest.mark.usefixtures("mock_setup_entry")


# -- adding a server -----------------------------------------------------------


async def test_the_add_form_asks_where_the_server_is_and_how_to_log_in(
    hass: HomeAssistant,
) -> None:
    """The user step shows one form with every field and no errors."""
    result = await start_user_flow(hass)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {}
    assert fields(result) == {
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

    result = await submit_add_form(hass, password_login(server))

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == f"127.0.0.1:{server.port}"
    assert result["data"] == stored_server_data(
        server.url, username=server.username, password=server.password
    )
    assert result["result"].unique_id == server.url
    assert result["result"].options == {}


async def test_the_name_given_becomes_the_title(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A name typed in the form is the entry's (and so the device's) name."""
    server = await fake_qbittorrent()

    result = await submit_add_form(
        hass, {**password_login(server), CONF_NAME: "  Seedbox  "}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Seedbox"


async def test_a_url_with_a_reverse_proxy_prefix_is_stored_normalised(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Scheme case and a trailing slash go; the path prefix stays, in data and unique id."""
    server = await fake_qbittorrent(path_prefix="/qbittorrent")
    typed = f"HTTP://127.0.0.1:{server.port}/qbittorrent/"

    result = await submit_add_form(hass, {**password_login(server), CONF_URL: typed})

    assert result["type"] is FlowResultType.CREATE_ENTRY
    expected = f"http://127.0.0.1:{server.port}/qbittorrent"
    assert result["data"][CONF_URL] == expected
    assert result["result"].unique_id == expected


async def test_a_server_is_added_with_an_api_key_and_no_login(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """With an API key the flow never logs in and stores no username or password."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)

    result = await submit_add_form(hass, {CONF_URL: server.url, CONF_API_KEY: API_KEY})

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == stored_server_data(server.url, api_key=API_KEY)
    assert server.login_attempts == 0


async def test_an_api_key_wins_over_a_username_and_password(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Given both, the API key is used and the password is neither tried nor kept."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)

    result = await submit_add_form(
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
    password_entry(hass, server)

    result = await submit_add_form(
        hass,
        {**password_login(server), CONF_URL: f"http://127.0.0.1:{server.port}/"},
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
    result = await submit_add_form(
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
    result = await submit_add_form(hass, {CONF_URL: NOWHERE, **credentials})

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "missing_credentials"}


@pytest.mark.parametrize("flavour", ["4.5", "5.3"])
async def test_a_wrong_password_shows_invalid_auth_and_can_be_corrected(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, flavour: FlavourName
) -> None:
    """The refused form keeps what was typed, except the password."""
    server = await fake_qbittorrent(flavour)
    result = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {**password_login(server), CONF_NAME: "Seedbox", CONF_PASSWORD: "wrong"},
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    assert suggested(result, CONF_URL) == server.url
    assert suggested(result, CONF_USERNAME) == server.username
    assert suggested(result, CONF_NAME) == "Seedbox"
    assert suggested(result, CONF_PASSWORD) is None

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**password_login(server), CONF_NAME: "Seedbox"}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Seedbox"


async def test_a_wrong_api_key_says_the_api_key_was_refused(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A key the server does not know is refused, named as such, and not kept."""
    server = await fake_qbittorrent("5.3", api_key=API_KEY)

    result = await submit_add_form(
        hass, {CONF_URL: server.url, CONF_API_KEY: "qbt_not_the_key"}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_api_key"}
    assert suggested(result, CONF_API_KEY) is None


async def test_an_api_key_for_qbittorrent_before_5_2_says_the_api_key_was_refused(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """qBittorrent 4.5 has no API keys: it refuses the request like a bad key."""
    server = await fake_qbittorrent("4.5")

    result = await submit_add_form(hass, {CONF_URL: server.url, CONF_API_KEY: API_KEY})

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_api_key"}


async def test_a_banned_address_is_told_how_long_bans_last(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Once banned even the right password is refused; the form says it is a ban."""
    server = await fake_qbittorrent(max_auth_failures=1)
    result = await start_user_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**password_login(server), CONF_PASSWORD: "wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], password_login(server)
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "banned"}
    assert result["description_placeholders"] == {"ban_minutes": "60"}


@pytest.fixture
async def refused_handshakes_ignored() -> AsyncGenerator[None]:
    """The client's refusal of a self-signed certificate does not fail the test."""
    with ignoring_refused_handshakes():
        yield


@pytest.mark.usefixtures("refused_handshakes_ignored")
async def test_a_self_signed_certificate_asks_to_turn_off_verification(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Verification fails with ssl_error; with it turned off the server is added."""
    certificate = self_signed_certificate()
    server = await fake_qbittorrent(ssl_context=certificate.server_context())
    result = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], password_login(server)
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "ssl_error"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**password_login(server), CONF_VERIFY_SSL: False}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_URL].startswith("https://")
    assert result["data"][CONF_VERIFY_SSL] is False


async def not_running(server: FakeQBittorrent) -> None:
    await server.stop()


async def behind_a_sign_in_page(server: FakeQBittorrent) -> None:
    server.fail_next(FailureMode.HTML_LOGIN_PAGE)


async def behind_a_bad_gateway(server: FakeQBittorrent) -> None:
    server.fail_next(FailureMode.STATUS_502)


@pytest.mark.parametrize(
    ("break_server", "error"),
    [
        (not_running, "cannot_connect"),
        (behind_a_sign_in_page, "unexpected_reply"),
        (behind_a_bad_gateway, "unexpected_reply"),
    ],
    ids=["not running", "a proxy's sign-in page", "a proxy's bad gateway page"],
)
async def test_a_server_that_cannot_be_reached_shows_why(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    break_server: Callable[[FakeQBittorrent], Awaitable[None]],
    error: str,
) -> None:
    """A server not running is cannot_connect; a proxy's page is unexpected_reply.

    A page a proxy answers with instead of qBittorrent is not mistaken for a
    login failure.
    """
    server = await fake_qbittorrent()
    await break_server(server)

    result = await submit_add_form(hass, password_login(server))

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}


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
        result = await submit_add_form(hass, password_login(server))

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "timeout"}


async def test_a_url_without_the_proxy_path_prefix_shows_unexpected_reply(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """No WebAPI at the URL typed (404) points at the path prefix."""
    server = await fake_qbittorrent(path_prefix="/qbittorrent")

    result = await submit_add_form(
        hass,
        {**password_login(server), CONF_URL: f"http://127.0.0.1:{server.port}"},
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

    result = await submit_add_form(hass, password_login(server))

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
        result = await submit_add_form(
            hass,
            {CONF_URL: NOWHERE, CONF_USERNAME: "admin", CONF_PASSWORD: "s3cret-pw"},
        )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "unknown"}
    assert f"Unexpected error while connecting to {NOWHERE}" in caplog.text
    assert "RuntimeError: boom" in caplog.text
    assert "s3cret-pw" not in caplog.text
