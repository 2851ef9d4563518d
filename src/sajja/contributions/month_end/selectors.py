"""Reads of the month-end close: the fund's months (closed or open), the close page (the open month, the
next month to close with what its close would do, the latest closes) and each closed month's summaries,
for those who may read the books."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sajja.access.policy import require
from sajja.contributions.models import GroupMonthSummary, MonthClose
from sajja.contributions.month_end.services import Preview, month_of, next_to_close, preview
from sajja.contributions.reasons import MONTH_NOT_CLOSED
from sajja.core import thai_dates
from sajja.core.month import Month
from sajja.ledger.models import ClosedPeriod
from sajja.ledger.selectors import period_end
from sajja.registry.models import Member

SHOWN_MONTHS = 24
LATEST_CLOSES = 6  # the closed months the close page lists


@dataclass(frozen=True)
class ClosePage:
    open_month: Month  # the month under way (it cannot be closed before it ends)
    due: Month | None  # the next month to close, once it has ended (None: nothing to close now)
    due_books_closed: bool  # its books are locked already (from the books' page)
    preview: Preview | None  # what closing `due` would do
    latest: list[tuple[Month, MonthClose]]  # the latest closes, newest first


def close_page_for(user, fund, today: datetime.date | None = None) -> ClosePage:
    """The close page: the open month, the next month to close (oldest first) with its preview, and the
    latest closed months."""
    require(user, fund, "view_books")
    today = today or thai_dates.today()
    current = Month.of(today)
    due = next_to_close(fund)
    if due is not None and due >= current:
        due = None  # every ended month is closed
    closes = MonthClose.objects.filter(fund=fund).order_by("-period")[:LATEST_CLOSES]
    latest = [(Month.from_number(c.period), c) for c in closes]
    locked = due is not None and ClosedPeriod.objects.filter(fund=fund, period=due.number).exists()
    return ClosePage(current, due, locked, preview(fund, due) if due else None, latest)


@dataclass(frozen=True)
class MonthRow:
    year: int
    month: int
    close: MonthClose | None  # the month-end close, when done
    books_closed: bool  # the books' month is locked (by this close, or from the books' page)
    ended: bool  # the month is over: it may be closed

    @property
    def period(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def code(self) -> int:
        return self.year * 100 + self.month


def _months_back(today: datetime.date, start: datetime.date, count: int) -> list[tuple[int, int]]:
    """From the current month back to `start`'s month, at most `count` months, newest first."""
    year, month = today.year, today.month
    out: list[tuple[int, int]] = []
    while len(out) < count and (year, month) >= (start.year, start.month):
        out.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out


def months_for(user, fund, today: datetime.date | None = None) -> list[MonthRow]:
    """The fund's recent months, newest first, from its founding (or first member) on; and, older than
    those, every month that has ended but is not closed yet, so that it can still be closed."""
    require(user, fund, "view_books")
    today = today or thai_dates.today()
    first_member = Member.objects.filter(fund=fund).order_by("joined_on").values_list("joined_on", flat=True)
    start = fund.founded_on or first_member.first() or today
    closes = {c.period: c for c in MonthClose.objects.filter(fund=fund)}
    locked = set(ClosedPeriod.objects.filter(fund=fund).values_list("period", flat=True))
    rows = [
        MonthRow(y, m, closes.get(y * 100 + m), (y * 100 + m) in locked, period_end(y, m) < today)
        for y, m in _months_back(today, start, (today.year - start.year + 1) * 12)
    ]
    return rows[:SHOWN_MONTHS] + [row for row in rows[SHOWN_MONTHS:] if row.close is None and row.ended]


def month_close_for(user, fund, period) -> MonthClose:
    """One closed month (404 when the month is not closed)."""
    require(user, fund, "view_books")
    year, month = month_of(period)
    close = MonthClose.objects.filter(fund=fund, period=year * 100 + month).first()
    if close is None:
        raise MONTH_NOT_CLOSED.not_found()
    return close


def summaries_of(close: MonthClose) -> list[GroupMonthSummary]:
    """The close's group summaries, by group code (members in no group last)."""
    rows = list(GroupMonthSummary.objects.filter(close=close).select_related("group"))
    return sorted(rows, key=lambda s: (s.group is None, s.group.code if s.group else ""))
