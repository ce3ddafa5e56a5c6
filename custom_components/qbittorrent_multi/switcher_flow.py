"""Options of the server switcher: default server and failover."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlowResult, OptionsFlow
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
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
from .switcher import get_switcher

# The select's value for "no default server".
NO_DEFAULT = "none"


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
        if user_input is not None:
            default = user_input.get(CONF_DEFAULT_SERVER)
            user_input[CONF_DEFAULT_SERVER] = None if default == NO_DEFAULT else default
            user_input[CONF_FAILOVER_THRESHOLD] = int(
                user_input[CONF_FAILOVER_THRESHOLD]
            )
            return self.async_create_entry(data=user_input)

        labels = get_switcher(self.hass).labels()
        choices = [SelectOptionDict(value=NO_DEFAULT, label="—")] + [
            SelectOptionDict(value=entry_id, label=label)
            for entry_id, label in labels.items()
        ]
        options = self.config_entry.options
        current_default = options.get(CONF_DEFAULT_SERVER)
        schema = vol.Schema(
            {
                vol.Required(
                    CONF_DEFAULT_SERVER,
                    default=current_default
                    if current_default in labels
                    else NO_DEFAULT,
                ): SelectSelector(
                    SelectSelectorConfig(
                        options=choices, mode=SelectSelectorMode.DROPDOWN
                    )
                ),
                vol.Required(
                    CONF_FAILOVER, default=options.get(CONF_FAILOVER, False)
                ): BooleanSelector(),
                vol.Required(
                    CONF_FAILOVER_THRESHOLD,
                    default=options.get(
                        CONF_FAILOVER_THRESHOLD, DEFAULT_FAILOVER_THRESHOLD
                    ),
                ): NumberSelector(
                    NumberSelectorConfig(
                        min=1, max=20, step=1, mode=NumberSelectorMode.BOX
                    )
                ),
                vol.Required(
                    CONF_SWITCH_BACK, default=options.get(CONF_SWITCH_BACK, False)
                ): BooleanSelector(),
            }
        )
        return self.async_show_form(step_id="switcher", data_schema=schema)
