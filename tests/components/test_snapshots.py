"""What users see of every entity and in both diagnostics, pinned by snapshots.

State, unit, device class, state class, entity category, translation key
and whether an entity is enabled by default: a change to any of them shows
as a snapshot diff, to be reviewed like code (`pytest --snapshot-update`).
"""

from __future__ import annotations

from collections.abc import Iterator
from unittest.mock import PropertyMock, patch

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    snapshot_platform,
)
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.qbittorrent_multi.const import DOMAIN, SWITCHER_UNIQUE_ID
from tests.components.server_entries import server_entry
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent

# Frozen time: the response time and every timestamp are the same on every run.
pytestmark = pytest.mark.usefixtures("freezer")

GIB = 1024**3
SERVER_ENTRY_ID = "01JQBMSERVER0000000000000A"
SWITCHER_ENTRY_ID = "01JQBMSWITCHER000000000000"
# What the server reports, every figure a sensor shows set to a known value.
FIGURES = {
    "dl_info_speed": 2048,
    "up_info_speed": 512,
    "dl_rate_limit": 1_048_576,
    "up_rate_limit": 0,
    "dl_info_data": 3 * GIB,
    "up_info_data": GIB,
    "alltime_dl": 40 * GIB,
    "alltime_ul": 20 * GIB,
    "global_ratio": "0.50",
    "free_space_on_disk": 500 * GIB,
    "connection_status": "connected",
    "dht_nodes": 312,
    "use_alt_speed_limits": True,
}
# Figures that depend on the machine, the clock or the port: not what a user
# configured or the server reported.
VOLATILE = props(
    "url",
    "bytes_received",
    "response_time_ms",
    "last_checked",
    "last_success",
    "timestamp",
    "next_interval_seconds",
)


@pytest.fixture(autouse=True)
def every_entity_enabled() -> Iterator[None]:
    """Entities disabled by default are snapshotted too."""
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        new_callable=PropertyMock,
        return_value=True,
    ):
        yield


@pytest.fixture
async def server(fake_qbittorrent: StartFakeQBittorrent) -> FakeQBittorrent:
    """A qBittorrent 5.3 server with known figures and torrents in several states."""
    server = await fake_qbittorrent("5.3")
    server.set_server_state(**FIGURES)
    # The same limits in the preferences, which the number entities read too.
    server.model.set_preferences({"alt_dl_limit": 1_048_576, "alt_up_limit": 0})
    server.add_torrent(hash="a" * 40, name="Debian", state="uploading", upspeed=512)
    server.add_torrent(hash="b" * 40, name="Fedora", state="downloading", progress=0.5)
    server.add_torrent(hash="c" * 40, name="Arch", state="stoppedDL")
    server.add_torrent(hash="d" * 40, name="Gentoo", state="error")
    return server


def _switcher_entry() -> MockConfigEntry:
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id=SWITCHER_ENTRY_ID,
        data={"kind": "switcher"},
        unique_id=SWITCHER_UNIQUE_ID,
        title="Server switcher",
        minor_version=2,
    )


async def _set_up(
    hass: HomeAssistant,
    server: FakeQBittorrent,
    *,
    server_platforms: list[Platform],
    switcher_platforms: list[Platform],
) -> tuple[MockConfigEntry, MockConfigEntry]:
    """The switcher and one server entry, with fixed ids and only these platforms."""
    switcher = _switcher_entry()
    switcher.add_to_hass(hass)
    entry = server_entry(server, entry_id=SERVER_ENTRY_ID)
    entry.add_to_hass(hass)
    with (
        patch("custom_components.qbittorrent_multi.SERVER_PLATFORMS", server_platforms),
        patch(
            "custom_components.qbittorrent_multi.SWITCHER_PLATFORMS",
            switcher_platforms,
        ),
    ):
        assert await async_setup_component(hass, DOMAIN, {})
        await hass.async_block_till_done()
    return switcher, entry


@pytest.mark.parametrize(
    "platform",
    [
        Platform.BINARY_SENSOR,
        Platform.BUTTON,
        Platform.EVENT,
        Platform.NUMBER,
        Platform.SENSOR,
        Platform.SWITCH,
    ],
)
async def test_every_entity_of_a_server(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    server: FakeQBittorrent,
    platform: Platform,
) -> None:
    """Each server entity as a user sees it."""
    _, entry = await _set_up(
        hass, server, server_platforms=[platform], switcher_platforms=[]
    )

    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


@pytest.mark.parametrize(
    "platform", [Platform.BUTTON, Platform.SELECT, Platform.SENSOR]
)
async def test_every_entity_of_the_switcher(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    server: FakeQBittorrent,
    platform: Platform,
) -> None:
    """Each switcher entity as a user sees it, with the server active."""
    switcher, _ = await _set_up(
        hass, server, server_platforms=[], switcher_platforms=[platform]
    )

    await snapshot_platform(hass, entity_registry, snapshot, switcher.entry_id)


@pytest.mark.parametrize("kind", ["server", "switcher"])
async def test_the_diagnostics_of_each_entry(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    snapshot: SnapshotAssertion,
    server: FakeQBittorrent,
    kind: str,
) -> None:
    """A server's diagnostics and the switcher's, secrets redacted."""
    assert await async_setup_component(hass, "diagnostics", {})
    switcher, entry = await _set_up(
        hass, server, server_platforms=[], switcher_platforms=[]
    )
    chosen = entry if kind == "server" else switcher

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, chosen)

    assert diagnostics == snapshot(exclude=VOLATILE)
