"""The printed tables (Markdown, so README.md can carry them as printed)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from . import units
from .fleet import CPU_WINDOWS, FleetFigures
from .load import LoadFigures
from .polling import PollSample, PollSummary
from .real_server import RealFigures
from .scale import SizeFigures
from .switching import SwitchingFigures


@dataclass(frozen=True, slots=True)
class Results:
    """Everything one run measured."""

    sizes: list[SizeFigures]
    real: RealFigures | None
    switching: SwitchingFigures
    fleet: FleetFigures
    fleet_dark: FleetFigures | None
    load: LoadFigures


def _table(header: list[str], rows: list[list[str]]) -> Iterator[str]:
    yield "| " + " | ".join(header) + " |"
    yield "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"
    for row in rows:
        yield "| " + " | ".join(row) + " |"


def _poll_row(
    torrents: str, changes: str, ours: PollSummary, builtin: PollSummary
) -> list[str]:
    return [
        torrents,
        changes,
        units.size(ours.bytes),
        units.size(builtin.bytes),
        units.ratio(builtin.bytes, ours.bytes),
        units.millis(ours.cpu),
        units.millis(builtin.cpu),
        units.ratio(builtin.cpu, ours.cpu),
        units.millis(ours.longest_stall),
        units.millis(builtin.longest_stall),
    ]


def per_poll(results: Results) -> Iterator[str]:
    """Steady-state polls: bytes, CPU, stalls."""
    yield "**Per poll, steady state** (mean bytes and CPU; longest loop stall of any poll)"
    yield ""
    rows: list[list[str]] = []
    for figures in results.sizes:
        size = units.count(figures.torrents)
        rows.append(_poll_row(size, "1%", figures.ours.churn, figures.builtin.churn))
        if figures.ours.idle is not None and figures.builtin.idle is not None:
            rows.append(
                _poll_row(size, "none", figures.ours.idle, figures.builtin.idle)
            )
    if (real := results.real) is not None:
        rows.append(
            _poll_row(
                f"{units.count(real.torrents)} real (qBittorrent {real.version})",
                "its own",
                real.ours,
                real.builtin,
            )
        )
    yield from _table(
        [
            "Torrents",
            "Changed",
            "Bytes ours",
            "Bytes built-in",
            "Fewer",
            "CPU ours",
            "CPU built-in",
            "Less",
            "Stall ours",
            "Stall built-in",
        ],
        rows,
    )


def _first_row(
    torrents: str, ours: PollSample, builtin: PollSample, held: tuple[int, int] | None
) -> list[str]:
    return [
        torrents,
        units.size(ours.bytes),
        units.millis(ours.cpu),
        units.millis(builtin.cpu),
        units.millis(ours.stall),
        units.millis(builtin.stall),
        units.size(held[0]) if held else "-",
        units.size(held[1]) if held else "-",
    ]


def first_sync(results: Results) -> Iterator[str]:
    """The first, full poll and the memory held afterwards."""
    yield "**First full sync**, and memory held per server after it"
    yield ""
    rows = [
        _first_row(
            units.count(f.torrents),
            f.ours.first,
            f.builtin.first,
            (f.ours.held, f.builtin.held),
        )
        for f in results.sizes
    ]
    if (real := results.real) is not None:
        rows.append(
            _first_row(
                f"{units.count(real.torrents)} real",
                real.ours_first,
                real.builtin_first,
                None,
            )
        )
    yield from _table(
        [
            "Torrents",
            "Snapshot",
            "CPU ours",
            "CPU built-in",
            "Stall ours",
            "Stall built-in",
            "Memory ours",
            "Memory built-in",
        ],
        rows,
    )


def switching(figures: SwitchingFigures) -> Iterator[str]:
    """Select -> follow-the-active sensors."""
    yield (
        f"**Switching** between 2 servers ({figures.switches} `select.select_option`"
        f" calls; from the call until the last of the {figures.sensors}"
        " follow-the-active sensors that change has its new state)"
    )
    yield ""
    yield from _table(
        ["Switches", "Median", "Max"],
        [
            [
                str(figures.switches),
                units.millis(figures.median),
                units.millis(figures.longest),
            ]
        ],
    )


def fleet(results: Results) -> Iterator[str]:
    """CPU share and schedule of a fleet."""
    first = results.fleet
    yield (
        f"**Fleet**: server entries with all their entities, {units.count(first.torrents)}"
        " torrents each, 10 s interval, 1% churn per interval; CPU the median of"
        f" {CPU_WINDOWS} windows; stalls and garbage collection from a further"
        " window half as long, with a stall sampler"
    )
    yield ""
    rows: list[list[str]] = []
    for figures in (results.fleet, results.fleet_dark):
        if figures is None:
            continue
        rows.append(
            [
                str(figures.healthy),
                str(figures.dark),
                f"{figures.seconds:.0f} s",
                units.percent(figures.cpu_share),
                ", ".join(units.percent(share) for share in figures.cpu_shares),
                str(figures.polls),
                f"{figures.median_interval:.3f} s",
                f"{figures.longest_interval:.3f} s",
                str(figures.dark_attempts),
                units.millis(figures.longest_stall),
                units.millis(figures.longest_busy),
                units.millis(figures.longest_gc),
            ]
        )
    yield from _table(
        [
            "Healthy",
            "Dark",
            "Window",
            "CPU of one core",
            "Windows",
            "Polls",
            "Interval median",
            "Interval max",
            "Tries at dark",
            "Stall",
            "Loop busy",
            "Longest GC",
        ],
        rows,
    )


def load(figures: LoadFigures) -> Iterator[str]:
    """The load row: schedule, stalls, poll slots and memory of a mixed fleet."""
    fleet_figures = figures.fleet
    servers = fleet_figures.healthy + fleet_figures.dark
    yield (
        f"**Load**: {servers} server entries, {fleet_figures.dark} of them dark"
        f" ({fleet_figures.dark / servers:.0%}), {figures.big} with 10,000 torrents"
        f" and the rest with {units.count(fleet_figures.torrents)}"
        f" ({units.count(figures.torrents)} torrents); resident memory"
        " of the whole process before and after the whole run of polls, and"
        " before it per torrent held"
    )
    yield ""
    growth = figures.rss_end - figures.rss_start
    yield from _table(
        [
            "Window",
            "Polls",
            "Interval median",
            "Interval max",
            "Stall",
            "Most polls at once",
            "Most waiting",
            "Memory before",
            "Memory after",
            "Growth",
            "Per torrent",
        ],
        [
            [
                f"{fleet_figures.seconds:.0f} s",
                str(fleet_figures.polls),
                f"{fleet_figures.median_interval:.3f} s",
                f"{fleet_figures.longest_interval:.3f} s",
                units.millis(fleet_figures.longest_stall),
                f"{figures.most_in_flight} (cap {figures.cap})",
                str(figures.most_waiting),
                f"{figures.rss_start / 1_000_000:,.0f} MB",
                f"{figures.rss_end / 1_000_000:,.0f} MB",
                f"{growth / 1_000_000:+.1f} MB",
                f"{figures.bytes_per_torrent / 1000:,.2f} kB",
            ]
        ],
    )
