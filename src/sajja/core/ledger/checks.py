"""Check functions: each takes an entry and the context it is posted into and returns errors.

Errors are values, not exceptions, so the posting service, importers (which validate a whole file
before writing anything) and `audit verify` all use the same list.

>>> import datetime
>>> from sajja.core.ledger.records import Posting
>>> ctx = LedgerContext(accounts={"1101", "4101"}, closed_periods=set())
>>> bad = Entry(datetime.date(2026, 1, 5), "x", (Posting("1101", 3000), Posting("4101", -2000)))
>>> [e.code for e in check_entry(bad, ctx)]
['unbalanced']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from sajja.core.ledger.records import Entry
from sajja.core.money import format_number
from sajja.core.thai_dates import format_period


class LedgerError(NamedTuple):
    code: str
    message_th: str
    message_en: str
    where: str = ""


@dataclass(frozen=True)
class LedgerContext:
    """What the checks need to know about the fund: its postable accounts and its closed months."""

    accounts: set[str] | frozenset[str]
    closed_periods: set[tuple[int, int]] | frozenset[tuple[int, int]] = field(default_factory=frozenset)


Check = Callable[[Entry, LedgerContext], Iterable[LedgerError]]


def check_has_postings(entry: Entry, ctx: LedgerContext) -> Iterable[LedgerError]:
    if len(entry.postings) < 2:
        yield LedgerError(
            "too_few_postings", "รายการต้องมีอย่างน้อย 2 บรรทัด", "an entry needs at least two lines"
        )


def check_amounts(entry: Entry, ctx: LedgerContext) -> Iterable[LedgerError]:
    """Amounts are whole satang and never zero."""
    for n, posting in enumerate(entry.postings, start=1):
        amount = posting.amount
        if not isinstance(amount, int) or isinstance(amount, bool):
            yield LedgerError(
                "not_whole_satang",
                f"จำนวนเงินต้องเป็นสตางค์เต็มหน่วย: {amount!r}",
                f"amount must be a whole number of satang: {amount!r}",
                f"line {n}",
            )
        elif amount == 0:
            yield LedgerError("zero_amount", "จำนวนเงินเป็นศูนย์", "amount is zero", f"line {n}")


def check_balanced(entry: Entry, ctx: LedgerContext) -> Iterable[LedgerError]:
    if all(isinstance(p.amount, int) for p in entry.postings) and not entry.is_balanced:
        diff = format_number(entry.total)
        yield LedgerError(
            "unbalanced",
            f"เดบิตและเครดิตไม่เท่ากัน (ต่างกัน {diff} บาท)",
            f"debits and credits differ by {diff} baht",
        )


def check_accounts_known(entry: Entry, ctx: LedgerContext) -> Iterable[LedgerError]:
    for n, posting in enumerate(entry.postings, start=1):
        if posting.account not in ctx.accounts:
            yield LedgerError(
                "unknown_account",
                f"ไม่พบบัญชี {posting.account} ในกองทุนนี้",
                f"unknown account {posting.account} in this fund",
                f"line {n}",
            )


def check_period_open(entry: Entry, ctx: LedgerContext) -> Iterable[LedgerError]:
    if entry.period in ctx.closed_periods:
        year, month = entry.period
        yield LedgerError(
            "period_closed",
            f"งวด {format_period(year, month)} ปิดแล้ว ลงรายการไม่ได้",
            f"period {year}-{month:02d} is closed; nothing can be posted into it",
        )


CHECKS: list[Check] = [
    check_has_postings,
    check_amounts,
    check_balanced,
    check_accounts_known,
    check_period_open,
]


def check_entry(entry: Entry, ctx: LedgerContext) -> list[LedgerError]:
    """Run every check; an empty list means the entry may be posted."""
    return [error for check in CHECKS for error in check(entry, ctx)]
