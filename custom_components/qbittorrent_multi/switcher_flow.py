"""Options of the server switcher: default server and failover."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.config_entries import ConfigFlowResult, OptionsFlow
from homeassistant.helpers.selector import (
    BooleanSelector,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)
import probatio as vol

from .const import (
    CONF_DEFAULT_SERVER,
    CONF_FAILOVER,
    CONF_FAILOVER_THRESHOLD,
    CONF_SWITCH_BACK,
    DEFAULT_FAILOVER_THRESHOLD,
)
from .form_error import FormError
from .server_options import WholeNumberOption
from .switcher import get_switcher

FAILOVER_THRESHOLD: Final = WholeNumberOption(
    CONF_FAILOVER_THRESHOLD, DEFAULT_FAILOVER_THRESHOLD, 1, 20
)


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """The options to store, or FormError for a combination that cannot work.

    The select only offers existing servers, so a chosen default is one.
    """
    default = values.get(CONF_DEFAULT_SERVER) or None
    failover = bool(values.get(CONF_FAILOVER, False))
    switch_back = bool(values.get(CONF_SWITCH_BACK, False))
    threshold = FAILOVER_THRESHOLD.checked(
        values.get(CONF_FAILOVER_THRESHOLD, DEFAULT_FAILOVER_THRESHOLD)
    )
    # Switching back returns to the default server after a failover: without
    # either there is nothing it could ever do.
    if switch_back and default is None:
        raise FormError("switch_back_needs_default", CONF_SWITCH_BACK)
    if switch_back and not failover:
        raise FormError("switch_back_needs_failover", CONF_SWITCH_BACK)
    return {
        CONF_DEFAULT_SERVER: default,
        CONF_FAILOVER: failover,
        CONF_FAILOVER_THRESHOLD: threshold,
        CONF_SWITCH_BACK: switch_back,
    }


class SwitcherOptionsFlow(OptionsFlow):
    """Choose the default server and whether to fail over."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Start at the switcher's own step (server entries own "init")."""
        return await self.async_step_switcher(user_input)

    async def async_step_switcher(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show and store the switcher's options; they apply without a reload."""
        labels = get_switcher(self.hass).labels()
        errors: dict[str, str] = {}
        options = self.config_entry.options
        shown: dict[str, Any] = {
            CONF_FAILOVER: options.get(CONF_FAILOVER, False),
            CONF_FAILOVER_THRESHOLD: options.get(
                CONF_FAILOVER_THRESHOLD, DEFAULT_FAILOVER_THRESHOLD
            ),
            CONF_SWITCH_BACK: options.get(CONF_SWITCH_BACK, False),
        }
        if (default := options.get(CONF_DEFAULT_SERVER)) in labels:
            shown[CONF_DEFAULT_SERVER] = default
        if user_input is not None:
            try:
                return self.async_create_entry(data=_checked(user_input))
            except FormError as err:
                errors[err.field] = err.key
                shown = dict(user_input)
        schema = vol.Schema(
            {
                # Optional: no default server is a valid choice, and the
                # field can be cleared.
                vol.Optional(CONF_DEFAULT_SERVER): SelectSelector(
                    SelectSelectorConfig(
                        options=[
                            SelectOptionDict(value=entry_id, label=label)
                            for entry_id, label in labels.items()
                        ],
                        mode=SelectSelectorMode.DROPDOWN,
                    )
                ),
                vol.Required(CONF_FAILOVER): BooleanSelector(),
                vol.Required(CONF_FAILOVER_THRESHOLD): FAILOVER_THRESHOLD.selector(),
                vol.Required(CONF_SWITCH_BACK): BooleanSelector(),
            }
        )
        return self.async_show_form(
            step_id="switcher",
            data_schema=self.add_suggested_values_to_schema(schema, shown),
            errors=errors,
            description_placeholders=FAILOVER_THRESHOLD.placeholders(),
        )
