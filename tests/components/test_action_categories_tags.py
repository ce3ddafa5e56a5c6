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
from tests.components.action_refusals import Refusal, check_refusal
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


# -- refusals -------------------------------------------------------------------


def _create_category(category: str, key: str, text: str) -> Refusal:
    return Refusal("create_category", {"category": category}, key, text)


BAD_NAME = (
    '"{}" cannot be a category name: it must not be empty, contain a backslash,'
    ' start or end with "/" or have "//" in it'
)
CLIMBING = (
    'The category "{}" is not allowed: qBittorrent can make a folder of a'
    ' category, so it must not contain ".." or a NUL character'
)


def _create_tags(tags: list[str], key: str, text: str) -> Refusal:
    return Refusal("create_tags", {"tags": tags}, key, text)


REFUSALS = {
    "creating a category the server has": Refusal(
        "create_category",
        {"category": "linux", "save_path": "/x"},
        "category_exists",
        'NAS already has the category "linux". Change its save path with the'
        " edit_category action",
    ),
    # qBittorrent's own naming rule, and no "..".
    **{
        f"category name {name!r}": _create_category(
            name, "invalid_category_name", BAD_NAME.format(name)
        )
        for name in ("", "/tv", "tv/", "tv//shows", "tv\\shows")
    },
    **{
        f"category {name!r}": _create_category(
            name, "invalid_category", CLIMBING.format(name)
        )
        for name in ("../etc", "tv/../..")
    },
    # The save path is checked as add_torrent's is.
    "a category save path that climbs out": Refusal(
        "create_category",
        {"category": "tv", "save_path": "/data/../etc"},
        "invalid_save_path",
        'The save path "/data/../etc" is not allowed: it must not contain ".." or'
        " a NUL character",
    ),
    # Nothing is created by an edit.
    "editing a category the server lacks": Refusal(
        "edit_category",
        {"category": "films", "save_path": "/x"},
        "unknown_categories",
        "NAS has no category called films",
    ),
    # A typo does not silently do nothing; the known ones stay too.
    "removing categories the server lacks": Refusal(
        "remove_categories",
        {"categories": ["linux", "films", "tv"]},
        "unknown_categories",
        "NAS has no category called films, tv",
    ),
    **{
        f"removing categories {categories!r}": Refusal(
            "remove_categories",
            {"categories": categories},
            "no_categories_given",
            "Give at least one category, none of them empty",
        )
        for categories in ([], [""])
    },
    "creating no tag": _create_tags([], "no_tags_given", "Give at least one tag"),
    **{
        f"creating the tag {tag!r}": _create_tags(
            [tag],
            "invalid_tag",
            f'"{tag}" is not a valid tag: tags cannot be empty or contain a comma',
        )
        for tag in ("a,b", "  ")
    },
    # A typo is an error, and the tags that exist stay.
    "deleting tags the server lacks": Refusal(
        "delete_tags",
        {"tags": ["iso", "isos"]},
        "unknown_tags",
        "NAS has no tag called isos",
    ),
}


@pytest.mark.parametrize("case", REFUSALS.values(), ids=REFUSALS.keys())
async def test_bad_input_is_refused_and_changes_nothing(
    hass: HomeAssistant, nas: Server, case: Refusal
) -> None:
    """Checked before anything is sent: the server keeps its categories and tags."""
    server, _ = nas
    categories, tags = dict(server.categories), set(server.tags)

    await check_refusal(hass, case)

    assert actions_sent(server) == []
    assert (server.categories, server.tags) == (categories, tags)
