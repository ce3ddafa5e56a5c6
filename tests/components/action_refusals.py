"""Actions that refuse their input or fail: the translated error each must give."""

from __future__ import annotations

from typing import Any, NamedTuple

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
import pytest

from tests.components.action_calls import call, refused


class Refusal(NamedTuple):
    """An action, input it must refuse, and the translation key and message it refuses with."""

    action: str
    data: dict[str, Any]
    key: str
    text: str


async def refusal(
    hass: HomeAssistant, action: str, data: dict[str, Any]
) -> tuple[str | None, str]:
    """Call an action that must refuse its input; its translation key and message."""
    err = await refused(hass, action, data)
    return err.value.translation_key, str(err.value)


async def failure(
    hass: HomeAssistant, action: str, data: dict[str, Any], *, response: bool = False
) -> HomeAssistantError:
    """Call an action that must fail; the error it fails with."""
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, action, data, response=response)
    return err.value
