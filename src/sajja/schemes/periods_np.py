"""The boundary semantics of `periods`, over NumPy arrays of day numbers.

A day number is the count of days since 1970-01-01 (NumPy's `datetime64[D]` as an integer). Optional
dates ("never died", "never left") are `NEVER`, a day far beyond any real one.

>>> import numpy as np
>>> days = day_numbers([date(2024, 2, 29), date(2025, 1, 31)])
>>> ends = day_numbers([date(2025, 3, 1), date(2025, 2, 28)])
>>> whole_months(days, ends).tolist()
[12, 0]
>>> to_date(int(anniversary(days, np.array([12, 1]))[1]))
datetime.date(2025, 3, 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import numpy as np

EPOCH = date(1970, 1, 1)
NEVER = 10_000_000  # about the year 29349: later than any real day


def day_number(day: date | None, default: int = NEVER) -> int:
    return default if day is None else (day - EPOCH).days


def day_numbers(days: Iterable[date | None], default: int = NEVER) -> np.ndarray:
    return np.array([day_number(d, default) for d in days], dtype=np.int64)


def to_date(number: int) -> date:
    return EPOCH + timedelta(days=int(number))


_TABLE_LIMIT = 400_000  # days (about 1,100 years): beyond this, convert without a table


def _month_index(days: np.ndarray) -> np.ndarray:
    """Months since January 1970 of each day."""
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def _month_start(months: np.ndarray) -> np.ndarray:
    """Day number of the first day of each month index."""
    return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def calendar_parts(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(months since January 1970, day of the month) of each day.

    Dates in a batch span a few hundred years at most, so the parts are computed once per distinct
    day in that span and gathered, much faster than converting every element.
    """
    if days.size == 0:
        return days.astype(np.int64), days.astype(np.int64)
    low, high = int(days.min()), int(days.max())
    if high - low > _TABLE_LIMIT or days.size < 4 * (high - low + 1):
        months = _month_index(days)
        return months, days - _month_start(months) + 1
    span = np.arange(low, high + 1, dtype=np.int64)
    months = _month_index(span)
    day_of_month = span - _month_start(months) + 1
    index = days - low
    return months[index], day_of_month[index]


def anniversary(start: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Day numbers on which `months` whole months since `start` are reached (rule 3 of `periods`)."""
    start_month, day_of_month = calendar_parts(start)
    first = _month_start(start_month + months)
    length = _month_start(start_month + months + 1) - first
    days: np.ndarray = np.where(day_of_month <= length, first + day_of_month - 1, first + length)
    return days


def whole_months(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Whole months from `start` reached by `end`, 0 when `end` is not after `start`.

    Rule 3 of `periods` reduces to: the difference of the months, less one when the start's day of
    the month is later than the end's (a missing day falls on the 1st of the next month, after `end`).
    """
    start_month, start_day = calendar_parts(start)
    end_month, end_day = calendar_parts(end)
    months: np.ndarray = np.maximum(end_month - start_month - (start_day > end_day), 0)
    return months


def paid_months(start: np.ndarray, paid_to: np.ndarray, on: np.ndarray) -> np.ndarray:
    return whole_months(start, np.minimum(on, paid_to + 1))


def age_on(birth: np.ndarray, day: np.ndarray) -> np.ndarray:
    return whole_months(birth, day) // 12
