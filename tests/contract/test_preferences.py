"""Limits and queue sizes in app/preferences, on fake and real servers of every line.

The number entities read these settings from two places: sync/maindata
reports the global limits in force (the alternative ones while those are
on), app/preferences all of them. What each endpoint does with them while
alternative mode is on or off, and which values qBittorrent keeps, is pinned
here against the real servers.
"""

from __future__ import annotations

import json
from typing import Any

from .conftest import MainDataClient, Target, WebApi

# qBittorrent's defaults, restored after every test on the shared servers.
DEFAULTS = {
    "dl_limit": 0,
    "up_limit": 0,
    "alt_dl_limit": 10240,
    "alt_up_limit": 10240,
    "max_active_downloads": 3,
    "max_active_uploads": 3,
    "max_active_torrents": 5,
}


async def set_preferences(api: WebApi, **values: Any) -> int:
    """POST app/setPreferences; the HTTP status."""
    reply = await api.post("app/setPreferences", {"json": json.dumps(values)})
    return reply.status


async def preferences(api: WebApi) -> dict[str, Any]:
    """The settings of DEFAULTS as app/preferences reports them."""
    reply = await api.get("app/preferences")
    assert reply.status == 200, reply.text
    everything: dict[str, Any] = reply.json()
    return {key: everything[key] for key in DEFAULTS}


def restore_defaults(target: Target) -> None:
    """Put the shared server's settings back after the test."""

    async def restore(api: WebApi) -> None:
        if (await api.get("transfer/speedLimitsMode")).text == "1":
            await api.post("transfer/toggleSpeedLimitsMode")
        await set_preferences(api, **DEFAULTS)

    target.cleanups.append(restore)


async def alternative_mode_on(api: WebApi) -> None:
    """Turn the alternative speed limits on."""
    if (await api.get("transfer/speedLimitsMode")).text == "0":
        await api.post("transfer/toggleSpeedLimitsMode")


async def test_every_setting_is_reported_with_its_default(
    target: Target, api: WebApi
) -> None:
    """A new server limits nothing but the alternative rates, and queues 3/3/5."""
    restore_defaults(target)
    await set_preferences(api, **DEFAULTS)

    assert await preferences(api) == DEFAULTS
    assert (await api.get("app/preferences")).json()["queueing_enabled"] is True


async def test_maindata_reports_the_limits_in_force(
    target: Target, api: WebApi
) -> None:
    """Normal mode shows the global limits, alternative mode the alternative ones."""
    restore_defaults(target)
    await set_preferences(
        api, dl_limit=102400, up_limit=204800, alt_dl_limit=51200, alt_up_limit=20480
    )
    client = MainDataClient(api)
    await client.poll()
    normal = (
        client.server_state["dl_rate_limit"],
        client.server_state["up_rate_limit"],
    )

    await alternative_mode_on(api)
    await client.poll()

    assert normal == (102400, 204800)
    assert client.server_state["use_alt_speed_limits"] is True
    assert (
        client.server_state["dl_rate_limit"],
        client.server_state["up_rate_limit"],
    ) == (51200, 20480)


async def test_set_preferences_changes_the_named_limit_in_either_mode(
    target: Target, api: WebApi
) -> None:
    """dl_limit is the global limit even while the alternative one is in force."""
    restore_defaults(target)
    await alternative_mode_on(api)
    client = MainDataClient(api)

    await set_preferences(api, dl_limit=307200, alt_up_limit=30720)
    await client.poll()

    settings = await preferences(api)
    assert settings["dl_limit"] == 307200
    assert settings["alt_up_limit"] == 30720
    assert client.server_state["dl_rate_limit"] == DEFAULTS["alt_dl_limit"]
    assert client.server_state["up_rate_limit"] == 30720


async def test_transfer_set_limit_changes_the_limit_in_force(
    target: Target, api: WebApi
) -> None:
    """transfer/setDownloadLimit in alternative mode changes the alternative limit."""
    restore_defaults(target)
    await alternative_mode_on(api)

    await api.post("transfer/setDownloadLimit", {"limit": "40960"})

    settings = await preferences(api)
    assert settings["alt_dl_limit"] == 40960
    assert settings["dl_limit"] == 0


async def test_rates_are_whole_kib_and_an_int_at_most(
    target: Target, api: WebApi
) -> None:
    """1500 B/s keeps 1 KiB/s; the largest int keeps 2097151 KiB/s; beyond it, none."""
    restore_defaults(target)
    kept = []
    for value in (1500, 2**31 - 1, 2**31, -5):
        await set_preferences(api, alt_dl_limit=value)
        kept.append((await preferences(api))["alt_dl_limit"])

    assert kept == [1024, 2097151 * 1024, 0, 0]


async def test_queue_sizes_take_minus_one_for_none(target: Target, api: WebApi) -> None:
    """-1 is unlimited, anything below reads as -1, and so does a number beyond an int."""
    restore_defaults(target)
    kept = []
    for value in (-1, -5, 0, 2**31 - 1, 2**31):
        await set_preferences(api, max_active_torrents=value)
        kept.append((await preferences(api))["max_active_torrents"])

    assert kept == [-1, -1, 0, 2**31 - 1, -1]


async def test_a_body_that_is_not_json_changes_nothing(
    target: Target, api: WebApi
) -> None:
    """qBittorrent answers 200 and keeps every setting as it was."""
    restore_defaults(target)
    before = await preferences(api)

    reply = await api.post("app/setPreferences", {"json": "{not json"})

    assert reply.status == 200
    assert await preferences(api) == before
