"""Categories and tags as things of their own: create, edit and remove them.

The names are checked first, then compared with what the server has (read
from it, not from the last poll): creating a category it has, editing or
removing one it lacks, or deleting a tag it lacks is a translated error and
changes nothing. Creating a tag it has already is harmless and allowed.
"""

from __future__ import annotations

from typing import Final

from homeassistant.core import ServiceCall
from homeassistant.helpers import config_validation as cv
import probatio as vol

from .action_fields import (
    ATTR_SAVE_PATH,
    ATTR_TAGS,
    SERVER_FIELD,
    TEXT_LIST,
    called_server,
)
from .action_spec import ActionSpec
from .errors import invalid, server_change
from .torrent_selection import ATTR_CATEGORY
from .torrent_sources import checked_category_name, checked_save_path, checked_tags

ATTR_CATEGORIES: Final = "categories"

CREATE_CATEGORY_SCHEMA: Final = vol.Schema(
    {
        **SERVER_FIELD,
        vol.Required(ATTR_CATEGORY): cv.string,
        vol.Optional(ATTR_SAVE_PATH, default=""): cv.string,
    }
)
EDIT_CATEGORY_SCHEMA: Final = vol.Schema(
    {
        **SERVER_FIELD,
        vol.Required(ATTR_CATEGORY): cv.string,
        vol.Required(ATTR_SAVE_PATH): cv.string,
    }
)
REMOVE_CATEGORIES_SCHEMA: Final = vol.Schema(
    {**SERVER_FIELD, vol.Required(ATTR_CATEGORIES): TEXT_LIST}
)
TAGS_SCHEMA: Final = vol.Schema({**SERVER_FIELD, vol.Required(ATTR_TAGS): TEXT_LIST})


def _save_path(call: ServiceCall) -> str:
    # Empty: the server's default save path (with the category's name as a
    # subfolder where automatic management puts it).
    save_path: str = call.data[ATTR_SAVE_PATH].strip()
    return checked_save_path(save_path) if save_path else ""


def _names(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _tags(call: ServiceCall) -> list[str]:
    tags = _names(checked_tags(call.data[ATTR_TAGS]))
    if not tags:
        raise invalid("no_tags_given")
    return tags


async def async_create_category(call: ServiceCall) -> None:
    """Create a category, optionally with its own save path."""
    await _write_category(call, existing=False)


async def async_edit_category(call: ServiceCall) -> None:
    """Change the save path of a category the server has."""
    await _write_category(call, existing=True)


async def _write_category(call: ServiceCall, *, existing: bool) -> None:
    # Creating needs a name the server lacks, editing one it has.
    name = checked_category_name(call.data[ATTR_CATEGORY])
    save_path = _save_path(call)
    coordinator = called_server(call)
    async with server_change(coordinator) as client:
        has_it = name in await client.categories()
        if has_it and not existing:
            raise invalid(
                "category_exists", category=name, server=coordinator.server_name
            )
        if existing and not has_it:
            raise invalid(
                "unknown_categories", categories=name, server=coordinator.server_name
            )
        write = client.edit_category if existing else client.create_category
        await write(name, save_path)


async def async_remove_categories(call: ServiceCall) -> None:
    """Remove categories; their torrents stay, without a category."""
    names = _names(call.data[ATTR_CATEGORIES])
    if not names or not all(names):
        raise invalid("no_categories_given")
    coordinator = called_server(call)
    async with server_change(coordinator) as client:
        known = await client.categories()
        if unknown := [name for name in names if name not in known]:
            raise invalid(
                "unknown_categories",
                categories=", ".join(unknown),
                server=coordinator.server_name,
            )
        await client.remove_categories(names)


async def async_create_tags(call: ServiceCall) -> None:
    """Create tags (ones the server has stay as they are)."""
    tags = _tags(call)
    async with server_change(called_server(call)) as client:
        await client.create_tags(tags)


async def async_delete_tags(call: ServiceCall) -> None:
    """Delete tags from the server and from every torrent that has them."""
    tags = _tags(call)
    coordinator = called_server(call)
    async with server_change(coordinator) as client:
        known = set(await client.tags())
        if unknown := [tag for tag in tags if tag not in known]:
            raise invalid(
                "unknown_tags", tags=", ".join(unknown), server=coordinator.server_name
            )
        await client.delete_tags(tags)


CATEGORY_TAG_ACTIONS: Final = (
    ActionSpec("create_category", async_create_category, CREATE_CATEGORY_SCHEMA),
    ActionSpec("edit_category", async_edit_category, EDIT_CATEGORY_SCHEMA),
    ActionSpec("remove_categories", async_remove_categories, REMOVE_CATEGORIES_SCHEMA),
    ActionSpec("create_tags", async_create_tags, TAGS_SCHEMA),
    ActionSpec("delete_tags", async_delete_tags, TAGS_SCHEMA),
)
