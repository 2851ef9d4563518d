"""Where every member stands at a month's end, and what each group was due and paid: worked out in plain
Python from rows already read (no query here), so the close reads a fund in a few set-based queries.

A member counts from the day they joined. Their paid-through date follows from what they had paid by
the month's end (rule 2 of `sajja.schemes.periods`), their standing from their unpaid days on that day
(rule 7): **paid up** (or within the grace period), **in arrears**, or **lapsed**: schemes' `Standing`,
the words the close keeps (contributions.models.StandingChoice) and the pages show.

A standing is not the member's registry status (`MemberStatus`: active, lapsed, resigned, deceased),
though the close changes that status from it. A member whose registry status is lapsed comes back (is
reinstated) once what they paid covers them again and, where the rules charge a reinstatement fee, they
have paid it since they lapsed; if the rules allow no reinstatement they stay lapsed. Under a fresh
start (`pay_arrears: false`) the missed days are not owed: the member comes back on their first payment
since they lapsed (on the fee's day, where one is charged), and their paid membership counts from that
day (`fresh_start`). Resigned and deceased members have left.

**Expected** for the month is the daily rate for each day of the month a member was in the fund,
for every member not lapsed at its end; **collected** is what members paid in during the month (net of
cancellations), counted by their group whatever their standing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from sajja.contributions.rules import RuleBook
from sajja.registry.models import MemberStatus
from sajja.schemes.contributions import Standing

ENDED = frozenset({MemberStatus.RESIGNED, MemberStatus.DECEASED})  # registry statuses: the member has left


class MemberRow(NamedTuple):
    pk: int
    group_id: int | None
    joined_on: datetime.date
    status: str  # the registry's (MemberStatus): active, lapsed, resigned, deceased
    status_since: datetime.date


class MemberAtMonthEnd(NamedTuple):
    """Where one member stood at the month's end: a row of the close (MemberMonthStanding)."""

    member_id: int
    group_id: int | None
    paid_total: int
    paid_through: datetime.date
    standing: Standing
    arrears: int


class StatusChange(NamedTuple):
    member_id: int
    status: str  # the registry's new status (MemberStatus): lapsed, or active again (reinstated)
    effective_on: datetime.date


@dataclass
class GroupTotals:
    expected: int = 0
    collected: int = 0
    counts: dict[Standing, int] = field(default_factory=lambda: dict.fromkeys(Standing, 0))


@dataclass(frozen=True)
class MonthFigures:
    standings: list[MemberAtMonthEnd]
    changes: list[StatusChange]
    groups: dict[int | None, GroupTotals]


def month_figures(
    book: RuleBook,
    first: datetime.date,
    last: datetime.date,
    members: list[MemberRow],
    paid: dict[int, int],
    collected: dict[int, int],
    last_paid: dict[int, datetime.date],
    group_ids: list[int],
    *,
    change_registry: bool,
    fees_paid: dict[int, datetime.date] | None = None,
    restarts: dict[int, tuple[datetime.date, int]] | None = None,
) -> MonthFigures:
    """The month [first, last] of one fund under the rules in force on `last` (days priced at the rate
    of their own day): each member's standing on `last`, the registry changes it implies (when
    `change_registry`), and each group's totals. `paid`: satang paid by `last`; `collected`: satang
    paid within the month; `last_paid`: the day of each member's last payment; `fees_paid`: the day
    each lapsed member paid the reinstatement fee of their lapse, by `last`; `restarts`: under a fresh
    start, (the day paid membership counts from, satang paid since) of each member who came back or
    (lapsed members) may come back now."""
    c = book.on(last).contributions
    fees_paid, restarts = fees_paid or {}, restarts or {}
    fresh = c.reinstatement.fresh_start
    fee = c.reinstatement.fee if c.reinstatement.allowed else 0
    one_day = datetime.timedelta(days=1)
    groups: dict[int | None, GroupTotals] = {g: GroupTotals() for g in group_ids}
    standings: list[MemberAtMonthEnd] = []
    changes: list[StatusChange] = []
    for m in members:
        totals = groups.get(m.group_id) or groups.setdefault(m.group_id, GroupTotals())
        totals.collected += collected.get(m.pk, 0)
        if m.joined_on > last or (m.status in ENDED and m.status_since <= last):
            continue
        total = paid.get(m.pk, 0)
        restart = restarts.get(m.pk)
        start, counted = restart or (m.joined_on, total)
        paid_to = book.paid_through(start, counted)
        standing = c.standing(paid_to, last)
        later = m.status_since > last  # the registry already holds a change made after this month
        registry_lapsed = m.status == MemberStatus.LAPSED
        if registry_lapsed and not later and _kept_out(c, fresh, fee, m.pk, fees_paid, restart):
            standing = Standing.LAPSED
        if change_registry and not later:
            back_on = restart[0] if fresh and restart and registry_lapsed else None
            back_on = back_on or max(filter(None, (last_paid.get(m.pk), fees_paid.get(m.pk))), default=None)
            change = _registry_change(c, m, standing, paid_to, back_on)
            if change:
                changes.append(change)
        arrears = book.cost(paid_to + one_day, last)
        standings.append(MemberAtMonthEnd(m.pk, m.group_id, total, paid_to, standing, arrears))
        totals.counts[standing] += 1
        if standing is not Standing.LAPSED:
            totals.expected += book.cost(max(m.joined_on, first), last)
    return MonthFigures(standings, changes, groups)


def _kept_out(c, fresh: bool, fee: int, pk: int, fees_paid, restart) -> bool:
    """Whether a lapsed member stays out: the rules allow no reinstatement; under a fresh start, they
    have not come back (no payment since they lapsed, or no fee where one is charged); otherwise, they
    have not paid the reinstatement fee where one is charged (their arrears are judged by their standing)."""
    if not c.reinstatement.allowed:
        return True
    if fresh:
        return restart is None
    return bool(fee) and pk not in fees_paid


def _registry_change(c, m: MemberRow, standing: Standing, paid_to, last_paid) -> StatusChange | None:
    """A lapse is dated on the first day the member counted as lapsed; a reinstatement on the day of
    the payment that brought the member back (the last contribution, or the fee if paid later).
    Neither is dated before the registry's last change. (`str`: the status as the plain text the close
    writes to the registry's rows.)"""
    if m.status == MemberStatus.ACTIVE and standing is Standing.LAPSED:
        lapses_on = max(c.lapses_on(paid_to), m.status_since, m.joined_on)
        return StatusChange(m.pk, str(MemberStatus.LAPSED), lapses_on)
    if m.status == MemberStatus.LAPSED and standing is not Standing.LAPSED:
        back_on = max(last_paid or m.status_since, m.status_since)
        return StatusChange(m.pk, str(MemberStatus.ACTIVE), back_on)
    return None


def fund_totals(groups: dict[int | None, GroupTotals]) -> GroupTotals:
    """The whole fund: every group's figures added up."""
    out = GroupTotals()
    for g in groups.values():
        out.expected += g.expected
        out.collected += g.collected
        for k, v in g.counts.items():
            out.counts[k] += v
    return out
