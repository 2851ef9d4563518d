"""A roll-up as the pages, the API and the command line show it: the funds' figures, the rows of the table
(funds for a network, networks for a province, provinces for the nation), the total, and the funds that
need attention first.

The same assembly serves both sources of a fund's figures: the roll-up's tables (selectors) and the books
themselves (`from_books`, the full scan that bench/rollup.py times against the tables).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from sajja.core.month import Month
from sajja.rollup.attention import COFUNDING_GRACE_DAYS, RISK_CEILING, Flag, Situation, flags_of, urgency
from sajja.rollup.books import FundBooks, Snapshot, Span, claimed_year
from sajja.rollup.figures import Benefit, Cofunding, Figures, by_party, sum_of
from sajja.schemes.cofunding.fiscal import FiscalYear, fiscal_year_of

FUND, NETWORK, PROVINCE, NATIONAL = "fund", "network", "province", "national"
ATTENTION_SHOWN = 20  # funds listed as needing attention above a province's or the nation's table


class FundRef(NamedTuple):
    pk: int
    code: str
    name_th: str
    name_en: str
    network_id: int
    province_code: str


class FundInputs(NamedTuple):
    """What a fund's figures are made of: its snapshot (None: never worked out), this month's and last
    month's (expected, collected), the fiscal year's to date, the year's benefits by category, the
    co-funding of the fiscal year claimed by party (None: not requested), and what any year's requests
    still owe long after their due date ((satang, the earliest such due date); None: nothing)."""

    snapshot: Snapshot | None
    month: tuple[int, int] | None
    last_month: tuple[int, int] | None
    year: tuple[int, int]
    benefits: dict[str, Benefit]
    cofunding: dict[str, Cofunding] | None = None
    cofunding_overdue: tuple[int, datetime.date] | None = None


class CofundingWindow(NamedTuple):
    """What a day's co-funding figures read: the fiscal year claimed (common era, as requests keep it), and
    the due dates before which what is still owed needs attention (selectors asks the same of the kept
    rows in SQL: `due_on < overdue_before` and `requested > received`)."""

    claimed: int
    overdue_before: datetime.date

    @classmethod
    def of(cls, today: datetime.date) -> CofundingWindow:
        return cls(claimed_year(today).ce, today - datetime.timedelta(days=COFUNDING_GRACE_DAYS))

    def overdue(self, due_on: datetime.date, figures: Cofunding) -> bool:
        """Still owed more than COFUNDING_GRACE_DAYS after its due date."""
        return due_on < self.overdue_before and figures.outstanding > 0


@dataclass
class Row:
    """A row of the table: a fund, or a network or a province as the sum of its funds."""

    kind: str  # FUND, NETWORK or PROVINCE
    code: str
    name_th: str
    name_en: str
    figures: Figures
    flags: list[Flag] = field(default_factory=list)  # a fund's
    situation: Situation | None = None  # a fund's

    @property
    def needs_attention(self) -> bool:
        return bool(self.flags) if self.kind == FUND else bool(self.figures.funds_needing_attention)


@dataclass
class Rollup:
    level: str  # NETWORK, PROVINCE or NATIONAL
    code: str
    name_th: str
    name_en: str
    today: datetime.date
    month: Month
    fiscal_year: FiscalYear  # the one in progress; the co-funding shown is `cofunding_year`'s
    rows: list[Row]  # funds, networks or provinces; those needing attention first
    total: Figures
    attention: list[Row]  # funds needing attention, the most urgent first (ATTENTION_SHOWN of them)
    oldest_refresh: datetime.date | None  # the oldest day a fund's figures were worked out
    body: object = None  # the Network of a network's roll-up

    @property
    def cofunding_year(self) -> FiscalYear:
        """The fiscal year whose co-funding the figures show: the one that ended most recently."""
        return claimed_year(self.today)


def fund_row(ref: FundRef, inputs: FundInputs, month: Month) -> Row:
    """One fund's figures and flags, from what they are made of."""
    s = inputs.snapshot
    f = Figures(funds=1)
    if s is None:
        f.funds_not_current = 1
        situation = Situation(month)
    else:
        for name in ("members_active", "members_lapsed", "members_resigned", "members_deceased"):
            setattr(f, name, getattr(s, name))
        f.paid_up, f.in_arrears, f.lapsed = s.paid_up, s.in_arrears, s.lapsed
        f.months_unclosed, f.reserve, f.ruin_probability = s.months_unclosed, s.reserve, s.ruin_probability
        f.funds_projected = int(s.ruin_probability is not None)
        f.funds_at_risk = int(s.ruin_probability is not None and s.ruin_probability >= RISK_CEILING)
        f.funds_not_current = int(s.period != month.number)
        situation = Situation(month, s.standing_period, s.latest_closed, s.as_of)
    f.funds_cofunding_requested = int(inputs.cofunding is not None)
    f.cofunding = dict(inputs.cofunding or {})  # in the parties' order (figures.by_party)
    if inputs.cofunding_overdue is not None:
        f.cofunding_overdue, due = inputs.cofunding_overdue
        situation = replace(situation, cofunding_due=due)
    f.month_expected, f.month_collected = inputs.month or (0, 0)
    f.last_month_expected, f.last_month_collected = inputs.last_month or (0, 0)
    f.year_expected, f.year_collected = inputs.year
    f.benefits = dict(sorted(inputs.benefits.items()))
    flags = flags_of(f, situation)
    f.funds_needing_attention = int(bool(flags))
    return Row(FUND, ref.code, ref.name_th, ref.name_en, f, flags, situation)


def ranked(rows: Iterable[Row]) -> list[Row]:
    """Those needing attention first, the most urgent first; then the others by code."""
    return sorted(rows, key=lambda r: (not r.needs_attention, *_urgency(r), r.code))


def _urgency(row: Row) -> tuple:
    if row.kind == FUND:
        return urgency(row.figures, row.flags)
    return (-row.figures.funds_needing_attention, 0)


def assemble(
    level: str,
    body: tuple[str, str, str],
    today: datetime.date,
    funds: list[tuple[FundRef, FundInputs]],
    group: Callable[[FundRef], tuple[str, str, str]] | None = None,
) -> Rollup:
    """The roll-up of `body` (code, Thai and English names) over these funds: one row per fund, or per
    group of funds when `group` names each fund's (code, Thai name, English name)."""
    month = Month.of(today)
    fund_rows = [(ref, fund_row(ref, inputs, month)) for ref, inputs in funds]
    if group is None:
        rows = ranked(row for _, row in fund_rows)
    else:
        grouped: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
        for ref, row in fund_rows:
            grouped[group(ref)].append(row)
        kind = NETWORK if level == PROVINCE else PROVINCE
        rows = ranked(
            Row(kind, code, th, en, sum_of(r.figures for r in members))
            for (code, th, en), members in grouped.items()
        )
    needing = ranked(row for _, row in fund_rows if row.flags)
    days = [inputs.snapshot.as_of for _, inputs in funds if inputs.snapshot is not None]
    return Rollup(
        level,
        *body,
        today=today,
        month=month,
        fiscal_year=fiscal_year_of(today),
        rows=rows,
        total=sum_of(row.figures for row in rows),  # the rows' sums: every fund once
        attention=needing[:ATTENTION_SHOWN] if group is not None else needing,
        oldest_refresh=min(days, default=None),
    )


def from_books(found: Iterable[FundBooks], today: datetime.date) -> dict[int, FundInputs]:
    """Each fund's inputs from its books as `books.compute` read them (not from the roll-up's tables)."""
    span = Span.of(today)
    month = span.current
    fy = fiscal_year_of(today)
    in_year = [m.number for m in span.months if m.first_day() >= fy.start]
    window = CofundingWindow.of(today)
    out = {}
    for b in found:
        benefits: dict[str, Benefit] = {}
        for (p, category), v in b.benefits.items():
            if p in in_year:
                benefits[category] = benefits.get(category, Benefit()) + v
        year = (sum(b.months[p][0] for p in in_year), sum(b.months[p][1] for p in in_year))
        claimed = {party: v for (ce, party), v in b.cofunding.items() if ce == window.claimed}
        late = [
            (b.cofunding_due[ce], v)
            for (ce, _), v in b.cofunding.items()
            if window.overdue(b.cofunding_due[ce], v)
        ]
        out[b.fund_id] = FundInputs(
            b.snapshot,
            b.months[month.number][:2],
            b.months[month.previous().number][:2],
            year,
            benefits,
            by_party(claimed) if claimed else None,  # as kept: no party's row, not requested
            (sum(v.outstanding for _, v in late), min(due for due, _ in late)) if late else None,
        )
    return out
