"""Action input that must change nothing on any server.

tests/components/test_services.py covers malformed hashes, link schemes,
save paths with "..", the file allowlist and "all" never being implied; these
are the inputs that smuggle something past those checks.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest

from custom_components.qbittorrent_multi.const import DOMAIN
from tests.components.server_entries import add_server
from tests.fake_qbittorrent import FakeQBittorrent, FlavourName
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

DEBIAN = "a" * 40
FEDORA = "b" * 40
MAGNET = "magnet:?xt=urn:btih:" + "c" * 40


@pytest.fixture
async def fleet(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> list[FakeQBittorrent]:
    """Two servers, 5.3 and 4.5, each with the same two torrents."""
    servers = []
    flavours: tuple[tuple[FlavourName, str], ...] = (("5.3", "NAS"), ("4.5", "Seedbox"))
    for flavour, title in flavours:
        server = await fake_qbittorrent(flavour)
        server.add_torrent(hash=DEBIAN, name="Debian", category="linux")
        server.add_torrent(hash=FEDORA, name="Fedora", category="linux")
        await add_server(hass, server, title)
        servers.append(server)
    return servers


def changes_sent(server: FakeQBittorrent) -> list[str]:
    """Requests that would change something on the server."""
    return [
        request.endpoint
        for request in server.requests
        if request.method == "POST" and request.endpoint != "auth/login"
    ]


@pytest.mark.parametrize(
    "refused",
    [
        # qBittorrent reads torrents/add's "urls" one per line: a line break
        # would slip a second, unchecked link in.
        (
            "add_torrent",
            {"urls": [f"{MAGNET}\nfile:///etc/passwd"]},
            "invalid_torrent_url",
        ),
        (
            "add_torrent",
            {"urls": ["https://example.com/a.torrent\r\nhttps://example.org/b"]},
            "invalid_torrent_url",
        ),
        # With automatic torrent management a category is a folder under the
        # save path; qBittorrent 4 follows ".." in it out of that folder.
        (
            "add_torrent",
            {"urls": [MAGNET], "category": "../../etc"},
            "invalid_category",
        ),
        (
            "add_torrent",
            {"urls": [MAGNET], "category": "linux/../../home"},
            "invalid_category",
        ),
        (
            "set_torrent_category",
            {"hashes": [DEBIAN], "category": "..\\..\\windows"},
            "invalid_category",
        ),
        ("start_torrents", {"hashes": [f"{DEBIAN}\n{FEDORA}"]}, "invalid_torrent_hash"),
        ("delete_torrents", {"hashes": [f"{DEBIAN}|{FEDORA}"]}, "invalid_torrent_hash"),
        # Deleting files never widens to every torrent.
        ("delete_torrents", {"delete_files": True}, "no_torrent_selection"),
        (
            "delete_torrents",
            {"delete_files": True, "all": False, "hashes": []},
            "no_torrent_selection",
        ),
    ],
)
@pytest.mark.parametrize("server", [None, "Seedbox"])
async def test_smuggled_input_is_refused_and_no_server_is_touched(
    hass: HomeAssistant,
    fleet: list[FakeQBittorrent],
    refused: tuple[str, dict[str, Any], str],
    server: str | None,
) -> None:
    """Refused with a translated reason, for the active server or a named one."""
    action, data, error = refused
    target = {} if server is None else {"server": server}

    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, action, {**data, **target}, blocking=True
        )

    assert err.value.translation_key == error
    for each in fleet:
        assert changes_sent(each) == []
        assert set(each.torrents) == {DEBIAN, FEDORA}
        assert {torrent["category"] for torrent in each.torrents.values()} == {"linux"}
