"""The collection report's months as flat rows, one shape for the CSV, the XLSX and the API."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from sajja.contributions.collection import CollectionReport, MonthReport, Tally
from sajja.core import thai_dates
from sajja.core.thai_dates import common_era


def year_periods(year_text: str | None, today: datetime.date | None = None) -> tuple[int, int]:
    """The months of a year to report (YYYYMM first, last): January to December, or to this month
    for the current year. The year may be Buddhist-era (2569) or common-era (2026); anything else
    gives this year.

    >>> year_periods("2569", datetime.date(2026, 11, 26)), year_periods("2025", datetime.date(2026, 11, 26))
    ((202601, 202611), (202501, 202512))
    """
    today = today or thai_dates.today()
    try:
        year = int(str(year_text).strip())
    except ValueError:
        year = today.year
    year = common_era(year) or today.year
    if year > today.year:
        year = today.year
    last = today.month if year == today.year else 12
    return year * 100 + 1, year * 100 + last


def baht(satang: int) -> Decimal:
    """Satang as baht with two decimals, exact (a spreadsheet reads it as a number)."""
    return Decimal(satang).scaleb(-2).quantize(Decimal("0.01"))


def header() -> list[str]:
    return [
        _("Month"),
        _("Group code"),
        _("Group"),
        _("Members"),
        _("Expected (baht)"),
        _("Collected (baht)"),
        _("Collected (%)"),
        _("Members paying"),
        _("In arrears"),
        _("Lapsed"),
        _("Earlier months' receipts cancelled (baht)"),
    ]


def _row(t: Tally) -> list:
    period = f"{t.period // 100}-{t.period % 100:02d}"
    code, name = (t.group.code, t.group.name) if t.group else ("", _("No group"))
    return [
        period,
        code,
        name,
        t.members,
        baht(t.expected),
        baht(t.collected),
        t.percent if t.percent is not None else "",
        t.paying,
        t.in_arrears,
        t.lapsed,
        baht(t.cancelled_earlier),
    ]


def rows(report: CollectionReport) -> list[list]:
    """Each month's groups, then the month's total (group code empty, named 'Total')."""
    out = []
    for month in report.months:
        out += [_row(t) for t in month.groups]
        total = _row(month_total(month))
        total[1], total[2] = "", _("Total")
        out.append(total)
    return out


def month_total(month: MonthReport) -> Tally:
    """The month's total, which the report gives every month it builds."""
    if month.total is None:
        raise ValueError(f"the collection report's month {month.period} has no total")
    return month.total


def tally_out(t: Tally) -> dict:
    return {
        "group": t.group.code if t.group else None,
        "name": t.group.name if t.group else None,
        "members": t.members,
        "expected": t.expected,
        "collected": t.collected,
        "paying": t.paying,
        "in_arrears": t.in_arrears,
        "lapsed": t.lapsed,
        "cancelled_earlier": t.cancelled_earlier,
    }
