"""Checking payments before anything is written: one set of checks for a single payment, a meeting
sheet and a whole imported file. Every problem is returned, not just the first."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import NamedTuple

from sajja.contributions import reasons
from sajja.contributions.models import Channel, Purpose
from sajja.contributions.rules import FundRules, RuleBook
from sajja.core.errors import Problem
from sajja.core.ledger.records import MAX_AMOUNT
from sajja.core.money import format_baht, format_number
from sajja.core.thai_dates import format_thai_date
from sajja.reasons import Both, Reason
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
    channel: str = Channel.CASH
    book_number: str = ""
    key: str = ""
    purpose: str = Purpose.CONTRIBUTION


class MemberInfo(NamedTuple):
    pk: int
    number: str
    status: str
    joined_on: datetime.date
    status_since: datetime.date | None = None


# The fees a member pays besides contributions: (Thai, English) names, as the messages say them.
FEES = {
    Purpose.ENTRY_FEE: ("ค่าสมัคร", "entry fee"),
    Purpose.REINSTATEMENT_FEE: ("ค่าธรรมเนียมกลับเข้าเป็นสมาชิก", "reinstatement fee"),
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


class PaymentProblem(NamedTuple):
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


def check_payment(n: int, p: Payment, ctx: Context, member: MemberInfo | None) -> list[PaymentProblem]:
    """The problems of one payment; `member` is who `p.member` names in this fund (None: nobody)."""
    found: list[PaymentProblem] = []

    def bad(column, value, reason: Reason, **params):
        found.append(PaymentProblem(n, column, value, reason.problem(column, **params)))

    if member is None:
        bad("member", p.member, reasons.UNKNOWN_MEMBER, member=p.member)
    elif member.status in reasons.INACTIVE:
        bad("member", p.member, reasons.INACTIVE[member.status], number=member.number)
    amount, rate = p.amount, ctx.rules.daily_rate
    if isinstance(amount, bool) or not isinstance(amount, int):
        bad("amount", amount, reasons.NOT_WHOLE_SATANG)
    elif amount <= 0:
        bad("amount", amount, reasons.AMOUNT_NOT_POSITIVE)
    elif amount > MAX_AMOUNT:
        bad("amount", amount, reasons.AMOUNT_TOO_LARGE, limit=_baht(MAX_AMOUNT))
    elif p.purpose in FEES:
        _check_fee(p, ctx, member, bad)
    elif ctx.rules.whole_days_only and amount % rate:
        bad("amount", amount, reasons.NOT_WHOLE_DAYS, amount=_baht(amount), rate=_baht(rate))
    day = p.paid_on
    if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
        bad("date", day, reasons.INVALID_DATE)
    else:
        latest = ctx.today + datetime.timedelta(days=ctx.rules.future_days_allowed)
        # 2569-01-05 sent where the common era is asked (the API's ISO dates): the year meant is 2026
        if day.year >= BUDDHIST_ERA_FROM:
            bad("date", day, reasons.BUDDHIST_ERA_YEAR, year=day.year, common=day.year - 543)
        elif day > latest:
            bad("date", day, reasons.DATE_IN_FUTURE, day=_day(day))
        if (day.year, day.month) in ctx.closed_periods:
            bad("date", day, reasons.PERIOD_CLOSED, day=_day(day))
        if member is not None and day < member.joined_on:
            bad("date", day, reasons.BEFORE_JOINING, day=_day(day), joined=_day(member.joined_on))
    if p.purpose not in PURPOSES:
        bad("purpose", p.purpose, reasons.UNKNOWN_PURPOSE, purpose=p.purpose, known=_choices(Purpose.values))
    if p.channel not in CHANNELS:
        bad("channel", p.channel, reasons.UNKNOWN_CHANNEL, channel=p.channel, known=_choices(Channel.values))
    if p.book_number and p.book_number in ctx.book_numbers_used:
        bad("receipt", p.book_number, reasons.RECEIPT_NUMBER_USED, receipt=p.book_number)
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


def _check_fee(p: Payment, ctx: Context, member: MemberInfo | None, bad) -> None:
    """A fee is the amount the fund's rules set; the entry fee is paid once, the reinstatement fee once
    per lapse and only by a lapsed member."""
    named = Both(*FEES[p.purpose])
    rules = ctx.rules
    if member is not None and ctx.book is not None:
        rules = fee_rules(ctx.book, ctx.rules, p.purpose, member.joined_on)
    fee = fee_due(rules, p.purpose)
    if not fee:
        bad("purpose", p.purpose, reasons.NO_FEE[p.purpose], fee=named)
    elif p.amount != fee:
        bad(
            "amount",
            p.amount,
            reasons.WRONG_FEE[p.purpose],
            fee=named,
            due=_baht(fee),
            amount=_baht(p.amount),
        )
    if member is None:
        return
    if p.purpose == Purpose.REINSTATEMENT_FEE and member.status != "lapsed":
        bad("purpose", p.purpose, reasons.NOT_LAPSED, number=member.number, fee=named)
    elif (member.pk, p.purpose) in ctx.fees_paid:
        bad("purpose", p.purpose, reasons.FEE_PAID[p.purpose], number=member.number, fee=named)


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
) -> tuple[list[PaymentProblem], list]:
    """Check every payment (a retry, whose key was recorded before, only against what it first said);
    also a paper receipt number given twice in the batch. Returns the problems and the member of
    each payment."""
    problems: list[PaymentProblem] = []
    members = []
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
