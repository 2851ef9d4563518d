"""The limit on administration costs, held on the books' one posting path (a guard, sajja.ledger.guards):
whichever way an administration expense is posted (the entry form, the API, an import), the fiscal year's
administration costs are judged against the limit (sajja.schemes.cofunding.admin_cost says how).

- within the limit's warning line: posted;
- past the warning line (80 % of the limit): posted, with a warning that says how much of the limit is used;
- past the limit: refused, unless the poster names a resolution of the fund's own meeting that allows the
  fiscal year's administration costs past the limit (a link of kind `admin_cost` naming the year). The
  entry is then posted and kept with that resolution and the figures as judged (AdminCostOverride), and
  the write is audited.

The limit is the fund's own (AdminLimit, from a fiscal year on) or the national 20 %.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.records import digest_of_record
from sajja.audit.services import record, serialise_audited_writes
from sajja.cofunding import reasons
from sajja.cofunding.models import AdminCostOverride, AdminLimit
from sajja.cofunding.records import ADMIN_LIMIT, ADMIN_OVERRIDE
from sajja.cofunding.writing import baht_said
from sajja.core.errors import ValidationFailed
from sajja.core.ledger.records import AccountKind
from sajja.core.ledger.records import Entry as EntryRecord
from sajja.ledger.guards import Verdict
from sajja.ledger.models import Account, Line
from sajja.meetings.models import LinkKind, Resolution
from sajja.reasons import Both
from sajja.schemes.cofunding.admin_cost import (
    ADMIN_ACCOUNT_PREFIX,
    DEFAULT_LIMIT_PERCENT,
    AdminCost,
    AdminVerdict,
    is_admin_account,
    judge_admin_cost,
)
from sajja.schemes.cofunding.fiscal import FiscalYear, fiscal_year_of

NOTE_LIMIT = 200


def limit_percent(fund, fy: FiscalYear) -> tuple[int, AdminLimit | None]:
    """The limit in force in the fiscal year: the fund's own latest from that year or before, or 20 %."""
    own = (
        AdminLimit.objects.filter(fund=fund, from_fiscal_year__lte=fy.ce)
        .order_by("-from_fiscal_year")
        .first()
    )
    return (own.percent, own) if own else (DEFAULT_LIMIT_PERCENT, None)


def year_figures(fund, fy: FiscalYear) -> tuple[int, int]:
    """(the fund's money in the fiscal year, its administration costs so far), in satang, from the books.

    The money is what the fund had to run on in the year: what it holds (its net assets, the asset and
    liability accounts' running totals, less any lines dated after the year) and what it has spent in the
    year so far (every expense posted in the year) - that is, what it held at the year's start and all
    that came in during it (income, and capital such as an opening balance). Two grouped queries."""
    kinds = (AccountKind.ASSET, AccountKind.LIABILITY)
    held = Account.objects.filter(fund=fund, kind__in=kinds, is_control=False).aggregate(
        d=Sum("debit_total"), c=Sum("credit_total")
    )
    lines = Line.objects.filter(account__fund=fund, entry__date__gte=fy.start)
    expense = Q(account__kind=AccountKind.EXPENSE, entry__date__lte=fy.end)
    moved = lines.aggregate(
        later=Sum("amount", filter=Q(account__kind__in=kinds, entry__date__gt=fy.end)),
        spent=Sum("amount", filter=expense),
        admin=Sum("amount", filter=expense & Q(account__code__startswith=ADMIN_ACCOUNT_PREFIX)),
    )
    holds = (held["d"] or 0) - (held["c"] or 0) - (moved["later"] or 0)
    return holds + (moved["spent"] or 0), moved["admin"] or 0


@dataclass(frozen=True)
class YearAdminCost:
    """A fiscal year's administration costs as a page shows them."""

    fiscal_year: FiscalYear
    cost: AdminCost
    own_limit: AdminLimit | None


def admin_cost_of(fund, fy: FiscalYear) -> YearAdminCost:
    percent, own = limit_percent(fund, fy)
    base, spent = year_figures(fund, fy)
    return YearAdminCost(fy, judge_admin_cost(base, spent=spent, adding=0, limit_percent=percent), own)


def _adding_by_year(entries: Sequence[EntryRecord]) -> dict[FiscalYear, int]:
    adding: dict[FiscalYear, int] = defaultdict(int)
    for entry in entries:
        for posting in entry.postings:
            if is_admin_account(posting.account):
                adding[fiscal_year_of(entry.date)] += posting.amount
    return adding


def _batch_money(fund, fy: FiscalYear, entries: Sequence[EntryRecord]) -> int:
    """What the entries being posted add to the fund's money in the fiscal year, counted as year_figures
    counts the books: their asset and liability lines up to the year's end, and their expenses in it (an
    expense paid from cash leaves the money as it was; a contribution in the same batch adds to it)."""
    codes = {p.account for e in entries for p in e.postings}
    kinds = dict(Account.objects.filter(fund=fund, code__in=codes).values_list("code", "kind"))
    money = 0
    for entry in entries:
        if entry.date > fy.end:
            continue
        for posting in entry.postings:
            kind = kinds.get(posting.account)
            if kind in (AccountKind.ASSET, AccountKind.LIABILITY) or (
                kind == AccountKind.EXPENSE and entry.date >= fy.start
            ):
                money += posting.amount
    return money


def _percent(cost: AdminCost) -> Both:
    p = cost.percent_after
    text = f"{p:.1f}" if p is not None else "-"
    return Both(text, text)


def _said(cost: AdminCost, fy: FiscalYear) -> dict:
    return dict(
        year=Both(str(fy.be), str(fy.be)),
        after=baht_said(cost.after),
        percent=_percent(cost),
        limit=cost.limit_percent,
        ceiling=baht_said(cost.ceiling),
        base=baht_said(cost.base),
    )


def _resolution_label(resolution: Resolution) -> str:
    years = ", ".join(link.ref for link in resolution.links.all() if link.kind == LinkKind.ADMIN_COST)
    return f"{resolution} · ปีงบประมาณ {years} · {resolution.text[:60]}"


def _allowing(fund, resolution_id: int | None, fy: FiscalYear) -> Resolution | None:
    """The fund's resolution allowing the year's administration costs past the limit, if that is the one
    named."""
    if resolution_id is None:
        return None
    return (
        Resolution.objects.filter(
            pk=resolution_id, meeting__fund=fund, links__kind=LinkKind.ADMIN_COST, links__ref=str(fy.be)
        )
        .select_related("meeting")
        .first()
    )


class AdminCostGuard:
    """The guard the co-funding area sets on the books (registered in apps.py)."""

    def authorisers(self, fund) -> list[tuple[int, str]]:
        """The fund's resolutions allowing a fiscal year's administration costs past the limit."""
        rows = (
            Resolution.objects.filter(meeting__fund=fund, links__kind=LinkKind.ADMIN_COST)
            .select_related("meeting")
            .prefetch_related("links")
            .order_by("-meeting__date", "-number")
            .distinct()
        )
        return [(r.pk, _resolution_label(r)) for r in rows]

    def concerns(self, entries: Sequence[EntryRecord]) -> bool:
        return any(is_admin_account(p.account) for e in entries for p in e.postings)

    def judge(self, actor, fund, entries: Sequence[EntryRecord], authorised_by: int | None) -> Verdict:
        warnings, allowed = [], []
        for fy, adding in sorted(_adding_by_year(entries).items()):
            percent, _ = limit_percent(fund, fy)
            base, spent = year_figures(fund, fy)
            base += _batch_money(fund, fy, entries)
            cost = judge_admin_cost(base, spent=spent, adding=adding, limit_percent=percent)
            if cost.verdict is AdminVerdict.NEAR:
                warnings.append(reasons.ADMIN_COST_NEAR.problem("amount", **_said(cost, fy)))
            elif cost.verdict is AdminVerdict.PAST:
                resolution = _allowing(fund, authorised_by, fy)
                if resolution is None:
                    problem = (
                        reasons.ADMIN_COST_PAST
                        if authorised_by is None
                        else reasons.ADMIN_COST_RESOLUTION_INVALID
                    )
                    raise problem.invalid("amount", **_said(cost, fy), resolution=authorised_by or "")
                warnings.append(reasons.ADMIN_COST_ALLOWED.problem("amount", **_said(cost, fy)))
                allowed.append((fy, cost, resolution))
        if not allowed:
            return Verdict(tuple(warnings))
        years = [fiscal_year_of(e.date) for e in entries]
        concerned = [self.concerns([e]) for e in entries]

        def keep(ids: list[int]) -> None:
            for fy, cost, resolution in allowed:
                for pk, year, admin in zip(ids, years, concerned, strict=True):
                    if year == fy and admin:
                        _keep_override(actor, fund, pk, resolution, fy, cost)

        return Verdict(tuple(warnings), keep)


def _keep_override(actor, fund, entry_id: int, resolution: Resolution, fy: FiscalYear, cost: AdminCost):
    row = AdminCostOverride.objects.create(
        fund=fund,
        entry_id=entry_id,
        resolution=resolution,
        fiscal_year=fy.ce,
        base=cost.base,
        spent_before=cost.spent,
        adding=cost.adding,
        limit_percent=cost.limit_percent,
        recorded_at=timezone.now(),
    )
    record(
        actor,
        "cofunding.admin_cost.allowed",
        ADMIN_OVERRIDE.object_type,
        row.pk,
        fund_id=fund.pk,
        digest=digest_of_record(ADMIN_OVERRIDE, row.pk),
    )


def set_admin_limit(actor, fund, percent: int, from_fy: FiscalYear, note: str = "") -> AdminLimit:
    """The fund's own limit from a fiscal year on (kept again for the same year replaces it; a retry with
    the same figures writes nothing)."""
    require(actor, fund, "manage_cofunding")
    if type(percent) is not int or not 1 <= percent <= 100:
        raise reasons.ADMIN_LIMIT_INVALID.invalid("percent")
    if not isinstance(note, str) or len(note) > NOTE_LIMIT:
        raise ValidationFailed([reasons.NOTE_TOO_LONG.problem("note", limit=NOTE_LIMIT)])
    with transaction.atomic():
        serialise_audited_writes()
        kept = AdminLimit.objects.filter(fund=fund, from_fiscal_year=from_fy.ce).first()
        if kept is not None and (kept.percent, kept.note) == (percent, note.strip()):
            return kept
        row, _ = AdminLimit.objects.update_or_create(
            fund=fund,
            from_fiscal_year=from_fy.ce,
            defaults=dict(
                percent=percent,
                note=note.strip(),
                set_by_id=getattr(actor, "pk", None),
                set_at=timezone.now(),
            ),
        )
        record(
            actor,
            "cofunding.admin_limit",
            ADMIN_LIMIT.object_type,
            row.pk,
            fund_id=fund.pk,
            digest=digest_of_record(ADMIN_LIMIT, row.pk),
        )
        return row
