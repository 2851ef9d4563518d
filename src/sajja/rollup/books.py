"""Each fund's figures worked out from its books and registry: under twenty grouped queries for any number of
funds at once (or for every fund, with no list at all), never a query per fund.

This is what `services.refresh` keeps in the roll-up's tables, and, run over every fund, the full scan
the maintained tables save the national view from (bench/rollup.py times both).

What each figure is (figures.py names them):

- members: the registry's statuses, every member of the fund;
- standings: the latest month-end close's counts (contributions.MonthClose);
- a month's expected and collected: the month-end close's figures once the month is closed; before, the
  same rule the close applies, with the registry's status standing in for the standing only the close
  works out: the daily rate for every day of the month from the day each member joined, for every member
  who has not left by the month's end and is not lapsed; collected, what the books credited to the
  members' accounts in the month (net of cancellations). The month in progress is expected whole;
- months not closed: months from the first month of the fund's books (not before its founding) that
  ended more than `attention.CLOSE_GRACE_DAYS` days ago and whose books are not closed;
- the reserve: the balances of the cash and bank accounts (the ledger's running totals);
- benefits: claims paid, by category, in the month of their payout entry;
- the projection's risk: the probability of running out by its horizon of the latest projection the
  worker stored for the fund;
- co-funding: every request of the fund (cofunding.CofundingRequest), by fiscal year and party (every
  party but the members themselves): what the party was asked for, what its receipts settled of that
  (their applied part) and what it overpaid less what was refunded (figures.Cofunding). The roll-up shows
  the fiscal year claimed (`claimed_year`: the one that ended most recently) and looks at every year's
  due date for what is still owed long after it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields

from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Greatest

from sajja.cofunding.models import CofundingReceipt, CofundingRefund, CofundingRequest, RequestParty
from sajja.contributions.models import MonthClose
from sajja.contributions.rules import RuleBook
from sajja.core.month import Month
from sajja.ledger.models import ClosedPeriod, Entry, Line
from sajja.ledger.selectors import reserve_accounts, reserves
from sajja.registry.models import Fund, Member, MemberStatus
from sajja.rollup.attention import CLOSE_GRACE_DAYS
from sajja.rollup.figures import Benefit, Cofunding
from sajja.schemes import load_scheme_data
from sajja.schemes.cofunding import Party
from sajja.schemes.cofunding.fiscal import FiscalYear, fiscal_year_of
from sajja.sustainability.models import Projection, Status
from sajja.welfare.models import Claim, FundScheme, FundSchemeVersion
from sajja.welfare.reasons import ClaimStatus
from sajja.welfare.selectors import scheme_header

ENDED = (MemberStatus.RESIGNED, MemberStatus.DECEASED)
CHUNK = 500  # funds per set of queries when a list of funds is given


def claimed_year(today: datetime.date) -> FiscalYear:
    """The fiscal year whose co-funding is being claimed on `today`: the one that ended most recently (a
    year can be requested from the 1 October after its end).

    >>> claimed_year(datetime.date(2026, 12, 1)).be, claimed_year(datetime.date(2026, 9, 30)).be
    (2569, 2568)
    """
    return fiscal_year_of(today).previous()


@dataclass(frozen=True)
class Span:
    """The months a refresh works out: from the start of the fiscal year (or last month, in October) to
    the month in progress, and the last month whose books should be closed by `today`."""

    today: datetime.date
    months: tuple[Month, ...]
    overdue_through: Month  # the latest month ended more than CLOSE_GRACE_DAYS ago

    @classmethod
    def of(cls, today: datetime.date) -> Span:
        current = Month.of(today)
        first = min(Month.of(fiscal_year_of(today).start), current.previous())
        months = [first]
        while months[-1] < current:
            months.append(months[-1].next())
        overdue = Month.of(today - datetime.timedelta(days=CLOSE_GRACE_DAYS)).previous()
        return cls(today, tuple(months), overdue)

    @property
    def first(self) -> Month:
        return self.months[0]

    @property
    def current(self) -> Month:
        return self.months[-1]


@dataclass
class Snapshot:
    """A fund as it stands on `as_of` (a row of models.FundFigures)."""

    as_of: datetime.date
    members_active: int = 0
    members_lapsed: int = 0
    members_resigned: int = 0
    members_deceased: int = 0
    standing_period: int | None = None
    paid_up: int = 0
    in_arrears: int = 0
    lapsed: int = 0
    months_unclosed: int = 0
    latest_closed: int | None = None
    reserve: int = 0
    ruin_probability: float | None = None

    @property
    def period(self) -> int:
        return Month.of(self.as_of).number


# what models.FundFigures keeps of a snapshot, besides the day (its columns have the same names)
SNAPSHOT_FIELDS = tuple(f.name for f in fields(Snapshot) if f.name != "as_of")


@dataclass
class FundBooks:
    """One fund's figures as worked out from its books: the snapshot, each month of the span
    (period -> (expected, collected, closed)), the benefits paid ((period, category) -> Benefit), and
    each co-funding request by party ((fiscal year, party) -> Cofunding) with its due date (fiscal year
    -> day; fiscal years are common-era, as CofundingRequest keeps them)."""

    fund_id: int
    snapshot: Snapshot
    months: dict[int, tuple[int, int, bool]] = field(default_factory=dict)
    benefits: dict[tuple[int, str], Benefit] = field(default_factory=dict)
    cofunding: dict[tuple[int, str], Cofunding] = field(default_factory=dict)
    cofunding_due: dict[int, datetime.date] = field(default_factory=dict)


def compute(fund_ids: Sequence[int] | None, today: datetime.date) -> list[FundBooks]:
    """The figures of these funds (every fund when None) as of `today`."""
    span = Span.of(today)
    if fund_ids is None:
        return _compute(None, span)
    ids = list(fund_ids)
    out: list[FundBooks] = []
    for start in range(0, len(ids), CHUNK):
        out += _compute(ids[start : start + CHUNK], span)
    return out


def _scoped(queryset: QuerySet, ids: list[int] | None, column: str = "fund_id") -> QuerySet:
    return queryset if ids is None else queryset.filter(**{f"{column}__in": ids})


def _compute(ids: list[int] | None, span: Span) -> list[FundBooks]:
    funds = dict(_scoped(Fund.objects.all(), ids, "pk").values_list("pk", "founded_on"))
    found = {pk: FundBooks(pk, Snapshot(span.today)) for pk in funds}
    _members(found, ids)
    _standings(found, ids)
    _unclosed(found, ids, funds, span)
    _reserve(found, ids)
    _projections(found, ids)
    closes = _month_closes(ids, span)
    expected = _expected(ids, span, rule_books(list(found)))
    collected = _collected(ids, span)
    for pk, books in found.items():
        for month in span.months:
            p = month.number
            close = closes.get((pk, p))
            if close is not None:
                books.months[p] = (close[0], close[1], True)
            else:
                books.months[p] = (expected.get((pk, p), 0), collected.get((pk, p), 0), False)
    for (pk, p, category), benefit in _benefits(ids, span).items():
        if pk in found:
            found[pk].benefits[(p, category)] = benefit
    _cofunding(found, ids)
    return list(found.values())


def _members(found: dict[int, FundBooks], ids) -> None:
    rows = _scoped(Member.objects.all(), ids).values("fund_id", "status").annotate(n=Count("pk"))
    for row in rows.order_by():
        snapshot = found[row["fund_id"]].snapshot
        name = f"members_{row['status']}"
        if hasattr(snapshot, name):
            setattr(snapshot, name, row["n"])


def _standings(found: dict[int, FundBooks], ids) -> None:
    latest = MonthClose.objects.filter(fund=OuterRef("fund")).order_by("-period").values("period")[:1]
    rows = _scoped(MonthClose.objects.all(), ids).filter(period=Subquery(latest))
    for pk, period, paid_up, in_arrears, lapsed in rows.values_list(
        "fund_id", "period", "members_active", "members_in_arrears", "members_lapsed"
    ):
        s = found[pk].snapshot
        s.standing_period, s.paid_up, s.in_arrears, s.lapsed = period, paid_up, in_arrears, lapsed


def _unclosed(found: dict[int, FundBooks], ids, founded: dict, span: Span) -> None:
    """Months from the first month of the books (not before the founding, unless a month before it was
    closed) to `span.overdue_through` whose books are not closed."""
    overdue = span.overdue_through.number
    entries = _scoped(Entry.objects.all(), ids).values("fund_id").order_by()
    first_entry = {r["fund_id"]: r["first"] for r in entries.annotate(first=Min("date"))}
    periods = _scoped(ClosedPeriod.objects.all(), ids).values("fund_id").order_by()
    latest = {r["fund_id"]: r["latest"] for r in periods.annotate(latest=Max("period"))}
    due = periods.filter(period__lte=overdue).annotate(n=Count("pk"), earliest=Min("period"))
    closed = {r["fund_id"]: (r["n"], r["earliest"]) for r in due}
    for pk, books in found.items():
        books.snapshot.latest_closed = latest.get(pk)
        start = first_entry.get(pk)
        if start is None:
            continue
        begins = Month.of(max(start, founded.get(pk) or start))
        n, earliest = closed.get(pk, (0, None))
        if earliest is not None:
            begins = min(begins, Month.from_number(earliest))
        books.snapshot.months_unclosed = max(_months_between(begins, span.overdue_through) - n, 0)


def _months_between(first: Month, last: Month) -> int:
    """How many months from `first` to `last`, both counted (0 when `last` is before `first`)."""
    return max((last.year - first.year) * 12 + last.month - first.month + 1, 0)


def _reserve(found: dict[int, FundBooks], ids) -> None:
    for fund_id, satang in reserves(_scoped(reserve_accounts(), ids)).items():
        found[fund_id].snapshot.reserve = satang


def _projections(found: dict[int, FundBooks], ids) -> None:
    done = Projection.objects.filter(status=Status.DONE)
    latest = done.filter(fund=OuterRef("fund")).order_by("-finished_at", "-pk").values("pk")[:1]
    rows = _scoped(done.filter(fund__isnull=False), ids).filter(pk=Subquery(latest))
    for pk, ruin in rows.values_list("fund_id", "summary__ruin_by_horizon"):
        found[pk].snapshot.ruin_probability = None if ruin is None else float(ruin)


def _month_closes(ids, span: Span) -> dict[tuple[int, int], tuple[int, int]]:
    rows = _scoped(MonthClose.objects.all(), ids).filter(
        period__gte=span.first.number, period__lte=span.current.number
    )
    return {(pk, p): (e, c) for pk, p, e, c in rows.values_list("fund_id", "period", "expected", "collected")}


def _expected(ids, span: Span, books: dict[int, RuleBook]) -> dict[tuple[int, int], int]:
    """What members were expected to pay in each month of the span, by fund and month (see the module)."""
    first, last = span.first.first_day(), span.current.last_day()
    members = (
        _scoped(Member.objects.all(), ids)
        .filter(joined_on__lte=last)
        .exclude(status=MemberStatus.LAPSED)
        .exclude(status__in=ENDED, status_since__lte=first)
        .annotate(
            start=Greatest("joined_on", Value(first), output_field=DateField()),
            ended=Case(
                When(status__in=ENDED, then=F("status_since")), default=None, output_field=DateField()
            ),
        )
        .values("fund_id", "start", "ended")
        .annotate(n=Count("pk"))
        .order_by()
    )
    out: dict[tuple[int, int], int] = defaultdict(int)
    months = [(m.number, m.first_day(), m.last_day()) for m in span.months]
    default = RuleBook(None)
    for row in members:
        pk, start, ended, n = row["fund_id"], as_date(row["start"]), row["ended"], row["n"]
        book = books.get(pk, default)
        for number, month_first, month_last in months:
            if start > month_last or (ended is not None and ended <= month_last):
                continue
            out[(pk, number)] += n * book.cost(max(start, month_first), month_last)
    return out


def as_date(value) -> datetime.date:
    """A date from a database expression (SQLite's MAX() answers text on some versions)."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])


def _collected(ids, span: Span) -> dict[tuple[int, int], int]:
    lines = _scoped(Line.objects.all(), ids, "entry__fund_id").filter(
        entry__date__gte=span.first.first_day(),
        entry__date__lte=span.current.last_day(),
        account__member__isnull=False,
    )
    rows = lines.values("entry__fund_id", "entry__period").annotate(total=Sum("amount")).order_by()
    return {(r["entry__fund_id"], r["entry__period"]): -(r["total"] or 0) for r in rows}


def _benefits(ids, span: Span) -> dict[tuple[int, int, str], Benefit]:
    claims = _scoped(Claim.objects.all(), ids).filter(
        status=ClaimStatus.PAID,
        paid_entry__date__gte=span.first.first_day(),
        paid_entry__date__lte=span.current.last_day(),
    )
    rows = (
        claims.values("fund_id", "paid_entry__period", "category")
        .annotate(n=Count("pk"), amount=Sum("amount"))
        .order_by()
    )
    return {
        (r["fund_id"], r["paid_entry__period"], r["category"]): Benefit(r["n"], r["amount"] or 0)
        for r in rows
    }


def _cofunding(found: dict[int, FundBooks], ids) -> None:
    """Every request's parties (the members left out), with what their receipts settled and overpaid and
    what was refunded: four grouped queries, as cofunding.selectors.standings works them out one request
    at a time."""
    requests = _scoped(CofundingRequest.objects.all(), ids)
    for pk, year, due in requests.values_list("fund_id", "fiscal_year", "due_on"):
        if pk in found:
            found[pk].cofunding_due[year] = due
    keys = ("fund_id", "request__fiscal_year", "party")
    receipts = _scoped(CofundingReceipt.objects.all(), ids).values(*keys).order_by()
    got = {
        (r["fund_id"], r["request__fiscal_year"], r["party"]): (r["applied"] or 0, r["overpaid"] or 0)
        for r in receipts.annotate(applied=Sum("applied"), overpaid=Sum("overpaid"))
    }
    refunds = _scoped(CofundingRefund.objects.all(), ids).values(*keys).order_by()
    back = {
        (r["fund_id"], r["request__fiscal_year"], r["party"]): r["refunded"] or 0
        for r in refunds.annotate(refunded=Sum("amount"))
    }
    parties = _scoped(RequestParty.objects.exclude(party=Party.MEMBERS.value), ids, "request__fund_id")
    for pk, year, party, amount in parties.values_list(
        "request__fund_id", "request__fiscal_year", "party", "amount"
    ):
        if pk not in found:
            continue
        applied, overpaid = got.get((pk, year, party), (0, 0))
        to_refund = overpaid - back.get((pk, year, party), 0)
        found[pk].cofunding[(year, party)] = Cofunding(amount, applied, to_refund)


# --- the funds' contribution rules, read at once -------------------------------------------------------

_SCHEMES: dict[tuple[str, ...], RuleBook] = {}  # by the versions' digests: a new version is a new key


def rule_books(fund_ids: Iterable[int]) -> dict[int, RuleBook]:
    """Each fund's contribution rules (contributions.rules.rule_book), for many funds in two queries;
    funds that copied the same template share one parsed scheme. Funds without a scheme are left out
    (their rules are the defaults)."""
    ids = list(fund_ids)
    schemes = {row.pk: row for row in FundScheme.objects.filter(fund_id__in=ids)} if ids else {}
    versions: dict[int, list[tuple[str, dict]]] = defaultdict(list)
    rows = FundSchemeVersion.objects.filter(scheme_id__in=list(schemes)).order_by("scheme_id", "number")
    for scheme_id, digest, definition in rows.values_list("scheme_id", "digest", "definition"):
        versions[scheme_id].append((digest, definition))
    out = {}
    for scheme_id, listed in versions.items():
        key = tuple(digest for digest, _ in listed)
        if key not in _SCHEMES:
            if len(_SCHEMES) > 256:
                _SCHEMES.clear()
            header = scheme_header(schemes[scheme_id])
            _SCHEMES[key] = RuleBook(load_scheme_data({**header, "versions": [d for _, d in listed]}))
        out[schemes[scheme_id].fund_id] = _SCHEMES[key]
    return out
