"""The export_servers and import_servers actions, against fake qBittorrent servers."""

from __future__ import annotations

from typing import Any

from homeassistant.auth.models import User
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import ServiceValidationError, Unauthorized
from homeassistant.setup import async_setup_component
import probatio as vol
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import DOMAIN
from custom_components.qbittorrent_multi.switcher import get_switcher
from tests.components.server_entries import add_server
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

API_KEY = "qbt_0123456789abcdefghijklmnopqr"
DEFAULT_OPTIONS = {
    "scan_interval": 10,
    "request_timeout": 10,
    "failure_threshold": 3,
    "slow_response_ms": 2000,
    "unreachable_issue_minutes": 60,
}


async def call(
    hass: HomeAssistant, action: str, data: dict[str, Any] | None = None
) -> Any:
    """Call an action as an administrator would, and return its response."""
    return await hass.services.async_call(
        DOMAIN, action, data or {}, blocking=True, return_response=True
    )


def servers_here(hass: HomeAssistant) -> dict[str, MockConfigEntry]:
    """The server entries by title."""
    return {entry.title: entry for entry in get_switcher(hass).server_entries()}


def password_server(server: FakeQBittorrent, **fields: Any) -> dict[str, Any]:
    """An import item for a server that logs in with a password."""
    return {
        "url": server.url,
        "username": server.username,
        "password": server.password,
        **fields,
    }


@pytest.fixture
async def loaded(hass: HomeAssistant) -> None:
    """The integration set up, with no server yet."""
    assert await async_setup_component(hass, DOMAIN, {})


# -- export -------------------------------------------------------------------


async def test_export_lists_every_server_without_its_secret(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Name, URL, SSL setting, kind of login, username and options; no password or key."""
    nas_server = await fake_qbittorrent("4.5")
    nas = await add_server(hass, nas_server, "NAS")
    hass.config_entries.async_update_entry(nas, options={"scan_interval": 30})
    keyed = await fake_qbittorrent("5.3", api_key=API_KEY)
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Seedbox",
        unique_id=keyed.url,
        data={
            "kind": "server",
            "url": keyed.url,
            "username": "",
            "password": "",
            "api_key": API_KEY,
            "verify_ssl": False,
        },
    )
    entry.add_to_hass(hass)

    response = await call(hass, "export_servers")

    assert response == {
        "servers": [
            {
                "name": "NAS",
                "url": nas_server.url,
                "verify_ssl": True,
                "auth": "password",
                "username": nas_server.username,
                "options": {**DEFAULT_OPTIONS, "scan_interval": 30},
            },
            {
                "name": "Seedbox",
                "url": keyed.url,
                "verify_ssl": False,
                "auth": "api_key",
                "username": "",
                "options": DEFAULT_OPTIONS,
            },
        ]
    }
    assert nas_server.password not in str(response)
    assert API_KEY not in str(response)


async def test_export_without_servers_is_an_empty_list(
    hass: HomeAssistant, loaded: None
) -> None:
    """The switcher entry is not a server and is not exported."""
    assert await call(hass, "export_servers") == {"servers": []}


# -- import -------------------------------------------------------------------


async def test_import_adds_each_server_and_sets_it_up(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, loaded: None
) -> None:
    """A 4.5 server by password and a 5.3 server by API key become working entries."""
    old = await fake_qbittorrent("4.5")
    new = await fake_qbittorrent("5.3", api_key=API_KEY)

    response = await call(
        hass,
        "import_servers",
        {
            "servers": [
                password_server(old, name="NAS", options={"scan_interval": 60}),
                {
                    "name": "Seedbox",
                    "url": new.url + "/",
                    "auth": "api_key",
                    "api_key": API_KEY,
                    "username": "",
                },
            ]
        },
    )
    await hass.async_block_till_done()

    entries = servers_here(hass)
    assert response == {
        "imported": 2,
        "skipped": 0,
        "failed": 0,
        "servers": [
            {
                "name": "NAS",
                "url": old.url,
                "result": "imported",
                "reason": None,
                "entry_id": entries["NAS"].entry_id,
            },
            {
                "name": "Seedbox",
                "url": new.url,
                "result": "imported",
                "reason": None,
                "entry_id": entries["Seedbox"].entry_id,
            },
        ],
    }
    assert entries["NAS"].options == {**DEFAULT_OPTIONS, "scan_interval": 60}
    assert entries["Seedbox"].data["api_key"] == API_KEY
    assert new.login_attempts == 0
    assert hass.states.get("select.server_switcher_active_server") is not None


async def test_servers_added_already_are_skipped_and_reported(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A server here already, and one listed twice, are each added once at most."""
    present = await fake_qbittorrent()
    await add_server(hass, present, "NAS")
    twice = await fake_qbittorrent()

    response = await call(
        hass,
        "import_servers",
        {
            "servers": [
                password_server(present, name="NAS again"),
                password_server(twice, name="Twice"),
                password_server(twice, name="Twice again"),
            ]
        },
    )
    await hass.async_block_till_done()

    assert (response["imported"], response["skipped"], response["failed"]) == (1, 2, 0)
    assert [(s["name"], s["result"], s["reason"]) for s in response["servers"]] == [
        ("NAS again", "skipped", "already_configured"),
        ("Twice", "imported", None),
        ("Twice again", "skipped", "already_configured"),
    ]
    assert set(servers_here(hass)) == {"NAS", "Twice"}


async def test_a_server_that_fails_its_test_is_reported_with_the_reason(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, loaded: None
) -> None:
    """A refused login fails that server only, and the reply holds no secret."""
    refusing = await fake_qbittorrent()
    working = await fake_qbittorrent()

    response = await call(
        hass,
        "import_servers",
        {
            "servers": [
                password_server(refusing, name="Refusing", password="wrong secret"),
                password_server(working, name="Working"),
            ]
        },
    )
    await hass.async_block_till_done()

    assert [(s["name"], s["result"], s["reason"]) for s in response["servers"]] == [
        ("Refusing", "failed", "invalid_auth"),
        ("Working", "imported", None),
    ]
    assert response["servers"][0]["entry_id"] is None
    assert "wrong secret" not in str(response)
    assert working.password not in str(response)
    assert set(servers_here(hass)) == {"Working"}


async def test_a_server_without_a_name_is_named_after_its_host(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, loaded: None
) -> None:
    """Like the add form: no name, the host and port."""
    server = await fake_qbittorrent()

    response = await call(
        hass, "import_servers", {"servers": [password_server(server)]}
    )
    await hass.async_block_till_done()

    assert response["servers"][0]["name"] == server.url
    assert set(servers_here(hass)) == {f"127.0.0.1:{server.port}"}


async def test_an_export_imports_back_into_the_same_servers(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Export, remove everything, import the export with the password: all is back."""
    server = await fake_qbittorrent()
    entry = await add_server(hass, server, "NAS")
    hass.config_entries.async_update_entry(entry, options={"failure_threshold": 7})
    exported = await call(hass, "export_servers")
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert servers_here(hass) == {}

    for item in exported["servers"]:
        item["password"] = server.password
    response = await call(hass, "import_servers", exported)
    await hass.async_block_till_done()

    assert response["imported"] == 1
    restored = servers_here(hass)["NAS"]
    assert restored.unique_id == server.url
    assert restored.options == {**DEFAULT_OPTIONS, "failure_threshold": 7}


async def test_a_servers_colour_travels_with_the_export_and_import(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The card colour is an option like the others: exported, imported, as "#rrggbb"."""
    server = await fake_qbittorrent()
    entry = await add_server(hass, server, "NAS")
    hass.config_entries.async_update_entry(entry, options={"color": "#ff5722"})
    exported = await call(hass, "export_servers")
    assert exported["servers"][0]["options"]["color"] == "#ff5722"
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()

    item = {**exported["servers"][0], "password": server.password}
    item["options"]["color"] = "#FF5722"
    await call(hass, "import_servers", {"servers": [item]})
    await hass.async_block_till_done()

    assert servers_here(hass)["NAS"].options == {**DEFAULT_OPTIONS, "color": "#ff5722"}


# -- input checked before any server is contacted --------------------------------


@pytest.mark.parametrize(
    ("item", "key"),
    [
        ({"url": "ftp://127.0.0.1:1"}, "import_invalid_url"),
        ({"username": ""}, "import_missing_password"),
        ({"password": ""}, "import_missing_password"),
        ({"auth": "api_key", "api_key": " "}, "import_missing_api_key"),
        ({"options": {"scan_interval": 1}}, "import_invalid_options"),
        ({"options": {"polling": 30}}, "import_invalid_options"),
        ({"options": {"scan_interval": 30.5}}, "import_invalid_options"),
        ({"options": {"color": "red"}}, "import_invalid_options"),
        ({"options": {"failure_threshold": "3"}}, "import_invalid_options"),
    ],
)
async def test_a_bad_server_in_the_list_stops_the_import_before_any_login(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    loaded: None,
    item: dict[str, Any],
    key: str,
) -> None:
    """One bad item is a translated error naming its position; nothing is added."""
    good = await fake_qbittorrent()
    other = await fake_qbittorrent()

    with pytest.raises(ServiceValidationError) as err:
        await call(
            hass,
            "import_servers",
            {
                "servers": [
                    password_server(good, name="Good"),
                    {**password_server(other, name="Bad"), **item},
                ]
            },
        )

    assert err.value.translation_key == key
    placeholders = err.value.translation_placeholders or {}
    assert (placeholders["position"], placeholders["name"]) == ("2", "Bad")
    assert good.login_attempts == 0
    assert servers_here(hass) == {}


async def test_an_unknown_field_in_a_server_is_refused(
    hass: HomeAssistant, loaded: None
) -> None:
    """A misspelt key is an error, not silently ignored."""
    with pytest.raises(vol.Invalid):
        await call(
            hass,
            "import_servers",
            {"servers": [{"url": "http://127.0.0.1:1", "pasword": "x"}]},
        )


# -- who may use them -----------------------------------------------------------


@pytest.mark.parametrize("action", ["export_servers", "import_servers"])
async def test_only_administrators_may_export_or_import(
    hass: HomeAssistant, hass_read_only_user: User, loaded: None, action: str
) -> None:
    """A user who is not an administrator is refused."""
    with pytest.raises(Unauthorized):
        await hass.services.async_call(
            DOMAIN,
            action,
            {"servers": []} if action == "import_servers" else {},
            blocking=True,
            return_response=True,
            context=Context(user_id=hass_read_only_user.id),
        )
