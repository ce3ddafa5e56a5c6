"""Config flow for qBittorrent Multi-Server: servers, the switcher and options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, override

import aiohttp
from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
    OptionsFlowWithReload,
)
from homeassistant.const import (
    CONF_NAME,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.data_entry_flow import AbortFlow
from homeassistant.helpers.aiohttp_client import async_create_clientsession
from homeassistant.helpers.selector import (
    BooleanSelector,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import probatio
from yarl import URL

from .client import (
    AuthenticationError,
    BannedError,
    CannotConnectError,
    QBittorrentClient,
    UnexpectedResponseError,
    UnsupportedVersionError,
    normalise_url,
)
from .const import (
    CONF_API_KEY,
    CONF_ENTRY_KIND,
    DEFAULT_BAN_SECONDS,
    DEFAULT_REQUEST_TIMEOUT,
    DOMAIN,
    KIND_SERVER,
    KIND_SWITCHER,
    LOGGER,
    SWITCHER_UNIQUE_ID,
)
from .entry_kind import is_switcher_entry
from .form_error import FormError
from .server_import import (
    NONE_SHOWN,
    BuiltinServer,
    ImportReport,
    ImportStatus,
    async_import_server,
    builtin_servers,
)
from .server_options import (
    OPTIONS_SCHEMA,
    form_values,
    options_from_form,
    range_placeholders,
)
from .switcher_flow import SwitcherOptionsFlow

SWITCHER_TITLE = "Server switcher"

# Values for the {placeholders} in the form texts (the banned error names the
# usual length of a ban).
_FORM_PLACEHOLDERS = {"ban_minutes": str(DEFAULT_BAN_SECONDS // 60)}

_SECRETS = (CONF_PASSWORD, CONF_API_KEY)

# The options an import hands over for the new entry (from an exported list).
CONF_OPTIONS = "options"
# The built-in integration's servers chosen in the import form.
CONF_SERVERS = "servers"

_URL_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))
_USERNAME_SELECTOR = TextSelector(TextSelectorConfig(autocomplete="username"))
_PASSWORD_SELECTOR = TextSelector(
    TextSelectorConfig(type=TextSelectorType.PASSWORD, autocomplete="current-password")
)
_API_KEY_SELECTOR = TextSelector(
    TextSelectorConfig(type=TextSelectorType.PASSWORD, autocomplete="off")
)

USER_SCHEMA = probatio.Schema(
    {
        probatio.Optional(CONF_NAME): TextSelector(),
        probatio.Required(CONF_URL): _URL_SELECTOR,
        probatio.Optional(CONF_USERNAME): _USERNAME_SELECTOR,
        probatio.Optional(CONF_PASSWORD): _PASSWORD_SELECTOR,
        probatio.Optional(CONF_API_KEY): _API_KEY_SELECTOR,
        probatio.Optional(CONF_VERIFY_SSL, default=True): BooleanSelector(),
    }
)

RECONFIGURE_SCHEMA = probatio.Schema(
    {
        probatio.Required(CONF_URL): _URL_SELECTOR,
        probatio.Optional(CONF_USERNAME): _USERNAME_SELECTOR,
        probatio.Optional(CONF_PASSWORD): _PASSWORD_SELECTOR,
        probatio.Optional(CONF_API_KEY): _API_KEY_SELECTOR,
        probatio.Optional(CONF_VERIFY_SSL, default=True): BooleanSelector(),
    }
)

REAUTH_PASSWORD_SCHEMA = probatio.Schema(
    {
        probatio.Required(CONF_USERNAME): _USERNAME_SELECTOR,
        probatio.Required(CONF_PASSWORD): _PASSWORD_SELECTOR,
    }
)

REAUTH_API_KEY_SCHEMA = probatio.Schema(
    {probatio.Required(CONF_API_KEY): _API_KEY_SELECTOR}
)


def _parse_url(text: str) -> str:
    try:
        return normalise_url(text)
    except ValueError as err:
        raise FormError("invalid_url", CONF_URL) from err


def _default_title(url: str) -> str:
    """Name a server after its host, with the port when it is not the default."""
    return URL(url).host_port_subcomponent or url


def _pick_credentials(user_input: Mapping[str, Any]) -> dict[str, str]:
    """Return the entry's credentials; an API key wins over username and password.

    The credentials not in use are stored as empty strings, so every server
    entry has the same keys.
    """
    if api_key := str(user_input.get(CONF_API_KEY) or "").strip():
        return {CONF_USERNAME: "", CONF_PASSWORD: "", CONF_API_KEY: api_key}
    username = str(user_input.get(CONF_USERNAME) or "").strip()
    # A password may legitimately start or end with a space: kept as typed.
    password = str(user_input.get(CONF_PASSWORD) or "")
    if not username or not password:
        raise FormError("missing_credentials")
    return {CONF_USERNAME: username, CONF_PASSWORD: password, CONF_API_KEY: ""}


def _without_secrets(values: Mapping[str, Any]) -> dict[str, Any]:
    """What a re-shown form may pre-fill: everything but the secrets."""
    return {key: value for key, value in values.items() if key not in _SECRETS}


async def _async_try_connect(
    hass: HomeAssistant, url: str, verify_ssl: bool, credentials: Mapping[str, str]
) -> None:
    """Log in and read the versions once, or raise the form error to show."""
    # A session of its own with a fresh cookie jar: a session cookie left over
    # from an earlier attempt would let qBittorrent accept a wrong password.
    session = async_create_clientsession(
        hass,
        verify_ssl=verify_ssl,
        cookie_jar=aiohttp.CookieJar(unsafe=True),
        auto_cleanup=False,
    )
    client = QBittorrentClient(
        session,
        url,
        username=credentials[CONF_USERNAME],
        password=credentials[CONF_PASSWORD],
        api_key=credentials[CONF_API_KEY],
        verify_ssl=verify_ssl,
        timeout=DEFAULT_REQUEST_TIMEOUT,
    )
    try:
        await client.connect()
    except AuthenticationError as err:
        # The message names what was refused: only one of the two is sent.
        if credentials[CONF_API_KEY]:
            raise FormError("invalid_api_key") from err
        raise FormError("invalid_auth") from err
    except BannedError as err:
        raise FormError("banned") from err
    except CannotConnectError as err:
        if err.reason == "ssl":
            raise FormError("ssl_error") from err
        if err.reason == "timeout":
            raise FormError("timeout") from err
        raise FormError("cannot_connect") from err
    except UnsupportedVersionError as err:
        raise FormError("unsupported_version") from err
    except UnexpectedResponseError as err:
        raise FormError("unexpected_reply") from err
    except Exception as err:
        LOGGER.exception("Unexpected error while connecting to %s", url)
        raise FormError("unknown") from err
    finally:
        # The session shares Home Assistant's connection pool: detaching it
        # releases the session without closing the pool.
        session.detach()


class QBittorrentMultiConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add a qBittorrent server, or the server switcher."""

    VERSION = 1
    # 1.2: entities and device keyed on the entry instead of its URL.
    MINOR_VERSION = 2

    @staticmethod
    @callback
    @override
    def async_get_options_flow(config_entry: ConfigEntry) -> OptionsFlow:
        """Return the options flow of a server entry or of the switcher."""
        if is_switcher_entry(config_entry):
            return SwitcherOptionsFlow()
        return QBittorrentMultiOptionsFlow()

    @override
    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Add a server; offer the import first when the built-in integration has some."""
        if user_input is None and builtin_servers(self.hass):
            return await self.async_step_add_or_import()
        return await self.async_step_add_server(user_input)

    async def async_step_add_or_import(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer to add a server or to import those of the built-in integration."""
        return self.async_show_menu(
            step_id="add_or_import", menu_options=["add_server", "import_builtin"]
        )

    async def async_step_add_server(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Add a server: its WebUI address and how to log in.

        The form is the user step's, so that both ways to it share one form,
        its texts, and what the user step does with the input.
        """
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                title, data = await self._async_check_server(user_input)
            except FormError as err:
                errors[err.field] = err.key
            else:
                return self.async_create_entry(title=title, data=data)
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(
                USER_SCHEMA, _without_secrets(user_input or {})
            ),
            errors=errors,
            description_placeholders=_FORM_PLACEHOLDERS,
        )

    async def _async_check_server(
        self, values: Mapping[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        """Check a server to add and claim its URL; return its title and entry data.

        Raises FormError for input or a connection test that fails, and
        AbortFlow when the server is set up already.
        """
        url = _parse_url(values[CONF_URL])
        # Before any login: a server that is already set up gets no needless
        # (and possibly failing) login attempt.
        await self.async_set_unique_id(url)
        self._abort_if_unique_id_configured()
        credentials = _pick_credentials(values)
        verify_ssl = bool(values.get(CONF_VERIFY_SSL, True))
        await _async_try_connect(self.hass, url, verify_ssl, credentials)
        title = str(values.get(CONF_NAME) or "").strip() or _default_title(url)
        return title, {
            CONF_ENTRY_KIND: KIND_SERVER,
            CONF_URL: url,
            **credentials,
            CONF_VERIFY_SSL: verify_ssl,
        }

    async def async_step_import_builtin(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Choose servers of the built-in qBittorrent integration to add here."""
        configured = self._async_current_ids(include_ignore=False)
        servers = builtin_servers(self.hass)
        offered = [server for server in servers if server.unique_id not in configured]
        present = [server.name for server in servers if server not in offered]
        if not offered:
            return self.async_abort(reason="nothing_to_import")
        errors: dict[str, str] = {}
        if user_input is not None:
            chosen = [
                server
                for server in offered
                if server.entry_id in user_input[CONF_SERVERS]
            ]
            if chosen:
                return await self._async_import(chosen)
            errors["base"] = "nothing_chosen"
        choices = [
            SelectOptionDict(
                value=server.entry_id,
                label=f"{server.name} ({server.unique_id or server.import_data[CONF_URL]})",
            )
            for server in offered
        ]
        schema = probatio.Schema(
            {
                probatio.Required(
                    CONF_SERVERS, default=[server.entry_id for server in offered]
                ): SelectSelector(
                    SelectSelectorConfig(
                        options=choices, multiple=True, mode=SelectSelectorMode.LIST
                    )
                )
            }
        )
        return self.async_show_form(
            step_id="import_builtin",
            data_schema=schema,
            errors=errors,
            description_placeholders={
                "already_added": ", ".join(present) or NONE_SHOWN
            },
        )

    async def _async_import(self, servers: list[BuiltinServer]) -> ConfigFlowResult:
        """Add the chosen servers: the first that passes here, the rest by import flows.

        A flow creates one entry, so this one creates the first server that
        passes the checks; each further server goes through the import step.
        """
        report = ImportReport()
        own: tuple[str, dict[str, Any]] | None = None
        for server in servers:
            if own is not None:
                result = await async_import_server(self.hass, server.import_data)
                report.add(server.name, result.status)
                continue
            try:
                own = await self._async_check_server(server.import_data)
            except FormError:
                report.add(server.name, ImportStatus.FAILED)
            except AbortFlow:
                report.add(server.name, ImportStatus.SKIPPED)
            else:
                report.add(server.name, ImportStatus.IMPORTED)
        if own is None:
            return self.async_abort(
                reason="import_failed", description_placeholders=report.placeholders()
            )
        title, data = own
        return self.async_create_entry(
            title=title,
            data=data,
            description="imported",
            description_placeholders=report.placeholders(),
        )

    async def async_step_import(self, import_data: dict[str, Any]) -> ConfigFlowResult:
        """Add a server handed over by an import, with the add form's checks.

        Used for the built-in integration's servers and by the import_servers
        action; a failed check ends the flow with the form's error as reason.
        """
        try:
            title, data = await self._async_check_server(import_data)
        except FormError as err:
            return self.async_abort(
                reason=err.key, description_placeholders=_FORM_PLACEHOLDERS
            )
        return self.async_create_entry(
            title=title, data=data, options=import_data.get(CONF_OPTIONS)
        )

    async def async_step_reauth(
        self, entry_data: Mapping[str, Any]
    ) -> ConfigFlowResult:
        """Start re-authentication after the server refused the stored credentials."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the new password, or the new API key for an API-key entry."""
        entry = self._get_reauth_entry()
        uses_api_key = bool(entry.data.get(CONF_API_KEY))
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                credentials = _pick_credentials(user_input)
                await _async_try_connect(
                    self.hass,
                    entry.data[CONF_URL],
                    entry.data[CONF_VERIFY_SSL],
                    credentials,
                )
            except FormError as err:
                errors[err.field] = err.key
            else:
                return self.async_update_reload_and_abort(
                    entry, data_updates=credentials
                )
        if uses_api_key:
            schema = REAUTH_API_KEY_SCHEMA
        else:
            schema = self.add_suggested_values_to_schema(
                REAUTH_PASSWORD_SCHEMA,
                {CONF_USERNAME: (user_input or entry.data)[CONF_USERNAME]},
            )
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=schema,
            errors=errors,
            description_placeholders={
                **_FORM_PLACEHOLDERS,
                CONF_URL: entry.data[CONF_URL],
            },
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change a server's address, SSL verification or credentials."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                url = _parse_url(user_input[CONF_URL])
                await self.async_set_unique_id(url, raise_on_progress=False)
                if url != entry.unique_id:
                    self._abort_if_unique_id_configured()
                credentials = _pick_credentials(_keep_stored_secrets(user_input, entry))
                await _async_try_connect(
                    self.hass, url, user_input[CONF_VERIFY_SSL], credentials
                )
            except FormError as err:
                errors[err.field] = err.key
            else:
                # A title that was only the old address follows the server to
                # its new one; a name the user chose stays.
                title = entry.title
                if title == _default_title(entry.data[CONF_URL]):
                    title = _default_title(url)
                return self.async_update_reload_and_abort(
                    entry,
                    unique_id=url,
                    title=title,
                    data_updates={
                        CONF_URL: url,
                        **credentials,
                        CONF_VERIFY_SSL: user_input[CONF_VERIFY_SSL],
                    },
                )
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                RECONFIGURE_SCHEMA, _without_secrets(user_input or entry.data)
            ),
            errors=errors,
            description_placeholders=_FORM_PLACEHOLDERS,
        )

    async def async_step_system(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Create the server switcher entry; there is only ever one."""
        await self.async_set_unique_id(SWITCHER_UNIQUE_ID)
        self._abort_if_unique_id_configured(error="single_instance_allowed")
        return self.async_create_entry(
            title=SWITCHER_TITLE, data={CONF_ENTRY_KIND: KIND_SWITCHER}
        )


def _keep_stored_secrets(
    user_input: Mapping[str, Any], entry: ConfigEntry
) -> dict[str, Any]:
    """Fill empty secret fields from the entry, in the way it logs in today.

    A new password or API key switches the entry to that kind of login; with
    both fields left empty the stored secret stays in use.
    """
    if user_input.get(CONF_PASSWORD) or user_input.get(CONF_API_KEY):
        return dict(user_input)
    return {
        **user_input,
        CONF_PASSWORD: entry.data.get(CONF_PASSWORD, ""),
        CONF_API_KEY: entry.data.get(CONF_API_KEY, ""),
    }


class QBittorrentMultiOptionsFlow(OptionsFlowWithReload):
    """Polling, health thresholds and colour of one server; saving reloads the entry."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the options; store them once every field is valid."""
        errors: dict[str, str] = {}
        shown = form_values(self.config_entry.options)
        if user_input is not None:
            try:
                options = options_from_form(user_input, self.config_entry.options)
            except FormError as err:
                errors[err.field] = err.key
                shown = dict(user_input)
            else:
                return self.async_create_entry(data=options)
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(OPTIONS_SCHEMA, shown),
            errors=errors,
            description_placeholders=range_placeholders(),
        )
