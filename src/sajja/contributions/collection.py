"""The fund's collection report: for each month and each group, what was expected and what came in.

- expected: the daily rate for each day of the month the member belonged to the fund (from the
  day they joined; until the day before they resigned or died);
- collected: what the books credited to the group's members in the month (a cancelled receipt's
  reversal counts in the month it was cancelled, as in the books);
- paying: members whose payments in the month add up to more than nothing;
- in arrears / lapsed: members whose standing at the month's end (today, for this month) is so,
  worked out from what they had paid by then, as on their statement.

A handful of queries whatever the size of the fund: the groups, the members, the member accounts'
totals, and the member lines since the report's first month summed per account and month.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from django.db.models import Sum

from sajja.access.policy import require
from sajja.contributions.fresh_start import restarts
from sajja.contributions.models import Purpose, Receipt
from sajja.contributions.month_end.derive import MemberRow
from sajja.contributions.rules import FundRules, paid_through_date, rules_for
from sajja.contributions.selectors import ENDED
from sajja.core import thai_dates
from sajja.ledger.models import Account, Line
from sajja.ledger.selectors import period_end
from sajja.registry.models import Group, Member
from sajja.schemes.contributions import Standing

MAX_MONTHS = 24


@dataclass
class Tally:
    """One group in one month (or the fund's total for the month, `group` None)."""

    period: int  # YYYYMM
    group: Group | None
    members: int = 0
    expected: int = 0  # satang
    collected: int = 0  # satang
    paying: int = 0
    in_arrears: int = 0
    lapsed: int = 0
    # satang of earlier months' receipts cancelled in this month: their reversal is in this month's
    # books, so `collected` is this much below the month's own receipts (what the receipt book shows)
    cancelled_earlier: int = 0

    @property
    def percent(self) -> int | None:
        """Collected as a whole percentage of expected (None when nothing was expected)."""
        return round(100 * self.collected / self.expected) if self.expected else None

    def add(self, other: Tally) -> None:
        for name in (f.name for f in fields(self) if f.name not in ("period", "group")):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class MonthReport:
    period: int
    groups: list[Tally] = field(default_factory=list)
    total: Tally | None = None


@dataclass(frozen=True)
class CollectionReport:
    first: int  # YYYYMM
    last: int
    as_of: datetime.date
    months: list[MonthReport]  # oldest first


def months_between(first: int, last: int) -> list[int]:
    """YYYYMM periods from `first` to `last`, both included.

    >>> months_between(202611, 202702)
    [202611, 202612, 202701, 202702]
    """
    out, (y, m) = [], divmod(first, 100)
    while y * 100 + m <= last:
        out.append(y * 100 + m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _start(period: int) -> datetime.date:
    return datetime.date(period // 100, period % 100, 1)


def _end(period: int) -> datetime.date:
    return period_end(period // 100, period % 100)


class MemberMonth(NamedTuple):
    """One member in one month of the report, with what the tally steps need to count them."""

    period: int
    start: datetime.date  # the month's first day
    end: datetime.date  # its last day
    as_of: datetime.date  # the day their standing is judged: the month's end, or today for this month
    joined_on: datetime.date
    ended_on: datetime.date | None  # the day they resigned or died
    collected: int  # satang credited to them in the month
    paid_to: datetime.date | None  # paid through, as of `as_of` (None: not a member on that day)


def count_expected(m: MemberMonth, tally: Tally, rules: FundRules) -> None:
    """The daily rate for each day of the month the member belonged to the fund."""
    last_day = m.end if m.ended_on is None else min(m.end, m.ended_on - datetime.timedelta(days=1))
    days = (last_day - max(m.start, m.joined_on)).days + 1
    if days > 0:
        tally.members += 1
        tally.expected += days * rules.contributions.daily_rate


def count_collected(m: MemberMonth, tally: Tally, rules: FundRules) -> None:
    tally.collected += m.collected
    tally.paying += m.collected > 0


def count_standing(m: MemberMonth, tally: Tally, rules: FundRules) -> None:
    """In arrears or lapsed at the month's end, from what they had paid by then."""
    if m.paid_to is None:
        return
    standing = rules.contributions.standing(m.paid_to, m.as_of)
    tally.in_arrears += standing is Standing.IN_ARREARS
    tally.lapsed += standing is Standing.LAPSED


TALLY_STEPS = (count_expected, count_collected, count_standing)


def collection_report(
    user, fund, first: int, last: int, today: datetime.date | None = None
) -> CollectionReport:
    """The report for the months `first` to `last` (YYYYMM, at most MAX_MONTHS of them)."""
    require(user, fund, "view_books")
    today = today or thai_dates.today()
    periods = months_between(first, last)[:MAX_MONTHS]
    rules = rules_for(fund)
    groups = {g.pk: g for g in Group.objects.filter(fund=fund)}
    members = list(
        Member.objects.filter(fund=fund, joined_on__lte=_end(periods[-1])).values_list(
            "pk", "group_id", "joined_on", "status", "status_since"
        )
    )
    paid_now, by_month = _paid(fund, _start(periods[0]))
    # after a fresh start, paid membership counts from the day the member came back (fresh_start)
    back = restarts([MemberRow(*m) for m in members], rules.contributions, today)
    later: dict[int, int] = defaultdict(int)  # member -> paid after the month being looked at
    for period, paid in by_month.items():
        if period > periods[-1]:
            for member_id, amount in paid.items():
                later[member_id] += amount
    tallies: dict[tuple[int, int | None], Tally] = {}

    def tally_of(period: int, group_id: int | None) -> Tally:
        """The group's tally of the month, made when first needed (members in no group have one too)."""
        if (period, group_id) not in tallies:
            tallies[(period, group_id)] = Tally(period, groups.get(group_id))
        return tallies[(period, group_id)]

    def paid_through(pk: int, joined_on: datetime.date, as_of: datetime.date) -> datetime.date:
        counts_from, counted = joined_on, paid_now.get(pk, 0) - later[pk]
        if pk in back and back[pk][0] <= as_of:  # less what was paid before coming back
            counts_from, counted = back[pk][0], counted - (paid_now.get(pk, 0) - back[pk][1])
        return paid_through_date(rules, counts_from, counted)

    for period in reversed(periods):  # newest first: what was paid later is known before each month
        start, end = _start(period), _end(period)
        as_of = min(end, today)
        paid_in = by_month.get(period, {})
        for group in groups.values():  # every group shows, even one without members yet
            tallies[(period, group.pk)] = Tally(period, group)
        for pk, group_id, joined_on, status, status_since in members:
            if joined_on > end:
                continue
            ended_on = status_since if status in ENDED else None
            member_on_the_day = joined_on <= as_of and (ended_on is None or ended_on > as_of)
            month = MemberMonth(
                period,
                start,
                end,
                as_of,
                joined_on,
                ended_on,
                paid_in.get(pk, 0),
                paid_through(pk, joined_on, as_of) if member_on_the_day else None,
            )
            tally = tally_of(period, group_id)
            for step in TALLY_STEPS:
                step(month, tally, rules)
        for member_id, amount in paid_in.items():
            later[member_id] += amount
    group_of = {pk: group_id for pk, group_id, *_ in members}
    for period, member_id, amount in _cancelled_earlier(fund, periods):
        tally_of(period, group_of.get(member_id)).cancelled_earlier += amount
    months = []
    for period in periods:
        month_report = MonthReport(period)
        order = sorted(
            (t for (p, _), t in tallies.items() if p == period),
            key=lambda t: (t.group is None, t.group.code if t.group else ""),
        )
        month_report.groups = order
        month_report.total = Tally(period, None)
        for t in order:
            month_report.total.add(t)
        months.append(month_report)
    return CollectionReport(periods[0], periods[-1], today, months)


def _cancelled_earlier(fund, periods: list[int]) -> list[tuple[int, int, int]]:
    """(month cancelled in, member, satang) of each contribution receipt cancelled in one of `periods`
    that was paid in an earlier month."""
    rows = Receipt.objects.filter(
        fund=fund,
        purpose=Purpose.CONTRIBUTION,
        cancelled_on__gte=_start(periods[0]),
        cancelled_on__lte=_end(periods[-1]),
    ).values_list("member_id", "amount", "paid_on", "cancelled_on")
    return [
        (cancelled.year * 100 + cancelled.month, member_id, amount)
        for member_id, amount, paid, cancelled in rows
        if (paid.year, paid.month) < (cancelled.year, cancelled.month)
    ]


def _paid(fund, since: datetime.date) -> tuple[dict[int, int], dict[int, dict[int, int]]]:
    """What each member has paid in all (their sub-account's totals), and what they paid each month
    from `since` on (period -> member -> satang), from the lines of the member sub-accounts."""
    accounts = Account.objects.filter(fund=fund, member__isnull=False)
    member_of: dict[int, int] = {}  # account -> member
    paid_now: dict[int, int] = {}
    for pk, member_id, debit, credit in accounts.values_list(
        "pk", "member_id", "debit_total", "credit_total"
    ):
        member_of[pk] = member_id
        paid_now[member_id] = paid_now.get(member_id, 0) + credit - debit
    rows = (
        Line.objects.filter(entry__fund=fund, entry__date__gte=since, account__member__isnull=False)
        .values_list("account_id", "entry__period")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    by_month: dict[int, dict[int, int]] = defaultdict(dict)
    for account_id, period, total in rows:
        member_id = member_of[account_id]
        month = by_month[period]
        month[member_id] = month.get(member_id, 0) - total  # credits (payments) are negative lines
    return paid_now, by_month
