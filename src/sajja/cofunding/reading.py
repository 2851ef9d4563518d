"""The register and the books read set-based into the plain values the co-funding rules take
(`sajja.schemes.cofunding`: `FundFacts`, `MemberRow`), for one fund and one fiscal year: a handful of
queries, whatever the number of members (no query per member).

- the members who had joined by the end of the fiscal year, with their status on its last day (their
  status now, or, for one that changed after the year, the last change that took effect by then);
- what each paid in the year: the lines of their contribution sub-account dated within it (a payment
  cancelled in the year counts no more: its reversal is a line too);
- how many earlier fiscal years each was matched in (a line of an earlier request that counted them and
  brought money from a matching party);
- the fund: founded, registered by the end of the year, its villages or communities and those where members
  still in the fund at the end of the year live (their group's village number, or else their address's),
  the months of the year with a month-end close, and the benefit categories of the scheme in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Sum

from sajja.cofunding.models import FundProfile, RequestLine, Village
from sajja.contributions.models import MonthClose
from sajja.ledger.models import Account, Entry, Line
from sajja.registry.models import FundKind, Member, MemberStatusChange
from sajja.schemes.cofunding import FiscalYear, FundFacts, MemberRow, MemberState, welfare_categories
from sajja.welfare.selectors import scheme_of

ACTIVE = MemberState.ACTIVE.value


@dataclass(frozen=True)
class Register:
    """The members as the computation reads them, and the village each lives in (None: not known)."""

    rows: list[MemberRow]
    villages: dict[int, int | None]


def area_kind(fund, profile: FundProfile | None) -> str:
    """The kind of area the fund's coverage is counted in: the profile's, else the fund's own kind."""
    if profile is not None and profile.area_kind:
        return profile.area_kind
    return "municipality" if fund.kind == FundKind.MUNICIPALITY else str(fund.kind)


def read_register(fund, fy: FiscalYear) -> Register:
    """Every member who had joined by the end of `fy`, with what they paid in it and their matched years."""
    members = list(
        Member.objects.filter(fund=fund, joined_on__lte=fy.end)
        .order_by("number")
        .values_list("pk", "number", "joined_on", "status", "status_since", "group__moo", "person__moo")
    )
    at_end = _status_at_end(fund, fy)
    paid = paid_in_year(fund, fy)
    matched = years_matched(fund, fy)
    rows, villages = [], {}
    for pk, number, joined_on, status, since, group_moo, person_moo in members:
        if since > fy.end:
            status, since = at_end.get(pk, (ACTIVE, joined_on))  # no change by then: as they joined
        rows.append(MemberRow(pk, number, joined_on, status, since, paid.get(pk, 0), matched.get(pk, 0)))
        villages[pk] = group_moo if group_moo is not None else person_moo
    return Register(rows, villages)


def _status_at_end(fund, fy: FiscalYear) -> dict[int, tuple[str, Any]]:
    """For the members whose status changed after the year: the last change that took effect by its end."""
    changes = (
        MemberStatusChange.objects.filter(
            member__fund=fund, member__status_since__gt=fy.end, effective_on__lte=fy.end
        )
        .order_by("member_id", "effective_on", "id")
        .values_list("member_id", "status", "effective_on")
    )
    return {member: (status, day) for member, status, day in changes}  # the last one wins


def paid_in_year(fund, fy: FiscalYear) -> dict[int, int]:
    """Satang each member paid in `fy`, from the lines of their contribution sub-accounts.

    The year's entries are read as a list of ids first and their lines summed by account (a join line by
    line is three times slower on SQLite for a large fund); the accounts are then told to their members."""
    entries = Entry.objects.filter(fund=fund, date__gte=fy.start, date__lte=fy.end).values("id")
    totals = (
        Line.objects.filter(entry_id__in=entries)
        .values_list("account_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    members = dict(
        Account.objects.filter(fund=fund, member__isnull=False).values_list("id", "member_id").order_by()
    )
    return {members[account]: -total for account, total in totals if account in members}


def years_matched(fund, fy: FiscalYear) -> dict[int, int]:
    """How many fiscal years before `fy` each member was matched in, by the fund's earlier requests."""
    rows = (
        RequestLine.objects.filter(
            request__fund=fund, request__fiscal_year__lt=fy.ce, reasons="", matched__gt=0
        )
        .values_list("member_id")
        .annotate(years=Count("request__fiscal_year", distinct=True))
        .order_by()
    )
    return dict(rows)


def months_closed(fund, fy: FiscalYear) -> frozenset[tuple[int, int]]:
    """The months of `fy` that have their month-end close."""
    first, last = fy.months()[0], fy.months()[-1]
    periods = MonthClose.objects.filter(
        fund=fund, period__gte=first[0] * 100 + first[1], period__lte=last[0] * 100 + last[1]
    ).values_list("period", flat=True)
    return frozenset(divmod(p, 100) for p in periods)


def fund_facts(
    fund,
    fy: FiscalYear,
    profile: FundProfile | None,
    register: Register,
    rows_counted: set[int],
    chain_intact: bool,
) -> FundFacts:
    """The facts the fund-level rules judge. `rows_counted`: the members still in the fund at the end of
    the year (their villages are the ones covered)."""
    numbers = (
        set(Village.objects.filter(profile=profile).values_list("number", flat=True)) if profile else set()
    )
    covered = {register.villages[pk] for pk in rows_counted} & numbers
    registered = bool(profile and profile.registered_on and profile.registered_on <= fy.end)
    scheme = scheme_of(fund)
    return FundFacts(
        founded_on=fund.founded_on,
        registered=registered,
        kind=area_kind(fund, profile),
        villages_total=len(numbers),
        villages_with_members=len(covered),
        months_closed=months_closed(fund, fy),
        chain_intact=chain_intact,
        welfare_categories=frozenset() if scheme is None else welfare_categories(scheme, fy),
    )
