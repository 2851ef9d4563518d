"""Checking payments before anything is written: one set of checks for a single payment, a meeting
sheet and a whole imported file. Every problem is returned, not just the first."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import NamedTuple

from sajja.contributions.models import Channel, Purpose
from sajja.contributions.rules import FundRules, RuleBook
from sajja.core.errors import Problem
from sajja.core.ledger.records import MAX_AMOUNT
from sajja.core.money import format_baht, format_number
from sajja.core.thai_dates import format_thai_date
from sajja.registry.models import MEMBER_NUMBER_DIGITS

CHANNELS = frozenset(Channel.values)
PURPOSES = frozenset(Purpose.values)
INACTIVE = {"resigned": ("ลาออกแล้ว", "has resigned"), "deceased": ("เสียชีวิตแล้ว", "is deceased")}
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


def _baht_en(satang: int) -> str:
    return f"{format_number(satang)} baht"


def _e(code: str, th: str, en: str, where: str) -> Problem:
    return Problem(code, th, en, where)


def check_payment(n: int, p: Payment, ctx: Context, member: MemberInfo | None) -> list[PaymentProblem]:
    """The problems of one payment; `member` is who `p.member` names in this fund (None: nobody)."""
    found: list[PaymentProblem] = []

    def bad(column, value, code, th, en):
        found.append(PaymentProblem(n, column, value, _e(code, th, en, column)))

    if member is None:
        bad(
            "member",
            p.member,
            "unknown_member",
            f"ไม่พบสมาชิก {p.member} ในกองทุนนี้",
            f"no member {p.member} in this fund",
        )
    elif member.status in INACTIVE:
        th, en = INACTIVE[member.status]
        bad(
            "member",
            p.member,
            f"member_{member.status}",
            f"สมาชิก {member.number} {th}",
            f"member {member.number} {en}",
        )
    amount, rate = p.amount, ctx.rules.daily_rate
    if isinstance(amount, bool) or not isinstance(amount, int):
        bad(
            "amount",
            amount,
            "not_whole_satang",
            "จำนวนเงินต้องเป็นสตางค์เต็มหน่วย",
            "the amount must be whole satang",
        )
    elif amount <= 0:
        bad(
            "amount",
            amount,
            "amount_not_positive",
            "จำนวนเงินต้องมากกว่าศูนย์",
            "the amount must be more than zero",
        )
    elif amount > MAX_AMOUNT:
        bad(
            "amount",
            amount,
            "amount_too_large",
            f"จำนวนเงินเกินขีดจำกัด {format_baht(MAX_AMOUNT)}",
            f"the amount is over the limit of {_baht_en(MAX_AMOUNT)}",
        )
    elif p.purpose in FEES:
        _check_fee(p, ctx, member, bad)
    elif ctx.rules.whole_days_only and amount % rate:
        bad(
            "amount",
            amount,
            "not_whole_days",
            f"จำนวนเงิน {format_baht(amount)} ต้องเป็นจำนวนเท่าของอัตรารายวัน {format_baht(rate)}",
            f"the amount {_baht_en(amount)} must be a multiple of the daily rate {_baht_en(rate)}",
        )
    day = p.paid_on
    if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
        bad("date", day, "invalid_date", "วันที่ไม่ถูกต้อง", "not a calendar date")
    else:
        latest = ctx.today + datetime.timedelta(days=ctx.rules.future_days_allowed)
        # 2569-01-05 sent where the common era is asked (the API's ISO dates): the year meant is 2026
        if day.year >= BUDDHIST_ERA_FROM:
            bad(
                "date",
                day,
                "buddhist_era_year",
                f"ปี {day.year} เป็นปี พ.ศ.: วันที่แบบ ปปปป-ดด-วว ใช้ปี ค.ศ. ({day.year - 543})",
                f"the year {day.year} is a Buddhist-era year: a YYYY-MM-DD date takes the common era ({day.year - 543})",
            )
        elif day > latest:
            bad(
                "date",
                day,
                "date_in_future",
                f"วันที่ {format_thai_date(day)} อยู่ในอนาคต",
                f"the date {day.isoformat()} is in the future",
            )
        if (day.year, day.month) in ctx.closed_periods:
            bad(
                "date",
                day,
                "period_closed",
                f"เดือนของวันที่ {format_thai_date(day)} ปิดบัญชีแล้ว",
                f"the month of {day.isoformat()} is closed",
            )
        if member is not None and day < member.joined_on:
            bad(
                "date",
                day,
                "before_joining",
                f"วันที่ {format_thai_date(day)} ก่อนวันสมัครเป็นสมาชิก ({format_thai_date(member.joined_on)})",
                f"the date {day.isoformat()} is before the member joined ({member.joined_on.isoformat()})",
            )
    if p.purpose not in PURPOSES:
        bad(
            "purpose",
            p.purpose,
            "unknown_purpose",
            f"ไม่รู้จักประเภทการชำระ {p.purpose}",
            f"unknown purpose {p.purpose} (use {', '.join(Purpose.values)})",
        )
    if p.channel not in CHANNELS:
        bad(
            "channel",
            p.channel,
            "unknown_channel",
            f"ไม่รู้จักช่องทาง {p.channel}",
            f"unknown channel {p.channel} (use {', '.join(Channel.values)})",
        )
    if p.book_number and p.book_number in ctx.book_numbers_used:
        bad(
            "receipt",
            p.book_number,
            "duplicate_receipt",
            f"เลขที่ใบเสร็จ {p.book_number} ถูกใช้แล้ว",
            f"receipt number {p.book_number} is already used",
        )
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
    th, en = FEES[p.purpose]
    rules = ctx.rules
    if member is not None and ctx.book is not None:
        rules = fee_rules(ctx.book, ctx.rules, p.purpose, member.joined_on)
    fee = fee_due(rules, p.purpose)
    if not fee:
        bad("purpose", p.purpose, f"no_{p.purpose}", f"กองทุนนี้ไม่เก็บ{th}", f"this fund charges no {en}")
    elif p.amount != fee:
        bad(
            "amount",
            p.amount,
            f"wrong_{p.purpose}",
            f"{th}ของกองทุนนี้คือ {format_baht(fee)} ไม่ใช่ {format_baht(p.amount)}",
            f"this fund's {en} is {_baht_en(fee)}, not {_baht_en(p.amount)}",
        )
    if member is None:
        return
    if p.purpose == Purpose.REINSTATEMENT_FEE and member.status != "lapsed":
        bad(
            "purpose",
            p.purpose,
            "not_lapsed",
            f"สมาชิก {member.number} ไม่ได้ขาดสมาชิกภาพ จึงไม่ต้องชำระ{th}",
            f"member {member.number} has not lapsed: no {en} is due",
        )
    elif (member.pk, p.purpose) in ctx.fees_paid:
        bad(
            "purpose",
            p.purpose,
            f"{p.purpose}_paid",
            f"สมาชิก {member.number} ชำระ{th}แล้ว",
            f"member {member.number} has already paid the {en}",
        )


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
    th = ", ".join(_RETRY_FIELDS[f][0] for f in differ)
    en = ", ".join(_RETRY_FIELDS[f][1] for f in differ)
    error = _e(
        "key_reused",
        f"รายการนี้ถูกบันทึกไปแล้วเป็นใบเสร็จเลขที่ {first.receipt} (สมาชิก {first.member}, "
        f"{format_baht(first.amount)}, {format_thai_date(first.paid_on)}) แต่ครั้งนี้{th}ต่างไป: "
        "ถ้าเป็นการรับเงินใหม่ ให้บันทึกเป็นรายการใหม่",
        f"this was already recorded as receipt {first.receipt} (member {first.member}, "
        f"{_baht_en(first.amount)}, {first.paid_on:%Y-%m-%d}) but now its {en} {'differs' if len(differ) == 1 else 'differ'}: "
        "record a new payment as a new entry",
        differ[0],
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
                th, en = FEES[p.purpose]
                problems.append(
                    PaymentProblem(
                        n,
                        "purpose",
                        p.purpose,
                        _e(
                            f"{p.purpose}_repeated",
                            f"{th}ของสมาชิก {member.number} ซ้ำกับรายการที่ {fees[fee] + 1}",
                            f"the {en} of member {member.number} repeats payment {fees[fee] + 1}",
                            "purpose",
                        ),
                    )
                )
            fees.setdefault(fee, n)
        if p.book_number:
            if p.book_number in seen:
                problems.append(
                    PaymentProblem(
                        n,
                        "receipt",
                        p.book_number,
                        _e(
                            "duplicate_receipt",
                            f"เลขที่ใบเสร็จ {p.book_number} ซ้ำกับรายการที่ {seen[p.book_number] + 1}",
                            f"receipt number {p.book_number} repeats payment {seen[p.book_number] + 1}",
                            "receipt",
                        ),
                    )
                )
            seen.setdefault(p.book_number, n)
    return problems, members
