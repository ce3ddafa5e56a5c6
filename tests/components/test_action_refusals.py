"""Bad input to any action: a translated error, and nothing changes anywhere."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
import probatio as vol
import pytest

from custom_components.qbittorrent_multi.switcher import get_switcher
from tests.components.action_calls import HASH_A, Server, actions_sent, call
from tests.components.action_refusals import Refusal, refusal

pytestmark = pytest.mark.usefixtures("socket_enabled")

MAGNET = f"magnet:?xt=urn:btih:{HASH_A}"
NO_SELECTION = (
    'Choose the torrents: give hashes, a category, a tag, or turn on "All torrents"'
)
CONFLICTING = (
    "Choose the torrents one way only: hashes, or a category and/or tag, or"
    ' "All torrents"'
)
NO_MATCH = (
    "qBittorrent server NAS has no torrent in the chosen category and with the"
    " chosen tag (category: movies, tag: -; - means not chosen)"
)
UNKNOWN_SERVER = (
    'There is no qBittorrent server called "Attic". Use a server\'s name, its'
    " config entry or its device"
)
BAD_HASH = (
    '"{}" is not a torrent hash: a hash has 40 hexadecimal digits (v1) or 64 (v2)'
)
BAD_TAG = '"{}" is not a valid tag: tags cannot be empty or contain a comma'
# The NUL itself is left out of the message.
CLIMBING_PATH = (
    'The save path "{}" is not allowed: it must not contain ".." or a NUL character'
)
BAD_CATEGORY_NAME = (
    '"{}" cannot be a category name: it must not be empty, contain a backslash,'
    ' start or end with "/" or have "//" in it'
)
CLIMBING_CATEGORY = (
    'The category "{}" is not allowed: qBittorrent can make a folder of a'
    ' category, so it must not contain ".." or a NUL character'
)


def _path_refusal(action: str, data: dict[str, object], path: str) -> Refusal:
    return Refusal(
        action, data, "invalid_save_path", CLIMBING_PATH.format(path.replace("\0", ""))
    )


NO_SELECTIONS: tuple[dict[str, object], ...] = (
    {},
    {"all": False},
    {"hashes": []},
    {"category": ""},
    {"tag": ""},
)

# Which server, and which torrents.
TARGETS = {
    "switching to an unknown server": Refusal(
        "switch_server", {"server": "Attic"}, "unknown_server", UNKNOWN_SERVER
    ),
    "acting on an unknown server": Refusal(
        "start_torrents",
        {"server": "Attic", "all": True},
        "unknown_server",
        UNKNOWN_SERVER,
    ),
    # Hashes are 40 or 64 hex digits.
    **{
        f"the hash {bad!r}": Refusal(
            "delete_torrents",
            {"hashes": [HASH_A, bad]},
            "invalid_torrent_hash",
            BAD_HASH.format(bad),
        )
        for bad in ("a" * 39, "a" * 41, "g" * 40, "a" * 63, "all", "", HASH_A + "|all")
    },
    # No torrents chosen means an error, never every torrent.
    **{
        f"choosing {selection}": Refusal(
            "delete_torrents", selection, "no_torrent_selection", NO_SELECTION
        )
        for selection in NO_SELECTIONS
    },
    **{
        f"choosing without a selection for {action}": Refusal(
            action, data, "no_torrent_selection", NO_SELECTION
        )
        for action, data in (
            ("set_force_start", {"enable": True}),
            ("set_location", {"location": "/data"}),
            ("set_torrent_priority", {"priority": "up"}),
        )
    },
    # Two ways of choosing torrents at once are refused rather than guessed at.
    **{
        f"choosing {selection}": Refusal(
            "stop_torrents", selection, "conflicting_torrent_selection", CONFLICTING
        )
        for selection in (
            {"all": True, "hashes": [HASH_A]},
            {"all": True, "category": "linux"},
            {"all": True, "tag": "iso"},
            {"hashes": [HASH_A], "category": "linux"},
        )
    },
    # Choosing by a category no torrent has says so instead of doing nothing.
    "a category without torrents": Refusal(
        "stop_torrents", {"category": "movies"}, "no_matching_torrents", NO_MATCH
    ),
}

# What to do with the chosen torrents.
TORRENTS = {
    # qBittorrent splits tags at commas: such a tag, or none, is an error.
    **{
        f"adding the tag {tag!r}": Refusal(
            "add_torrent_tags",
            {"all": True, "tags": [tag]},
            "invalid_tag",
            BAD_TAG.format(tag),
        )
        for tag in ("a,b", "  ")
    },
    "adding no tag": Refusal(
        "add_torrent_tags",
        {"all": True, "tags": []},
        "no_tags_given",
        "Give at least one tag",
    ),
    "torrent limits without a limit": Refusal(
        "set_torrent_limits",
        {"all": True},
        "no_limits_given",
        "Give at least one limit",
    ),
    "speed limits without a limit": Refusal(
        "set_speed_limits", {}, "no_limits_given", "Give at least one limit"
    ),
    # ".." and relative folders are refused.
    **{
        f"the location {location!r}": _path_refusal(
            "set_location", {"all": True, "location": location}, location
        )
        for location in ("/data/../etc", "..\\windows", "/data/\0x")
    },
    **{
        f"the location {location!r}": Refusal(
            "set_location",
            {"all": True, "location": location},
            "location_not_absolute",
            f'The location "{location.strip()}" is not an absolute folder: start'
            " it with / (or a drive such as D:\\ on a Windows server)",
        )
        for location in ("archive", "", "  ")
    },
    # qBittorrent would refuse an empty name too.
    **{
        f"renaming to {name!r}": Refusal(
            "rename_torrent",
            {"hash": HASH_A, "name": name},
            "invalid_torrent_name",
            "Give the torrent a name that is not empty",
        )
        for name in ("", "   ")
    },
    # The hash is checked like every other hash.
    "renaming by a malformed hash": Refusal(
        "rename_torrent",
        {"hash": "abc", "name": "x"},
        "invalid_torrent_hash",
        BAD_HASH.format("abc"),
    ),
    "a file priority without an index": Refusal(
        "set_file_priority",
        {"hash": HASH_A, "indexes": [], "priority": "high"},
        "no_file_indexes",
        "Give at least one file index, as get_torrent_files lists them",
    ),
    # The active server is the source when none is named.
    "copying to the source itself": Refusal(
        "copy_torrents",
        {"target": "NAS", "all": True},
        "same_source_and_target",
        "NAS is both the source and the target: choose another target server",
    ),
}

ADDING = {
    # Any link but a magnet or web link is refused, by position.
    **{
        f"the link {url!r}": Refusal(
            "add_torrent",
            {"urls": [MAGNET, url]},
            "invalid_torrent_url",
            "Link 2 cannot be added: only magnet links and http:// or https:// links"
            " are accepted",
        )
        for url in (
            "ftp://example.com/a.torrent",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "magnet:",
            "https://",
            "http://exa mple.com/a.torrent",
            "/local/a.torrent",
            "http://[::1",
        )
    },
    "neither links nor files": Refusal(
        "add_torrent",
        {"category": "linux"},
        "nothing_to_add",
        "Give at least one link or .torrent file to add",
    ),
    # ".." components and NUL characters never reach the server.
    **{
        f"the save path {path!r}": _path_refusal(
            "add_torrent", {"urls": [MAGNET], "save_path": path}, path
        )
        for path in (
            "../etc",
            "/downloads/../../etc",
            "C:\\data\\..\\x",
            "/down\0loads",
        )
    },
}

CATEGORIES_AND_TAGS = {
    "creating a category the server has": Refusal(
        "create_category",
        {"category": "linux", "save_path": "/x"},
        "category_exists",
        'NAS already has the category "linux". Change its save path with the'
        " edit_category action",
    ),
    # qBittorrent's own naming rule, and no "..".
    **{
        f"the category name {name!r}": Refusal(
            "create_category",
            {"category": name},
            "invalid_category_name",
            BAD_CATEGORY_NAME.format(name),
        )
        for name in ("", "/tv", "tv/", "tv//shows", "tv\\shows")
    },
    **{
        f"the category {name!r}": Refusal(
            "create_category",
            {"category": name},
            "invalid_category",
            CLIMBING_CATEGORY.format(name),
        )
        for name in ("../etc", "tv/../..")
    },
    # The save path is checked as add_torrent's is.
    "a category save path that climbs out": _path_refusal(
        "create_category",
        {"category": "tv", "save_path": "/data/../etc"},
        "/data/../etc",
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
        f"removing the categories {categories!r}": Refusal(
            "remove_categories",
            {"categories": categories},
            "no_categories_given",
            "Give at least one category, none of them empty",
        )
        for categories in ([], [""])
    },
    "creating no tag": Refusal(
        "create_tags", {"tags": []}, "no_tags_given", "Give at least one tag"
    ),
    **{
        f"creating the tag {tag!r}": Refusal(
            "create_tags", {"tags": [tag]}, "invalid_tag", BAD_TAG.format(tag)
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

REFUSALS = TARGETS | TORRENTS | ADDING | CATEGORIES_AND_TAGS


@pytest.mark.parametrize("case", REFUSALS.values(), ids=REFUSALS.keys())
async def test_bad_input_is_refused_and_changes_nothing(
    hass: HomeAssistant, nas: Server, case: Refusal
) -> None:
    """Checked before anything is sent: the server, its categories and tags, and the active server stay."""
    server, entry = nas
    categories, tags = dict(server.categories), set(server.tags)

    refused = await refusal(hass, case.action, case.data)

    assert refused == (case.key, case.text)
    assert actions_sent(server) == []
    assert (dict(server.categories), set(server.tags)) == (categories, tags)
    assert get_switcher(hass).active_entry_id == entry.entry_id


# Input the action's schema refuses, with what its message says.
SCHEMA_REFUSALS = {
    "a negative file index": (
        "set_file_priority",
        {"hash": HASH_A, "indexes": [-1], "priority": "high"},
        "at least 0",
    ),
    "a file index that is not a number": (
        "set_file_priority",
        {"hash": HASH_A, "indexes": ["first"], "priority": "high"},
        "expected int",
    ),
    "an unknown file priority": (
        "set_file_priority",
        {"hash": HASH_A, "indexes": [0], "priority": "urgent"},
        "must be one of",
    ),
    # Only -2 (global), -1 (none) and qBittorrent's own range are accepted.
    **{
        f"the share limit {limits}": (
            "set_torrent_limits",
            {"all": True, **limits},
            r"use -2 \(global limit\), -1 \(no limit\) or 0 to",
        )
        for limits in (
            {"ratio_limit": -3},
            {"ratio_limit": 10_000},
            {"seeding_time_limit": -5},
        )
    },
    # Only top, bottom, up and down exist.
    "an unknown queue move": (
        "set_torrent_priority",
        {"all": True, "priority": "first"},
        "priority",
    ),
}


@pytest.mark.parametrize(
    ("action", "data", "message"), SCHEMA_REFUSALS.values(), ids=SCHEMA_REFUSALS.keys()
)
async def test_input_out_of_the_actions_range_is_refused(
    hass: HomeAssistant, nas: Server, action: str, data: dict[str, object], message: str
) -> None:
    """The action's own form of input is checked first; nothing is sent."""
    server, _ = nas

    with pytest.raises(vol.Invalid, match=message):
        await call(hass, action, data)

    assert actions_sent(server) == []
