"""Diagnostics of a server entry: useful, and without secrets."""

from __future__ import annotations

import json

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from tests.components.server_entries import add_server, poll
from tests.fake_qbittorrent import DEFAULT_USERNAME
from tests.live_fixtures import StartFakeQBittorrent


async def test_diagnostics_explain_the_server_without_secrets(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    fake_qbittorrent: StartFakeQBittorrent,
) -> None:
    """Version, health history, counts and rid are there; credentials are not."""
    assert await async_setup_component(hass, "diagnostics", {})
    server = await fake_qbittorrent("4.5", password="s3cret-pass-phrase")
    server.add_torrent(name="Debian", state="uploading")
    entry = await add_server(hass, server)
    server.fail_next("status_502")
    await poll(hass, entry)
    await poll(hass, entry)

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)

    assert diagnostics["server"]["version"] == "v4.5.2"
    assert diagnostics["server"]["webapi_version"] == "2.8.19"
    assert diagnostics["counts"]["total"] == 1
    assert diagnostics["polling"]["rid"] > 0
    outcomes = [item["ok"] for item in diagnostics["health"]["history"]]
    assert outcomes[-2:] == [False, True]
    assert diagnostics["entry"]["data"]["password"] == "**REDACTED**"
    text = json.dumps(diagnostics)
    assert "s3cret-pass-phrase" not in text
    assert DEFAULT_USERNAME not in text.replace("**REDACTED**", "")
