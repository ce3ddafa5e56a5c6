"""The options forms as a user meets them: ranges, whole numbers, colour, switcher rules."""

from __future__ import annotations

from typing import Any
from unittest.mock import AsyncMock

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.translation import async_get_translations
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.qbittorrent_multi.const import (
    CONF_FAILURE_THRESHOLD,
    CONF_REQUEST_TIMEOUT,
    CONF_SCAN_INTERVAL,
    CONF_SLOW_RESPONSE_MS,
    CONF_UNREACHABLE_MINUTES,
    DOMAIN,
)
from custom_components.qbittorrent_multi.switcher import is_switcher_entry
from tests.components.flow_steps import NOWHERE, stored_server_entry, suggested
from tests.components.server_entries import add_server
from tests.live_fixtures import StartFakeQBittorrent

NUMBERS = {
    CONF_SCAN_INTERVAL: 10,
    CONF_REQUEST_TIMEOUT: 10,
    CONF_FAILURE_THRESHOLD: 3,
    CONF_SLOW_RESPONSE_MS: 2000,
    CONF_UNREACHABLE_MINUTES: 60,
}


async def open_options(hass: HomeAssistant, entry_id: str) -> Any:
    """Open an entry's Configure dialog."""
    return await hass.config_entries.options.async_init(entry_id)


async def option_texts(hass: HomeAssistant) -> dict[str, str]:
    """The English texts of the options forms."""
    return await async_get_translations(hass, "en", "options", [DOMAIN])


async def configure(hass: HomeAssistant, entry_id: str, answers: dict[str, Any]) -> Any:
    """Open an entry's Configure dialog and press Submit with these answers."""
    result = await open_options(hass, entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], answers
    )
    await hass.async_block_till_done()
    return result


def text(template: str, placeholders: dict[str, str]) -> str:
    """A text as the frontend shows it, with its placeholders filled in."""
    return template.format(**placeholders)


# -- server options: numbers -----------------------------------------------------


@pytest.mark.usefixtures("mock_setup_entry")
async def test_options_start_from_the_defaults(hass: HomeAssistant) -> None:
    """A new server polls every 10 s with a 10 s timeout, 3 failures, 2000 ms slow."""
    entry = stored_server_entry(hass, NOWHERE)

    result = await open_options(hass, entry.entry_id)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    assert {option: suggested(result, option) for option in NUMBERS} == NUMBERS


@pytest.mark.usefixtures("mock_setup_entry")
async def test_options_show_the_current_values(hass: HomeAssistant) -> None:
    """Options saved before are what the form shows next time."""
    entry = stored_server_entry(hass, NOWHERE)
    hass.config_entries.async_update_entry(entry, options={CONF_SCAN_INTERVAL: 60})

    result = await open_options(hass, entry.entry_id)

    assert suggested(result, CONF_SCAN_INTERVAL) == 60
    assert suggested(result, CONF_REQUEST_TIMEOUT) == 10


async def test_changed_options_are_saved_and_applied_by_a_reload(
    hass: HomeAssistant, mock_setup_entry: AsyncMock
) -> None:
    """Options are stored as whole numbers and the entry reloads, no restart needed."""
    entry = stored_server_entry(hass, NOWHERE)
    await hass.config_entries.async_setup(entry.entry_id)
    assert len(mock_setup_entry.mock_calls) == 1

    result = await configure(
        hass,
        entry.entry_id,
        {
            CONF_SCAN_INTERVAL: 30.0,
            CONF_REQUEST_TIMEOUT: 5.0,
            CONF_FAILURE_THRESHOLD: 4.0,
            CONF_SLOW_RESPONSE_MS: 1500.0,
            CONF_UNREACHABLE_MINUTES: 30.0,
        },
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        CONF_SCAN_INTERVAL: 30,
        CONF_REQUEST_TIMEOUT: 5,
        CONF_FAILURE_THRESHOLD: 4,
        CONF_SLOW_RESPONSE_MS: 1500,
        CONF_UNREACHABLE_MINUTES: 30,
    }
    assert all(type(value) is int for value in entry.options.values())
    assert len(mock_setup_entry.mock_calls) == 2


@pytest.mark.usefixtures("mock_setup_entry")
async def test_a_server_entry_offers_options(hass: HomeAssistant) -> None:
    """Server entries show the Configure button."""
    entry = stored_server_entry(hass, NOWHERE)

    assert entry.supports_options is True


@pytest.mark.usefixtures("mock_setup_entry")
async def test_the_form_sends_the_browser_each_number_fields_range_step_and_unit(
    hass: HomeAssistant, hass_client: ClientSessionGenerator
) -> None:
    """What the browser receives: a box with min, max, a step of 1 and the unit."""
    assert await async_setup_component(hass, "config", {})
    # The integration's own setup registers routes; it runs before the client
    # freezes the router, as it does when Home Assistant starts.
    assert await async_setup_component(hass, DOMAIN, {})
    entry = stored_server_entry(hass, NOWHERE)
    client = await hass_client()

    response = await client.post(
        "/api/config/config_entries/options/flow", json={"handler": entry.entry_id}
    )

    assert response.status == 200
    fields = {field["name"]: field for field in (await response.json())["data_schema"]}
    ranges = {
        name: (
            number["min"],
            number["max"],
            number["step"],
            number["mode"],
            number.get("unit_of_measurement"),
        )
        for name, field in fields.items()
        if (number := field.get("selector", {}).get("number")) is not None
    }
    assert ranges == {
        CONF_SCAN_INTERVAL: (5, 3600, 1, "box", "s"),
        CONF_REQUEST_TIMEOUT: (2, 120, 1, "box", "s"),
        CONF_FAILURE_THRESHOLD: (1, 20, 1, "box", None),
        CONF_SLOW_RESPONSE_MS: (100, 60000, 1, "box", "ms"),
        CONF_UNREACHABLE_MINUTES: (5, 1440, 1, "box", "min"),
    }


@pytest.mark.usefixtures("mock_setup_entry")
async def test_two_seconds_of_polling_is_refused_with_the_range_in_words(
    hass: HomeAssistant,
) -> None:
    """The reported case: 2 s gets "from 5 to 3600", not "Value 2.0 is too small"."""
    entry = stored_server_entry(hass, NOWHERE)

    result = await configure(hass, entry.entry_id, {**NUMBERS, CONF_SCAN_INTERVAL: 2.0})

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_SCAN_INTERVAL: "scan_interval_range"}
    template = (await option_texts(hass))[
        f"component.{DOMAIN}.options.error.scan_interval_range"
    ]
    assert text(template, result["description_placeholders"]) == (
        "Enter a whole number of seconds from 5 to 3600."
    )
    assert suggested(result, CONF_SCAN_INTERVAL) == 2.0
    assert entry.options == {}


OUT_OF_RANGE = [
    (CONF_SCAN_INTERVAL, 4),
    (CONF_SCAN_INTERVAL, 3601),
    (CONF_REQUEST_TIMEOUT, 1),
    (CONF_REQUEST_TIMEOUT, 121),
    (CONF_FAILURE_THRESHOLD, 0),
    (CONF_FAILURE_THRESHOLD, 21),
    (CONF_SLOW_RESPONSE_MS, 99),
    (CONF_SLOW_RESPONSE_MS, 60001),
    (CONF_UNREACHABLE_MINUTES, 4),
    (CONF_UNREACHABLE_MINUTES, 1441),
]


@pytest.mark.usefixtures("mock_setup_entry")
@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        *(
            pytest.param(
                {option: value}, {option: f"{option}_range"}, id=f"{option}-{value}"
            )
            for option, value in OUT_OF_RANGE
        ),
        pytest.param(
            {CONF_SCAN_INTERVAL: 30.5},
            {CONF_SCAN_INTERVAL: "scan_interval_range"},
            id="a fraction of a second",
        ),
        pytest.param(
            {"automatic_color": True, "color": [255, 0, 0]},
            {"color": "color_while_automatic"},
            id="a colour picked while automatic colour is on",
        ),
        pytest.param(
            {"automatic_color": False},
            {"color": "color_missing"},
            id="automatic colour off without a colour",
        ),
    ],
)
async def test_a_refused_answer_is_pointed_out_on_its_field_and_nothing_is_stored(
    hass: HomeAssistant, answers: dict[str, Any], errors: dict[str, str]
) -> None:
    """Bounds 5-3600 s, 2-120 s, 1-20 failures, 100-60000 ms, 5-1440 min, whole numbers.

    The form shows again with a translated error on the field (one that names
    the range for a number, instead of Home Assistant's generic "Value 2.0 is
    too small"); a colour picked while automatic colour is on is not silently
    dropped, and automatic colour off needs a colour to use instead.
    """
    entry = stored_server_entry(hass, NOWHERE)

    result = await configure(hass, entry.entry_id, {**NUMBERS, **answers})

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors
    assert entry.options == {}


@pytest.mark.usefixtures("mock_setup_entry")
async def test_each_field_help_names_its_range(hass: HomeAssistant) -> None:
    """The help under every number field shows its minimum and maximum."""
    entry = stored_server_entry(hass, NOWHERE)
    result = await open_options(hass, entry.entry_id)
    texts = await option_texts(hass)
    prefix = f"component.{DOMAIN}.options.step.init.data_description"

    helps = {
        key: text(texts[f"{prefix}.{key}"], result["description_placeholders"])
        for key in NUMBERS
    }

    assert helps[CONF_SCAN_INTERVAL].endswith("5 to 3600.")
    assert helps[CONF_REQUEST_TIMEOUT].endswith("2 to 120.")
    assert helps[CONF_FAILURE_THRESHOLD].endswith("1 to 20.")
    assert helps[CONF_SLOW_RESPONSE_MS].endswith("100 to 60000.")
    assert helps[CONF_UNREACHABLE_MINUTES].endswith("5 to 1440.")


async def test_the_form_says_saving_reloads_the_server(hass: HomeAssistant) -> None:
    """The form's promise matches what happens (see the reload test)."""
    texts = await option_texts(hass)

    description = texts[f"component.{DOMAIN}.options.step.init.description"]

    assert "Saving reloads this server" in description
    assert "at once" not in description


# -- server options: colour --------------------------------------------------------


@pytest.mark.usefixtures("mock_setup_entry")
async def test_a_new_server_leaves_its_colour_to_the_card(hass: HomeAssistant) -> None:
    """Automatic colour is on and the picker holds a colour (never an empty one)."""
    entry = stored_server_entry(hass, NOWHERE)

    result = await open_options(hass, entry.entry_id)

    assert suggested(result, "automatic_color") is True
    assert suggested(result, "color") is not None


@pytest.mark.usefixtures("mock_setup_entry")
async def test_the_stored_colour_is_shown_next_time(hass: HomeAssistant) -> None:
    """A stored colour is what the picker shows, with automatic colour off."""
    entry = stored_server_entry(hass, NOWHERE)
    hass.config_entries.async_update_entry(entry, options={"color": "#00ff80"})

    result = await open_options(hass, entry.entry_id)

    assert suggested(result, "automatic_color") is False
    assert suggested(result, "color") == [0, 255, 128]


@pytest.mark.usefixtures("mock_setup_entry")
@pytest.mark.parametrize(
    ("stored", "answers", "saved"),
    [
        (
            {},
            {"automatic_color": False, "color": [255, 87, 34]},
            {**NUMBERS, "color": "#ff5722"},
        ),
        (
            {"color": "#00ff80"},
            {"automatic_color": True, "color": [0, 255, 128]},
            NUMBERS,
        ),
    ],
    ids=["a picked colour is stored as hex", "automatic colour forgets the colour"],
)
async def test_the_colour_chosen_is_saved(
    hass: HomeAssistant,
    stored: dict[str, str],
    answers: dict[str, Any],
    saved: dict[str, Any],
) -> None:
    """Automatic colour off with a colour picked stores "#rrggbb"; back on stores none."""
    entry = stored_server_entry(hass, NOWHERE)
    hass.config_entries.async_update_entry(entry, options=stored)

    result = await configure(hass, entry.entry_id, {**NUMBERS, **answers})

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == saved


# -- switcher options --------------------------------------------------------------


async def switcher_with_server(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> tuple[str, str]:
    """One server "NAS", set up; returns the switcher's and the server's entry ids."""
    server_entry = await add_server(hass, await fake_qbittorrent(), "NAS")
    switcher = next(
        entry
        for entry in hass.config_entries.async_entries(DOMAIN)
        if is_switcher_entry(entry)
    )
    return switcher.entry_id, server_entry.entry_id


SWITCHER_ANSWERS: dict[str, Any] = {
    "failover": False,
    "failover_threshold": 3,
    "switch_back": False,
}


@pytest.mark.usefixtures("socket_enabled")
@pytest.mark.parametrize(
    ("answers", "error"),
    [
        ({"switch_back": True, "failover": True}, "switch_back_needs_default"),
        ({"switch_back": True, "default": True}, "switch_back_needs_failover"),
    ],
)
async def test_switching_back_that_could_never_happen_is_refused(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    answers: dict[str, Any],
    error: str,
) -> None:
    """Switch back without a default server or without failover is refused, with why."""
    switcher_id, server_id = await switcher_with_server(hass, fake_qbittorrent)
    before = dict(hass.config_entries.async_get_entry(switcher_id).options)  # type: ignore[union-attr]
    submitted = {**SWITCHER_ANSWERS, **answers}
    if submitted.pop("default", False):
        submitted["default_server"] = server_id

    result = await configure(hass, switcher_id, submitted)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"switch_back": error}
    assert hass.config_entries.async_get_entry(switcher_id).options == before  # type: ignore[union-attr]
    texts = await option_texts(hass)
    assert texts[f"component.{DOMAIN}.options.error.{error}"]


@pytest.mark.usefixtures("socket_enabled")
@pytest.mark.parametrize(
    ("answers", "saved"),
    [
        (
            {},
            {"failover": False, "failover_threshold": 3, "switch_back": False},
        ),
        (
            {
                "default": True,
                "failover": True,
                "failover_threshold": 4.0,
                "switch_back": True,
            },
            {"failover": True, "failover_threshold": 4, "switch_back": True},
        ),
    ],
    ids=[
        "no default server is a valid choice",
        "a default server with failover and switch back",
    ],
)
async def test_switcher_answers_that_work_are_saved_as_chosen(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    answers: dict[str, Any],
    saved: dict[str, Any],
) -> None:
    """Leaving the default server empty saves "none"; a chosen one is saved as chosen."""
    switcher_id, server_id = await switcher_with_server(hass, fake_qbittorrent)
    submitted = {**SWITCHER_ANSWERS, **answers}
    default_server = server_id if submitted.pop("default", False) else None
    if default_server is not None:
        submitted["default_server"] = default_server

    result = await configure(hass, switcher_id, submitted)

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {"default_server": default_server, **saved}


@pytest.mark.usefixtures("socket_enabled")
async def test_a_failover_threshold_out_of_range_names_the_range(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """21 failed checks is refused with "from 1 to 20"."""
    switcher_id, _ = await switcher_with_server(hass, fake_qbittorrent)

    result = await configure(
        hass, switcher_id, {**SWITCHER_ANSWERS, "failover_threshold": 21}
    )

    assert result["errors"] == {"failover_threshold": "failover_threshold_range"}
    template = (await option_texts(hass))[
        f"component.{DOMAIN}.options.error.failover_threshold_range"
    ]
    assert text(template, result["description_placeholders"]) == (
        "Enter a whole number from 1 to 20."
    )


@pytest.mark.usefixtures("socket_enabled")
async def test_the_saved_default_server_is_shown_next_time(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Reopening the switcher options shows the default server chosen before."""
    switcher_id, server_id = await switcher_with_server(hass, fake_qbittorrent)
    await configure(
        hass, switcher_id, {**SWITCHER_ANSWERS, "default_server": server_id}
    )

    result = await open_options(hass, switcher_id)

    assert suggested(result, "default_server") == server_id


# -- add-server form wording -------------------------------------------------------


async def test_the_example_urls_in_the_help_are_code_not_links(
    hass: HomeAssistant,
) -> None:
    """Markdown would turn a bare URL into a link to somebody's 192.168.1.10."""
    texts = await async_get_translations(hass, "en", "config", [DOMAIN])
    help_text = texts[f"component.{DOMAIN}.config.step.user.data_description.url"]

    assert "`http://192.168.1.10:8080`" in help_text
    assert help_text.count("http://") == help_text.count("`http://")
