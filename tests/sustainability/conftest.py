"""Fixtures of the sustainability tests: small projections so the tests stay quick (the fund with its own
scheme and members of all ages, and the other builders, are in tests/sustainability/factories.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def small(settings):
    """Projections small enough for tests: 200 paths of 20 years, no scenario table."""
    settings.SAJJA_PROJECTION = {"paths": 200, "years": 20, "scenarios": False}
    return settings.SAJJA_PROJECTION
