"""API of the month-end close (a django-ninja router mounted under /api/).

Periods are YYYY-MM (a Buddhist-era year is understood too); amounts are integer satang.
"""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from ninja import Router, Schema

from sajja.api.idempotency import KEY_HEADER, idempotent
from sajja.api.schemas import ERRORS
from sajja.contributions.month_end.selectors import month_close_for, months_for, summaries_of
from sajja.contributions.month_end.services import close_month, month_of
from sajja.registry.selectors import fund_for

router = Router(tags=["contributions"])


class GroupSummaryOut(Schema):
    group: str | None
    expected: int
    collected: int
    members_active: int
    members_in_arrears: int
    members_lapsed: int


class MonthCloseOut(Schema):
    fund: str
    period: str
    month_end: datetime.date
    rules_version: int | None
    expected: int
    collected: int
    members_active: int
    members_in_arrears: int
    members_lapsed: int
    status_changes: int
    closed_at: datetime.datetime
    groups: list[GroupSummaryOut]


class MonthOut(Schema):
    period: str
    ended: bool
    books_closed: bool
    closed: bool
    expected: int | None
    collected: int | None


def _close_out(fund, close) -> dict:
    return {
        "fund": fund.code,
        "period": f"{close.period // 100}-{close.period % 100:02d}",
        "month_end": close.month_end,
        "rules_version": close.rules_version,
        "expected": close.expected,
        "collected": close.collected,
        "members_active": close.members_active,
        "members_in_arrears": close.members_in_arrears,
        "members_lapsed": close.members_lapsed,
        "status_changes": close.status_changes,
        "closed_at": close.closed_at,
        "groups": [
            {
                "group": s.group.code if s.group else None,
                "expected": s.expected,
                "collected": s.collected,
                "members_active": s.members_active,
                "members_in_arrears": s.members_in_arrears,
                "members_lapsed": s.members_lapsed,
            }
            for s in summaries_of(close)
        ],
    }


# The operation ids of the API's description were made from this router's first home,
# sajja.contributions.api_close: kept, so that clients generated from it go on working.
@router.get(
    "/funds/{code}/months",
    response={200: list[MonthOut], **ERRORS},
    url_name="month-closes",
    operation_id="sajja_contributions_api_close_months",
)
def months(request, code: str):
    """The fund's recent months, newest first: whether each has ended, is locked, is closed."""
    fund = fund_for(request.auth, code)
    return [
        {
            "period": m.period,
            "ended": m.ended,
            "books_closed": m.books_closed,
            "closed": m.close is not None,
            "expected": m.close.expected if m.close else None,
            "collected": m.close.collected if m.close else None,
        }
        for m in months_for(request.auth, fund)
    ]


@router.get(
    "/funds/{code}/months/{period}",
    response={200: MonthCloseOut, **ERRORS},
    url_name="month-close",
    operation_id="sajja_contributions_api_close_month",
)
def month(request, code: str, period: str):
    """A closed month: totals and each group's summary (404 while the month is not closed)."""
    fund = fund_for(request.auth, code)
    return _close_out(fund, month_close_for(request.auth, fund, period))


@router.post(
    "/funds/{code}/months/{period}/close",
    response={200: MonthCloseOut, **ERRORS},
    url_name="close-month",
    operation_id="sajja_contributions_api_close_close",
)
def close(request, response: HttpResponse, code: str, period: str, idempotency_key: str | None = KEY_HEADER):
    """Close the month: lock it, work out every member's standing at its end, keep the group summaries.

    Closing a closed month changes nothing and answers its summary."""
    fund = fund_for(request.auth, code, "close_period")
    year, month_number = month_of(period)

    def write():
        return 200, _close_out(fund, close_month(request.auth, fund, (year, month_number)))

    return idempotent(request, response, {"period": f"{year}-{month_number:02d}"}, write)
