"""The month-end close of one fund: lock the month in the books, derive where every member stands at its
end, record the registry's status changes (lapsed, reinstated), and write each group's collection
summary with the month's close record.

All of it is one transaction: killed at any point, nothing of the close is kept, and running it again
gives exactly what an uninterrupted run gives. Closing a month already closed returns its record and
writes nothing. Months are closed oldest first, from the fund's first month (`first_month`): a month
is refused while an earlier one is open. `preview` works out what closing a month would do with the
close's own figures, writing nothing. The fund is read with a few set-based queries (see `derive`).

For the crash test, `SAJJA_CLOSE_FAULT=<step>` ends the process abruptly at that step (see STEPS), and
`SAJJA_CLOSE_PAUSE=<seconds>` waits at every step, so that a kill at a random time lands inside the close.
"""

from __future__ import annotations

import datetime
import os
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max, Min, Q, Sum
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.records import MEMBER, MONTH_CLOSE, digest_of_record, digests
from sajja.audit.services import record, record_many, serialise_audited_writes
from sajja.contributions.fresh_start import paid_by_day, restarts
from sajja.contributions.models import (
    GroupMonthSummary,
    MemberMonthStanding,
    MonthClose,
    Purpose,
    Receipt,
    StandingChoice,
)
from sajja.contributions.month_end.derive import MemberRow, MonthFigures, fund_totals, month_figures
from sajja.contributions.month_end.reasons import OUT_OF_ORDER
from sajja.contributions.rules import RuleBook, rule_book
from sajja.contributions.validation import fee_settled
from sajja.core.month import Month
from sajja.ledger.models import Account, Entry, Line
from sajja.ledger.selectors import parse_period, period_end
from sajja.ledger.services import close_period
from sajja.reasons import Both
from sajja.registry.models import Group, Member, MemberStatus, MemberStatusChange
from sajja.schemes.contributions import Standing

FAULT_VARIABLE = "SAJJA_CLOSE_FAULT"
PAUSE_VARIABLE = "SAJJA_CLOSE_PAUSE"
STEPS = ("period_locked", "close_written", "standings_written", "statuses_written", "summaries_written")
_CHUNK = 2000


def fault_point(step: str) -> None:
    """End the process here, as a crash would (no cleanup, no commit), when the fault names this step."""
    if os.environ.get(FAULT_VARIABLE) == step:
        os._exit(70)
    if os.environ.get(PAUSE_VARIABLE):
        time.sleep(float(os.environ[PAUSE_VARIABLE]))


def month_of(period) -> tuple[int, int]:
    """'2026-10' (or '2569-10'), or (2026, 10), as (year, month)."""
    if isinstance(period, str):
        return parse_period(period)
    year, month = period
    return int(year), int(month)


def close_month(actor, fund, period, *, today: datetime.date | None = None) -> MonthClose:
    """Close `period` of `fund` (treasurer or administrator). Idempotent and all or nothing."""
    require(actor, fund, "close_period")
    year, month = month_of(period)
    first, last = datetime.date(year, month, 1), period_end(year, month)
    code = year * 100 + month
    with transaction.atomic():
        serialise_audited_writes()  # one close at a time, and no payment posts while the month's figures are read
        done = MonthClose.objects.filter(fund=fund, period=code).first()
        if done:
            return done
        close_period(actor, fund, year, month, today=today)  # refuses a month not ended, or before the fund
        _check_in_order(fund, Month(year, month))  # refused: the lock above is undone with the transaction
        fault_point("period_locked")
        book, figures = _work_out(fund, first, last)
        close = _write_close(actor, fund, code, last, book.on(last).version, figures)
        fault_point("close_written")
        _write_standings(close, figures)
        fault_point("standings_written")
        _write_changes(actor, fund, code, figures)
        fault_point("statuses_written")
        GroupMonthSummary.objects.bulk_create(
            GroupMonthSummary(
                close=close,
                group_id=group_id,
                expected=t.expected,
                collected=t.collected,
                members_active=t.counts[Standing.PAID_UP],
                members_in_arrears=t.counts[Standing.IN_ARREARS],
                members_lapsed=t.counts[Standing.LAPSED],
            )
            for group_id, t in figures.groups.items()
        )
        # The close as stored, with every standing and group summary (audit.records.MONTH_CLOSE): the
        # event's digest covers them, so `audit verify` finds any figure changed since.
        record(
            actor,
            "contributions.month.close",
            MONTH_CLOSE.object_type,
            close.pk,
            fund_id=fund.pk,
            digest=digest_of_record(MONTH_CLOSE, close.pk),
        )
        fault_point("summaries_written")
        return close


def close_through(actor, fund, period, *, today: datetime.date | None = None) -> MonthClose:
    """Close every month still open up to `period`, oldest first, each as `close_month` does (each its
    own transaction); the close of `period`. For a fund's first closes and the demo."""
    target = Month(*month_of(period))
    month = next_to_close(fund)
    while month is not None and month < target:
        close_month(actor, fund, month, today=today)
        month = month.next()
    return close_month(actor, fund, target, today=today)


def first_month(fund) -> Month | None:
    """The fund's first month that needs closing, as the roll-up counts the months still to close: its
    first month of the books, not before its founding (the founding's month when the books are empty;
    the first member's when the fund has neither); earlier where a month before it was closed. None for
    a fund with none of these: nothing to close yet."""
    entry = Entry.objects.filter(fund=fund).aggregate(first=Min("date"))["first"]
    founded = fund.founded_on
    start = max(entry, founded) if entry and founded else entry or founded
    if start is None:
        start = Member.objects.filter(fund=fund).aggregate(first=Min("joined_on"))["first"]
    earliest = MonthClose.objects.filter(fund=fund).aggregate(first=Min("period"))["first"]
    months = [Month.of(start)] if start else []
    months += [Month.from_number(earliest)] if earliest else []
    return min(months, default=None)


def next_to_close(fund) -> Month | None:
    """The oldest month of the fund not closed yet, from its first month (whether it has ended or not)."""
    month = first_month(fund)
    if month is None:
        return None
    closed = set(
        MonthClose.objects.filter(fund=fund, period__gte=month.number).values_list("period", flat=True)
    )
    while month.number in closed:
        month = month.next()
    return month


def _check_in_order(fund, month: Month) -> None:
    """Refuse `month` while an earlier month of the fund is not closed: naming the oldest of them."""
    due = next_to_close(fund)
    if due is not None and due < month:
        said = {name: Both(m.label("th"), str(m)) for name, m in (("earliest", due), ("month", month))}
        raise OUT_OF_ORDER.invalid("period", **said)


def _work_out(fund, first: datetime.date, last: datetime.date) -> tuple[RuleBook, MonthFigures]:
    """The close's figures of the month [first, last]: what `close_month` writes and `preview` shows.
    The registry changes only by the fund's latest close (an earlier month leaves it as it is)."""
    book = rule_book(fund)
    latest = not MonthClose.objects.filter(fund=fund, period__gt=first.year * 100 + first.month).exists()
    return book, _figures(fund, book, first, last, change_registry=latest)


@dataclass(frozen=True)
class MemberLine:
    number: str
    name: str


@dataclass(frozen=True)
class Preview:
    """What closing `month` would do, worked out as the close works it out, with nothing written."""

    month: Month
    expected: int
    collected: int
    counts: dict[Standing, int]  # members by standing at the month's end
    into_arrears: list[MemberLine]  # in arrears at its end, and not at the previous close
    lapsing: list[MemberLine]  # the registry would mark them lapsed
    reinstated: list[MemberLine]  # the registry would mark them active again

    @property
    def by_standing(self) -> list[tuple[str, int]]:
        """(the standing in words, how many members would stand there), as a closed month shows them."""
        words = dict(StandingChoice.choices)
        return [(words[standing], self.counts[standing]) for standing in Standing]


def preview(fund, month: Month) -> Preview:
    """What `close_month` would write for `month` (read only: the caller checks who may read it)."""
    _, figures = _work_out(fund, month.first_day(), month.last_day())
    total = fund_totals(figures.groups)
    before = set(
        MemberMonthStanding.objects.filter(
            close__fund=fund, close__period=month.previous().number, standing=Standing.IN_ARREARS
        ).values_list("member_id", flat=True)
    )
    arrears = [s.member_id for s in figures.standings if s.standing is Standing.IN_ARREARS]
    by_status = {
        status: [c.member_id for c in figures.changes if c.status == str(status)]
        for status in (MemberStatus.LAPSED, MemberStatus.ACTIVE)
    }
    return Preview(
        month,
        total.expected,
        total.collected,
        total.counts,
        _lines([pk for pk in arrears if pk not in before]),
        _lines(by_status[MemberStatus.LAPSED]),
        _lines(by_status[MemberStatus.ACTIVE]),
    )


def _lines(member_ids: list[int]) -> list[MemberLine]:
    """Members' numbers and names, by number (in chunks: the lists can be long in a big fund)."""
    found: list[MemberLine] = []
    for start in range(0, len(member_ids), _CHUNK):
        rows = Member.objects.filter(pk__in=member_ids[start : start + _CHUNK]).select_related("person")
        found += [MemberLine(m.number, m.person.full_name) for m in rows]
    return sorted(found, key=lambda m: m.number)


def _figures(fund, book, first, last, *, change_registry: bool) -> MonthFigures:
    members = [
        MemberRow(*row)
        for row in Member.objects.filter(fund=fund).values_list(
            "pk", "group_id", "joined_on", "status", "status_since"
        )
    ]
    paid, collected = _paid(fund, first, last)
    lapsed = [m.pk for m in members if m.status == MemberStatus.LAPSED and m.status_since <= last]
    group_ids = list(Group.objects.filter(fund=fund).order_by("code").values_list("pk", flat=True))
    c = book.on(last).contributions
    fees = _reinstatement_fees(fund, members, lapsed, last)
    return month_figures(
        book,
        first,
        last,
        members,
        paid,
        collected,
        _last_paid(lapsed, last) if change_registry else {},
        group_ids,
        change_registry=change_registry,
        fees_paid=fees,
        restarts=restarts(members, c, last, until=last) | _comebacks(members, lapsed, c, fees, last),
    )


def _comebacks(members, lapsed: list[int], c, fees: dict[int, datetime.date], last) -> dict:
    """Under a fresh start, the lapsed members who came back by `last`: (the day they came back, satang
    paid from it). Where the rules charge a reinstatement fee they came back on the day they paid it;
    otherwise on their first payment since they lapsed. What they paid before that day does not count
    (as the welfare rules count it: only payments from the day a member came back)."""
    if not c.reinstatement.fresh_start or not lapsed:
        return {}
    wanted = set(lapsed)
    since = {m.pk: m.status_since for m in members if m.pk in wanted}
    if c.reinstatement.fee:
        since = {pk: fees[pk] for pk in since if pk in fees}  # back from the fee's day, not before
    paid = paid_by_day(since, last)
    out = {}
    for pk, day in since.items():
        days = paid.get(pk, [])
        if c.reinstatement.fee:
            out[pk] = (day, sum(s for _, s in days))
        elif first := next((d for d, s in days if s > 0), None):  # a payment, not a cancellation
            out[pk] = (first, sum(s for d, s in days if d >= first))
    return out


def _reinstatement_fees(fund, members: list[MemberRow], lapsed: list[int], last) -> dict[int, datetime.date]:
    """The day each lapsed member paid the reinstatement fee of their current lapse, by `last` (a receipt
    not cancelled by then), in one query for every few thousand of them."""
    since = {m.pk: m.status_since for m in members}
    found: dict[int, datetime.date] = {}
    for start in range(0, len(lapsed), _CHUNK):
        rows = (
            Receipt.objects.filter(
                fund=fund,
                member_id__in=lapsed[start : start + _CHUNK],
                purpose=Purpose.REINSTATEMENT_FEE,
                paid_on__lte=last,
            )
            .filter(Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=last))
            .values_list("member_id", "paid_on")
        )
        for member_id, paid_on in rows:
            if fee_settled(str(Purpose.REINSTATEMENT_FEE), paid_on, since[member_id]):
                found[member_id] = min(paid_on, found.get(member_id, paid_on))
    return found


def _paid(fund, first, last) -> tuple[dict[int, int], dict[int, int]]:
    """Satang each member had paid by `last`, and paid within [first, last]: the account's running
    totals less the lines dated after `last` (few, when the month just ended), in two queries."""
    paid = {
        member_id: credit - debit
        for member_id, debit, credit in Account.objects.filter(fund=fund, member__isnull=False).values_list(
            "member_id", "debit_total", "credit_total"
        )
    }
    lines = (
        Line.objects.filter(entry__fund=fund, entry__date__gte=first, account__member__isnull=False)
        .values("account__member_id")
        .annotate(
            after=Sum("amount", filter=Q(entry__date__gt=last)),
            within=Sum("amount", filter=Q(entry__date__lte=last)),
        )
    )
    collected = {}
    for row in lines:
        member_id = row["account__member_id"]
        paid[member_id] = paid.get(member_id, 0) + (row["after"] or 0)
        if row["within"]:
            collected[member_id] = -row["within"]
    return paid, collected


def _last_paid(member_ids: list[int], last) -> dict[int, datetime.date]:
    """The day of each member's last payment on or before `last` (for the few lapsed members)."""
    found = {}
    for start in range(0, len(member_ids), _CHUNK):
        rows = (
            Line.objects.filter(
                account__member_id__in=member_ids[start : start + _CHUNK], amount__lt=0, entry__date__lte=last
            )
            .values("account__member_id")
            .annotate(day=Max("entry__date"))
        )
        found.update({r["account__member_id"]: r["day"] for r in rows})
    return found


def _write_close(actor, fund, code: int, last, version, figures: MonthFigures) -> MonthClose:
    total = fund_totals(figures.groups)
    close = MonthClose.objects.create(
        fund=fund,
        period=code,
        month_end=last,
        rules_version=version,
        expected=total.expected,
        collected=total.collected,
        members_active=total.counts[Standing.PAID_UP],
        members_in_arrears=total.counts[Standing.IN_ARREARS],
        members_lapsed=total.counts[Standing.LAPSED],
        status_changes=len(figures.changes),
        closed_at=timezone.now(),
        closed_by_id=getattr(actor, "pk", None),
    )
    return close


def _write_standings(close: MonthClose, figures: MonthFigures) -> None:
    """Every member's standing, with one executemany (tens of thousands of rows)."""
    adapt = connection.ops.adapt_datefield_value
    days: dict[datetime.date, object] = {}
    rows = [
        (
            close.pk,
            s.member_id,
            s.paid_total,
            days.get(s.paid_through) or days.setdefault(s.paid_through, adapt(s.paid_through)),
            s.standing.value,
            s.arrears,
        )
        for s in figures.standings
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {MemberMonthStanding._meta.db_table}"
            " (close_id, member_id, paid_total, paid_through, standing, arrears) VALUES (%s, %s, %s, %s, %s, %s)",
            rows,
        )


# The line of the member's history each registry change of the close writes, by the new status.
_NOTES = {
    MemberStatus.LAPSED: "ขาดส่งเงินสัจจะเกินกำหนด (ปิดงวด {period}) / contributions unpaid too long",
    MemberStatus.ACTIVE: "กลับเป็นสมาชิกเมื่อส่งเงินสัจจะครบ (ปิดงวด {period}) / reinstated: contributions paid up",
}


def _write_changes(actor, fund, code: int, figures: MonthFigures) -> None:
    """Lapses and reinstatements, the registry's way: the member's status and a line of its history."""
    changes = figures.changes
    if not changes:
        return
    adapt = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Member._meta.db_table} SET status = %s, status_since = %s WHERE id = %s",
            [(c.status, adapt(c.effective_on), c.member_id) for c in changes],
        )
    period = f"{code // 100}-{code % 100:02d}"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    notes = {str(status): note.format(period=period) for status, note in _NOTES.items()}
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {MemberStatusChange._meta.db_table} (member_id, status, effective_on, note, recorded_at)"
            " VALUES (%s, %s, %s, %s, %s)",
            [(c.member_id, c.status, adapt(c.effective_on), notes[c.status], now) for c in changes],
        )
    # One event per member changed (as a change through the registry's service appends), written
    # together: each digests the member as stored now, with the history's new line.
    record_many(
        actor,
        "registry.member.status.derived",
        MEMBER.object_type,
        digests(MEMBER, [c.member_id for c in changes]),
        fund_id=fund.pk,
    )
