"""Paid-through dates from contributions, when the daily rate changes between versions.

Rule 2 of `periods` with one rate per version: each day from the start of coverage costs the rate in
force on that day (days before the first version cost its rate). Whatever is left, less than a day,
is a credit toward the next day.

>>> from sajja.schemes.versions import Scheme
>>> s = Scheme.model_validate({"code": "x", "name_th": "x", "name_en": "x", "versions": [
...     {"effective_from": "2025-01-01"},
...     {"effective_from": "2025-01-11", "contributions": {"daily_rate": 2}}]})
>>> paid_through_for(s, date(2025, 1, 1), 1_000 + 2_000)   # 10 days at 1 baht, 10 at 2 baht
datetime.date(2025, 1, 20)
>>> paid_through_many(s, np.array([20089]), np.array([3_000])).tolist()   # the same from day numbers
[20108]
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from sajja.schemes.periods_np import day_number
from sajja.schemes.situation import MemberHistory

if TYPE_CHECKING:
    from sajja.schemes.versions import Scheme


def _segments(scheme: Scheme) -> list[tuple[int, date | None]]:
    """(rate, end) for each version; end is the next version's first day, None for the last."""
    versions = scheme.versions
    return [
        (v.contributions.daily_rate, versions[i + 1].effective_from if i + 1 < len(versions) else None)
        for i, v in enumerate(versions)
    ]


def paid_through_for(scheme: Scheme, start: date, satang: int) -> date:
    """The last day covered by `satang` of contributions paid from `start`."""
    day, left = start, max(satang, 0)
    for rate, end in _segments(scheme):
        if end is not None and day >= end:
            continue
        days = left // rate
        if end is None or days <= (end - day).days:
            return day + timedelta(days=days - 1)
        left -= (end - day).days * rate
        day = end
    raise AssertionError("unreachable: the last version has no end")  # pragma: no cover


def paid_through_many(scheme: Scheme, start: np.ndarray, satang: np.ndarray) -> np.ndarray:
    """`paid_through_for` over arrays of day numbers and satang."""
    day, left = start.astype(np.int64).copy(), np.maximum(satang.astype(np.int64), 0)
    result = np.zeros_like(day)
    active = np.ones(day.shape, dtype=bool)
    for rate, end in _segments(scheme):
        here = active if end is None else active & (day < day_number(end))
        days = left // rate
        if end is None:
            done = here
        else:
            span = day_number(end) - day
            done = here & (days <= span)
            moving = here & ~done
            left[moving] -= span[moving] * rate
        result[done] = day[done] + days[done] - 1
        active &= ~done
        if end is not None:
            day[moving] = day_number(end)
    return result


def resolve_paid_through(scheme: Scheme, member: MemberHistory, start: date, on: date) -> date:
    """Paid-through date that counts for an event on `on`, coverage starting on `start`."""
    if member.payments:
        restarted = start != member.joined_on
        paid = sum(
            p.satang for p in member.payments if p.paid_on <= on and (not restarted or p.paid_on >= start)
        )
        return paid_through_for(scheme, start, paid)
    if member.paid_through is not None:
        return member.paid_through
    return start - timedelta(days=1)
