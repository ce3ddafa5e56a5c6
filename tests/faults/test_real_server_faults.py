"""Real qBittorrent 4.2, 4.5, 5.1 and 5.3 crashing, forgetting sessions and changing password."""

from __future__ import annotations

import asyncio

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.qbittorrent_multi.const import DOMAIN, EVENT_TORRENT
from tests.components.server_entries import add_server, coordinator_of, poll
from tests.faults.observe import (
    counts_shown,
    next_attempt,
    our_problems,
    record_requests,
    state_of,
    torrents_listed,
)
from tests.faults.real_servers import (
    add_settled_torrents,
    direct_client,
    kill,
    server_truth,
    until_settled,
)
from tests.live_fixtures import StartQBittorrent
from tests.real_qbittorrent import VERSIONS, Version

pytestmark = pytest.mark.live


@pytest.mark.parametrize("version", VERSIONS)
async def test_a_killed_server_is_back_on_the_first_probe_without_phantoms(
    hass: HomeAssistant,
    start_qbittorrent: StartQBittorrent,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
    version: Version,
) -> None:
    """Killed: unavailable at once, one log line; restarted: right counts, no events."""
    server = await hass.async_add_executor_job(lambda: start_qbittorrent(version))
    async with direct_client(server) as direct:
        kept, dropped = await add_settled_torrents(direct, server, running=1, stopped=1)
        entry = await add_server(hass, server)
        coordinator = coordinator_of(entry)
        assert state_of(hass, "sensor.nas_torrents") == "2"
        fired = async_capture_events(hass, EVENT_TORRENT)

        await hass.async_add_executor_job(kill, server)
        await poll(hass, entry)

        assert state_of(hass, "sensor.nas_torrents") == STATE_UNAVAILABLE
        assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_OFF
        for _ in range(4):
            freezer.tick(next_attempt(coordinator))
            await poll(hass, entry)
        assert state_of(hass, "sensor.nas_health") == "unhealthy"

        await hass.async_add_executor_job(server.start)
        # Changed while Home Assistant could not see it.
        await direct.delete([dropped], delete_files=False)
        await until_settled(direct, [kept], gone=(dropped,))
        sent = record_requests(coordinator.client)
        freezer.tick(next_attempt(coordinator))
        await poll(hass, entry)

    # One attempt brings it back: the cheap probe, one login, one full sync.
    assert sent[0] == "app/webapiVersion"
    assert sent.count("auth/login") == 1
    assert sent.count("sync/maindata") == 1
    assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_ON
    truth = await server_truth(server)
    assert set(truth.torrents) == {kept}
    assert counts_shown(hass) == {
        "torrents": "1",
        "downloading_torrents": str(truth.counts()["downloading"]),
        "seeding_torrents": str(truth.counts()["seeding"]),
        "stopped_torrents": str(truth.counts()["stopped"]),
    }
    assert await torrents_listed(hass) == [kept]
    assert fired == []
    problems = our_problems(caplog)
    assert len(problems) == 1, [record.getMessage() for record in problems]
    assert "NAS" in problems[0].getMessage()
    assert "refused the connection" in problems[0].getMessage()
    assert problems[0].exc_info is None


@pytest.mark.parametrize("version", VERSIONS)
async def test_an_expired_session_costs_one_login_then_polling_goes_on(
    hass: HomeAssistant,
    start_qbittorrent: StartQBittorrent,
    caplog: pytest.LogCaptureFixture,
    version: Version,
) -> None:
    """qBittorrent forgets an idle session; the next poll logs in once and succeeds."""
    server = await hass.async_add_executor_job(
        lambda: start_qbittorrent(version, session_timeout=1)
    )
    entry = await add_server(hass, server)
    sent = record_requests(coordinator_of(entry).client)

    await asyncio.sleep(2.5)  # real time: the server's session clock is its own
    await poll(hass, entry)
    await poll(hass, entry)

    assert sent.count("auth/login") == 1
    assert sent.count("sync/maindata") == 3  # refused, retried, then the next poll
    assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_ON
    assert state_of(hass, "sensor.nas_torrents") == "0"
    assert our_problems(caplog) == []


@pytest.mark.parametrize("version", VERSIONS)
async def test_a_changed_password_asks_the_user_and_never_gets_us_banned(
    hass: HomeAssistant,
    start_qbittorrent: StartQBittorrent,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
    version: Version,
) -> None:
    """One failed login starts reauth; polls and actions add none; the server never bans."""
    server = await hass.async_add_executor_job(
        lambda: start_qbittorrent(version, max_auth_failures=5)
    )
    entry = await add_server(hass, server)
    coordinator = coordinator_of(entry)
    sent = record_requests(coordinator.client)

    # set_password restarts the server, which forgets every session.
    await hass.async_add_executor_job(server.set_password, "changed-on-the-server")
    await poll(hass, entry)

    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
    assert state_of(hass, "sensor.nas_torrents") == STATE_UNAVAILABLE
    assert sent.count("auth/login") == 1

    # Far more backoff steps than the server's five allowed failures, each
    # with a manual refresh and an action.
    for _ in range(8):
        freezer.tick(next_attempt(coordinator))
        await poll(hass, entry)
        with pytest.raises(HomeAssistantError) as err:
            await hass.services.async_call(
                DOMAIN, "stop_torrents", {"all": True}, blocking=True
            )
        assert err.value.translation_key == "action_failed"

    assert sent.count("auth/login") == 1
    # The server still lets the right password in: it is not banning us.
    await hass.async_add_executor_job(server.login_cookie)
    problems = our_problems(caplog)
    assert len(problems) == 1
    assert "NAS refused the credentials" in problems[0].getMessage()

    result = await hass.config_entries.flow.async_configure(
        flows[0]["flow_id"],
        {"username": server.username, "password": "changed-on-the-server"},
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_ON
    assert len(our_problems(caplog)) == 1
