"""No password, API key or session cookie in anything a user or a log can see."""

from __future__ import annotations

from collections.abc import Callable
import json
import logging
import secrets
from typing import Any

import aiohttp
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import MATCH_ALL
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.translation import async_get_translations
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.qbittorrent_multi.const import DOMAIN, UNREACHABLE_ISSUE_AFTER
from custom_components.qbittorrent_multi.switcher import is_switcher_entry
from tests.components.server_entries import add_server, poll
from tests.fake_qbittorrent import FakeQBittorrent
from tests.faults.outage import failed_attempts
from tests.faults.power import PowerSwitch
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

# Every logger that could see a request: ours (the transport one included,
# which is quiet by default), aiohttp's, aioqbt's, and Home Assistant's.
LOGGERS = (
    "",
    "custom_components.qbittorrent_multi",
    "custom_components.qbittorrent_multi.client.transport",
    "aiohttp",
    "aioqbt",
    "homeassistant",
)


def secret(label: str) -> str:
    """A value that cannot turn up anywhere by chance."""
    return f"{label}-{secrets.token_hex(8)}"


class Witness:
    """Collects, as text, everything the integration shows to users and other code."""

    def __init__(self) -> None:
        """Start with nothing seen."""
        self.texts: list[str] = []

    def saw(self, value: Any) -> None:
        """Keep the text form of a value (JSON where it can be, repr otherwise)."""
        try:
            self.texts.append(json.dumps(value, default=repr))
        except TypeError, ValueError:
            self.texts.append(repr(value))

    async def call(
        self, hass: HomeAssistant, action: str, data: dict[str, Any]
    ) -> None:
        """Call an action; keep its response, or its error and the error's details."""
        try:
            response = await hass.services.async_call(
                DOMAIN,
                action,
                data,
                blocking=True,
                return_response=action in ("get_torrents", "add_torrent"),
            )
        except HomeAssistantError as err:
            self.saw([str(err), err.translation_key, err.translation_placeholders])
        else:
            self.saw(response)


def api_key_entry(server: FakeQBittorrent, title: str) -> MockConfigEntry:
    """An entry that authenticates with the server's API key."""
    assert server.api_key is not None
    return MockConfigEntry(
        domain=DOMAIN,
        data={
            "kind": "server",
            "url": server.url,
            "username": "",
            "password": "",
            "api_key": server.api_key,
            "verify_ssl": True,
        },
        unique_id=server.url,
        title=title,
    )


def session_cookies(*servers: FakeQBittorrent) -> set[str]:
    """The session ids the servers have handed out and still know."""
    return {sid for server in servers for sid in server._sessions}


async def test_no_secret_reaches_logs_diagnostics_events_states_responses_or_issues(
    hass: HomeAssistant,
    *,
    hass_client: ClientSessionGenerator,
    fake_qbittorrent: StartFakeQBittorrent,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
    power_switch: Callable[[FakeQBittorrent], PowerSwitch],
) -> None:
    """Four servers through actions, events, failures, reauth, a ban and an outage."""
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, name)
    assert await async_setup_component(hass, "diagnostics", {})
    witness = Witness()

    @callback
    def on_any_event(event: Event) -> None:
        witness.saw([event.event_type, event.data])

    hass.bus.async_listen(MATCH_ALL, on_any_event)

    nas = await fake_qbittorrent("4.5", password=secret("nas-password"))
    seedbox = await fake_qbittorrent("5.3")
    seedbox.rotate_api_key()
    attic = await fake_qbittorrent("5.3", password=secret("attic-password"))
    vault = await fake_qbittorrent(
        "5.3", password=secret("vault-password"), max_auth_failures=1
    )
    known = {nas.password, attic.password, vault.password, str(seedbox.api_key)}
    nas_entry = await add_server(hass, nas, "NAS")
    seedbox_entry = api_key_entry(seedbox, "Seedbox")
    seedbox_entry.add_to_hass(hass)
    await hass.config_entries.async_setup(seedbox_entry.entry_id)
    await hass.async_block_till_done()
    attic_entry = await add_server(hass, attic, "Attic")
    vault_entry = await add_server(hass, vault, "Vault")
    known |= session_cookies(nas, attic, vault)

    # Actions, with their responses and a torrent event.
    nas.add_torrent(hash="a" * 40, name="Debian", state="downloading")
    await poll(hass, nas_entry)
    await witness.call(hass, "get_torrents", {"all_servers": True})
    await witness.call(
        hass,
        "add_torrent",
        {"server": "Seedbox", "urls": "magnet:?xt=urn:btih:" + "b" * 40},
    )
    await witness.call(hass, "stop_torrents", {"server": "Attic", "all": True})
    await witness.call(hass, "switch_server", {"server": "Seedbox"})
    await hass.services.async_call(
        "switch",
        "turn_on",
        {"entity_id": "switch.nas_alternative_speed_limits"},
        blocking=True,
    )

    # An expired session and bad replies on the NAS.
    nas.expire_sessions()
    await poll(hass, nas_entry)
    known |= session_cookies(nas)
    for mode in ("status_502", "html_login_page", "truncated_json"):
        nas.fail_next(mode, endpoint="sync/maindata")
        await poll(hass, nas_entry)

    # The attic's password changes: reauth, and a wrong try in its form.
    attic.set_password(secret("attic-new-password"))
    attic.expire_sessions()
    await poll(hass, attic_entry)
    await witness.call(hass, "stop_torrents", {"server": "Attic", "all": True})
    (flow,) = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    typed = secret("typed-in-reauth")
    form = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {"username": "admin", "password": typed}
    )
    witness.saw(form)
    known |= {attic.password, typed}

    # The vault bans Home Assistant's address.
    async with aiohttp.ClientSession() as http:
        await http.post(
            f"{vault.url}/api/v2/auth/login",
            data={"username": "admin", "password": "wrong"},
        )
    vault.expire_sessions()
    await poll(hass, vault_entry)
    await witness.call(hass, "start_torrents", {"server": "Vault", "all": True})

    # The seedbox goes dark for over an hour, counted from its first failed poll.
    started = dt_util.utcnow()
    seedbox_power = power_switch(seedbox)
    await seedbox_power.off()
    await failed_attempts(hass, seedbox_entry, freezer, until=UNREACHABLE_ISSUE_AFTER)

    # Everything a user can look at. The harness's access token for the
    # diagnostics download lives half an hour, so the clock goes back first.
    freezer.move_to(started)
    for entry in hass.config_entries.async_entries(DOMAIN):
        witness.saw(await get_diagnostics_for_config_entry(hass, hass_client, entry))
    issues = [
        issue
        for (domain, _), issue in ir.async_get(hass).issues.items()
        if domain == DOMAIN
    ]
    assert {issue.translation_key for issue in issues} == {"banned", "unreachable"}
    texts = await async_get_translations(hass, "en", "issues", [DOMAIN])
    for issue in issues:
        witness.saw(issue.to_json())
        for part in ("title", "description"):
            template = texts[
                f"component.{DOMAIN}.issues.{issue.translation_key}.{part}"
            ]
            witness.saw(template.format(**(issue.translation_placeholders or {})))
    witness.saw([state.as_dict() for state in hass.states.async_all()])
    witness.saw(hass.config_entries.flow.async_progress())

    seen = "\n".join([*witness.texts, caplog.text])
    seen += "\n".join(
        f"{record.getMessage()} {record.exc_text or ''}" for record in caplog.records
    )
    # What was looked at is really there: events, responses, forms, issues, diagnostics.
    for evidence in (
        "qbittorrent_multi_torrent",
        "Debian",
        "reauth_confirm",
        "Vault has banned Home Assistant",
        "Seedbox cannot be reached",
        "**REDACTED**",
    ):
        assert evidence in seen
    assert len(known) >= 8
    leaked = sorted(value for value in known if value in seen)
    assert leaked == []


async def test_the_switcher_entry_has_diagnostics_too(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    fake_qbittorrent: StartFakeQBittorrent,
) -> None:
    """The Server switcher's download names the active server and how each one is."""
    assert await async_setup_component(hass, "diagnostics", {})
    server = await fake_qbittorrent("5.3", password=secret("nas-password"))
    entry = await add_server(hass, server, "NAS")
    (switcher,) = [
        each
        for each in hass.config_entries.async_entries(DOMAIN)
        if is_switcher_entry(each)
    ]

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, switcher)

    assert diagnostics["active_entry_id"] == entry.entry_id
    assert diagnostics["servers"] == {
        entry.entry_id: {
            "name": "NAS",
            "loaded": True,
            "last_update_success": True,
            "health": "healthy",
        }
    }
    assert server.password not in json.dumps(diagnostics)
