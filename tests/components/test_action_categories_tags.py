"""Categories and tags as things of their own: create, edit, remove, delete."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
import pytest

from tests.components.action_calls import (
    HASH_A,
    HASH_B,
    Server,
    actions_sent,
    call,
)
from tests.components.server_entries import add_server
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")


# -- categories ---------------------------------------------------------------


@pytest.fixture(params=["4.2", "5.3"])
async def oldest_and_newest(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    request: pytest.FixtureRequest,
) -> FakeQBittorrent:
    """A server of the oldest and of the newest API supported, set up as "NAS"."""
    server = await fake_qbittorrent(request.param)
    await add_server(hass, server)
    return server


async def test_create_category_with_a_save_path(
    hass: HomeAssistant, oldest_and_newest: FakeQBittorrent
) -> None:
    """The category exists afterwards, with its save path."""
    server = oldest_and_newest

    await call(
        hass,
        "create_category",
        {"category": "tv/shows", "save_path": " /data/tv "},
    )

    assert actions_sent(server) == [
        ("torrents/createCategory", {"category": "tv/shows", "savePath": "/data/tv"})
    ]
    assert server.categories["tv/shows"]["savePath"] == "/data/tv"


async def test_create_category_without_a_save_path_uses_the_default(
    hass: HomeAssistant, nas: Server
) -> None:
    """No save path: the server's default (a folder named after the category)."""
    server, _ = nas
    await call(hass, "create_category", {"category": "books"})

    assert server.categories["books"]["savePath"] == ""


async def test_edit_category_changes_its_save_path(
    hass: HomeAssistant, nas: Server
) -> None:
    """An empty save path sets the default again."""
    server, _ = nas
    await call(hass, "edit_category", {"category": "linux", "save_path": "/data/iso"})
    moved = server.categories["linux"]["savePath"]
    await call(hass, "edit_category", {"category": "linux", "save_path": ""})

    assert moved == "/data/iso"
    assert server.categories["linux"]["savePath"] == ""


async def test_remove_categories_leaves_their_torrents_uncategorised(
    hass: HomeAssistant, nas: Server
) -> None:
    """The torrents stay, without a category."""
    server, _ = nas
    server.add_category("films")

    await call(hass, "remove_categories", {"categories": ["linux", "films", "linux"]})

    assert actions_sent(server) == [
        ("torrents/removeCategories", {"categories": "linux\nfilms"})
    ]
    assert set(server.categories) == set()
    assert server.torrents[HASH_A]["category"] == ""
    assert server.torrents[HASH_B]["category"] == ""


# -- tags -----------------------------------------------------------------------


async def test_create_tags_adds_them_to_the_server(
    hass: HomeAssistant, oldest_and_newest: FakeQBittorrent
) -> None:
    """New tags, stripped; one the server has already is fine."""
    server = oldest_and_newest
    server.add_torrent(tags=["keep"])

    await call(hass, "create_tags", {"tags": [" archive ", "keep", "archive"]})

    assert actions_sent(server) == [("torrents/createTags", {"tags": "archive,keep"})]
    assert server.tags == {"archive", "keep"}


async def test_delete_tags_removes_them_from_every_torrent(
    hass: HomeAssistant, nas: Server
) -> None:
    """The tag goes from the server and from the torrents that had it."""
    server, _ = nas
    await call(hass, "delete_tags", {"tags": "iso"})

    assert actions_sent(server) == [("torrents/deleteTags", {"tags": "iso"})]
    assert server.tags == frozenset()
    assert server.torrents[HASH_A]["tags"] == ""
