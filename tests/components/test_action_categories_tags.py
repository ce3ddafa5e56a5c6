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
    refused,
)
from tests.components.server_entries import add_server
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")


# -- categories ---------------------------------------------------------------


@pytest.mark.parametrize("flavour", ["4.2", "5.3"])
async def test_create_category_with_a_save_path(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, flavour: str
) -> None:
    """The category exists afterwards, with its save path."""
    server = await fake_qbittorrent(flavour)
    await add_server(hass, server)

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


async def test_creating_a_category_the_server_has_is_refused(
    hass: HomeAssistant, nas: Server
) -> None:
    """The server is asked what it has; an existing category is not touched."""
    server, _ = nas
    err = await refused(
        hass, "create_category", {"category": "linux", "save_path": "/x"}
    )

    assert err.value.translation_key == "category_exists"
    assert str(err.value) == (
        'NAS already has the category "linux". Change its save path with the'
        " edit_category action"
    )
    assert actions_sent(server) == []


@pytest.mark.parametrize(
    ("category", "key"),
    [
        ("", "invalid_category_name"),
        ("/tv", "invalid_category_name"),
        ("tv/", "invalid_category_name"),
        ("tv//shows", "invalid_category_name"),
        ("tv\\shows", "invalid_category_name"),
        ("../etc", "invalid_category"),
        ("tv/../..", "invalid_category"),
    ],
)
async def test_a_category_name_qbittorrent_refuses_is_refused_here(
    hass: HomeAssistant,
    nas: Server,
    category: str,
    key: str,
) -> None:
    """qBittorrent's own naming rule, and no "..": checked before anything is sent."""
    server, _ = nas
    err = await refused(hass, "create_category", {"category": category})

    assert err.value.translation_key == key
    assert str(err.value) == (
        f'"{category}" cannot be a category name: it must not be empty, contain a'
        ' backslash, start or end with "/" or have "//" in it'
        if key == "invalid_category_name"
        else f'The category "{category}" is not allowed: qBittorrent can make a'
        ' folder of a category, so it must not contain ".." or a NUL character'
    )
    assert actions_sent(server) == []


async def test_a_category_save_path_that_climbs_out_is_refused(
    hass: HomeAssistant, nas: Server
) -> None:
    """The save path is checked as add_torrent's is."""
    server, _ = nas
    err = await refused(
        hass, "create_category", {"category": "tv", "save_path": "/data/../etc"}
    )

    assert err.value.translation_key == "invalid_save_path"
    assert str(err.value) == (
        'The save path "/data/../etc" is not allowed: it must not contain ".." or'
        " a NUL character"
    )
    assert actions_sent(server) == []


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


async def test_editing_a_category_the_server_lacks_is_refused(
    hass: HomeAssistant, nas: Server
) -> None:
    """Nothing is created by an edit."""
    server, _ = nas
    err = await refused(hass, "edit_category", {"category": "films", "save_path": "/x"})

    assert err.value.translation_key == "unknown_categories"
    assert str(err.value) == "NAS has no category called films"
    assert "films" not in server.categories


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


async def test_removing_categories_the_server_lacks_is_refused(
    hass: HomeAssistant, nas: Server
) -> None:
    """A typo does not silently do nothing; the known ones stay too."""
    server, _ = nas
    err = await refused(
        hass, "remove_categories", {"categories": ["linux", "films", "tv"]}
    )

    assert err.value.translation_key == "unknown_categories"
    assert str(err.value) == "NAS has no category called films, tv"
    assert "linux" in server.categories
    assert actions_sent(server) == []


@pytest.mark.parametrize("categories", [[], [""]])
async def test_remove_categories_needs_a_name(
    hass: HomeAssistant,
    nas: Server,
    categories: list[str],
) -> None:
    """An empty list, or an empty name, is refused."""
    err = await refused(hass, "remove_categories", {"categories": categories})

    assert err.value.translation_key == "no_categories_given"
    assert str(err.value) == "Give at least one category, none of them empty"


# -- tags -----------------------------------------------------------------------


@pytest.mark.parametrize("flavour", ["4.2", "5.3"])
async def test_create_tags_adds_them_to_the_server(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, flavour: str
) -> None:
    """New tags, stripped; one the server has already is fine."""
    server = await fake_qbittorrent(flavour)
    server.add_torrent(tags=["keep"])
    await add_server(hass, server)

    await call(hass, "create_tags", {"tags": [" archive ", "keep", "archive"]})

    assert actions_sent(server) == [("torrents/createTags", {"tags": "archive,keep"})]
    assert server.tags == {"archive", "keep"}


@pytest.mark.parametrize(
    ("tags", "text"),
    [
        ([], "Give at least one tag"),
        (["a,b"], '"a,b" is not a valid tag: tags cannot be empty or contain a comma'),
        (["  "], '"  " is not a valid tag: tags cannot be empty or contain a comma'),
    ],
)
async def test_tags_to_create_are_checked(
    hass: HomeAssistant,
    nas: Server,
    tags: list[str],
    text: str,
) -> None:
    """No tag, a tag with a comma, or an empty one: refused, nothing sent."""
    server, _ = nas
    err = await refused(hass, "create_tags", {"tags": tags})

    assert str(err.value) == text
    assert actions_sent(server) == []


async def test_delete_tags_removes_them_from_every_torrent(
    hass: HomeAssistant, nas: Server
) -> None:
    """The tag goes from the server and from the torrents that had it."""
    server, _ = nas
    await call(hass, "delete_tags", {"tags": "iso"})

    assert actions_sent(server) == [("torrents/deleteTags", {"tags": "iso"})]
    assert server.tags == frozenset()
    assert server.torrents[HASH_A]["tags"] == ""


async def test_deleting_tags_the_server_lacks_is_refused(
    hass: HomeAssistant, nas: Server
) -> None:
    """A typo is an error, and the tags that exist stay."""
    server, _ = nas
    err = await refused(hass, "delete_tags", {"tags": ["iso", "isos"]})

    assert str(err.value) == "NAS has no tag called isos"
    assert server.tags == {"iso"}
    assert actions_sent(server) == []
