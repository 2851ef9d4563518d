"""Checking payments before anything is written: one set of checks for a single payment, a meeting
sheet and a whole imported file. Every problem is returned, not just the first.

A payment is checked by the small checks of PAYMENT_CHECKS, in turn; each returns its problems as
values, pointing at the column they are about, and `check_payment` adds what the payment had there:

>>> from sajja.contributions.rules import DEFAULT_RULES
>>> ctx = Context(DEFAULT_RULES, datetime.date(2026, 2, 16), {}, {}, frozenset({(2025, 12)}), frozenset())
>>> payment = Payment("000099", 0, datetime.date(2025, 12, 5), channel="cheque")
>>> for problem in check_payment(0, payment, ctx, None):
...     print(problem.column, repr(problem.value), problem.error.code)
member '000099' unknown_member
amount 0 amount_not_positive
date datetime.date(2025, 12, 5) period_closed
channel 'cheque' unknown_channel
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple, TypeGuard

from sajja.contributions import reasons
from sajja.contributions.models import Channel, Purpose
from sajja.contributions.rules import FundRules, RuleBook
from sajja.core.errors import Problem
from sajja.core.ledger.records import MAX_AMOUNT
from sajja.core.money import format_baht, format_number
from sajja.core.thai_dates import format_thai_date
from sajja.reasons import Both
from sajja.registry.models import MEMBER_NUMBER_DIGITS

CHANNELS = frozenset(Channel.values)
PURPOSES = frozenset(Purpose.values)
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True)
class Payment:
    """One payment as given: `member` is a member number or a 13-digit national ID; amount in satang."""

    member: str
    amount: int
    paid_on: datetime.date
    channel: str = str(Channel.CASH)
    book_number: str = ""
    key: str = ""
    purpose: str = str(Purpose.CONTRIBUTION)


class MemberInfo(NamedTuple):
    pk: int
    number: str
    status: str
    joined_on: datetime.date
    status_since: datetime.date | None = None


# The fees a member pays besides contributions: (Thai, English) names, as the messages say them.
FEES = {
    str(Purpose.ENTRY_FEE): ("ค่าสมัคร", "entry fee"),
    str(Purpose.REINSTATEMENT_FEE): ("ค่าธรรมเนียมกลับเข้าเป็นสมาชิก", "reinstatement fee"),
}


class FirstPayment(NamedTuple):
    """What a key was first recorded with, as its receipt keeps it: a retry must say the same."""

    receipt: int  # the receipt's number
    member: str  # the member's number
    amount: int
    paid_on: datetime.date
    channel: str
    purpose: str
    book_number: str


@dataclass(frozen=True)
class PaymentProblem:
    """One problem of one payment: where it is, what the payment had there, and the problem itself."""

    index: int  # which payment (from 0)
    column: str  # member, amount, date, channel, receipt, purpose
    value: object
    error: Problem


@dataclass(frozen=True)
class Context:
    rules: FundRules
    today: datetime.date
    by_number: dict[str, MemberInfo]
    by_national_id: dict[str, MemberInfo]  # digits -> member of this fund
    closed_periods: frozenset[tuple[int, int]]
    book_numbers_used: frozenset[str]
    # (member id, fee) for each fee already paid: the entry fee ever, the reinstatement fee since the
    # member lapsed (receipts not cancelled)
    fees_paid: frozenset[tuple[int, str]] = frozenset()
    book: RuleBook | None = None  # every version of the rules: the entry fee is the one of the joining day

    @cached_property
    def latest_day(self) -> datetime.date:
        """The last day a payment may be dated: today, and the days ahead the fund allows."""
        return self.rules.latest_date(self.today)


def national_id_digits(text: str) -> str | None:
    digits = re.sub(r"[\s-]", "", str(text).translate(_THAI_DIGITS))
    return digits if len(digits) == 13 and digits.isdigit() else None


def member_number(text: str) -> str:
    """A member number as typed: Thai digits read, and the leading zeros a spreadsheet drops put back
    (11 -> 000011), member numbers being six digits.

    >>> member_number(" ๑๑ "), member_number("000011"), member_number("A-7")
    ('000011', '000011', 'A-7')
    """
    number = str(text).strip().translate(_THAI_DIGITS)
    return number.zfill(MEMBER_NUMBER_DIGITS) if number.isdigit() else number


def find_member(ctx: Context, ref: str) -> MemberInfo | None:
    digits = national_id_digits(ref)
    if digits is not None:
        return ctx.by_national_id.get(digits)
    return ctx.by_number.get(member_number(ref))


# A year this large is not of the common era in any fund's life: it is a Buddhist-era year (2400 BE = 1857).
BUDDHIST_ERA_FROM = 2400


def _baht(satang: int) -> Both:
    return Both(format_baht(satang), f"{format_number(satang)} baht")


def _day(day: datetime.date) -> Both:
    return Both(format_thai_date(day), day.isoformat())


def _choices(values: list[str]) -> Both:
    """What may be typed instead, named in the English only."""
    return Both("", f" (use {', '.join(values)})")


# --- the checks of one payment ---------------------------------------------------------------------
# Each check takes the payment, the fund's context and the member the payment names (None: nobody of
# this fund) and returns the problems it finds, each pointing at its column (its `where`). It returns
# () at once when all is well (an import runs every check on every row) and only then puts the problem
# into words. A check that needs another's column right first (a fee's amount, whole days) says
# nothing when it is not: the other check says what is wrong.

PaymentCheck = Callable[[Payment, Context, MemberInfo | None], Iterable[Problem]]
NO_PROBLEMS: tuple[Problem, ...] = ()


def known_member(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """The payment names somebody of this fund, by member number or national ID."""
    if member is not None:
        return NO_PROBLEMS
    return [reasons.UNKNOWN_MEMBER.problem("member", member=p.member)]


def member_may_pay(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """A member who resigned or died pays nothing (a lapsed member may pay)."""
    if member is None or member.status not in reasons.INACTIVE:
        return NO_PROBLEMS
    return [reasons.INACTIVE[member.status].problem("member", number=member.number)]


def _whole(amount: object) -> TypeGuard[int]:
    return isinstance(amount, int) and not isinstance(amount, bool)


def _amount_ok(amount: object) -> bool:
    """What amount_in_range takes."""
    return _whole(amount) and 0 < amount <= MAX_AMOUNT


def amount_in_range(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """Whole satang, more than nothing, and no more than the ledger takes on one line."""
    amount = p.amount
    if not _whole(amount):
        return [reasons.NOT_WHOLE_SATANG.problem("amount")]
    if amount <= 0:
        return [reasons.AMOUNT_NOT_POSITIVE.problem("amount")]
    if amount > MAX_AMOUNT:
        return [reasons.AMOUNT_TOO_LARGE.problem("amount", limit=_baht(MAX_AMOUNT))]
    return NO_PROBLEMS


def _fee_named(purpose: str) -> Both:
    return Both(*FEES[purpose])


def fee_as_set(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """A fee is the amount the fund's rules set (see fee_due and fee_rules); a fund that charges none
    refuses it."""
    if p.purpose not in FEES or not _amount_ok(p.amount):  # amount_in_range says what is wrong
        return NO_PROBLEMS
    rules = ctx.rules
    if member is not None and ctx.book is not None:
        rules = fee_rules(ctx.book, ctx.rules, p.purpose, member.joined_on)
    fee = fee_due(rules, p.purpose)
    if not fee:
        return [reasons.NO_FEE[p.purpose].problem("purpose", fee=_fee_named(p.purpose))]
    if p.amount != fee:
        return [
            reasons.WRONG_FEE[p.purpose].problem(
                "amount", fee=_fee_named(p.purpose), due=_baht(fee), amount=_baht(p.amount)
            )
        ]
    return NO_PROBLEMS


def fee_owed(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """The entry fee is paid once; the reinstatement fee once per lapse, and only by a lapsed member."""
    if p.purpose not in FEES or member is None or not _amount_ok(p.amount):
        return NO_PROBLEMS
    if p.purpose == Purpose.REINSTATEMENT_FEE and member.status != "lapsed":
        return [reasons.NOT_LAPSED.problem("purpose", number=member.number, fee=_fee_named(p.purpose))]
    if (member.pk, p.purpose) in ctx.fees_paid:
        return [
            reasons.FEE_PAID[p.purpose].problem("purpose", number=member.number, fee=_fee_named(p.purpose))
        ]
    return NO_PROBLEMS


def whole_days(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """Where the fund takes whole days only, a contribution is a multiple of the daily rate (a fee
    buys no days: it is the fee)."""
    amount, rules = p.amount, ctx.rules
    if p.purpose in FEES or not rules.whole_days_only or not _amount_ok(amount):
        return NO_PROBLEMS
    rate = rules.daily_rate
    if not amount % rate:
        return NO_PROBLEMS
    return [reasons.NOT_WHOLE_DAYS.problem("amount", amount=_baht(amount), rate=_baht(rate))]


def _is_day(day: object) -> bool:
    return isinstance(day, datetime.date) and not isinstance(day, datetime.datetime)


def valid_day(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """A payment is dated by a calendar day: not a moment, not text."""
    if _is_day(p.paid_on):
        return NO_PROBLEMS
    return [reasons.INVALID_DATE.problem("date")]


def common_era_year(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """2569-01-05 sent where the common era is asked (the API's ISO dates): the year meant is 2026."""
    day = p.paid_on
    if not _is_day(day) or day.year < BUDDHIST_ERA_FROM:
        return NO_PROBLEMS
    return [reasons.BUDDHIST_ERA_YEAR.problem("date", year=day.year, common=day.year - 543)]


def day_not_in_future(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """Dated no later than the days ahead the fund allows (a Buddhist-era year is told as that)."""
    day = p.paid_on
    if not _is_day(day) or day <= ctx.latest_day or day.year >= BUDDHIST_ERA_FROM:
        return NO_PROBLEMS
    return [reasons.DATE_IN_FUTURE.problem("date", day=_day(day))]


def period_open(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """Nothing is paid into a month whose books are closed."""
    day = p.paid_on
    if not _is_day(day) or (day.year, day.month) not in ctx.closed_periods:
        return NO_PROBLEMS
    return [reasons.PERIOD_CLOSED.problem("date", day=_day(day))]


def not_before_joining(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """A member pays from the day they joined (nobody has no joining day to be before)."""
    day = p.paid_on
    if member is None or not _is_day(day) or day >= member.joined_on:
        return NO_PROBLEMS
    return [reasons.BEFORE_JOINING.problem("date", day=_day(day), joined=_day(member.joined_on))]


def purpose_known(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    if p.purpose in PURPOSES:
        return NO_PROBLEMS
    return [reasons.UNKNOWN_PURPOSE.problem("purpose", purpose=p.purpose, known=_choices(Purpose.values))]


def channel_known(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    if p.channel in CHANNELS:
        return NO_PROBLEMS
    return [reasons.UNKNOWN_CHANNEL.problem("channel", channel=p.channel, known=_choices(Channel.values))]


def book_number_unused(p: Payment, ctx: Context, member: MemberInfo | None) -> Iterable[Problem]:
    """A paper receipt number is used once in a fund (one given twice in a batch: check_payments)."""
    if not p.book_number or p.book_number not in ctx.book_numbers_used:
        return NO_PROBLEMS
    return [reasons.RECEIPT_NUMBER_USED.problem("receipt", receipt=p.book_number)]


# In this order, which is the order a payment's problems are told in: who, how much, when, for what,
# how, which receipt.
PAYMENT_CHECKS: tuple[PaymentCheck, ...] = (
    known_member,
    member_may_pay,
    amount_in_range,
    fee_as_set,
    fee_owed,
    whole_days,
    valid_day,
    common_era_year,
    day_not_in_future,
    period_open,
    not_before_joining,
    purpose_known,
    channel_known,
    book_number_unused,
)

# The payment's field each column names: what a problem shows beside it, as it was given.
_FIELDS = {
    "member": "member",
    "amount": "amount",
    "date": "paid_on",
    "channel": "channel",
    "purpose": "purpose",
    "receipt": "book_number",
}


def check_payment(n: int, p: Payment, ctx: Context, member: MemberInfo | None) -> list[PaymentProblem]:
    """The problems of payment `n` (from 0), each check's in turn; `member` is who `p.member` names in
    this fund (None: nobody)."""
    found: list[PaymentProblem] = []
    for check in PAYMENT_CHECKS:
        errors = check(p, ctx, member)
        if errors:  # () when all is well, as it most often is
            found += [PaymentProblem(n, e.where, getattr(p, _FIELDS[e.where]), e) for e in errors]
    return found


def fee_due(rules: FundRules, purpose: str) -> int:
    """Satang the rules set for a fee (0: the fund does not charge it). The entry fee is asked of the
    rules in force on the day the member joined, the reinstatement fee of today's."""
    c = rules.contributions
    if purpose == Purpose.ENTRY_FEE:
        return c.entry_fee
    return c.reinstatement.fee if c.reinstatement.allowed else 0


def fee_rules(book: RuleBook, today_rules: FundRules, purpose: str, joined_on: datetime.date) -> FundRules:
    """The rules a fee is asked of (see fee_due)."""
    return book.on(joined_on) if purpose == Purpose.ENTRY_FEE else today_rules


def fee_settled(purpose: str, paid_on: datetime.date, status_since: datetime.date | None) -> bool:
    """Whether a fee receipt (not cancelled) dated `paid_on` settles its fee for a member whose status
    has held since `status_since`: the entry fee for good, the reinstatement fee for the current lapse."""
    return purpose == Purpose.ENTRY_FEE or (status_since is not None and paid_on >= status_since)


# What a retry is compared on, in the order the refusal names them: (Thai, English) names.
_RETRY_FIELDS = {
    "member": ("สมาชิก", "member"),
    "amount": ("จำนวนเงิน", "amount"),
    "date": ("วันที่", "date"),
    "channel": ("ช่องทาง", "channel"),
    "purpose": ("ประเภท", "purpose"),
    "receipt": ("เลขที่ใบเสร็จ", "receipt number"),
}


def check_retry(n: int, p: Payment, member: MemberInfo | None, first: FirstPayment) -> list[PaymentProblem]:
    """A payment whose key was recorded before is a retry only if it says what the first one said;
    otherwise it is a new payment sent under a used key (a form sent again after being changed, a
    key typed twice), refused so that it is not mistaken for the first and silently dropped."""
    given = {
        "member": member.number if member else p.member,
        "amount": p.amount,
        "date": p.paid_on,
        "channel": p.channel,
        "purpose": p.purpose,
        "receipt": p.book_number,
    }
    kept = {
        "member": first.member,
        "amount": first.amount,
        "date": first.paid_on,
        "channel": first.channel,
        "purpose": first.purpose,
        "receipt": first.book_number,
    }
    differ = [field for field in _RETRY_FIELDS if given[field] != kept[field]]
    if not differ:
        return []
    fields = Both(*(", ".join(_RETRY_FIELDS[f][i] for f in differ) for i in (0, 1)))
    reused = reasons.KEY_REUSED_ONE if len(differ) == 1 else reasons.KEY_REUSED_MANY
    error = reused.problem(
        differ[0],
        receipt=first.receipt,
        member=first.member,
        amount=_baht(first.amount),
        day=_day(first.paid_on),
        fields=fields,
    )
    return [PaymentProblem(n, differ[0], given[differ[0]], error)]


def check_payments(
    payments: list[Payment], ctx: Context, retries: dict[int, FirstPayment]
) -> tuple[list[PaymentProblem], list[MemberInfo | None]]:
    """Check every payment (a retry, whose key was recorded before, only against what it first said);
    also a paper receipt number given twice in the batch. Returns the problems and the member of
    each payment."""
    problems: list[PaymentProblem] = []
    members: list[MemberInfo | None] = []
    seen: dict[str, int] = {}
    fees: dict[tuple[int, str], int] = {}  # (member id, fee) -> the payment (from 0) that pays it
    found: dict[str, MemberInfo | None] = {}
    for n, p in enumerate(payments):
        member = (
            found[p.member] if p.member in found else found.setdefault(p.member, find_member(ctx, p.member))
        )
        members.append(member)
        if n in retries:
            problems += check_retry(n, p, member, retries[n])
            continue
        problems += check_payment(n, p, ctx, member)
        if p.purpose in FEES and member is not None:
            fee = (member.pk, p.purpose)
            if fee in fees:
                repeated = reasons.FEE_REPEATED[p.purpose].problem(
                    "purpose", fee=Both(*FEES[p.purpose]), number=member.number, n=fees[fee] + 1
                )
                problems.append(PaymentProblem(n, "purpose", p.purpose, repeated))
            fees.setdefault(fee, n)
        if p.book_number:
            if p.book_number in seen:
                repeated = reasons.RECEIPT_NUMBER_REPEATED.problem(
                    "receipt", receipt=p.book_number, n=seen[p.book_number] + 1
                )
                problems.append(PaymentProblem(n, "receipt", p.book_number, repeated))
            seen.setdefault(p.book_number, n)
    return problems, members
