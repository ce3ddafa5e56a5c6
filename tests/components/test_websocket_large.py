"""Thousands of torrents: shaped a group at a time, and nothing overtakes them."""

from __future__ import annotations

from collections.abc import Callable
import json
from typing import Any

from homeassistant.core import HomeAssistant
import pytest

from custom_components.qbittorrent_multi.switcher import SwitchReason, get_switcher
from custom_components.qbittorrent_multi.torrent_sender import SHAPING_GROUP
from custom_components.qbittorrent_multi.torrent_subscription import (
    TorrentSubscription,
)
from tests.components.action_calls import Server
from tests.components.server_entries import add_server, poll
from tests.components.subscriptions import TORRENTS, Subscriber
from tests.live_fixtures import StartFakeQBittorrent

# More than two groups, and not a whole number of them.
TORRENTS_HELD = 2 * SHAPING_GROUP + 123


@pytest.fixture
async def big(hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent) -> Server:
    """A server with more torrents than are shaped in one go."""
    server = await fake_qbittorrent("5.3")
    server.populate(TORRENTS_HELD, seed=1)
    return server, await add_server(hass, server, "Big")


def start_watching(
    hass: HomeAssistant, server: str
) -> tuple[Callable[[], None], list[dict[str, Any]]]:
    """Start a subscription to `server` (entry id, "active" or "all").

    Returns how to stop it and the list its events are collected in, as sent.
    """
    sent: list[dict[str, Any]] = []

    def send(event: dict[str, Any] | bytes) -> None:
        # Large events come serialised.
        sent.append(json.loads(event) if isinstance(event, bytes) else event)

    watching = TorrentSubscription(hass, get_switcher(hass), server, send)
    return watching.async_start(), sent


async def test_a_large_snapshot_arrives_whole(
    hass: HomeAssistant, big: Server, subscriber: Subscriber
) -> None:
    """Every torrent is in the one snapshot, once."""
    _, entry = big

    await subscriber.subscribe(TORRENTS, server=entry.entry_id)
    await hass.async_block_till_done()
    snapshot = await subscriber.event()

    hashes = [t["hash"] for t in snapshot["torrents"]]
    assert len(hashes) == len(set(hashes)) == TORRENTS_HELD


async def test_what_happens_while_a_snapshot_is_shaped_follows_it(
    hass: HomeAssistant, big: Server
) -> None:
    """A rename during the shaping: the snapshot (with the old name), then the rename."""
    _, entry = big
    stop, sent = start_watching(hass, entry.entry_id)
    hass.config_entries.async_update_entry(entry, title="Bigger")
    assert sent == []
    await hass.async_block_till_done()
    stop()

    snapshot, renamed = sent
    assert snapshot["kind"] == "snapshot"
    assert snapshot["servers"][0]["name"] == "Big"
    assert len(snapshot["torrents"]) == TORRENTS_HELD
    assert renamed["kind"] == "server"
    assert renamed["server"]["name"] == "Bigger"


async def test_a_poll_during_the_shaping_follows_the_snapshot(
    hass: HomeAssistant, big: Server
) -> None:
    """The snapshot is the torrents as they were on subscribing; the poll's delta follows."""
    server, entry = big
    torrent_hash = next(iter(server.torrents))
    server.update_torrent(torrent_hash, dlspeed=1)
    await poll(hass, entry)
    stop, sent = start_watching(hass, entry.entry_id)
    server.update_torrent(torrent_hash, dlspeed=2_000_000)
    await poll(hass, entry)
    await hass.async_block_till_done()
    stop()

    snapshot, delta = sent
    [before] = [t for t in snapshot["torrents"] if t["hash"] == torrent_hash]
    assert before["download_speed"] == 1
    assert delta["changed"] == [{"hash": torrent_hash, "download_speed": 2_000_000}]


async def test_a_large_server_loaded_again_comes_back_whole(
    hass: HomeAssistant, big: Server
) -> None:
    """After a reload, its torrents are added in one delta, after its description."""
    _, entry = big
    stop, sent = start_watching(hass, "all")
    await hass.async_block_till_done()
    sent.clear()

    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    stop()

    assert [event["kind"] for event in sent] == ["server_removed", "server", "delta"]
    assert len(sent[2]["added"]) == TORRENTS_HELD


async def test_stopping_during_the_shaping_sends_nothing_more(
    hass: HomeAssistant, big: Server
) -> None:
    """A card that leaves before its snapshot is ready gets nothing, and nothing is left running."""
    stop, sent = start_watching(hass, big[1].entry_id)
    stop()
    await hass.async_block_till_done()

    assert sent == []


async def test_a_switch_during_the_shaping_sends_only_the_new_snapshot(
    hass: HomeAssistant, big: Server, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The snapshot being shaped is dropped for the one of the new active server."""
    small = await add_server(hass, await fake_qbittorrent("4.5"), "Small")
    switcher = get_switcher(hass)
    switcher.async_set_active(big[1].entry_id, SwitchReason.SELECT)
    stop, sent = start_watching(hass, "active")
    switcher.async_set_active(small.entry_id, SwitchReason.SELECT)
    await hass.async_block_till_done()
    stop()

    [snapshot] = sent
    assert snapshot["active_entry_id"] == small.entry_id
