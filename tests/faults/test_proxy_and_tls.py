"""qBittorrent behind a reverse proxy: a path prefix and HTTPS with a self-signed certificate."""

from __future__ import annotations

import logging
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.setup import async_setup_component
import pytest

from custom_components.qbittorrent_multi.const import DOMAIN
from tests.components.server_entries import poll, server_entry
from tests.fake_qbittorrent import FakeQBittorrent, self_signed_certificate
from tests.faults.observe import lines_at_or_above, state_of
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled", "refused_handshakes_ignored")

DEBIAN = "a" * 40


async def behind_a_proxy(fake_qbittorrent: StartFakeQBittorrent) -> FakeQBittorrent:
    """A server at https://127.0.0.1:<port>/qbt with a certificate nobody trusts."""
    server = await fake_qbittorrent(
        "5.3",
        path_prefix="/qbt",
        ssl_context=self_signed_certificate().server_context(),
    )
    server.add_torrent(hash=DEBIAN, name="Debian", state="uploading")
    return server


async def add_through_the_form(
    hass: HomeAssistant, server: FakeQBittorrent, **fields: Any
) -> dict[str, Any]:
    """Fill in the add-server form as a user would; return the flow's answer."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": "user"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            "name": "Proxy",
            "url": server.url,
            "username": server.username,
            "password": server.password,
            **fields,
        },
    )
    await hass.async_block_till_done()
    return dict(result)


async def test_a_prefixed_https_server_works_with_verification_off(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Added, polled, controlled and kept up to date through /qbt over TLS."""
    server = await behind_a_proxy(fake_qbittorrent)

    result = await add_through_the_form(hass, server, verify_ssl=False)

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"]["url"] == server.url
    assert server.url.startswith("https://")
    assert server.url.endswith("/qbt")
    entry = result["result"]
    assert entry.state is ConfigEntryState.LOADED
    assert state_of(hass, "sensor.proxy_torrents") == "1"

    await hass.services.async_call(
        DOMAIN, "stop_torrents", {"hashes": DEBIAN}, blocking=True
    )
    server.add_torrent(name="Fedora", state="downloading")
    await poll(hass, entry)

    assert server.requests_to("torrents/stop")[-1].params == {"hashes": DEBIAN}
    assert state_of(hass, "sensor.proxy_torrents") == "2"
    assert state_of(hass, "sensor.proxy_stopped_torrents") == "1"


async def test_verification_on_fails_clearly_in_the_form_and_at_setup(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The form says ssl_error; an entry that verifies retries and says why."""
    server = await behind_a_proxy(fake_qbittorrent)

    result = await add_through_the_form(hass, server, verify_ssl=True)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "ssl_error"}

    entry = server_entry(server, "Proxy")
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert entry.reason is not None
    assert "certificate is not trusted" in entry.reason
    assert "turn off SSL verification" in entry.reason
    assert server.requests == []
    lines = lines_at_or_above(caplog, logging.INFO, ("homeassistant.config_entries",))
    assert len(lines) == 1
    assert "certificate is not trusted" in lines[0]


async def test_a_new_server_verifies_tls_unless_told_otherwise(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Leaving the checkbox alone keeps verification on: the self-signed server is refused."""
    server = await behind_a_proxy(fake_qbittorrent)

    form = await hass.config_entries.flow.async_init(DOMAIN, context={"source": "user"})
    schema = form["data_schema"]
    assert schema is not None
    assert schema({"url": server.url})["verify_ssl"] is True

    refused = await add_through_the_form(hass, server)
    assert refused["errors"] == {"base": "ssl_error"}

    plain = await fake_qbittorrent("5.3")
    added = await add_through_the_form(hass, plain)
    assert added["type"] is FlowResultType.CREATE_ENTRY
    assert added["data"]["verify_ssl"] is True


async def test_turning_verification_off_is_per_server(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """One server trusted without verification does not lower it for another."""
    trusted_blindly = await behind_a_proxy(fake_qbittorrent)
    verified = await behind_a_proxy(fake_qbittorrent)
    blind_entry = server_entry(trusted_blindly, "Blind")
    blind_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        blind_entry, data={**blind_entry.data, "verify_ssl": False}
    )
    verified_entry = server_entry(verified, "Verified")
    verified_entry.add_to_hass(hass)

    assert await async_setup_component(hass, DOMAIN, {})
    await hass.async_block_till_done()

    assert blind_entry.state is ConfigEntryState.LOADED
    assert verified_entry.state is ConfigEntryState.SETUP_RETRY
    assert verified.requests == []
