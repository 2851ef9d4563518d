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

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sajja.core.errors import Problem
from sajja.core.ledger.records import KIND_MAX, MAX_AMOUNT, MEMO_MAX, Entry
from sajja.core.money import format_number
from sajja.core.thai_dates import format_period


@dataclass(frozen=True)
class LedgerContext:
    """What the checks need to know about the fund: its postable accounts and its closed months."""

    accounts: set[str] | frozenset[str]
    closed_periods: set[tuple[int, int]] | frozenset[tuple[int, int]] = field(default_factory=frozenset)


Check = Callable[[Entry, LedgerContext], Iterable[Problem]]


def _is_date(value: object) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, exactly


def control_character(text: str) -> str | None:
    r"""The first control character in `text` (such as NUL, which PostgreSQL cannot store), if any.

    >>> control_character("memo\x00"), control_character("สัจจะ")
    ('\x00', None)
    """
    found = _CONTROL.search(text)
    return found.group() if found else None


# Each check returns () at once when all is well (the bulk path runs every check on every entry) and
# only then walks the entry again to say what is wrong and where.

NO_ERRORS: tuple[Problem, ...] = ()


def _plain_text(value: object, longest: int) -> bool:
    return type(value) is str and 0 < len(value) <= longest and not _CONTROL.search(value)


def check_fields(entry: Entry, ctx: LedgerContext) -> Iterable[Problem]:
    """A calendar date, and a memo and kind that fit where they are stored (never cut silently)."""
    memo_ok = entry.memo == "" or _plain_text(entry.memo, MEMO_MAX)
    if type(entry.date) is datetime.date and _plain_text(entry.kind, KIND_MAX) and memo_ok:
        return NO_ERRORS
    return list(_field_errors(entry))


def _no_control(field_name: str, text: str) -> Iterator[Problem]:
    ch = control_character(text)
    if ch is not None:
        yield Problem(
            "control_character",
            f"{field_name} มีอักขระควบคุม U+{ord(ch):04X} ซึ่งบันทึกไม่ได้",
            f"the {field_name} contains the control character U+{ord(ch):04X}, which cannot be stored",
            field_name,
        )


def _field_errors(entry: Entry) -> Iterator[Problem]:
    if not _is_date(entry.date):
        yield Problem(
            "invalid_date", f"วันที่ไม่ถูกต้อง: {entry.date!r}", f"not a calendar date: {entry.date!r}", "date"
        )
    if not isinstance(entry.memo, str) or len(entry.memo) > MEMO_MAX:
        yield Problem(
            "memo_too_long",
            f"คำอธิบายต้องเป็นข้อความไม่เกิน {MEMO_MAX} ตัวอักษร",
            f"the memo must be text of at most {MEMO_MAX} characters",
            "memo",
        )
    else:
        yield from _no_control("memo", entry.memo)
    if not isinstance(entry.kind, str) or not entry.kind or len(entry.kind) > KIND_MAX:
        yield Problem(
            "invalid_kind",
            f"ประเภทรายการต้องเป็นข้อความ 1-{KIND_MAX} ตัวอักษร",
            f"the entry kind must be text of 1-{KIND_MAX} characters",
            "kind",
        )
    else:
        yield from _no_control("kind", entry.kind)


def check_has_postings(entry: Entry, ctx: LedgerContext) -> Iterable[Problem]:
    if len(entry.postings) >= 2:
        return NO_ERRORS
    return [Problem("too_few_postings", "รายการต้องมีอย่างน้อย 2 บรรทัด", "an entry needs at least two lines")]


def _whole(amount: object) -> bool:
    return isinstance(amount, int) and not isinstance(amount, bool)


def check_amounts(entry: Entry, ctx: LedgerContext) -> Iterable[Problem]:
    """Amounts are whole satang, never zero, and not absurdly large."""
    for posting in entry.postings:
        amount = posting.amount
        if type(amount) is not int or amount == 0 or not -MAX_AMOUNT <= amount <= MAX_AMOUNT:
            return list(_amount_errors(entry))
    return NO_ERRORS


def _amount_errors(entry: Entry) -> Iterator[Problem]:
    for n, posting in enumerate(entry.postings, start=1):
        amount = posting.amount
        if not _whole(amount):
            yield Problem(
                "not_whole_satang",
                f"จำนวนเงินต้องเป็นสตางค์เต็มหน่วย: {amount!r}",
                f"amount must be a whole number of satang: {amount!r}",
                f"line {n}",
            )
        elif amount == 0:
            yield Problem("zero_amount", "จำนวนเงินเป็นศูนย์", "amount is zero", f"line {n}")
        elif abs(amount) > MAX_AMOUNT:
            yield Problem(
                "amount_too_large",
                f"จำนวนเงินเกินขีดจำกัด ({format_number(MAX_AMOUNT)} บาทต่อบรรทัด)",
                f"amount exceeds the limit of {format_number(MAX_AMOUNT)} baht per line",
                f"line {n}",
            )


def check_balanced(entry: Entry, ctx: LedgerContext) -> Iterable[Problem]:
    """The lines sum to zero (judged only when every amount is whole satang)."""
    total = 0
    for posting in entry.postings:
        if not _whole(posting.amount):
            return NO_ERRORS  # check_amounts says what is wrong
        total += posting.amount
    if total == 0:
        return NO_ERRORS
    diff = format_number(total)
    return [
        Problem(
            "unbalanced",
            f"เดบิตและเครดิตไม่เท่ากัน (ต่างกัน {diff} บาท)",
            f"debits and credits differ by {diff} baht",
        )
    ]


def check_accounts_known(entry: Entry, ctx: LedgerContext) -> Iterable[Problem]:
    accounts = ctx.accounts
    for posting in entry.postings:
        if posting.account not in accounts:
            break
    else:
        return NO_ERRORS
    return [
        Problem(
            "unknown_account",
            f"ไม่พบบัญชี {posting.account} ในกองทุนนี้",
            f"unknown account {posting.account} in this fund",
            f"line {n}",
        )
        for n, posting in enumerate(entry.postings, start=1)
        if posting.account not in accounts
    ]


def check_period_open(entry: Entry, ctx: LedgerContext) -> Iterable[Problem]:
    if not ctx.closed_periods or not _is_date(entry.date) or entry.period not in ctx.closed_periods:
        return NO_ERRORS
    year, month = entry.period
    return [
        Problem(
            "period_closed",
            f"งวด {format_period(year, month)} ปิดแล้ว ลงรายการไม่ได้",
            f"period {year}-{month:02d} is closed; nothing can be posted into it",
        )
    ]


CHECKS: list[Check] = [
    check_fields,
    check_has_postings,
    check_amounts,
    check_balanced,
    check_accounts_known,
    check_period_open,
]


def check_entry(entry: Entry, ctx: LedgerContext) -> list[Problem]:
    """Run every check; an empty list means the entry may be posted."""
    return [error for check in CHECKS for error in check(entry, ctx)]


_ANY_DAY = datetime.date(2000, 1, 1)


class BatchChecker:
    """check_entry for the entries of one batch, judging once what many of them share.

    A batch built from a few templates (a payments file: one memo and one pair of postings per member,
    channel and amount) repeats the same memo, kind and postings objects, and only the date's checks
    (in check_fields and check_period_open) read anything else. The first entry of each trio of
    objects is checked in full and whether the trio itself passes is kept (with the entry, so that the
    ids stay theirs); the next ones add only their date's checks. An entry with any problem is checked
    again in full, so the errors are check_entry's own, word for word.
    """

    def __init__(self, ctx: LedgerContext):
        self.ctx = ctx
        self._content_ctx = LedgerContext(accounts=ctx.accounts)
        self._judged: dict[tuple[int, int, int], tuple[bool, Entry]] = {}

    def __call__(self, entry: Entry) -> list[Problem]:
        trio = (id(entry.memo), id(entry.kind), id(entry.postings))
        judged = self._judged.get(trio)
        if judged is None:  # the first of its trio: checked in full, as one alone would be
            errors = check_entry(entry, self.ctx)
            ok = not errors or not check_entry(entry._replace(date=_ANY_DAY), self._content_ctx)
            self._judged[trio] = (ok, entry)
            return errors
        day = entry.date
        if (
            judged[0]
            and type(day) is datetime.date
            and (not self.ctx.closed_periods or (day.year, day.month) not in self.ctx.closed_periods)
        ):
            return []
        return check_entry(entry, self.ctx)

    def all_pass(self, entries: list[Entry]) -> bool:
        """Whether every entry passes, judged in one pass: each trio's content once (as __call__ does)
        and each distinct date once, so an entry costs two lookups. False says only that some entry
        may fail: call the checker on each entry then, for the errors themselves."""
        judged = self._judged
        days: dict[datetime.date, bool] = {}
        for entry in entries:
            trio = (id(entry.memo), id(entry.kind), id(entry.postings))
            known = judged.get(trio)
            if known is None:
                if self(entry):
                    return False
                known = judged[trio]
            if not known[0]:
                return False
            day = entry.date
            ok = days.get(day)
            if ok is None:
                ok = days[day] = type(day) is datetime.date and (
                    not self.ctx.closed_periods or (day.year, day.month) not in self.ctx.closed_periods
                )
            if not ok:
                return False
        return True
