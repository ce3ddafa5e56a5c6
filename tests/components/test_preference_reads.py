"""When app/preferences is read: only for an enabled entity that needs it, and rarely.

A poll stays one sync/maindata request. The polls report the rate limits in
force; app/preferences is read for what they do not report, while an entity
showing it is enabled: when it is added, then at most every five minutes
(at the next poll after that), and right after a change made here.
"""

from __future__ import annotations

from datetime import timedelta
import logging

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.components.controls import (
    ALT_DOWNLOAD,
    KIB,
    MAX_TORRENTS,
    add_server_enabling,
    set_number,
    value_of,
)
from tests.components.server_entries import add_server, poll
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent

INTERVAL = timedelta(minutes=5)
POLL = timedelta(seconds=10)


@pytest.fixture
async def server(fake_qbittorrent: StartFakeQBittorrent) -> FakeQBittorrent:
    """A qBittorrent 5.3 server with its limits set, in normal mode."""
    server = await fake_qbittorrent("5.3")
    server.model.set_preferences(
        {"dl_limit": 500 * KIB, "alt_dl_limit": 50 * KIB, "max_active_torrents": 8}
    )
    return server


def reads(server: FakeQBittorrent) -> int:
    """How many times app/preferences was asked for."""
    return len(server.requests_to("app/preferences"))


async def polls_for(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    span: timedelta,
) -> None:
    """Poll every ten seconds for `span`, as the schedule would."""
    for _ in range(int(span / POLL)):
        freezer.tick(POLL)
        await poll(hass, entry)


async def test_with_the_default_entities_polls_stay_one_request_each(
    hass: HomeAssistant, server: FakeQBittorrent, freezer: FrozenDateTimeFactory
) -> None:
    """In normal mode the polls report both global limits: no preferences are read."""
    entry = await add_server(hass, server)
    sent = len(server.requests)

    await polls_for(hass, entry, freezer, timedelta(minutes=12))

    endpoints = {request.endpoint for request in server.requests[sent:]}
    assert endpoints == {"sync/maindata"}
    assert len(server.requests) - sent == 72
    assert reads(server) == 0


async def test_an_enabled_entity_that_needs_them_reads_them_every_five_minutes(
    hass: HomeAssistant, server: FakeQBittorrent, freezer: FrozenDateTimeFactory
) -> None:
    """Once when it is added, then at the first poll five minutes after the last read."""
    entry = await add_server_enabling(hass, server, ALT_DOWNLOAD)
    assert reads(server) == 1

    await polls_for(hass, entry, freezer, INTERVAL - POLL)
    assert reads(server) == 1

    await polls_for(hass, entry, freezer, POLL)
    assert reads(server) == 2


async def test_a_setting_changed_in_the_webui_shows_within_five_minutes(
    hass: HomeAssistant, server: FakeQBittorrent, freezer: FrozenDateTimeFactory
) -> None:
    """A setting only the preferences report is as fresh as the last read."""
    entry = await add_server_enabling(hass, server, MAX_TORRENTS)

    server.model.set_preferences({"max_active_torrents": 20})
    await polls_for(hass, entry, freezer, POLL)
    assert value_of(hass, MAX_TORRENTS) == "8"
    await polls_for(hass, entry, freezer, INTERVAL)

    assert value_of(hass, MAX_TORRENTS) == "20"


async def test_a_change_made_here_is_read_back_at_once(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """The entity shows what qBittorrent kept without waiting for the next read."""
    await add_server_enabling(hass, server, ALT_DOWNLOAD)
    before = reads(server)

    await set_number(hass, ALT_DOWNLOAD, 70)

    assert reads(server) == before + 1
    assert value_of(hass, ALT_DOWNLOAD) == "70"


async def test_a_disabled_entity_stops_the_reads(
    hass: HomeAssistant, server: FakeQBittorrent, freezer: FrozenDateTimeFactory
) -> None:
    """Once no enabled entity shows a setting the polls lack, nothing more is read."""
    entry = await add_server_enabling(hass, server, ALT_DOWNLOAD)
    er.async_get(hass).async_update_entity(
        ALT_DOWNLOAD, disabled_by=er.RegistryEntryDisabler.USER
    )
    await hass.async_block_till_done()
    before = reads(server)

    await polls_for(hass, entry, freezer, 2 * INTERVAL)

    assert reads(server) == before


async def test_a_failed_read_is_tried_again_after_the_interval(
    hass: HomeAssistant,
    server: FakeQBittorrent,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Unknown until a read succeeds; a debug line, and no request on every poll."""
    server.fail_next("status_500", endpoint="app/preferences")
    with caplog.at_level(logging.DEBUG, "custom_components.qbittorrent_multi"):
        entry = await add_server_enabling(hass, server, ALT_DOWNLOAD)
    assert value_of(hass, ALT_DOWNLOAD) == STATE_UNKNOWN
    assert "Could not read the preferences of NAS" in caplog.text
    assert not [
        record
        for record in caplog.records
        if record.levelno >= logging.WARNING and record.name.startswith("custom_")
    ]

    await polls_for(hass, entry, freezer, INTERVAL - POLL)
    assert reads(server) == 1
    await polls_for(hass, entry, freezer, POLL)

    assert value_of(hass, ALT_DOWNLOAD) == "50"
