"""add_torrent on real qBittorrent 4.2, 4.5, 5.1 and 5.3: the hashes reported, and several servers."""

from __future__ import annotations

import base64
import functools

from homeassistant.core import HomeAssistant
import pytest

from tests.live.real_fleet import RealFleet, server_torrent, until
from tests.live_fixtures import StartQBittorrent
from tests.real_qbittorrent import VERSIONS, RealQBittorrent, Version
from tests.torrent_files import make_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled", "enable_custom_integrations")

HEX = "1" * 40
# The same kind of id written in base32, as some magnet links carry it.
BASE32_ID = "2" * 40
BASE32 = base64.b32encode(bytes.fromhex(BASE32_ID)).decode()


async def _listed(server: RealQBittorrent, info_hash: str) -> bool | None:
    return True if await server_torrent(server, info_hash) else None


@pytest.mark.parametrize("version", VERSIONS, ids=[f"qbt{v}" for v in VERSIONS])
async def test_every_version_reports_the_hashes_it_was_given(
    hass: HomeAssistant, start_qbittorrent: StartQBittorrent, version: Version
) -> None:
    """Magnet links (hex and base32) and a .torrent file: each hash, as the server lists it."""
    fleet = RealFleet(hass)
    server = await fleet.add("Real", start_qbittorrent(version))
    sample = make_torrent(server.downloads_dir, "disc.iso")

    reply = await fleet.call(
        "add_torrent",
        urls=[f"magnet:?xt=urn:btih:{HEX}", f"magnet:?xt=urn:btih:{BASE32}"],
        torrent_files=[str(sample.torrent_path)],
        save_path=str(server.downloads_dir),
    )

    assert reply["server"] == "Real"
    assert reply["added"] == [HEX, BASE32_ID, sample.info_hash]
    for info_hash in reply["added"]:
        assert await until(functools.partial(_listed, server, info_hash))


async def test_all_adds_to_real_4_x_and_5_x_servers_alike(
    hass: HomeAssistant, start_qbittorrent: StartQBittorrent
) -> None:
    """Each server answers with the hash; each lists the torrent."""
    fleet = RealFleet(hass)
    old = await fleet.add("Old", start_qbittorrent("4.2"))
    new = await fleet.add("New", start_qbittorrent("5.3"))

    reply = await fleet.call(
        "add_torrent", server="all", urls=[f"magnet:?xt=urn:btih:{HEX}"]
    )

    assert [(each["server"], each["added"]) for each in reply["servers"]] == [
        ("New", [HEX]),
        ("Old", [HEX]),
    ]
    assert await until(lambda: _listed(old, HEX))
    assert await until(lambda: _listed(new, HEX))


async def test_auto_adds_to_one_healthy_real_server_and_names_it(
    hass: HomeAssistant, start_qbittorrent: StartQBittorrent
) -> None:
    """The chosen server is in the response and has the torrent; the other does not."""
    fleet = RealFleet(hass)
    servers = {
        "Old": await fleet.add("Old", start_qbittorrent("4.5")),
        "New": await fleet.add("New", start_qbittorrent("5.1")),
    }
    await fleet.refresh()

    reply = await fleet.call(
        "add_torrent", server="auto", urls=[f"magnet:?xt=urn:btih:{HEX}"]
    )

    chosen = reply["server"]
    [other] = set(servers) - {chosen}
    assert reply["added"] == [HEX]
    assert await until(lambda: _listed(servers[chosen], HEX))
    assert await server_torrent(servers[other], HEX) is None
