"""Actions called with bad input: the translated error each must give."""

from __future__ import annotations

from typing import Any, NamedTuple

from homeassistant.core import HomeAssistant

from tests.components.action_calls import refused


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


async def check_refusal(hass: HomeAssistant, case: Refusal) -> None:
    """Call the action of a case and check it refuses as the case says."""
    assert await refusal(hass, case.action, case.data) == (case.key, case.text)
