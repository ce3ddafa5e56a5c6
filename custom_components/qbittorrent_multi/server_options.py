"""The options of a server entry: ranges, defaults, the form's fields and their checks.

One table serves the options form, the export of the server list and its
import, so that all three accept the same values. The form's number fields
show their range and unit; a value outside it, or not whole, gets a
translated error naming the field's range instead of Home Assistant's
generic "Value 2.0 is too small".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import re
from typing import Any, Final

from homeassistant.const import UnitOfTime
from homeassistant.helpers.selector import (
    BooleanSelector,
    ColorRGBSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
)
import probatio

from .const import (
    CONF_FAILURE_THRESHOLD,
    CONF_REQUEST_TIMEOUT,
    CONF_SCAN_INTERVAL,
    CONF_SLOW_RESPONSE_MS,
    CONF_UNREACHABLE_MINUTES,
    DEFAULT_FAILURE_THRESHOLD,
    DEFAULT_REQUEST_TIMEOUT,
    DEFAULT_SCAN_INTERVAL,
    DEFAULT_SLOW_RESPONSE_MS,
    DEFAULT_UNREACHABLE_MINUTES,
)
from .form_error import FormError

# The server's colour in the torrent card ("#rrggbb"); absent: the card picks one.
CONF_COLOR: Final = "color"
# A form field only: on, the card picks the colour and none is stored.
CONF_AUTOMATIC_COLOR: Final = "automatic_color"
_COLOR = re.compile(r"#[0-9a-f]{6}")
# What the colour field shows while the card picks the colour: the picker
# needs a value (an empty one is an invalid colour to the browser).
PLACEHOLDER_COLOR: Final = "#03a9f4"


class WholeNumberSelector(NumberSelector):
    """A number field that shows its range but leaves checking it to the step.

    Home Assistant's own selector refuses a value outside its range before the
    step sees it, with an untranslated message; the step says it better.
    """

    def __call__(self, data: Any) -> float:
        """Accept any number; the step checks the range and wholeness."""
        return float(probatio.Coerce(float)(data))


@dataclass(frozen=True, slots=True)
class WholeNumberOption:
    """An option that is a whole number within a range."""

    key: str
    default: int
    minimum: int
    maximum: int
    unit: str | None = None

    def selector(self) -> WholeNumberSelector:
        """The form's field: a box with the range, a step of 1 and the unit."""
        config = NumberSelectorConfig(
            min=self.minimum, max=self.maximum, step=1, mode=NumberSelectorMode.BOX
        )
        if self.unit is not None:
            config["unit_of_measurement"] = self.unit
        return WholeNumberSelector(config)

    def placeholders(self) -> dict[str, str]:
        """The {<key>_min} and {<key>_max} placeholders of the texts."""
        return {
            f"{self.key}_min": str(self.minimum),
            f"{self.key}_max": str(self.maximum),
        }

    def checked(self, value: Any) -> int:
        """The value as a whole number in range, or FormError naming the range."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FormError(f"{self.key}_range", self.key)
        if not float(value).is_integer() or not (self.minimum <= value <= self.maximum):
            raise FormError(f"{self.key}_range", self.key)
        return int(value)


NUMBER_OPTIONS: Final = (
    WholeNumberOption(
        CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL, 5, 3600, UnitOfTime.SECONDS
    ),
    WholeNumberOption(
        CONF_REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, 2, 120, UnitOfTime.SECONDS
    ),
    WholeNumberOption(CONF_FAILURE_THRESHOLD, DEFAULT_FAILURE_THRESHOLD, 1, 20),
    WholeNumberOption(
        CONF_SLOW_RESPONSE_MS,
        DEFAULT_SLOW_RESPONSE_MS,
        100,
        60000,
        UnitOfTime.MILLISECONDS,
    ),
    WholeNumberOption(
        CONF_UNREACHABLE_MINUTES,
        DEFAULT_UNREACHABLE_MINUTES,
        5,
        1440,
        UnitOfTime.MINUTES,
    ),
)

DEFAULT_OPTIONS: Final[Mapping[str, int]] = {
    option.key: option.default for option in NUMBER_OPTIONS
}

OPTIONS_SCHEMA: Final = probatio.Schema(
    {
        **{
            probatio.Required(option.key): option.selector()
            for option in NUMBER_OPTIONS
        },
        probatio.Optional(CONF_AUTOMATIC_COLOR): BooleanSelector(),
        probatio.Optional(CONF_COLOR): ColorRGBSelector(),
    }
)


def range_placeholders() -> dict[str, str]:
    """The {<option>_min} and {<option>_max} placeholders of the texts."""
    placeholders: dict[str, str] = {}
    for option in NUMBER_OPTIONS:
        placeholders.update(option.placeholders())
    return placeholders


def checked_color(value: Any) -> str:
    """A colour as "#rrggbb", from that text (any case) or an [r, g, b] list."""
    if isinstance(value, str) and _COLOR.fullmatch(color := value.strip().lower()):
        return color
    if (
        isinstance(value, list | tuple)
        and len(value) == 3
        and all(
            isinstance(part, int) and not isinstance(part, bool) and 0 <= part <= 255
            for part in value
        )
    ):
        red, green, blue = value
        return f"#{red:02x}{green:02x}{blue:02x}"
    raise FormError("invalid_color", CONF_COLOR)


def checked_options(values: Mapping[str, Any]) -> dict[str, Any]:
    """Options as stored: every number option, and the colour when there is one.

    Missing numbers take their defaults; a bad value or an unknown key raises
    FormError.
    """
    if unknown := sorted(set(values) - set(DEFAULT_OPTIONS) - {CONF_COLOR}):
        raise FormError("unknown_option", unknown[0])
    options: dict[str, Any] = {
        option.key: option.checked(values.get(option.key, option.default))
        for option in NUMBER_OPTIONS
    }
    if (color := values.get(CONF_COLOR)) is not None:
        options[CONF_COLOR] = checked_color(color)
    return options


def form_values(options: Mapping[str, Any]) -> dict[str, Any]:
    """What the options form shows for stored options."""
    values: dict[str, Any] = {**DEFAULT_OPTIONS, **options}
    color = options.get(CONF_COLOR)
    values[CONF_AUTOMATIC_COLOR] = color is None
    shown = color or PLACEHOLDER_COLOR
    values[CONF_COLOR] = [int(shown[i : i + 2], 16) for i in (1, 3, 5)]
    return values


def options_from_form(
    form: Mapping[str, Any], stored: Mapping[str, Any]
) -> dict[str, Any]:
    """The options to store from a submitted form, or FormError for the field to fix.

    With automatic colour on no colour is stored; a colour picked anyway
    (another than the one shown) is pointed out rather than silently dropped.
    """
    values = {key: form[key] for key in DEFAULT_OPTIONS if key in form}
    picked = form.get(CONF_COLOR)
    # Left out, a picked colour means the colour is wanted.
    if form.get(CONF_AUTOMATIC_COLOR, picked is None):
        shown = stored.get(CONF_COLOR) or PLACEHOLDER_COLOR
        if picked is not None and checked_color(picked) != shown:
            raise FormError("color_while_automatic", CONF_COLOR)
    elif picked is None:
        raise FormError("color_missing", CONF_COLOR)
    else:
        values[CONF_COLOR] = picked
    return checked_options(values)
