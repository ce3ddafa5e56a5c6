"""A real Home Assistant, made the way its test harness makes one, for a script."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import logging
import tempfile
from unittest.mock import patch

from aiohttp.resolver import AsyncResolver
from homeassistant import loader
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import async_test_home_assistant

# Imported before Home Assistant looks for custom integrations, so that it
# finds this repository's custom_components package.
import custom_components.qbittorrent_multi  # noqa: F401


def _resolver() -> AsyncResolver:
    resolver = AsyncResolver()
    # Home Assistant closes its resolver with real_close() when it stops.
    resolver.real_close = resolver.close  # type: ignore[attr-defined]
    return resolver


@asynccontextmanager
async def home_assistant() -> AsyncIterator[HomeAssistant]:
    """A running Home Assistant with custom integrations enabled, in a temporary config dir."""
    # A benchmark prints figures; Home Assistant's own chatter would bury them.
    logging.getLogger("homeassistant").setLevel(logging.ERROR)
    # Servers that go dark on purpose would log every failed poll.
    logging.getLogger("custom_components").setLevel(logging.CRITICAL)
    with (
        tempfile.TemporaryDirectory(prefix="qbm-bench-") as config_dir,
        # Home Assistant resolves names through zeroconf, which needs the
        # network integration; every server here is an IP literal anyway.
        patch(
            "homeassistant.helpers.aiohttp_client._async_make_resolver",
            return_value=_resolver(),
        ),
        # The integration depends on Home Assistant's HTTP server, which
        # nothing here connects to: it neither binds a port nor starts.
        patch("homeassistant.components.http.HomeAssistantHTTP.async_bind"),
        patch("homeassistant.components.http.HomeAssistantHTTP.start"),
    ):
        async with async_test_home_assistant(config_dir=config_dir) as hass:
            # Home Assistant only looks at custom_components once this is gone.
            hass.data.pop(loader.DATA_CUSTOM_COMPONENTS)
            try:
                yield hass
            finally:
                await hass.async_block_till_done()
                await hass.async_stop(force=True)
