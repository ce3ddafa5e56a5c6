"""The card in Chromium: first render of 10,000 torrents, 1%-churn deltas, DOM rows, JS heap.

The dev page (frontend/dev/) mounts the built card with a mock hass whose
connection is held back, so each message reaches the card at a known time.
`python -m benchmarks.card_browser` runs it alone; `scripts/bench` prints its
table with the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import units
from .card_page import chromium, serve_repository
from .targets import Verdict

TORRENTS = 10_000
ROWS = 8
FIRST_RENDER_LIMIT = 0.500
DELTA_LIMIT = 0.016
# Rows the card renders below the visible ones (OVERSCAN in frontend/src/card.ts).
OVERSCAN = 6


@dataclass(frozen=True, slots=True)
class DeltaFigures:
    """Deltas applied and rendered under one sort order."""

    sort_by: str
    changed: int
    count: int
    median: float
    p95: float
    longest: float


@dataclass(frozen=True, slots=True)
class CardFigures:
    """What one run of the card in Chromium measured (times in seconds)."""

    torrents: int
    chromium: str
    render: float
    painted: float
    rows_visible: int
    rows_in_dom: int
    elements_in_dom: int
    heap: int
    deltas: tuple[DeltaFigures, ...]


def _heap(cdp: Any) -> int:
    cdp.send("HeapProfiler.collectGarbage")
    return int(cdp.send("Runtime.getHeapUsage")["usedSize"])


def measure_card(*, torrents: int = TORRENTS, deltas: int = 30) -> CardFigures:
    """Run the card in headless Chromium and measure it."""
    with serve_repository() as url, chromium() as (_, browser):
        page = browser.new_page(viewport={"width": 900, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{url}?bench=1")
        cdp = page.context.new_cdp_session(page)
        page.evaluate(
            """async (torrents) => {
              window.bench = await import("./bench.js");
              await window.bench.prepare({ torrents, seed: 1 });
            }""",
            torrents,
        )
        # The mock's own torrents are the server's, not the card's.
        before = _heap(cdp)
        page.evaluate("(rows) => window.bench.mount({ rows })", ROWS)
        first = page.evaluate("() => window.bench.firstRender()")
        heap = _heap(cdp) - before
        measured = tuple(
            _deltas(
                sort_by,
                page.evaluate(
                    "(options) => window.bench.deltas(options)",
                    {"count": deltas, "warmup": 5, "share": 0.01, "sortBy": sort_by},
                ),
            )
            for sort_by in ("name", "download_speed")
        )
        if errors:
            raise RuntimeError(f"the card failed in Chromium: {errors}")
        return CardFigures(
            torrents=int(first["torrents"]),
            chromium=browser.version,
            render=first["render_ms"] / 1000,
            painted=first["painted_ms"] / 1000,
            rows_visible=int(first["rows_visible"]),
            rows_in_dom=int(first["rows_in_dom"]),
            elements_in_dom=int(first["elements_in_dom"]),
            heap=heap,
            deltas=measured,
        )


def _deltas(sort_by: str, figures: dict[str, Any]) -> DeltaFigures:
    return DeltaFigures(
        sort_by=sort_by,
        changed=int(figures["changed"]),
        count=int(figures["count"]),
        median=figures["median_ms"] / 1000,
        p95=figures["p95_ms"] / 1000,
        longest=figures["max_ms"] / 1000,
    )


_SORTS = {"name": "name", "download_speed": "download speed (re-sorted)"}


def table(figures: CardFigures) -> Iterator[str]:
    """The card's rows, as Markdown like the other tables."""
    yield (
        f"**Card in Chromium** {figures.chromium}: {units.count(figures.torrents)} torrents"
        f" on one server, {figures.rows_visible} rows shown; deltas change 1% of the"
        f" torrents (progress, speeds, some filters), {figures.deltas[0].count} of each"
        " after a warm-up; times include rendering and layout"
    )
    yield ""
    yield "| Measure | Result | Target |"
    yield "|---|---:|---:|"
    yield (
        "| First render, snapshot to laid out"
        f" | {units.millis(figures.render)} | < 500 ms |"
    )
    yield (
        "| First render, snapshot to painted frame"
        f" | {units.millis(figures.painted)} | - |"
    )
    for delta in figures.deltas:
        yield (
            f"| Delta of {delta.changed} torrents, sorted by {_SORTS[delta.sort_by]}"
            f" | {units.millis(delta.median)} median, {units.millis(delta.p95)} p95,"
            f" {units.millis(delta.longest)} max | < 16 ms |"
        )
    yield (
        f"| Rows in the DOM | {figures.rows_in_dom}"
        f" | {figures.rows_visible} shown + {OVERSCAN} overscan |"
    )
    yield f"| Elements in the card's DOM | {figures.elements_in_dom} | - |"
    yield f"| JS heap held for the torrents | {units.size(figures.heap)} | reported |"


def verdicts(figures: CardFigures) -> Iterator[str]:
    """The card's targets, as the target list prints them."""

    yield Verdict(
        target=f"card: first render of {units.count(figures.torrents)} torrents < 500 ms",
        met=figures.render < FIRST_RENDER_LIMIT,
        detail=f"{units.millis(figures.render)}, painted after {units.millis(figures.painted)}",
    ).line()
    for delta in figures.deltas:
        yield Verdict(
            target=f"card: 1%-churn delta < 16 ms, sorted by {_SORTS[delta.sort_by]}",
            met=delta.median < DELTA_LIMIT,
            detail=f"median {units.millis(delta.median)}, 95th percentile"
            f" {units.millis(delta.p95)}, max {units.millis(delta.longest)}",
        ).line()
    yield Verdict(
        target="card: DOM rows bounded by the visible rows",
        met=figures.rows_in_dom <= figures.rows_visible + 2 * OVERSCAN,
        detail=f"{figures.rows_in_dom} rows for {units.count(figures.torrents)} torrents",
    ).line()


def main() -> None:
    """Measure the card alone and print its table and targets."""
    figures = measure_card()
    for line in (*table(figures), "", *verdicts(figures)):
        print(line)


if __name__ == "__main__":
    main()
