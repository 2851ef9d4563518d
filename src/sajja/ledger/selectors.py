"""Every read of the books, scoped through the access policy."""

from __future__ import annotations

import datetime
from calendar import monthrange
from dataclasses import dataclass

from django.db.models import Case, F, Sum, When
from django.db.models.functions import Coalesce

from sajja.access.policy import require
from sajja.core.ledger.chart import BANK, CASH
from sajja.core.ledger.records import AccountKind
from sajja.core.month import Month, NotAMonth
from sajja.ledger import reasons
from sajja.ledger.models import Account, ClosedPeriod, Entry, Line
from sajja.reasons import Both


@dataclass(frozen=True)
class TrialBalanceRow:
    code: str
    name_th: str
    name_en: str
    kind: str
    debit: int
    credit: int

    @property
    def balance(self) -> int:
        return self.debit - self.credit


@dataclass(frozen=True)
class TrialBalance:
    fund_code: str
    as_of: datetime.date | None
    rows: list[TrialBalanceRow]

    @property
    def total_debit(self) -> int:
        return sum(r.debit for r in self.rows)

    @property
    def total_credit(self) -> int:
        return sum(r.credit for r in self.rows)

    @property
    def is_balanced(self) -> bool:
        return self.total_debit == self.total_credit


def period_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, monthrange(year, month)[1])


# what is wrong with a period typed (NotAMonth.wrong), in words
_PERIOD_WRONG = {
    "shape": reasons.PERIOD_NOT_A_MONTH,
    "month": reasons.PERIOD_MONTH_WRONG,
    "year": reasons.PERIOD_YEAR_WRONG,
}


def parse_period(text: str) -> Month:
    """'2026-01' as the month of January 2026; a Buddhist-era year (2569-01) is understood too.

    A malformed period is bad input (400), not a missing object:

    >>> parse_period("2569-01")
    Month(year=2026, month=1)
    >>> parse_period("2026-13")
    Traceback (most recent call last):
    ...
    sajja.core.errors.ValidationFailed: เดือนไม่ถูกต้อง: 2026-13 / invalid month in '2026-13'
    """
    try:
        return Month.parse(text)
    except NotAMonth as wrong:
        raise _PERIOD_WRONG[wrong.wrong].invalid("period", text=Both(text, repr(text))) from None


def accounts_for(user, fund):
    """The general ledger's accounts (member sub-accounts roll up into their control account)."""
    require(user, fund, "view_books")
    return Account.objects.filter(fund=fund, member__isnull=True).order_by("code")


def account_for(user, fund, code: str) -> Account:
    require(user, fund, "view_books")
    account = Account.objects.filter(fund=fund, code=code).first()
    if account is None:
        raise reasons.ACCOUNT_NOT_FOUND.not_found()
    return account


def entries_for(user, fund, account: Account | None = None):
    require(user, fund, "view_books")
    entries = Entry.objects.filter(fund=fund).select_related("reverses").order_by("-date", "-id")
    if account is not None:
        field = "lines__account__parent" if account.is_control else "lines__account"
        entries = entries.filter(**{field: account}).distinct()
    return entries


def entry_for(user, fund, pk: int) -> Entry:
    require(user, fund, "view_books")
    entry = Entry.objects.filter(fund=fund, pk=pk).select_related("reverses").first()
    if entry is None:
        raise reasons.ENTRY_NOT_FOUND.not_found()
    return entry


def entry_lines(entry: Entry):
    return entry.lines.select_related("account").order_by("id")


def trial_balance(user, fund, as_of: datetime.date | None = None) -> TrialBalance:
    """Debit and credit totals per general-ledger account, now (stored totals) or as of a date (from lines)."""
    accounts = list(accounts_for(user, fund))
    if as_of is None:
        totals = {a.pk: (a.debit_total, a.credit_total) for a in accounts}
    else:
        totals = balances_as_of(fund, as_of)
    rows = [
        TrialBalanceRow(a.code, a.name_th, a.name_en, a.kind, *totals.get(a.pk, (0, 0))) for a in accounts
    ]
    return TrialBalance(fund.code, as_of, rows)


def balances_as_of(fund, as_of: datetime.date) -> dict[int, tuple[int, int]]:
    """(debit, credit) per general-ledger account from the lines dated on or before `as_of`.

    Member sub-account lines count towards their control account.
    """
    rows = (
        Line.objects.filter(entry__fund=fund, entry__date__lte=as_of)
        .values(gl=Coalesce(F("account__parent_id"), F("account_id")))
        .annotate(
            debit=Coalesce(Sum(Case(When(amount__gt=0, then=F("amount")), default=0)), 0),
            credit=Coalesce(Sum(Case(When(amount__lt=0, then=-F("amount")), default=0)), 0),
        )
    )
    return {r["gl"]: (r["debit"], r["credit"]) for r in rows}


# --- the reserve: one definition for every page, the roll-up and the projections ---------------------

RESERVE_ACCOUNTS = (CASH, BANK)


def reserve_accounts():
    """The accounts whose balances make the reserve: the fund's cash (1101) and bank (1102) accounts."""
    return Account.objects.filter(member__isnull=True, code__in=RESERVE_ACCOUNTS)


def reserves(accounts=None) -> dict[int, int]:
    """The reserve of each fund (by its id) in satang: the balances of its cash and bank accounts in the
    books (running totals), the money the fund holds today. `accounts`: `reserve_accounts()` narrowed to
    some funds (every fund's when left out). A fund without those accounts is left out (its reserve is 0)."""
    rows = (
        (reserve_accounts() if accounts is None else accounts)
        .values("fund_id")
        .annotate(debit=Sum("debit_total"), credit=Sum("credit_total"))
        .order_by()
    )
    return {row["fund_id"]: (row["debit"] or 0) - (row["credit"] or 0) for row in rows}


def reserve(fund, as_of: datetime.date | None = None) -> int:
    """The fund's reserve in satang (see `reserves`): today, or from the lines dated on or before `as_of`."""
    if as_of is None:
        return reserves(reserve_accounts().filter(fund=fund)).get(fund.pk, 0)
    ids = set(reserve_accounts().filter(fund=fund).values_list("pk", flat=True))
    return sum(debit - credit for pk, (debit, credit) in balances_as_of(fund, as_of).items() if pk in ids)


def closed_periods_for(user, fund) -> list[int]:
    require(user, fund, "view_books")
    return list(ClosedPeriod.objects.filter(fund=fund).values_list("period", flat=True))


def member_lines(member):
    """The member's sub-ledger: every line on their contribution account, oldest first."""
    return (
        Line.objects.filter(account__member=member)
        .select_related("entry", "account")
        .order_by("entry__date", "entry_id")
    )


def normal_balance(kind: str, debit: int, credit: int) -> int:
    """The balance shown on screen: positive when it sits on the account's normal side."""
    return (debit - credit) * AccountKind(kind).normal_sign


__all__ = ["TrialBalance", "TrialBalanceRow"]
