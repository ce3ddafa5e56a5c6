"""Figures as people read them: bytes, milliseconds, ratios."""

from __future__ import annotations

import math


def size(count: float) -> str:
    """Bytes in B, kB, MB (powers of 1000)."""
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if count >= scale:
            return f"{count / scale:.3g} {unit}"
    return f"{count:.0f} B"


def millis(seconds: float | None) -> str:
    """Seconds shown in milliseconds, three significant digits."""
    if seconds is None or math.isnan(seconds):
        return "-"
    value = seconds * 1000
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.3g} ms"


def ratio(theirs: float, ours: float) -> str:
    """How many times more `theirs` is than `ours`."""
    if ours <= 0:
        return "inf"
    value = theirs / ours
    return f"{value:,.0f}x" if value >= 10 else f"{value:.2g}x"


def count(value: int) -> str:
    """An integer with thousands separators."""
    return f"{value:,}"


def percent(share: float) -> str:
    """A share as a percentage."""
    return f"{share * 100:.2g}%"
