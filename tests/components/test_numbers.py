"""Limits and queue sizes as number entities: what they show and what setting them does."""

from __future__ import annotations

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er
import pytest

from tests.components.action_calls import actions_sent
from tests.components.controls import (
    ALT_DOWNLOAD,
    ALT_UPLOAD,
    GLOBAL_DOWNLOAD,
    GLOBAL_UPLOAD,
    KIB,
    MAX_DOWNLOADS,
    MAX_TORRENTS,
    MAX_UPLOADS,
    add_server_enabling,
    set_number,
    value_of,
)
from tests.components.server_entries import add_server, poll
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent


@pytest.fixture
async def server(fake_qbittorrent: StartFakeQBittorrent) -> FakeQBittorrent:
    """A qBittorrent 5.3 server with every limit set, in normal mode."""
    server = await fake_qbittorrent("5.3")
    server.model.set_preferences(
        {
            "dl_limit": 500 * KIB,
            "up_limit": 100 * KIB,
            "alt_dl_limit": 50 * KIB,
            "alt_up_limit": 10 * KIB,
            "max_active_downloads": 4,
            "max_active_uploads": 6,
            "max_active_torrents": 8,
        }
    )
    return server


def preferences_set(server: FakeQBittorrent) -> list[str]:
    """The JSON bodies of every app/setPreferences request, in order."""
    return [
        params["json"]
        for endpoint, params in actions_sent(server)
        if endpoint == "app/setPreferences"
    ]


async def test_global_limits_show_the_servers_limits_in_kib_per_second(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """The global limits are shown as qBittorrent reports them, in KiB/s."""
    await add_server(hass, server)

    assert value_of(hass, GLOBAL_DOWNLOAD) == "500"
    assert value_of(hass, GLOBAL_UPLOAD) == "100"
    state = hass.states.get(GLOBAL_DOWNLOAD)
    assert state is not None
    assert state.attributes["unit_of_measurement"] == "KiB/s"
    assert (state.attributes["min"], state.attributes["max"]) == (0, 2097151)
    assert state.attributes["mode"] == "box"


async def test_only_the_global_limits_are_enabled_by_default(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Alternative limits and queue sizes are one click away, not on the dashboard."""
    await add_server(hass, server)
    registry = er.async_get(hass)

    for entity_id in (ALT_DOWNLOAD, ALT_UPLOAD, MAX_DOWNLOADS, MAX_UPLOADS):
        entry = registry.async_get(entity_id)
        assert entry is not None
        assert entry.disabled_by is er.RegistryEntryDisabler.INTEGRATION
    assert hass.states.get(GLOBAL_DOWNLOAD) is not None


async def test_a_limit_changed_on_the_server_shows_after_the_next_poll(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """A limit set in qBittorrent's WebUI reaches the entity with the next update."""
    entry = await add_server(hass, server)

    server.model.set_global_limit("dl", 2048 * KIB)
    await poll(hass, entry)

    assert value_of(hass, GLOBAL_DOWNLOAD) == "2048"


@pytest.mark.parametrize(
    ("entity_id", "direction", "kib", "sent"),
    [
        (GLOBAL_DOWNLOAD, "dl", 1234, '{"dl_limit":1263616}'),
        (GLOBAL_UPLOAD, "up", 0, '{"up_limit":0}'),
    ],
    ids=["sent in bytes per second", "zero removes the limit"],
)
async def test_setting_a_global_limit_changes_it_on_the_server(
    hass: HomeAssistant,
    server: FakeQBittorrent,
    *,
    entity_id: str,
    direction: str,
    kib: int,
    sent: str,
) -> None:
    """The new limit is sent in bytes/s and shown as the server reports it; 0 is no limit."""
    await add_server(hass, server)

    await set_number(hass, entity_id, kib)

    assert preferences_set(server) == [sent]
    assert server.model.global_limit(direction) == kib * KIB
    assert value_of(hass, entity_id) == str(kib)


async def switch_to_alternative_mode(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Set the server up in normal mode, then turn alternative speed on in qBittorrent."""
    entry = await add_server(hass, server)
    server.model.toggle_alt_speed()
    await poll(hass, entry)


async def test_in_alternative_mode_the_global_limit_still_shows_the_global_limit(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """The poll then reports the alternative limits; the entity keeps the global one.

    The last poll in normal mode told the global limit; one read confirms it.
    """
    await switch_to_alternative_mode(hass, server)

    assert server.server_state["dl_rate_limit"] == 50 * KIB
    assert value_of(hass, GLOBAL_DOWNLOAD) == "500"
    assert len(server.requests_to("app/preferences")) == 1


async def test_in_alternative_mode_setting_the_global_limit_leaves_the_one_in_force(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """The global limit changes for when alternative mode ends; the alternative one stays."""
    await switch_to_alternative_mode(hass, server)

    await set_number(hass, GLOBAL_DOWNLOAD, 800)

    assert value_of(hass, GLOBAL_DOWNLOAD) == "800"
    assert server.server_state["dl_rate_limit"] == 50 * KIB
    server.model.toggle_alt_speed()
    assert server.server_state["dl_rate_limit"] == 800 * KIB


async def test_a_server_started_in_alternative_mode_shows_its_global_limits(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """No poll reports them then: the preferences are read when the entities are added."""
    server.model.toggle_alt_speed()

    await add_server(hass, server)

    assert value_of(hass, GLOBAL_DOWNLOAD) == "500"
    assert value_of(hass, GLOBAL_UPLOAD) == "100"
    assert len(server.requests_to("app/preferences")) == 1


async def test_the_alternative_limits_show_and_set_the_alternative_limits(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Enabled, they show the alternative limits in either mode and change them."""
    await add_server_enabling(hass, server, ALT_DOWNLOAD, ALT_UPLOAD)
    assert (value_of(hass, ALT_DOWNLOAD), value_of(hass, ALT_UPLOAD)) == ("50", "10")

    await set_number(hass, ALT_UPLOAD, 25)

    assert preferences_set(server) == ['{"alt_up_limit":25600}']
    assert value_of(hass, ALT_UPLOAD) == "25"
    assert server.model.global_limit("up") == 100 * KIB


async def test_an_alternative_limit_set_in_alternative_mode_applies_at_once(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """The alternative limit in force changes, and the poll reports it."""
    server.model.toggle_alt_speed()
    await add_server_enabling(hass, server, ALT_DOWNLOAD)

    await set_number(hass, ALT_DOWNLOAD, 64)

    assert server.server_state["dl_rate_limit"] == 64 * KIB
    assert value_of(hass, ALT_DOWNLOAD) == "64"
    assert value_of(hass, GLOBAL_DOWNLOAD) == "500"


async def test_the_queue_sizes_show_and_set_the_servers_queue(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Maximum active downloads, uploads and torrents, as in qBittorrent's options."""
    await add_server_enabling(hass, server, MAX_DOWNLOADS, MAX_UPLOADS, MAX_TORRENTS)
    assert [value_of(hass, e) for e in (MAX_DOWNLOADS, MAX_UPLOADS, MAX_TORRENTS)] == [
        "4",
        "6",
        "8",
    ]

    await set_number(hass, MAX_TORRENTS, 12)

    assert server.model.queue_limits["max_active_torrents"] == 12
    assert value_of(hass, MAX_TORRENTS) == "12"


async def test_minus_one_lifts_a_queue_limit(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """-1 is qBittorrent's "no limit"; lower values are refused before anything is sent."""
    await add_server_enabling(hass, server, MAX_DOWNLOADS)

    await set_number(hass, MAX_DOWNLOADS, -1)
    with pytest.raises(ServiceValidationError):
        await set_number(hass, MAX_DOWNLOADS, -2)

    assert server.model.queue_limits["max_active_downloads"] == -1
    assert value_of(hass, MAX_DOWNLOADS) == "-1"
    assert len(preferences_set(server)) == 1


async def test_a_limit_beyond_what_qbittorrent_keeps_is_refused(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """2097152 KiB/s would wrap to "no limit" in qBittorrent: refused, nothing sent."""
    await add_server(hass, server)

    with pytest.raises(ServiceValidationError):
        await set_number(hass, GLOBAL_DOWNLOAD, 2_097_152)

    assert preferences_set(server) == []
    assert value_of(hass, GLOBAL_DOWNLOAD) == "500"


async def test_a_fraction_is_refused_with_a_translated_error(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Limits and queue sizes are whole numbers; nothing is sent for 2.5."""
    await add_server(hass, server)

    with pytest.raises(ServiceValidationError) as info:
        await set_number(hass, GLOBAL_DOWNLOAD, 2.5)

    assert info.value.translation_key == "whole_number_needed"
    assert str(info.value).startswith("2.5 is not a whole number")
    assert preferences_set(server) == []


async def test_the_numbers_go_unavailable_while_the_server_is_down(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """Like every figure of the server, a limit is not shown while it cannot be known."""
    entry = await add_server(hass, server)
    server.mode = "status_502"

    await poll(hass, entry)

    assert value_of(hass, GLOBAL_DOWNLOAD) == STATE_UNAVAILABLE


async def test_a_change_the_server_refuses_is_a_translated_error(
    hass: HomeAssistant, server: FakeQBittorrent
) -> None:
    """The same translated error as the actions; the entity keeps its value."""
    await add_server(hass, server)
    server.fail_next("status_500", endpoint="app/setPreferences")

    with pytest.raises(HomeAssistantError) as info:
        await set_number(hass, GLOBAL_DOWNLOAD, 10)

    assert info.value.translation_key == "action_failed"
    assert "NAS" in str(info.value)
    assert value_of(hass, GLOBAL_DOWNLOAD) == "500"
