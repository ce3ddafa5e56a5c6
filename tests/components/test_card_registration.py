"""The torrent card: served by the integration and offered to every dashboard."""

from __future__ import annotations

from typing import Any

from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.qbittorrent_multi.card_registration import (
    CARD_FILE,
    CARD_FOLDER,
    CARD_PATH,
    card_url,
)
from custom_components.qbittorrent_multi.const import DOMAIN
from tests.components.server_entries import add_server
from tests.components.subscriptions import Subscriber
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent

RESOURCES_KEY = "lovelace_resources"


async def current_url(hass: HomeAssistant) -> str:
    """The card's URL as this build should register it."""
    integration = await async_get_integration(hass, DOMAIN)
    content = (CARD_FOLDER / CARD_FILE).read_bytes()
    return card_url(str(integration.version), content)


async def resources(subscriber: Subscriber) -> list[dict[str, Any]]:
    """The dashboards' resources, as the resources page lists them."""
    result = await subscriber.command("lovelace/resources")
    assert result["success"], result
    listed: list[dict[str, Any]] = result["result"]
    return listed


def stored(*urls: str) -> dict[str, Any]:
    """The resources file a previous run left, with these module URLs."""
    return {
        "version": 1,
        "minor_version": 1,
        "key": RESOURCES_KEY,
        "data": {
            "items": [
                {"id": f"stored{index}", "type": "module", "url": url}
                for index, url in enumerate(urls)
            ]
        },
    }


@pytest.fixture
async def server(fake_qbittorrent: StartFakeQBittorrent) -> FakeQBittorrent:
    """A qBittorrent server to add."""
    return await fake_qbittorrent("5.3")


async def remove_every_entry(hass: HomeAssistant) -> None:
    """Delete the servers and the Server switcher, as a user uninstalling would."""
    for entry in hass.config_entries.async_entries(DOMAIN):
        await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()


def test_the_version_query_changes_with_the_release_and_the_file() -> None:
    """A new release or a new build of the card gives a new URL; the same gives the same."""
    built = card_url("1.2.0", b"export class Card {}")

    assert built.startswith(f"{CARD_PATH}?v=1.2.0-")
    assert card_url("1.2.0", b"export class Card {}") == built
    assert card_url("1.2.1", b"export class Card {}") != built
    assert card_url("1.2.0", b"export class Card { x = 1 }") != built


def only_card(listed: list[dict[str, Any]]) -> dict[str, Any]:
    """The one resource there is, which must be the card."""
    assert len(listed) == 1, listed
    return listed[0]


async def test_the_card_is_a_dashboard_resource_once(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    subscriber: Subscriber,
) -> None:
    """Dashboards in storage mode get the card as one module resource, however many servers."""
    assert await async_setup_component(hass, "lovelace", {})
    await add_server(hass, await fake_qbittorrent("5.3"), "NAS")
    await add_server(hass, await fake_qbittorrent("4.5"), "Attic")

    card = only_card(await resources(subscriber))
    assert (card["type"], card["url"]) == ("module", await current_url(hass))


async def test_dashboards_set_up_later_get_the_card_too(
    hass: HomeAssistant, server: FakeQBittorrent, subscriber: Subscriber
) -> None:
    """The card waits for the dashboards when they are set up after the integration."""
    await add_server(hass, server)

    assert await async_setup_component(hass, "lovelace", {})
    await hass.async_block_till_done()

    assert only_card(await resources(subscriber))["url"] == await current_url(hass)


async def test_a_restart_keeps_the_one_resource_there_is(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    server: FakeQBittorrent,
    subscriber: Subscriber,
) -> None:
    """The resource a previous run stored is kept as it is, not added again."""
    hass_storage[RESOURCES_KEY] = stored(await current_url(hass))
    assert await async_setup_component(hass, "lovelace", {})

    await add_server(hass, server)

    card = only_card(await resources(subscriber))
    assert (card["id"], card["url"]) == ("stored0", await current_url(hass))


async def test_a_new_build_updates_the_resource_in_place(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    server: FakeQBittorrent,
    subscriber: Subscriber,
) -> None:
    """An older URL (older release or build) is replaced in the same resource."""
    hass_storage[RESOURCES_KEY] = stored(
        "/local/other-card.js", f"{CARD_PATH}?v=0.0.1-00000000"
    )
    assert await async_setup_component(hass, "lovelace", {})

    await add_server(hass, server)

    assert await resources(subscriber) == [
        {"id": "stored0", "type": "module", "url": "/local/other-card.js"},
        {"id": "stored1", "type": "module", "url": await current_url(hass)},
    ]


async def test_duplicates_left_by_hand_are_merged_into_one(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    server: FakeQBittorrent,
    subscriber: Subscriber,
) -> None:
    """The card added by hand as well: one resource remains, up to date."""
    hass_storage[RESOURCES_KEY] = stored(CARD_PATH, f"{CARD_PATH}?v=0.0.1-00000000")
    assert await async_setup_component(hass, "lovelace", {})

    await add_server(hass, server)

    card = only_card(await resources(subscriber))
    assert (card["id"], card["url"]) == ("stored0", await current_url(hass))


@pytest.fixture
async def entry(hass: HomeAssistant, server: FakeQBittorrent) -> MockConfigEntry:
    """The server, added while the dashboards keep their resources in storage."""
    assert await async_setup_component(hass, "lovelace", {})
    return await add_server(hass, server)


async def test_deleting_the_last_entry_takes_the_resource_away(
    hass: HomeAssistant, entry: MockConfigEntry, subscriber: Subscriber
) -> None:
    """Removing the server keeps the card (the switcher stays); removing both takes it."""
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    after_the_server = await resources(subscriber)
    await remove_every_entry(hass)

    assert len(after_the_server) == 1
    assert await resources(subscriber) == []


async def test_unloading_and_reloading_keep_the_resource(
    hass: HomeAssistant, entry: MockConfigEntry, subscriber: Subscriber
) -> None:
    """Only a deletion takes the card away; a reload or unload leaves it."""
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    assert only_card(await resources(subscriber))["url"] == await current_url(hass)


async def test_a_server_added_after_uninstalling_brings_the_card_back(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, subscriber: Subscriber
) -> None:
    """The card returns with the integration's next entry, without a restart."""
    assert await async_setup_component(hass, "lovelace", {})
    await add_server(hass, await fake_qbittorrent("5.3"))
    await remove_every_entry(hass)

    await add_server(hass, await fake_qbittorrent("5.3"))
    await hass.async_block_till_done()

    assert only_card(await resources(subscriber))["url"] == await current_url(hass)


@pytest.mark.parametrize(
    "lovelace",
    [
        pytest.param({"resource_mode": "yaml"}, id="resources in YAML"),
        pytest.param({"mode": "yaml"}, id="dashboards in YAML"),
    ],
)
async def test_yaml_dashboards_load_the_card_as_an_extra_module(
    hass: HomeAssistant,
    server: FakeQBittorrent,
    subscriber: Subscriber,
    lovelace: dict[str, str],
) -> None:
    """Resources kept in YAML are left alone; the frontend loads the card itself."""
    assert await async_setup_component(hass, "lovelace", {"lovelace": lovelace})
    assert await async_setup_component(hass, "frontend", {})
    await add_server(hass, server)
    await hass.async_block_till_done()

    assert await current_url(hass) in hass.data[DATA_EXTRA_MODULE_URL].urls
    assert await resources(subscriber) == []

    await remove_every_entry(hass)

    assert await current_url(hass) not in hass.data[DATA_EXTRA_MODULE_URL].urls


async def test_the_built_card_is_served_with_cache_headers(
    hass: HomeAssistant, server: FakeQBittorrent, hass_client: ClientSessionGenerator
) -> None:
    """The card's URL serves the built module, cacheable (its query changes with it)."""
    await add_server(hass, server)
    client = await hass_client()

    response = await client.get(await current_url(hass))

    assert response.status == 200
    assert await response.read() == (CARD_FOLDER / CARD_FILE).read_bytes()
    assert "max-age" in response.headers["Cache-Control"]
    assert "javascript" in response.headers["Content-Type"]
