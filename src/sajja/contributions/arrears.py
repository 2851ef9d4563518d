"""The members behind with their contributions (รายชื่อผู้ค้างส่งเงินสัจจะ): whom the treasurer and the
group leaders follow up before the next meeting.

Everyone in arrears or lapsed on the day asked, group by group, the longest behind first, with their
paid-through date and what they pay to be covered through the month's end (under a fresh start a lapsed
member owes only the days from that day). Derived from what each member paid, in a few queries
whatever the fund's size. The same rows make the page, the CSV and the XLSX.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sajja.access.policy import require
from sajja.contributions.report_rows import baht
from sajja.contributions.rules import rules_for
from sajja.contributions.selectors import ENDED, MemberPosition, standings_on
from sajja.core import thai_dates
from sajja.ledger.models import Account
from sajja.registry.models import Member, MemberStatus
from sajja.schemes.contributions import Standing

BEHIND = (Standing.IN_ARREARS, Standing.LAPSED)


@dataclass(frozen=True)
class Behind:
    member: Member
    standing: MemberPosition
    owed: int  # satang to be paid through the end of the month of `standing.as_of`

    @property
    def days_unpaid(self) -> int:
        return max((self.standing.as_of - self.standing.paid_through).days, 0)


def members_behind(user, fund, as_of: datetime.date | None = None) -> list[Behind]:
    """Members in arrears or lapsed on `as_of` (today), by group code, the longest behind first."""
    require(user, fund, "view_books")
    as_of = as_of or thai_dates.today()
    members = list(
        Member.objects.filter(fund=fund, joined_on__lte=as_of)
        .exclude(status__in=ENDED)
        .select_related("person", "group")
    )
    paid = {
        member_id: credit - debit
        for member_id, debit, credit in Account.objects.filter(fund=fund, member__isnull=False).values_list(
            "member_id", "debit_total", "credit_total"
        )
    }
    rows = [
        Behind(m, standing, owed)
        for m, standing, owed in standings_on(rules_for(fund), members, paid, as_of)
        if standing.standing in BEHIND or m.status == MemberStatus.LAPSED
    ]
    rows.sort(
        key=lambda r: (
            r.member.group is None,
            r.member.group.code if r.member.group else "",
            -r.days_unpaid,
            r.member.number,
        )
    )
    return rows


def header() -> list[str]:
    return [
        _("Group"),
        _("Member number"),
        _("Name"),
        _("Paid through"),
        _("Days unpaid"),
        _("Standing"),
        _("To pay through the month's end (baht)"),
    ]


def rows(behind: list[Behind]) -> list[list]:
    """The list as spreadsheet rows: dates as dates, amounts in baht as exact numbers."""
    return [
        [
            r.member.group.code if r.member.group else "",
            r.member.number,
            r.member.person.full_name,
            r.standing.paid_through if r.standing.paid_total > 0 else None,
            r.days_unpaid,
            r.standing.label,
            baht(r.owed),
        ]
        for r in behind
    ]
