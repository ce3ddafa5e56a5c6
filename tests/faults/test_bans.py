"""Real qBittorrent banning Home Assistant's address after failed logins."""

from __future__ import annotations

from datetime import timedelta

import aiohttp
from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import DOMAIN
from tests.components.server_entries import add_server, coordinator_of, poll
from tests.faults.observe import our_problems, record_requests, state_of
from tests.faults.real_servers import real_sleep
from tests.live_fixtures import StartQBittorrent
from tests.real_qbittorrent import VERSIONS, RealQBittorrent, Version

pytestmark = pytest.mark.live

# Short, so that the real server has lifted its ban long before Home
# Assistant, which cannot know the server's setting, tries again.
BAN_SECONDS = 4


async def get_banned(server: RealQBittorrent, failures: int) -> None:
    """Log in with a wrong password until the server bans this address."""
    async with aiohttp.ClientSession() as http:
        for _ in range(failures):
            async with http.post(
                f"{server.url}/api/v2/auth/login",
                data={"username": server.username, "password": "not the password"},
            ) as response:
                await response.read()


def ban_issue(hass: HomeAssistant, entry: MockConfigEntry) -> ir.IssueEntry | None:
    """The entry's "has banned Home Assistant" repair issue, if raised."""
    return ir.async_get(hass).async_get_issue(DOMAIN, f"banned_{entry.entry_id}")


@pytest.mark.parametrize("version", VERSIONS)
async def test_a_ban_at_setup_is_told_apart_and_waited_out_without_a_login(
    hass: HomeAssistant,
    start_qbittorrent: StartQBittorrent,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
    version: Version,
) -> None:
    """Loaded but unavailable, a repair issue, nothing sent during the ban, then back."""
    # qBittorrent 5 dates its session cookie by the real clock; a day keeps it
    # valid while the test moves Home Assistant's clock an hour ahead.
    server = await hass.async_add_executor_job(
        lambda: start_qbittorrent(
            version,
            max_auth_failures=2,
            ban_seconds=BAN_SECONDS,
            session_timeout=24 * 3600,
        )
    )
    await get_banned(server, failures=2)

    entry = await add_server(hass, server)

    assert entry.state is ConfigEntryState.LOADED
    assert state_of(hass, "sensor.nas_torrents") == STATE_UNAVAILABLE
    assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_OFF
    assert state_of(hass, "sensor.nas_health") == "unhealthy"
    # A ban, not a wrong password: nobody is asked for credentials.
    assert hass.config_entries.flow.async_progress_by_handler(DOMAIN) == []
    issue = ban_issue(hass, entry)
    assert issue is not None
    assert issue.translation_placeholders == {
        "server": "NAS",
        "url": server.url,
        "minutes": "60",
    }
    problems = our_problems(caplog)
    assert len(problems) == 1
    assert "NAS has banned Home Assistant's address" in problems[0].getMessage()

    coordinator = coordinator_of(entry)
    sent = record_requests(coordinator.client)
    await real_sleep(BAN_SECONDS + 0.5)  # the server's own ban is over now
    for _ in range(5):
        freezer.tick(timedelta(minutes=10))
        await poll(hass, entry)
        with pytest.raises(HomeAssistantError) as err:
            await hass.services.async_call(
                DOMAIN, "start_torrents", {"server": "NAS", "all": True}, blocking=True
            )
        assert err.value.translation_key == "server_banned"
        await hass.services.async_call(
            "switch",
            "turn_on",
            {"entity_id": "switch.nas_alternative_speed_limits"},
            blocking=True,
        )
    assert sent == []

    # An hour and the safety margin after the ban began.
    freezer.tick(timedelta(minutes=10, seconds=6))
    await poll(hass, entry)

    assert sent[0] == "auth/login"
    assert sent.count("auth/login") == 1
    assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_ON
    assert state_of(hass, "sensor.nas_torrents") == "0"
    assert ban_issue(hass, entry) is None
    assert len(our_problems(caplog)) == 1


async def test_a_ban_while_running_is_a_ban_not_a_wrong_password(
    hass: HomeAssistant,
    start_qbittorrent: StartQBittorrent,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Someone else got the address banned; the next login finds out and says so once."""
    server = await hass.async_add_executor_job(
        lambda: start_qbittorrent("5.3", max_auth_failures=2, session_timeout=1)
    )
    entry = await add_server(hass, server)
    await get_banned(server, failures=2)
    await real_sleep(1.5)  # Home Assistant's session times out

    await poll(hass, entry)
    await poll(hass, entry)

    assert state_of(hass, "sensor.nas_torrents") == STATE_UNAVAILABLE
    assert hass.config_entries.flow.async_progress_by_handler(DOMAIN) == []
    assert ban_issue(hass, entry) is not None
    problems = our_problems(caplog)
    assert len(problems) == 1
    assert "NAS has banned Home Assistant's address" in problems[0].getMessage()
