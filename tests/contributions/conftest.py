"""Fixtures of the contributions tests: the day they run on, and the fund of the month-end close. Their
helpers (row counts, payment files, the close's fund) are in tests/contributions/factories.py."""

from __future__ import annotations

import pytest

from tests.contributions.factories import TODAY, october_fund


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def fund(own, own_member):
    """The fund of test_close.py's docstring, its payments recorded, October 2026 not closed yet."""
    return october_fund(own)
