"""The torrent card: served from the integration and offered to every dashboard.

The built module in `frontend/` is served from a static path. Dashboards load
it as a resource (when their resources are kept in storage, the default) or
as one of the frontend's extra modules (when they are kept in YAML). Its URL
carries the integration's version and a short hash of the file, so that a
browser fetches it again whenever either changes, and is kept up to date in
place: a restart never adds a second resource. The resource goes when the
integration's last entry is deleted.
"""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from typing import Any, Final

from homeassistant.components.frontend import add_extra_js_url, remove_extra_js_url
from homeassistant.components.http import StaticPathConfig
from homeassistant.components.lovelace.const import LOVELACE_DATA
from homeassistant.components.lovelace.resources import ResourceStorageCollection
from homeassistant.core import HomeAssistant, callback
from homeassistant.loader import async_get_integration
from homeassistant.setup import async_when_setup
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN, LOGGER

CARD_FOLDER: Final = Path(__file__).parent / "frontend"
CARD_FILE: Final = "qbittorrent-multi-card.js"
URL_BASE: Final = f"/{DOMAIN}"
CARD_PATH: Final = f"{URL_BASE}/{CARD_FILE}"
CARD_KEY: HassKey[CardRegistration] = HassKey(f"{DOMAIN}_card")


def card_url(version: str, content: bytes) -> str:
    """The card's URL, with a query that changes with the release and with the file."""
    digest = hashlib.sha256(content).hexdigest()[:8]
    return f"{CARD_PATH}?v={version}-{digest}"


def is_card_url(url: str) -> bool:
    """Whether a resource URL is this card's, whatever its query."""
    return url.partition("?")[0] == CARD_PATH


async def async_setup_card(hass: HomeAssistant) -> None:
    """Serve the card and offer it to the dashboards once they are set up."""
    await hass.http.async_register_static_paths(
        [StaticPathConfig(URL_BASE, str(CARD_FOLDER), cache_headers=True)]
    )
    integration = await async_get_integration(hass, DOMAIN)
    content = await hass.async_add_executor_job((CARD_FOLDER / CARD_FILE).read_bytes)
    registration = CardRegistration(hass, card_url(str(integration.version), content))
    hass.data[CARD_KEY] = registration
    registration.async_offer()


class CardRegistration:
    """Adds the card to the dashboards, keeps its URL current, and takes it away."""

    def __init__(self, hass: HomeAssistant, url: str) -> None:
        """Offer the card at `url`."""
        self.hass = hass
        self.url = url
        # Whether the card should be on the dashboards: false once the last
        # entry is deleted, until an entry is set up again.
        self._wanted = False
        self._extra_module = False
        # Adding and removing both wait for storage: one at a time.
        self._lock = asyncio.Lock()

    @callback
    def async_offer(self) -> None:
        """Add the card to the dashboards as soon as they are set up (if it is not there)."""
        if self._wanted:
            return
        self._wanted = True
        async_when_setup(self.hass, "lovelace", self._async_dashboards_ready)

    async def _async_dashboards_ready(self, hass: HomeAssistant, _: str) -> None:
        resources = hass.data[LOVELACE_DATA].resources
        if isinstance(resources, ResourceStorageCollection):
            async with self._lock:
                if self._wanted:
                    await self._async_store_resource(resources)
            return
        # Resources in YAML are the user's own: the frontend loads the card
        # as an extra module instead.
        async_when_setup(hass, "frontend", self._async_frontend_ready)

    async def _async_frontend_ready(self, hass: HomeAssistant, _: str) -> None:
        if self._wanted and not self._extra_module:
            add_extra_js_url(hass, self.url)
            self._extra_module = True

    async def _async_store_resource(self, resources: ResourceStorageCollection) -> None:
        """Add the resource, or bring the one there (and only one) up to date."""
        # Loads the stored resources if nothing has read them yet.
        await resources.async_get_info()
        ours: list[dict[str, Any]] = [
            item for item in resources.async_items() if is_card_url(item["url"])
        ]
        if not ours:
            await resources.async_create_item({"res_type": "module", "url": self.url})
            LOGGER.debug("Added the card to the dashboards' resources")
            return
        first, *others = ours
        if first["url"] != self.url or first.get("type") != "module":
            await resources.async_update_item(
                first["id"], {"res_type": "module", "url": self.url}
            )
        for item in others:
            await resources.async_delete_item(item["id"])

    async def async_withdraw(self) -> None:
        """Take the card off the dashboards: the integration's last entry is gone."""
        self._wanted = False
        if self._extra_module:
            remove_extra_js_url(self.hass, self.url)
            self._extra_module = False
        lovelace = self.hass.data.get(LOVELACE_DATA)
        if lovelace is None or not isinstance(
            resources := lovelace.resources, ResourceStorageCollection
        ):
            return
        async with self._lock:
            await resources.async_get_info()
            for item in list(resources.async_items()):
                if is_card_url(item["url"]):
                    await resources.async_delete_item(item["id"])


def get_card_registration(hass: HomeAssistant) -> CardRegistration:
    """The card's registration (made in async_setup)."""
    return hass.data[CARD_KEY]
