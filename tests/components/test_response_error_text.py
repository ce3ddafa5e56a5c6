"""The reason text an action's response carries, in Home Assistant's language."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
import pytest

from custom_components.qbittorrent_multi.const import DOMAIN
from custom_components.qbittorrent_multi.errors import async_error_text, failed

pytestmark = pytest.mark.usefixtures("enable_custom_integrations")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "NAS has no torrent with this hash"),
        ("de", "NAS hat keinen Torrent mit diesem Hash"),
    ],
)
async def test_a_reason_of_ours_is_told_in_the_set_language(
    hass: HomeAssistant, language: str, text: str
) -> None:
    """Without a trailing full stop, like the error an action raises."""
    hass.config.language = language

    assert (
        await async_error_text(hass, failed("torrent_not_found", server="NAS")) == text
    )


async def test_an_error_from_elsewhere_keeps_its_own_words(
    hass: HomeAssistant,
) -> None:
    """Not ours to translate."""
    assert await async_error_text(hass, HomeAssistantError("Disk full")) == "Disk full"


async def test_an_error_without_a_text_of_its_own_reads_as_raised(
    hass: HomeAssistant,
) -> None:
    """An unknown key, or a missing placeholder, never breaks the response."""
    unknown = HomeAssistantError(translation_domain=DOMAIN, translation_key="nope")
    unfilled = HomeAssistantError(
        translation_domain=DOMAIN, translation_key="torrent_not_found"
    )

    assert await async_error_text(hass, unknown) == str(unknown)
    assert await async_error_text(hass, unfilled) == str(unfilled)
