"""Actions that export the server list and import one: moving to a new Home Assistant.

The export holds names, URLs, the way each server logs in and its options,
never a password or an API key. The import takes such a list with the
credentials added, checks all of it before contacting any server, and adds each
server through the config flow's import step; both are for administrators.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.const import (
    CONF_NAME,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.service import async_register_admin_service
import probatio as vol

from .client import normalise_url
from .config_flow import CONF_OPTIONS
from .const import CONF_API_KEY, DOMAIN
from .errors import invalid
from .form_error import FormError
from .server_import import ImportStatus, async_import_server
from .server_options import (
    DEFAULT_OPTIONS,
    checked_options,
    range_placeholders,
)
from .switcher import get_switcher

ATTR_SERVERS: Final = "servers"
ATTR_AUTH: Final = "auth"
AUTH_PASSWORD: Final = CONF_PASSWORD
AUTH_API_KEY: Final = CONF_API_KEY
_MISSING_CREDENTIALS: Final = {
    AUTH_PASSWORD: "import_missing_password",
    AUTH_API_KEY: "import_missing_api_key",
}

_SERVER_SCHEMA: Final = vol.Schema(
    {
        vol.Optional(CONF_NAME): cv.string,
        vol.Required(CONF_URL): cv.string,
        vol.Optional(CONF_VERIFY_SSL, default=True): cv.boolean,
        vol.Optional(ATTR_AUTH): vol.In([AUTH_PASSWORD, AUTH_API_KEY]),
        vol.Optional(CONF_USERNAME): cv.string,
        vol.Optional(CONF_PASSWORD): cv.string,
        vol.Optional(CONF_API_KEY): cv.string,
        vol.Optional(CONF_OPTIONS, default=dict): dict,
    }
)
IMPORT_SERVERS_SCHEMA: Final = vol.Schema(
    {vol.Required(ATTR_SERVERS): vol.All(cv.ensure_list, [_SERVER_SCHEMA])}
)


def _invalid(
    key: str, position: int, name: str, **placeholders: str
) -> ServiceValidationError:
    return invalid(key, position=str(position), name=name, **placeholders)


async def _export_servers(call: ServiceCall) -> ServiceResponse:
    """Every server entry as the import takes it, without its secret."""
    # A coroutine, not a callback: an administrators' action drops what a
    # callback returns.
    servers: list[Any] = []
    for entry in get_switcher(call.hass).server_entries():
        data = entry.data
        uses_api_key = bool(data.get(CONF_API_KEY))
        servers.append(
            {
                CONF_NAME: entry.title,
                CONF_URL: data[CONF_URL],
                CONF_VERIFY_SSL: data.get(CONF_VERIFY_SSL, True),
                ATTR_AUTH: AUTH_API_KEY if uses_api_key else AUTH_PASSWORD,
                CONF_USERNAME: "" if uses_api_key else data.get(CONF_USERNAME, ""),
                CONF_OPTIONS: {**DEFAULT_OPTIONS, **entry.options},
            }
        )
    return {ATTR_SERVERS: servers}


def _checked_server(position: int, server: Mapping[str, Any]) -> dict[str, Any]:
    """One server of the list as the import step takes it, or a translated error."""
    url_text = server[CONF_URL]
    name = server.get(CONF_NAME) or url_text
    try:
        url = normalise_url(url_text)
    except ValueError as err:
        raise _invalid("import_invalid_url", position, name) from err
    auth = server.get(ATTR_AUTH) or (
        AUTH_API_KEY if server.get(CONF_API_KEY) else AUTH_PASSWORD
    )
    if auth == AUTH_API_KEY:
        credentials = {
            CONF_USERNAME: "",
            CONF_PASSWORD: "",
            CONF_API_KEY: server.get(CONF_API_KEY, ""),
        }
        complete = bool(credentials[CONF_API_KEY].strip())
    else:
        credentials = {
            CONF_USERNAME: server.get(CONF_USERNAME, ""),
            CONF_PASSWORD: server.get(CONF_PASSWORD, ""),
            CONF_API_KEY: "",
        }
        complete = bool(
            credentials[CONF_USERNAME].strip() and credentials[CONF_PASSWORD]
        )
    if not complete:
        raise _invalid(_MISSING_CREDENTIALS[auth], position, name)
    try:
        options = checked_options(server[CONF_OPTIONS])
    except FormError as err:
        raise _invalid(
            "import_invalid_options",
            position,
            name,
            option=err.field,
            **range_placeholders(),
        ) from err
    return {
        CONF_NAME: server.get(CONF_NAME, ""),
        CONF_URL: url,
        **credentials,
        CONF_VERIFY_SSL: server[CONF_VERIFY_SSL],
        CONF_OPTIONS: options,
    }


async def _import_servers(call: ServiceCall) -> ServiceResponse:
    """Add every server of the list; report what became of each."""
    servers = [
        _checked_server(position, server)
        for position, server in enumerate(call.data[ATTR_SERVERS], start=1)
    ]
    results: list[Any] = []
    counts = dict.fromkeys(ImportStatus, 0)
    for server in servers:
        result = await async_import_server(call.hass, server)
        counts[result.status] += 1
        results.append(
            {
                CONF_NAME: server[CONF_NAME] or server[CONF_URL],
                CONF_URL: server[CONF_URL],
                "result": result.status.value,
                "reason": result.reason,
                "entry_id": result.entry_id,
            }
        )
    return {
        **{status.value: count for status, count in counts.items()},
        ATTR_SERVERS: results,
    }


@callback
def async_setup_server_transfer(hass: HomeAssistant) -> None:
    """Register the export_servers and import_servers actions (administrators only)."""
    async_register_admin_service(
        hass,
        DOMAIN,
        "export_servers",
        _export_servers,
        supports_response=SupportsResponse.ONLY,
    )
    async_register_admin_service(
        hass,
        DOMAIN,
        "import_servers",
        _import_servers,
        schema=IMPORT_SERVERS_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
