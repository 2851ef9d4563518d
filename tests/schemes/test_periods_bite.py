"""Coverage bought by contributions at the smallest daily rate a scheme can set: one satang a day.

| paid (satang) | days covered | joined 1 Jan 2025: paid through |
| ------------- | ------------ | ------------------------------- |
| 0             | 0            | 31 Dec 2024 (the day before)    |
| -500          | 0            | 31 Dec 2024 (a refund buys no days) |
| 1             | 1            | 1 Jan 2025                      |
| 31            | 31           | 31 Jan 2025                     |
"""

from __future__ import annotations

from datetime import date

import pytest

from sajja.schemes.periods import days_covered, paid_through

JOINED = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("satang", "days", "through"),
    [
        (0, 0, date(2024, 12, 31)),
        (-500, 0, date(2024, 12, 31)),
        (1, 1, date(2025, 1, 1)),
        (31, 31, date(2025, 1, 31)),
    ],
)
def test_at_one_satang_a_day_each_satang_buys_a_day_and_nothing_buys_nothing(satang, days, through):
    assert days_covered(satang, 1) == days
    assert paid_through(JOINED, satang, 1) == through
