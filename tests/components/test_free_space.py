"""The free disk space sensor when qBittorrent cannot tell the free space."""

from __future__ import annotations

from homeassistant.const import STATE_UNKNOWN
from homeassistant.core import HomeAssistant
import pytest

from tests.components.server_entries import add_server, poll
from tests.live_fixtures import StartFakeQBittorrent
from tests.real_qbittorrent import Version

pytestmark = pytest.mark.usefixtures("socket_enabled", "enable_custom_integrations")


@pytest.mark.parametrize("flavour", ["4.2", "4.5"])
async def test_free_space_the_server_cannot_tell_is_unknown(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, flavour: Version
) -> None:
    """qBittorrent 4.x reports -1 for a save path it cannot measure: unknown, not -1 B."""
    server = await fake_qbittorrent(flavour)
    entry = await add_server(hass, server)

    server.set_server_state(free_space_on_disk=-1)
    await poll(hass, entry)

    state = hass.states.get("sensor.nas_free_disk_space")
    assert state is not None
    assert state.state == STATE_UNKNOWN

    server.set_server_state(free_space_on_disk=5 * 2**30)
    await poll(hass, entry)

    state = hass.states.get("sensor.nas_free_disk_space")
    assert state is not None
    assert float(state.state) == pytest.approx(5)
