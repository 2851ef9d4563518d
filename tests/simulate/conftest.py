"""Shared small funds for the projection tests (no database)."""

from __future__ import annotations

import pytest

from sajja.schemes import load_template
from sajja.simulate import Population


@pytest.fixture(scope="session")
def songkhla():
    return load_template("songkhla")


@pytest.fixture(scope="session")
def small_fund() -> Population:
    """120 adults who joined 8 years ago: pensions and the upper funeral tiers start within the run."""
    return Population.synthetic(120, from_age=20, to_age=79, years=8)
