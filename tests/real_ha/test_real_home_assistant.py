"""The integration in a real Home Assistant, set up the way a person does it.

`hass` runs as its own process (not the test harness) with the development
configuration; onboarding, adding the servers, choosing the active server
and using the blueprints all go through Home Assistant's HTTP and WebSocket
APIs, the ones the frontend uses. Every test runs against the release the
test harness pins and against the newest release. The servers are real
qBittorrent 4.2, 4.5, 5.1 and 5.3 with the demo torrents seeding, and every
figure checked is read from them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.real_ha.api import (
    OWNER_PASSWORD,
    HomeAssistantApi,
    wait_for,
)
from tests.real_ha.conftest import Instance
from tests.real_ha.demo_servers import (
    DEMO_PASSWORD,
    SEEDING_STATES,
    STOPPED_STATES,
    TEST_NAMES,
    DemoTorrent,
    QBittorrentWebApi,
    web_session,
)
from tests.real_ha.home_assistant import BLUEPRINTS_DIR, REPO_ROOT
from tests.real_qbittorrent import RealQBittorrent
from tests.torrent_files import make_torrent

pytestmark = [pytest.mark.live, pytest.mark.usefixtures("socket_enabled")]

SWITCHER_SELECT = "select.server_switcher_active_server"
DASHBOARD = REPO_ROOT / "dashboards" / "qbittorrent_multi.yaml"


async def _server_torrents(server: RealQBittorrent) -> list[dict[str, Any]]:
    """What the server itself says it has."""
    async with web_session() as session:
        qbittorrent = QBittorrentWebApi(session, server)
        await qbittorrent.login()
        return await qbittorrent.torrents()


async def _entity_id(api: HomeAssistantApi, server: RealQBittorrent, key: str) -> str:
    """The entity id Home Assistant gave one of a server's entities."""
    # Entities are keyed on their config entry; the device links the server.
    devices = await api.command("config/device_registry/list")
    device_ids = {d["id"] for d in devices if d["configuration_url"] == server.url}
    registry = await api.command("config/entity_registry/list")
    for entry in registry:
        if (
            entry["platform"] == "qbittorrent_multi"
            and entry["device_id"] in device_ids
            and entry["unique_id"] == f"{entry['config_entry_id']}_{key}"
        ):
            return str(entry["entity_id"])
    raise AssertionError(f"no entity {key} of {server.url}")


async def _state_becomes(
    api: HomeAssistantApi,
    entity_id: str,
    expected: str,
    *,
    refresh: str | list[str] | None = None,
) -> None:
    """Wait until an entity shows `expected`, asking `refresh` to poll meanwhile."""

    async def shown() -> bool | None:
        if refresh is not None:
            await api.call("homeassistant", "update_entity", {"entity_id": refresh})
        state = await api.state(entity_id)
        return True if state["state"] == expected else None

    await wait_for(shown, what=f"{entity_id} to become {expected}")


async def _create_automation(
    api: HomeAssistantApi, automation_id: str, blueprint: str, inputs: dict[str, Any]
) -> str:
    """Create an automation from one of our blueprints; return its entity id."""
    await api.post(
        f"/api/config/automation/config/{automation_id}",
        {
            "alias": automation_id.replace("_", " ").capitalize(),
            "description": "",
            "use_blueprint": {
                "path": f"qbittorrent_multi/{blueprint}",
                "input": inputs,
            },
        },
    )

    async def loaded() -> str | None:
        for state in (await api.states()).values():
            if state["attributes"].get("id") == automation_id:
                return str(state["entity_id"])
        return None

    entity_id = await wait_for(loaded, what=f"automation {automation_id} to load")
    state = await api.state(entity_id)
    assert state["state"] == "on", state
    return entity_id


@pytest.fixture
async def active_server_nas(api: HomeAssistantApi) -> AsyncIterator[None]:
    """Tests that change the active server leave NAS active, as they found it."""
    yield
    await api.call(
        "select", "select_option", {"entity_id": SWITCHER_SELECT, "option": "NAS"}
    )


async def test_the_instance_runs_the_release_under_test(
    instance: Instance, api: HomeAssistantApi
) -> None:
    """The pinned release and the newest each really run, with this integration loaded."""
    config = await api.get("/api/config")

    assert config["version"] == instance.home_assistant.release
    assert "qbittorrent_multi" in config["components"]


async def test_onboarding_is_completed_over_http(api: HomeAssistantApi) -> None:
    """Every onboarding step the browser would walk is done."""
    steps = await api.get("/api/onboarding")

    assert steps
    assert all(step["done"] for step in steps), steps


async def test_setting_up_every_server_raises_no_repair_issue(
    api: HomeAssistantApi,
) -> None:
    """A healthy setup adds nothing of this integration's to Settings → Repairs."""
    issues = await api.command("repairs/list_issues")

    # Home Assistant's own (a Core installation is deprecated, say) may be there.
    assert [i for i in issues["issues"] if i["domain"] == "qbittorrent_multi"] == []


async def test_each_demo_server_is_added_through_the_config_flow(
    instance: Instance, api: HomeAssistantApi
) -> None:
    """Every server becomes a loaded entry named as typed, beside the switcher."""
    for name, result in instance.entries.items():
        assert result["type"] == "create_entry", result
        assert result["title"] == name

    entries = await api.get("/api/config/config_entries/entry?domain=qbittorrent_multi")

    assert sorted((e["title"], e["state"]) for e in entries) == [
        ("Attic", "loaded"),
        ("Library", "loaded"),
        ("NAS", "loaded"),
        ("Seedbox", "loaded"),
        ("Server switcher", "loaded"),
    ]


async def test_each_server_device_reports_the_servers_version(
    instance: Instance, api: HomeAssistantApi
) -> None:
    """The device of each server carries the version the server really runs."""
    devices = await api.command("config/device_registry/list")
    versions = {
        device["name"]: device["sw_version"]
        for device in devices
        if any(ident[0] == "qbittorrent_multi" for ident in device["identifiers"])
    }

    assert versions == {
        "Server switcher": None,
        "Attic": "v4.2.5",
        "NAS": "v4.5.2",
        "Library": "v5.1.0",
        "Seedbox": "v5.3.0",
    }


@pytest.mark.parametrize("name", sorted(TEST_NAMES.values()))
async def test_torrent_sensors_show_what_the_server_has(
    instance: Instance, api: HomeAssistantApi, name: str
) -> None:
    """Torrent counts equal the server's own list, by state."""
    server = instance.servers[name]
    torrents = await _server_torrents(server)
    seeding = [t for t in torrents if t["state"] in SEEDING_STATES]
    stopped = [t for t in torrents if t["state"] in STOPPED_STATES]

    for key, expected in (
        ("total_torrents", len(torrents)),
        ("seeding_torrents", len(seeding)),
        ("stopped_torrents", len(stopped)),
    ):
        entity_id = await _entity_id(api, server, key)
        await _state_becomes(api, entity_id, str(expected), refresh=entity_id)
    assert len(torrents) > 0


async def test_switcher_offers_every_server_and_adds_up_the_fleet(
    instance: Instance, api: HomeAssistantApi
) -> None:
    """The select lists every server; the fleet sensors add them all up."""
    counts = [len(await _server_torrents(s)) for s in instance.servers.values()]
    server_totals = [
        await _entity_id(api, s, "total_torrents") for s in instance.servers.values()
    ]

    select = await api.state(SWITCHER_SELECT)

    assert sorted(select["attributes"]["options"]) == sorted(TEST_NAMES.values())
    assert select["state"] == "NAS", "the first server added is active"
    # A test before this one may have added or removed a torrent: the fleet's
    # total follows once every server has polled since.
    await _state_becomes(
        api,
        "sensor.server_switcher_total_torrents",
        str(sum(counts)),
        refresh=server_totals,
    )
    states = await api.states()
    assert states["sensor.server_switcher_servers_online"]["state"] == "4"
    assert states["sensor.server_switcher_servers"]["state"] == "4"


@pytest.mark.usefixtures("active_server_nas")
async def test_choosing_a_server_makes_the_switcher_follow_it(
    instance: Instance, api: HomeAssistantApi
) -> None:
    """Selecting Seedbox makes the active-server sensors show Seedbox's figures."""
    seedbox_count = len(await _server_torrents(instance.servers["Seedbox"]))

    await api.call(
        "select", "select_option", {"entity_id": SWITCHER_SELECT, "option": "Seedbox"}
    )

    await _state_becomes(api, "sensor.server_switcher_active_server_name", "Seedbox")
    # Polled again in case a test before this one changed Seedbox's torrents.
    await _state_becomes(
        api,
        "sensor.server_switcher_active_torrents_total",
        str(seedbox_count),
        refresh=await _entity_id(api, instance.servers["Seedbox"], "total_torrents"),
    )


async def test_every_blueprint_loads(api: HomeAssistantApi) -> None:
    """Home Assistant lists each blueprint file with its inputs and no error."""
    listed = await api.command("blueprint/list", domain="automation")

    ours = {
        path: blueprint
        for path, blueprint in listed.items()
        if path.startswith("qbittorrent_multi/")
    }
    assert sorted(ours) == sorted(
        f"qbittorrent_multi/{path.name}" for path in BLUEPRINTS_DIR.glob("*.yaml")
    )
    for path, blueprint in ours.items():
        assert "error" not in blueprint, (path, blueprint)
        assert blueprint["metadata"]["domain"] == "automation"
        assert blueprint["metadata"]["input"], path


async def test_completion_blueprint_notifies_when_a_real_torrent_completes(
    instance: Instance, api: HomeAssistantApi, tmp_path: Path
) -> None:
    """A torrent that completes on a server ends up in the chosen notification."""
    await _create_automation(
        api,
        "notify_completed",
        "notify_torrent_completed.yaml",
        {
            "notify": [
                {
                    "action": "persistent_notification.create",
                    "data": {
                        "notification_id": "torrent_completed",
                        "title": "Done",
                        "message": "{{ torrent_name }} on {{ server }} ({{ category }})",
                    },
                }
            ]
        },
    )
    server = instance.servers["Seedbox"]
    torrent = DemoTorrent("caminandes-llamigos.mkv", 131_072, "films")
    sample = make_torrent(server.downloads_dir, torrent.name, size=torrent.size)
    async with web_session() as session:
        qbittorrent = QBittorrentWebApi(session, server)
        await qbittorrent.login()
        await qbittorrent.add(sample, torrent)
    refresh = await _entity_id(api, server, "total_torrents")

    async def notified() -> dict[str, Any] | None:
        await api.call("homeassistant", "update_entity", {"entity_id": refresh})
        notifications = await api.command("persistent_notification/get")
        return next(
            (n for n in notifications if n["notification_id"] == "torrent_completed"),
            None,
        )

    notification = await wait_for(notified, what="the completion notification")
    assert notification["message"] == "caminandes-llamigos.mkv on Seedbox (films)"


async def test_alternative_speed_blueprint_turns_the_real_limits_on(
    instance: Instance, api: HomeAssistantApi
) -> None:
    """Inside the time window every server really switches to the alternative limits."""
    switches = [
        await _entity_id(api, server, "alternative_speed")
        for server in instance.servers.values()
    ]
    automation = await _create_automation(
        api,
        "evening_limits",
        "alternative_speed_schedule.yaml",
        {
            "speed_switches": switches,
            "start_time": "00:00:00",
            "end_time": "23:59:59",
        },
    )

    await api.call("automation", "trigger", {"entity_id": automation})

    for switch in switches:
        await _state_becomes(api, switch, "on")
    for server in instance.servers.values():
        async with web_session() as session:
            qbittorrent = QBittorrentWebApi(session, server)
            await qbittorrent.login()
            assert await qbittorrent.alternative_speed_enabled(), server
    # Off again, and for good: the automation re-runs whenever automations reload.
    await api.call("automation", "turn_off", {"entity_id": automation})
    await api.call("switch", "turn_off", {"entity_id": switches})


@pytest.mark.usefixtures("active_server_nas")
async def test_failover_blueprint_switches_to_the_backup_and_back(
    instance: Instance, api: HomeAssistantApi
) -> None:
    """NAS going down makes Seedbox active; NAS coming back makes NAS active again."""
    nas, seedbox = instance.servers["NAS"], instance.servers["Seedbox"]
    nas_connectivity = await _entity_id(api, nas, "connectivity")
    await _create_automation(
        api,
        "failover",
        "failover_active_server.yaml",
        {
            "primary": nas_connectivity,
            "backup": await _entity_id(api, seedbox, "connectivity"),
            "offline_for": {"seconds": 0},
            "online_for": {"seconds": 0},
        },
    )
    assert (await api.state(SWITCHER_SELECT))["state"] == "NAS"

    nas.stop()
    try:
        await _state_becomes(api, nas_connectivity, "off", refresh=nas_connectivity)
        await _state_becomes(api, SWITCHER_SELECT, "Seedbox")
    finally:
        nas.start()

    await _state_becomes(api, nas_connectivity, "on", refresh=nas_connectivity)
    await _state_becomes(api, SWITCHER_SELECT, "NAS")


async def test_example_dashboard_uses_only_entities_that_exist(
    api: HomeAssistantApi,
) -> None:
    """Every entity the example dashboard shows exists in a real instance."""
    dashboard = yaml.safe_load(DASHBOARD.read_text(encoding="utf-8"))
    referenced = set(_entity_ids(dashboard))

    assert dashboard["views"]
    assert SWITCHER_SELECT in referenced
    assert "sensor.server_switcher_total_download_speed" in referenced
    missing = referenced - set(await api.states())
    assert not missing, f"the dashboard refers to entities that do not exist: {missing}"


def _entity_ids(node: Any) -> Iterator[str]:
    """Every value of an `entity` key, or item of an `entities` list, in a config."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "entity" and isinstance(value, str):
                yield value
            elif key == "entities" and isinstance(value, list):
                yield from (item for item in value if isinstance(item, str))
                yield from _entity_ids(value)
            else:
                yield from _entity_ids(value)
    elif isinstance(node, list):
        for item in node:
            yield from _entity_ids(item)


def test_no_password_reaches_the_home_assistant_log(instance: Instance) -> None:
    """Neither the servers' nor the owner's password is ever logged."""
    log = instance.home_assistant.log_text()

    assert "qbittorrent_multi" in log, "the integration's debug log is on"
    assert DEMO_PASSWORD not in log
    assert OWNER_PASSWORD not in log
