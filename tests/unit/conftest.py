"""Fixtures of the pure-module tests."""

from __future__ import annotations

import pytest

from tests.unit.health_monitors import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    """A clock that only moves when told to."""
    return FakeClock()
