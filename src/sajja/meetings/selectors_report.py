"""The one-page report to members after a meeting: the month's collections and benefits paid, computed
live from the books, and the meeting's decisions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum

from sajja.core.ledger.chart import MEMBER_CONTRIBUTIONS
from sajja.ledger.models import Line
from sajja.meetings.models import Meeting, Resolution
from sajja.registry.models import Fund, Member, MemberStatus

BENEFIT_ACCOUNTS = "51"  # 5101-5108: the benefits paid, by kind


@dataclass(frozen=True)
class MonthReport:
    meeting: Meeting
    year: int
    month: int
    collected: int  # satang paid in by members in the month
    benefits: list[tuple[str, int]]  # (account name, satang) paid in the month, by kind
    benefits_total: int
    active_members: int
    resolutions: list[Resolution]


def month_report(meeting: Meeting) -> MonthReport:
    """The report of the meeting's month (callers have scoped the meeting: selectors.meeting_for). A
    network's meeting reports the month of all its funds together."""
    funds = [meeting.fund] if meeting.fund else Fund.objects.filter(network=meeting.network)
    period = meeting.date.year * 100 + meeting.date.month
    lines = Line.objects.filter(entry__fund__in=funds, entry__period=period)
    collected = -(
        lines.filter(account__code__startswith=MEMBER_CONTRIBUTIONS).aggregate(s=Sum("amount"))["s"] or 0
    )
    by_kind = (
        lines.filter(account__code__startswith=BENEFIT_ACCOUNTS)
        .values("account__name_th")
        .annotate(total=Sum("amount"))
        .order_by("account__code")
    )
    benefits = [(row["account__name_th"], row["total"]) for row in by_kind if row["total"]]
    return MonthReport(
        meeting=meeting,
        year=meeting.date.year,
        month=meeting.date.month,
        collected=collected,
        benefits=benefits,
        benefits_total=sum(total for _, total in benefits),
        active_members=Member.objects.filter(fund__in=funds, status=MemberStatus.ACTIVE).count(),
        resolutions=list(meeting.resolutions.all()),
    )
