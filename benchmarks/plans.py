"""How much each part of the benchmark measures: the full run and --quick."""

from __future__ import annotations

from dataclasses import dataclass

from .polling import PollPlan


@dataclass(frozen=True, slots=True)
class SizePlan:
    """One torrent count: polls for each client, and whether to add an idle row."""

    torrents: int
    ours: PollPlan
    builtin: PollPlan
    idle: bool = False


@dataclass(frozen=True, slots=True)
class RunPlan:
    """Everything one run does."""

    sizes: tuple[SizePlan, ...]
    switches: int
    switch_torrents: int
    fleet_servers: int
    fleet_dark: int
    fleet_torrents: int
    fleet_seconds: float
    real_torrents: int
    real_polls: PollPlan
    # The load row: servers in all, how many go dark, how many hold 10,000.
    load_servers: int
    load_dark: int
    load_big: int
    load_seconds: float


FULL = RunPlan(
    sizes=(
        SizePlan(1_000, PollPlan(30, 10), PollPlan(10, 5)),
        SizePlan(10_000, PollPlan(30, 10), PollPlan(6, 3), idle=True),
        SizePlan(50_000, PollPlan(30, 10), PollPlan(3, 2)),
    ),
    switches=100,
    switch_torrents=1_000,
    fleet_servers=50,
    fleet_dark=15,
    fleet_torrents=2_000,
    fleet_seconds=60.0,
    real_torrents=500,
    real_polls=PollPlan(10, 3),
    load_servers=50,
    load_dark=15,
    load_big=5,
    load_seconds=120.0,
)

QUICK = RunPlan(
    sizes=(
        SizePlan(1_000, PollPlan(10, 5), PollPlan(3, 2)),
        SizePlan(10_000, PollPlan(10, 5), PollPlan(2, 1), idle=True),
    ),
    switches=20,
    switch_torrents=1_000,
    fleet_servers=10,
    fleet_dark=3,
    fleet_torrents=2_000,
    fleet_seconds=20.0,
    real_torrents=100,
    real_polls=PollPlan(5, 2),
    load_servers=10,
    load_dark=3,
    load_big=1,
    load_seconds=20.0,
)
