"""One action as Home Assistant registers it: name, handler, schema, response."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass
from typing import Any

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
import probatio as vol

from .const import DOMAIN

# A coroutine, or a callback that answers at once.
type ActionHandler = Callable[
    [ServiceCall], Coroutine[Any, Any, ServiceResponse] | ServiceResponse
]


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """An action of the integration's domain, ready to register."""

    name: str
    handler: ActionHandler
    schema: vol.Schema
    response: SupportsResponse = SupportsResponse.NONE


@callback
def async_register_actions(hass: HomeAssistant, actions: Iterable[ActionSpec]) -> None:
    """Register every action in `actions` under the integration's domain."""
    for action in actions:
        hass.services.async_register(
            DOMAIN,
            action.name,
            action.handler,
            schema=action.schema,
            supports_response=action.response,
        )
