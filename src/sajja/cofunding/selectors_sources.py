"""The fund's money by source, and the welfare it paid by source, read from its books.

The books keep each source in its own income accounts (books.py: members' contributions and fees 4101-4103,
each co-funding party 4201-4204 with its receivable 1201-1204, donations 4301, other income, the balance
brought forward in equity). One query reads the day-by-day totals of those accounts and of the expense
accounts; the pure `sources.run_pool` attributes the spending (its docstring is the method, and both
answers carry it in words, `METHOD_TH` and `METHOD_EN`).

The sources' holdings and the parties' outstanding receivables add up to the fund's balance (assets less
liabilities), which `MoneyBySource.adds_up` checks against the account totals.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce

from sajja.access.policy import require
from sajja.cofunding.books import BENEFITS, RECEIVABLE_SOURCES, Source, source_of
from sajja.cofunding.sources import Day, Pool, run_pool
from sajja.ledger.models import Account, Line
from sajja.ledger.selectors import balances_as_of

METHOD_EN = (
    "Money counts from the day it is received (co-funding when it is paid, not when it is requested). Each "
    "payment is drawn from the sources in proportion to what each still held on the day of the payment "
    "(brought in up to that day, less what earlier payments drew from it), in whole satang by the largest "
    "remainder; spending beyond what the sources held is shown as unfunded."
)
METHOD_TH = (
    "นับเงินแต่ละแหล่งตั้งแต่วันที่ได้รับจริง (เงินสมทบนับเมื่อได้รับเงิน ไม่ใช่เมื่อยื่นคำขอ) "
    "การจ่ายแต่ละรายการถือว่าจ่ายจากทุกแหล่งตามสัดส่วนเงินที่แต่ละแหล่งยังคงเหลืออยู่ ณ วันที่จ่าย "
    "(เงินที่ได้รับถึงวันนั้น หักส่วนที่การจ่ายก่อนหน้าใช้ไปแล้ว) ปัดเป็นสตางค์เต็มโดยวิธีเศษมากที่สุด "
    "ส่วนที่จ่ายเกินเงินที่มีแสดงเป็น 'จ่ายก่อนมีเงินเข้า'"
)
ORDER = [s.value for s in Source if s is not Source.UNFUNDED]


@dataclass(frozen=True)
class SourceRow:
    source: Source
    income: int
    """What the books count as income from it (a co-funding party: what was requested or received)."""
    outstanding: int
    """Requested and not yet received (its receivable)."""
    received: int
    spent: int
    """Its share of everything the fund spent."""
    welfare: int
    """Its share of the benefits paid (51xx)."""
    held: int
    """What it still holds: received less spent."""


@dataclass(frozen=True)
class MoneyBySource:
    as_of: datetime.date | None
    rows: list[SourceRow]
    balance: int
    """The fund's balance in its books: assets less liabilities."""

    @property
    def held(self) -> int:
        return sum(r.held for r in self.rows)

    @property
    def outstanding(self) -> int:
        return sum(r.outstanding for r in self.rows)

    @property
    def adds_up(self) -> bool:
        """The sources' holdings and the money still owed to the fund make up its balance."""
        return self.held + self.outstanding == self.balance

    def row(self, source: Source) -> SourceRow | None:
        return next((r for r in self.rows if r.source is source), None)


@dataclass(frozen=True)
class BenefitRow:
    code: str
    name_th: str
    name_en: str
    by_source: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_source.values())


@dataclass(frozen=True)
class WelfareBySource:
    """The benefits paid between `first` and `last` (None: from the start, to the last entry), each
    attributed to the sources of the money that paid it."""

    first: datetime.date | None
    last: datetime.date | None
    rows: list[BenefitRow]

    @property
    def by_source(self) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for row in self.rows:
            for source, amount in row.by_source.items():
                totals[source] += amount
        return {s: totals[s] for s in [*ORDER, Source.UNFUNDED.value] if totals.get(s)}

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    def share(self, source: str) -> float:
        """The source's share of the welfare paid, in percent (0 when nothing was paid)."""
        return 100 * self.by_source.get(source, 0) / self.total if self.total else 0.0


def _days(fund, as_of: datetime.date | None) -> tuple[list[Day], dict[str, int], dict[str, int]]:
    """The books day by day (money in by source, spending by account), and each source's income and
    outstanding receivable to `as_of`."""
    lines = Line.objects.filter(entry__fund=fund)
    if as_of is not None:
        lines = lines.filter(entry__date__lte=as_of)
    rows = (
        lines.filter(
            Q(account__kind__in=["income", "equity", "expense"])
            | Q(account__code__in=list(RECEIVABLE_SOURCES))
        )
        .values_list("entry__date", Coalesce(F("account__parent__code"), F("account__code")), "account__kind")
        .annotate(total=Sum("amount"))
        .order_by("entry__date")
    )
    money_in: dict[datetime.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    spent: dict[datetime.date, list[tuple[str, int]]] = defaultdict(list)
    income: dict[str, int] = defaultdict(int)
    outstanding: dict[str, int] = defaultdict(int)
    for day, code, kind, total in rows:
        if kind == "expense":
            spent[day].append((code, total))
            continue
        source = source_of(code, kind)
        if source is None:
            continue
        money_in[day][source.value] -= total  # a credit brings money in; a receivable's debit holds it back
        if code in RECEIVABLE_SOURCES:
            outstanding[source.value] += total
        else:
            income[source.value] -= total
    days = [
        Day(day, dict(money_in.get(day, {})), sorted(spent.get(day, [])))
        for day in sorted(money_in.keys() | spent.keys())
    ]
    return days, income, outstanding


def _balance(fund, as_of: datetime.date | None) -> int:
    accounts = list(
        Account.objects.filter(fund=fund, kind__in=["asset", "liability"], parent__isnull=True).values_list(
            "pk", "kind", "debit_total", "credit_total"
        )
    )
    totals = balances_as_of(fund, as_of) if as_of is not None else {}
    balance = 0
    for pk, _kind, debit, credit in accounts:
        if as_of is not None:
            debit, credit = totals.get(pk, (0, 0))
        balance += debit - credit  # assets on the debit side, liabilities on the credit side: net assets
    return balance


def _benefits(pool: Pool) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for account, by_source in pool.spent.items():
        if account.startswith(BENEFITS):
            for source, amount in by_source.items():
                totals[source] += amount
    return totals


def money_by_source(fund, as_of: datetime.date | None = None) -> MoneyBySource:
    """The fund's money by where it came from, to `as_of` (None: everything posted)."""
    days, income, outstanding = _days(fund, as_of)
    pool = run_pool(days, ORDER)
    spent: dict[str, int] = defaultdict(int)
    for by_source in pool.spent.values():
        for source, amount in by_source.items():
            spent[source] += amount
    welfare = _benefits(pool)
    rows = []
    for source in Source:
        key = source.value
        received, held = pool.received.get(key, 0), pool.held.get(key, 0)
        row = SourceRow(
            source,
            income.get(key, 0),
            outstanding.get(key, 0),
            received,
            spent.get(key, 0),
            welfare.get(key, 0),
            held,
        )
        if any((row.income, row.outstanding, row.received, row.spent, row.held)) or source.value in ORDER[:3]:
            rows.append(row)
    return MoneyBySource(as_of, rows, _balance(fund, as_of))


def welfare_by_source(
    fund, first: datetime.date | None = None, last: datetime.date | None = None
) -> WelfareBySource:
    """The benefits paid from `first` to `last`, by benefit account, each attributed to its sources."""
    days, _, _ = _days(fund, last)
    pool = run_pool(days, ORDER, (first, last))
    names: dict[str, tuple[str, str]] = {
        code: (th, en)
        for code, th, en in Account.objects.filter(fund=fund, code__startswith=BENEFITS).values_list(
            "code", "name_th", "name_en"
        )
    }
    rows = [
        BenefitRow(code, names.get(code, (code, code))[0], names.get(code, (code, code))[1], by_source)
        for code, by_source in sorted(pool.spent.items())
        if code.startswith(BENEFITS)
    ]
    return WelfareBySource(first, last, rows)


def money_by_source_for(user, fund, as_of: datetime.date | None = None) -> MoneyBySource:
    require(user, fund, "view_cofunding")
    return money_by_source(fund, as_of)


def welfare_by_source_for(
    user, fund, first: datetime.date | None = None, last: datetime.date | None = None
) -> WelfareBySource:
    require(user, fund, "view_cofunding")
    return welfare_by_source(fund, first, last)
