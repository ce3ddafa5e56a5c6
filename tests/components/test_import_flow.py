"""Moving from the built-in qBittorrent integration: the import in the add flow.

The built-in integration's entries are mock entries of domain "qbittorrent"
(never set up); the servers they point at are fake qBittorrent WebAPIs on
127.0.0.1, so every imported server passes or fails a real connection test.
"""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import SOURCE_IMPORT, ConfigFlowResult
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
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import (
    CONF_FAILURE_THRESHOLD,
    CONF_SCAN_INTERVAL,
    DOMAIN,
)
from tests.components.flow_steps import NOWHERE, start_user_flow, stored_server_data
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("mock_setup_entry", "socket_enabled")

BUILTIN = "qbittorrent"
SOME_PASSWORD = "adminadmin"


def builtin_entry(
    hass: HomeAssistant,
    url: str,
    *,
    username: str = "admin",
    password: str = SOME_PASSWORD,
    verify_ssl: bool = True,
    title: str = "qBittorrent",
) -> MockConfigEntry:
    """An entry of the built-in integration, stored the way its flow stores it."""
    entry = MockConfigEntry(
        domain=BUILTIN,
        title=title,
        data={
            CONF_URL: url,
            CONF_USERNAME: username,
            CONF_PASSWORD: password,
            CONF_VERIFY_SSL: verify_ssl,
        },
    )
    entry.add_to_hass(hass)
    return entry


def builtin_entry_for(
    hass: HomeAssistant, server: FakeQBittorrent, **overrides: Any
) -> MockConfigEntry:
    """A built-in entry with the fake server's address and login."""
    url = overrides.pop("url", server.url + "/")
    values: dict[str, Any] = {
        "username": server.username,
        "password": server.password,
        **overrides,
    }
    return builtin_entry(hass, url, **values)


async def start_import(hass: HomeAssistant) -> ConfigFlowResult:
    """Open the add flow and choose the import from its menu."""
    result = await start_user_flow(hass)
    return await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "import_builtin"}
    )


def offered(result: ConfigFlowResult) -> dict[str, str]:
    """The servers the import form offers: entry id -> label."""
    schema = result["data_schema"]
    assert schema is not None
    selector = schema.schema["servers"]
    return {option["value"]: option["label"] for option in selector.config["options"]}


def our_entries(hass: HomeAssistant) -> dict[str, MockConfigEntry]:
    """This integration's entries by title."""
    return {entry.title: entry for entry in hass.config_entries.async_entries(DOMAIN)}


# -- the way in ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("builtin_servers", "shown", "menu_options"),
    [
        (0, (FlowResultType.FORM, "user"), None),
        (1, (FlowResultType.MENU, "add_or_import"), ["add_server", "import_builtin"]),
    ],
    ids=[
        "without builtin servers the add form opens at once",
        "with builtin servers a menu offers adding or importing",
    ],
)
async def test_the_first_step_offers_the_import_only_when_there_is_one(
    hass: HomeAssistant,
    builtin_servers: int,
    shown: tuple[FlowResultType, str],
    menu_options: list[str] | None,
) -> None:
    """No menu when there is nothing to import; built-in entries make it a choice."""
    for _ in range(builtin_servers):
        builtin_entry(hass, NOWHERE)

    result = await start_user_flow(hass)

    assert (result["type"], result["step_id"]) == shown
    assert result.get("menu_options") == menu_options


async def test_choosing_add_a_server_leads_to_the_usual_form(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The menu's first choice is the add form, which adds a server as always."""
    builtin_entry(hass, NOWHERE)
    server = await fake_qbittorrent()
    result = await start_user_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "add_server"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_URL: server.url,
            CONF_USERNAME: server.username,
            CONF_PASSWORD: server.password,
            CONF_NAME: "Seedbox",
        },
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Seedbox"


# -- choosing what to import --------------------------------------------------


async def test_the_import_form_offers_every_builtin_server_all_chosen(
    hass: HomeAssistant,
) -> None:
    """Each server is shown by name and normalised URL, and all are pre-chosen."""
    nas = builtin_entry(hass, "http://192.168.1.10:8080/", title="NAS")
    other = builtin_entry(hass, "HTTPS://Seedbox.example.com/qbt/")

    result = await start_import(hass)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "import_builtin"
    assert offered(result) == {
        nas.entry_id: "NAS (http://192.168.1.10:8080)",
        other.entry_id: "seedbox.example.com (https://seedbox.example.com/qbt)",
    }
    schema = result["data_schema"]
    assert schema is not None
    default = next(iter(schema.schema)).default()
    assert default == [nas.entry_id, other.entry_id]
    assert result["description_placeholders"] == {"already_added": "—"}


async def test_servers_added_here_already_are_named_but_not_offered(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A built-in server whose URL is an entry here already is left out."""
    server = await fake_qbittorrent()
    present = builtin_entry_for(hass, server, title="Old NAS")
    MockConfigEntry(domain=DOMAIN, unique_id=server.url, title="NAS").add_to_hass(hass)
    missing = builtin_entry(hass, NOWHERE)

    result = await start_import(hass)

    assert list(offered(result)) == [missing.entry_id]
    assert present.entry_id not in offered(result)
    assert result["description_placeholders"] == {"already_added": "Old NAS"}


async def test_with_every_builtin_server_added_already_there_is_nothing_to_import(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The import ends at once, saying why."""
    server = await fake_qbittorrent()
    builtin_entry_for(hass, server)
    MockConfigEntry(domain=DOMAIN, unique_id=server.url).add_to_hass(hass)

    result = await start_import(hass)

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "nothing_to_import"


async def test_choosing_no_server_asks_for_one(hass: HomeAssistant) -> None:
    """An empty choice is pointed out, and nothing is added."""
    builtin_entry(hass, NOWHERE)
    result = await start_import(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"servers": []}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "nothing_chosen"}
    assert our_entries(hass) == {}


# -- importing ----------------------------------------------------------------


async def test_the_chosen_servers_are_added_with_their_url_login_and_ssl_setting(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Both a 4.5 and a 5.3 server become entries; the first ends this flow."""
    old = await fake_qbittorrent("4.5")
    new = await fake_qbittorrent("5.3")
    builtin_entry_for(hass, old, title="Old NAS")
    builtin_entry_for(hass, new, verify_ssl=False)
    result = await start_import(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"servers": list(offered(result))}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Old NAS"
    assert result["description"] == "imported"
    new_title = f"127.0.0.1:{new.port}"
    assert result["description_placeholders"] == {
        "imported": f"Old NAS, {new_title}",
        "skipped": "—",
        "failed": "—",
    }
    entries = our_entries(hass)
    assert set(entries) == {"Old NAS", new_title}
    assert entries["Old NAS"].unique_id == old.url
    assert dict(entries["Old NAS"].data) == stored_server_data(
        old.url, username=old.username, password=old.password
    )
    assert entries[new_title].source == SOURCE_IMPORT
    assert dict(entries[new_title].data) == stored_server_data(
        new.url,
        username=new.username,
        password=new.password,
        verify_ssl=False,
    )


async def test_only_the_chosen_servers_are_imported(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A server left unticked is neither tested nor added."""
    chosen = await fake_qbittorrent()
    left_out = await fake_qbittorrent()
    chosen_entry = builtin_entry_for(hass, chosen, title="Chosen")
    builtin_entry_for(hass, left_out, title="Left out")
    result = await start_import(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"servers": [chosen_entry.entry_id]}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert set(our_entries(hass)) == {"Chosen"}
    assert left_out.login_attempts == 0


async def test_the_builtin_entries_are_left_exactly_as_they_were(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Importing reads the built-in entries and never changes or removes one."""
    server = await fake_qbittorrent()
    entry = builtin_entry_for(hass, server, title="NAS")
    before = (dict(entry.data), dict(entry.options), entry.title, entry.state)
    result = await start_import(hass)

    await hass.config_entries.flow.async_configure(
        result["flow_id"], {"servers": list(offered(result))}
    )

    assert hass.config_entries.async_entries(BUILTIN) == [entry]
    assert (dict(entry.data), dict(entry.options), entry.title, entry.state) == before


async def test_a_server_that_fails_its_test_is_reported_and_the_rest_imported(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A wrong stored password fails that server only; the next one ends the flow."""
    broken = await fake_qbittorrent()
    working = await fake_qbittorrent()
    third = await fake_qbittorrent()
    builtin_entry_for(hass, broken, title="Broken", password="not the password")
    builtin_entry_for(hass, working, title="Working")
    builtin_entry_for(hass, third, title="Third")
    result = await start_import(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"servers": list(offered(result))}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Working"
    assert result["description_placeholders"] == {
        "imported": "Working, Third",
        "skipped": "—",
        "failed": "Broken",
    }
    assert set(our_entries(hass)) == {"Working", "Third"}


async def test_a_later_server_that_fails_is_reported_too(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A server handed to its own import flow reports its failure the same way."""
    working = await fake_qbittorrent()
    builtin_entry_for(hass, working, title="Working")
    builtin_entry(hass, NOWHERE, title="Gone")
    result = await start_import(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"servers": list(offered(result))}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["description_placeholders"] == {
        "imported": "Working",
        "skipped": "—",
        "failed": "Gone",
    }


async def test_when_no_server_passes_nothing_is_added_and_each_is_reported(
    hass: HomeAssistant,
) -> None:
    """Unreachable servers and URLs this integration cannot take end in a summary."""
    builtin_entry(hass, NOWHERE, title="Gone")
    builtin_entry(hass, "ftp://192.168.1.10", title="Odd")
    result = await start_import(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"servers": list(offered(result))}
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "import_failed"
    assert result["description_placeholders"] == {
        "imported": "—",
        "skipped": "—",
        "failed": "Gone, Odd",
    }
    assert our_entries(hass) == {}


async def test_two_builtin_entries_for_one_server_import_it_once(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The same normalised URL twice: the second is a duplicate, skipped."""
    server = await fake_qbittorrent()
    builtin_entry_for(hass, server, title="First")
    builtin_entry_for(hass, server, title="Second", url=server.url.upper())
    result = await start_import(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"servers": list(offered(result))}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["description_placeholders"] == {
        "imported": "First",
        "skipped": "Second",
        "failed": "—",
    }
    assert set(our_entries(hass)) == {"First"}


async def test_a_server_being_added_in_another_flow_is_skipped(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A server whose add form is open elsewhere (after a failed try) is left to it."""
    busy = await fake_qbittorrent()
    free = await fake_qbittorrent()
    builtin_entry_for(hass, busy, title="Busy")
    builtin_entry_for(hass, free, title="Free")
    other = await start_user_flow(hass)
    other = await hass.config_entries.flow.async_configure(
        other["flow_id"], {"next_step_id": "add_server"}
    )
    other = await hass.config_entries.flow.async_configure(
        other["flow_id"],
        {CONF_URL: busy.url, CONF_USERNAME: busy.username, CONF_PASSWORD: "wrong"},
    )
    assert other["errors"] == {"base": "invalid_auth"}
    result = await start_import(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"servers": list(offered(result))}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["description_placeholders"] == {
        "imported": "Free",
        "skipped": "Busy",
        "failed": "—",
    }


# -- the import step itself ---------------------------------------------------


async def _import(hass: HomeAssistant, data: dict[str, Any]) -> ConfigFlowResult:
    return await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_IMPORT}, data=data
    )


async def test_the_import_step_adds_a_server_with_its_options(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Options handed to the import step become the entry's options."""
    server = await fake_qbittorrent()

    result = await _import(
        hass,
        {
            CONF_NAME: "Seedbox",
            CONF_URL: server.url,
            CONF_USERNAME: server.username,
            CONF_PASSWORD: server.password,
            "options": {CONF_SCAN_INTERVAL: 30, CONF_FAILURE_THRESHOLD: 5},
        },
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Seedbox"
    assert result["data"][CONF_VERIFY_SSL] is True
    assert result["result"].options == {
        CONF_SCAN_INTERVAL: 30,
        CONF_FAILURE_THRESHOLD: 5,
    }


async def test_the_import_step_ends_with_the_form_error_as_its_reason(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A refused login aborts the import with invalid_auth, and adds nothing."""
    server = await fake_qbittorrent()

    result = await _import(
        hass,
        {CONF_URL: server.url, CONF_USERNAME: server.username, CONF_PASSWORD: "no"},
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "invalid_auth"
    assert result["description_placeholders"] == {"ban_minutes": "60"}
    assert our_entries(hass) == {}


async def test_the_import_step_skips_a_server_that_is_added_already(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The same server again aborts before any login."""
    server = await fake_qbittorrent()
    MockConfigEntry(domain=DOMAIN, unique_id=server.url).add_to_hass(hass)

    result = await _import(
        hass,
        {
            CONF_URL: server.url + "/",
            CONF_USERNAME: server.username,
            CONF_PASSWORD: server.password,
        },
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert server.login_attempts == 0
