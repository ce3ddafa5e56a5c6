"""Global limits, alternative speeds and transfer/info, on fake and real servers of every line."""

from __future__ import annotations

from .conftest import MainDataClient, Target, WebApi, eventually


async def test_global_limits_are_kept_in_whole_kib(target: Target, api: WebApi) -> None:
    """A global limit in bytes/s is rounded down to KiB/s and shown in server_state."""
    target.cleanups.append(
        lambda a: a.post("transfer/setDownloadLimit", {"limit": "0"})
    )
    client = MainDataClient(api)
    await client.poll()

    reply = await api.post("transfer/setDownloadLimit", {"limit": "100000"})

    async def shown() -> int | None:
        await client.poll()
        limit = client.server_state["dl_rate_limit"]
        return int(limit) if limit else None

    assert reply.status == 200
    assert await eventually(shown) == 99_328
    assert (await api.get("transfer/downloadLimit")).text == "99328"


async def test_alternative_speed_mode_toggles(target: Target, api: WebApi) -> None:
    """toggleSpeedLimitsMode flips speedLimitsMode ("0"/"1") and use_alt_speed_limits."""
    before = (await api.get("transfer/speedLimitsMode")).text
    client = MainDataClient(api)
    await client.poll()

    reply = await api.post("transfer/toggleSpeedLimitsMode")
    target.cleanups.append(lambda a: a.post("transfer/toggleSpeedLimitsMode"))
    after = (await api.get("transfer/speedLimitsMode")).text
    await client.poll()

    assert reply.status == 200
    assert {before, after} == {"0", "1"}
    assert client.server_state["use_alt_speed_limits"] is (after == "1")
