"""`python -m benchmarks [--quick] [--no-real]`: measure, then print the tables."""

from __future__ import annotations

import argparse
import asyncio
from importlib.metadata import version
import itertools
import os
import platform
import sys
import time

from homeassistant.const import __version__ as ha_version

from . import card_browser, card_feed
from .fleet import INTERVAL, Fleet, FleetFigures
from .home_assistant import home_assistant
from .load import LoadFigures, measure_load
from .plans import FULL, QUICK, RunPlan
from .real_server import RealFigures, measure_real_server
from .report import Results, first_sync, fleet, load, per_poll, switching
from .scale import SizeFigures, measure_size
from .switching import measure_switching
from .targets import lines as target_lines


def _progress(message: str) -> None:
    # Progress goes to stderr, the tables to stdout.
    print(f"... {message}", file=sys.stderr, flush=True)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


async def _fleet(plan: RunPlan, hass_fleet: Fleet) -> tuple[FleetFigures, FleetFigures]:
    _progress(f"fleet: {plan.fleet_servers} servers")
    await hass_fleet.add_healthy(plan.fleet_servers)
    # One interval for every server to be on its steady schedule.
    await asyncio.sleep(INTERVAL + 2)
    healthy = await hass_fleet.measure(plan.fleet_seconds)
    _progress(f"fleet: {plan.fleet_dark} more that go dark")
    await hass_fleet.add_dark(plan.fleet_dark)
    await asyncio.sleep(INTERVAL + 2)
    dark = await hass_fleet.measure(plan.fleet_seconds)
    return healthy, dark


async def _run(plan: RunPlan, *, real: bool) -> Results:
    sizes: list[SizeFigures] = []
    async with home_assistant() as hass:
        for size in plan.sizes:
            _progress(f"{size.torrents:,} torrents")
            sizes.append(
                await measure_size(
                    hass,
                    size.torrents,
                    ours=size.ours,
                    builtin=size.builtin,
                    idle=size.idle,
                )
            )
        real_figures: RealFigures | None = None
        if real:
            _progress(f"real qBittorrent 5.3 with {plan.real_torrents} torrents")
            real_figures = await measure_real_server(
                hass, plan.real_torrents, plan.real_polls
            )
    async with home_assistant() as hass:
        _progress(f"switching, {plan.switches} times")
        switch_figures = await measure_switching(
            hass, plan.switches, plan.switch_torrents
        )
    async with home_assistant() as hass:
        hass_fleet = Fleet(hass, plan.fleet_torrents)
        try:
            healthy, dark = await _fleet(plan, hass_fleet)
        finally:
            await hass_fleet.close()
    async with home_assistant() as hass:
        _progress(
            f"load: {plan.load_servers} servers, {plan.load_dark} dark,"
            f" {plan.load_big} with 10,000 torrents"
        )
        load_figures: LoadFigures = await measure_load(
            hass,
            servers=plan.load_servers,
            dark=plan.load_dark,
            big=plan.load_big,
            torrents=plan.fleet_torrents,
            seconds=plan.load_seconds,
        )
    return Results(
        sizes=sizes,
        real=real_figures,
        switching=switch_figures,
        fleet=healthy,
        fleet_dark=dark,
        load=load_figures,
    )


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="smaller sizes and shorter windows"
    )
    parser.add_argument(
        "--no-real", action="store_true", help="skip the real qBittorrent row"
    )
    parser.add_argument(
        "--no-card", action="store_true", help="skip the card in Chromium"
    )
    return parser.parse_args()


def main() -> None:
    """Run the benchmark and print its tables."""
    args = _arguments()
    plan = QUICK if args.quick else FULL
    started = time.monotonic()
    results = asyncio.run(_run(plan, real=not args.no_real))
    _progress(f"card's live data: {card_feed.TORRENTS:,} torrents")
    feed = asyncio.run(
        card_feed.measure_alone(
            polls=card_feed.QUICK_POLLS if args.quick else card_feed.POLLS
        )
    )
    # Playwright's sync API cannot run inside the event loop: after it.
    card = None
    if not args.no_card:
        _progress(f"card in Chromium: {card_browser.TORRENTS:,} torrents")
        card = card_browser.measure_card()
    elapsed = time.monotonic() - started
    command = "scripts/bench" + (" --quick" if args.quick else "")
    command += " --no-real" if args.no_real else ""
    command += " --no-card" if args.no_card else ""
    print(
        f"`{command}`: {_cpu_model()}, {os.cpu_count()} CPUs, Python"
        f" {platform.python_version()}, Home Assistant {ha_version},"
        f" qbittorrent-api {version('qbittorrent-api')}; {elapsed:.0f} s"
    )
    print()
    for section in (
        per_poll(results),
        first_sync(results),
        switching(results.switching),
        fleet(results),
        load(results.load),
        card_feed.table(feed),
        card_browser.table(card) if card else (),
        itertools.chain(
            target_lines(results),
            card_feed.verdicts(feed),
            card_browser.verdicts(card) if card else (),
        ),
    ):
        for line in section:
            print(line)
        print()
    mismatched = [
        f.torrents
        for f in results.sizes
        for client in (f.ours, f.builtin)
        if client.counted != client.sent
    ]
    if mismatched:
        print(
            f"Bytes counted by a client differ from the fake's own count at {mismatched}"
        )
    else:
        print(
            "Bytes per poll are response bodies; both clients' counts equal the fake server's."
        )


if __name__ == "__main__":
    main()
