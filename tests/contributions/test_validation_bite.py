"""What the payment checks refuse, and what they take, before anything is written.

The fund of these tests, on 16 February 2026 (2569), with December 2025 closed and paper receipt
B-0007 already used:

| member | number | status   | joined      | status since |
| ------ | ------ | -------- | ----------- | ------------ |
| Somsri | 000001 | active   | 1 Jan 2025  |              |
| Malee  | 000002 | lapsed   | 1 Jan 2024  | 1 Dec 2025   |
| Chai   | 000003 | resigned | 1 Jan 2024  | 1 Jun 2025   |
| Boon   | 000004 | deceased | 1 Jan 2024  | 1 Jul 2025   |

Somsri's national ID is 1-1017-00203-45-1. Contributions are 1 baht a day, in whole days, dated today
at the latest, unless a test gives the fund other rules.
"""

from __future__ import annotations

import datetime
import doctest

import pytest

from sajja.contributions import validation
from sajja.contributions.rules import FundRules, RuleBook
from sajja.contributions.validation import (
    Context,
    FirstPayment,
    MemberInfo,
    Payment,
    check_payments,
    fee_due,
    fee_rules,
    fee_settled,
    national_id_digits,
)
from sajja.core.ledger.records import MAX_AMOUNT
from sajja.schemes import load_scheme_data
from sajja.schemes.contributions import ContributionRules, Reinstatement

TODAY = datetime.date(2026, 2, 16)
SOMSRI = MemberInfo(1, "000001", "active", datetime.date(2025, 1, 1))
MALEE = MemberInfo(2, "000002", "lapsed", datetime.date(2024, 1, 1), datetime.date(2025, 12, 1))
CHAI = MemberInfo(3, "000003", "resigned", datetime.date(2024, 1, 1), datetime.date(2025, 6, 1))
BOON = MemberInfo(4, "000004", "deceased", datetime.date(2024, 1, 1), datetime.date(2025, 7, 1))
SOMSRI_ID = "1101700203451"


def fund(fees_paid=frozenset(), book=None, **rules) -> Context:
    return Context(
        rules=FundRules(ContributionRules(**rules)),
        today=TODAY,
        by_number={m.number: m for m in (SOMSRI, MALEE, CHAI, BOON)},
        by_national_id={SOMSRI_ID: SOMSRI},
        closed_periods=frozenset({(2025, 12)}),
        book_numbers_used=frozenset({"B-0007"}),
        fees_paid=frozenset(fees_paid),
        book=book,
    )


FUND = fund()


def pay(member="000001", baht=30, day=TODAY, satang=None, **fields) -> Payment:
    """A payment of `baht` (or of `satang`, exactly as given: 0.5, True)."""
    return Payment(member, baht * 100 if satang is None else satang, day, **fields)


def refused(*payments: Payment, ctx: Context = FUND) -> list[tuple[int, str, str]]:
    """(which payment, column, code) of every problem."""
    problems, _ = check_payments(list(payments), ctx, {})
    return [(p.index, p.column, p.error.code) for p in problems]


def words(payment: Payment, ctx: Context = FUND) -> list[tuple[str, str]]:
    """(English, Thai) of every problem of one payment."""
    problems, _ = check_payments([payment], ctx, {})
    return [(p.error.message_en, p.error.message_th) for p in problems]


def test_thirty_baht_in_cash_today_from_a_member_is_taken():
    problems, members = check_payments([pay()], FUND, {})
    assert problems == []
    assert members == [SOMSRI]


# --- who pays ------------------------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["000001", "1", " ๑ ", SOMSRI_ID, "1-1017-00203-45-1", "1 1017 00203 45 1"])
def test_a_member_is_found_by_number_or_national_id_as_typed(ref):
    problems, members = check_payments([pay(ref)], FUND, {})
    assert problems == []
    assert members == [SOMSRI]


@pytest.mark.parametrize("ref", ["000099", "3101700203452", "A-7"])
def test_nobody_of_this_fund_is_refused(ref):
    assert refused(pay(ref)) == [(0, "member", "unknown_member")]
    assert words(pay(ref)) == [(f"no member {ref} in this fund", f"ไม่พบสมาชิก {ref} ในกองทุนนี้")]


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("1-1017-00203-45-1", SOMSRI_ID),
        ("๑๑๐๑๗๐๐๒๐๓๔๕๑", SOMSRI_ID),
        ("110170020345", None),
        ("11017002034x1", None),
    ],
)
def test_a_national_id_is_thirteen_digits_however_typed(text, digits):
    assert national_id_digits(text) == digits


@pytest.mark.parametrize(
    ("member", "en", "th"),
    [
        (CHAI, "member 000003 has resigned", "สมาชิก 000003 ลาออกแล้ว"),
        (BOON, "member 000004 is deceased", "สมาชิก 000004 เสียชีวิตแล้ว"),
    ],
)
def test_a_member_who_resigned_or_died_pays_nothing(member, en, th):
    assert refused(pay(member.number)) == [(0, "member", f"member_{member.status}")]
    assert words(pay(member.number)) == [(en, th)]


def test_a_lapsed_member_may_pay_contributions():
    assert refused(pay("000002", day=datetime.date(2026, 2, 1))) == []


# --- how much ------------------------------------------------------------------------------------


def test_one_satang_is_taken_where_the_fund_takes_parts_of_a_day():
    assert refused(pay(satang=1), ctx=fund(whole_days_only=False)) == []


@pytest.mark.parametrize("satang", [0, -100, -1])
def test_nothing_or_less_than_nothing_is_refused(satang):
    assert refused(pay(satang=satang), ctx=fund(whole_days_only=False)) == [
        (0, "amount", "amount_not_positive")
    ]
    assert words(pay(satang=satang)) == [("the amount must be more than zero", "จำนวนเงินต้องมากกว่าศูนย์")]


@pytest.mark.parametrize("amount", [3000.0, True, "30"])
def test_an_amount_must_be_whole_satang(amount):
    assert refused(pay(satang=amount)) == [(0, "amount", "not_whole_satang")]
    assert words(pay(satang=amount)) == [("the amount must be whole satang", "จำนวนเงินต้องเป็นสตางค์เต็มหน่วย")]


def test_a_payment_of_exactly_the_limit_is_taken():
    assert refused(pay(satang=MAX_AMOUNT)) == []


def test_a_payment_over_the_limit_is_a_typing_error():
    assert refused(pay(satang=MAX_AMOUNT + 100)) == [(0, "amount", "amount_too_large")]
    assert words(pay(satang=MAX_AMOUNT + 100)) == [
        (
            "the amount is over the limit of 1,000,000,000,000.00 baht",
            "จำนวนเงินเกินขีดจำกัด 1,000,000,000,000.00 บาท",
        )
    ]


def test_an_amount_that_buys_part_of_a_day_is_refused_where_days_are_whole():
    assert refused(pay(satang=3050)) == [(0, "amount", "not_whole_days")]
    assert words(pay(satang=3050)) == [
        (
            "the amount 30.50 baht must be a multiple of the daily rate 1.00 baht",
            "จำนวนเงิน 30.50 บาท ต้องเป็นจำนวนเท่าของอัตรารายวัน 1.00 บาท",
        )
    ]
    assert refused(pay(satang=3050), ctx=fund(whole_days_only=False)) == []


def test_whole_days_are_counted_at_the_funds_own_rate():
    at_two_baht = fund(daily_rate=2)
    assert refused(pay(baht=60), ctx=at_two_baht) == []
    assert refused(pay(baht=31), ctx=at_two_baht) == [(0, "amount", "not_whole_days")]


def test_one_satang_is_part_of_a_day_where_days_are_whole():
    assert refused(pay(satang=1)) == [(0, "amount", "not_whole_days")]
    assert words(pay(satang=1)) == [
        (
            "the amount 0.01 baht must be a multiple of the daily rate 1.00 baht",
            "จำนวนเงิน 0.01 บาท ต้องเป็นจำนวนเท่าของอัตรารายวัน 1.00 บาท",
        )
    ]


def test_a_payment_of_exactly_the_limit_is_still_counted_in_whole_days():
    """At 3 baht a day the limit (1,000,000,000,000 baht) is 333,333,333,333 days and a baht."""
    assert refused(pay(satang=MAX_AMOUNT), ctx=fund(daily_rate=3)) == [(0, "amount", "not_whole_days")]


# --- when ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [datetime.datetime(2026, 2, 16, 9, 30), "2026-02-16", None])
def test_a_payment_must_be_dated_by_a_calendar_day(day):
    assert refused(pay(day=day)) == [(0, "date", "invalid_date")]
    assert words(pay(day=day)) == [("not a calendar date", "วันที่ไม่ถูกต้อง")]


def test_a_payment_dated_tomorrow_is_refused_where_the_fund_allows_no_future_days():
    tomorrow = datetime.date(2026, 2, 17)
    assert refused(pay(day=tomorrow)) == [(0, "date", "date_in_future")]
    assert words(pay(day=tomorrow)) == [
        ("the date 2026-02-17 is in the future", "วันที่ 17 ก.พ. 2569 อยู่ในอนาคต")
    ]


def test_a_fund_that_allows_three_days_ahead_takes_a_payment_dated_three_days_ahead_and_no_more():
    ahead = fund(future_days_allowed=3)
    assert refused(pay(day=datetime.date(2026, 2, 19)), ctx=ahead) == []
    assert refused(pay(day=datetime.date(2026, 2, 20)), ctx=ahead) == [(0, "date", "date_in_future")]


@pytest.mark.parametrize("year", [2569, 2400])
def test_a_buddhist_era_year_is_named_with_the_common_era_year_meant(year):
    day = datetime.date(year, 2, 16)
    assert refused(pay(day=day)) == [(0, "date", "buddhist_era_year")]
    assert words(pay(day=day)) == [
        (
            f"the year {year} is a Buddhist-era year: a YYYY-MM-DD date takes the common era ({year - 543})",
            f"ปี {year} เป็นปี พ.ศ.: วันที่แบบ ปปปป-ดด-วว ใช้ปี ค.ศ. ({year - 543})",
        )
    ]


def test_a_year_just_before_the_buddhist_era_range_is_only_in_the_future():
    assert refused(pay(day=datetime.date(2399, 12, 31))) == [(0, "date", "date_in_future")]


def test_a_payment_into_a_closed_month_is_refused():
    day = datetime.date(2025, 12, 31)
    assert refused(pay(day=day)) == [(0, "date", "period_closed")]
    assert words(pay(day=day)) == [("the month of 2025-12-31 is closed", "เดือนของวันที่ 31 ธ.ค. 2568 ปิดบัญชีแล้ว")]
    assert refused(pay(day=datetime.date(2026, 1, 1))) == []


def test_a_payment_dated_before_the_member_joined_is_refused():
    day = datetime.date(2024, 12, 31)
    assert refused(pay(day=day)) == [(0, "date", "before_joining")]
    assert words(pay(day=day)) == [
        (
            "the date 2024-12-31 is before the member joined (2025-01-01)",
            "วันที่ 31 ธ.ค. 2567 ก่อนวันสมัครเป็นสมาชิก (1 ม.ค. 2568)",
        )
    ]
    assert refused(pay(day=SOMSRI.joined_on)) == []


def test_an_unknown_member_has_no_joining_day_to_be_before():
    assert refused(pay("000099", day=datetime.date(2020, 1, 1))) == [(0, "member", "unknown_member")]


# --- what for, how, which receipt ------------------------------------------------------------------


def test_an_unknown_purpose_and_channel_are_refused_naming_the_known_ones():
    payment = pay(purpose="gift", channel="cheque")
    assert refused(payment) == [(0, "purpose", "unknown_purpose"), (0, "channel", "unknown_channel")]
    assert words(payment) == [
        ("unknown purpose gift (use contribution, entry_fee, reinstatement_fee)", "ไม่รู้จักประเภทการชำระ gift"),
        (
            "unknown channel cheque (use cash, bank_transfer, promptpay, savings_deduction)",
            "ไม่รู้จักช่องทาง cheque",
        ),
    ]


@pytest.mark.parametrize("channel", ["cash", "bank_transfer", "promptpay", "savings_deduction"])
def test_every_channel_of_the_fund_is_taken(channel):
    assert refused(pay(channel=channel)) == []


def test_a_paper_receipt_number_already_used_is_refused():
    assert refused(pay(book_number="B-0007")) == [(0, "receipt", "duplicate_receipt")]
    assert words(pay(book_number="B-0007")) == [
        ("receipt number B-0007 is already used", "เลขที่ใบเสร็จ B-0007 ถูกใช้แล้ว")
    ]
    assert refused(pay(book_number="B-0008")) == []


def test_a_paper_receipt_number_given_twice_in_one_batch_is_refused_the_second_time():
    problems, _ = check_payments(
        [pay(book_number="B-0008"), pay(book_number="B-0009"), pay(book_number="B-0008")], FUND, {}
    )
    assert [(p.index, p.column, p.value, p.error.code, p.error.where) for p in problems] == [
        (2, "receipt", "B-0008", "duplicate_receipt", "receipt")
    ]
    assert (problems[0].error.message_en, problems[0].error.message_th) == (
        "receipt number B-0008 repeats payment 1",
        "เลขที่ใบเสร็จ B-0008 ซ้ำกับรายการที่ 1",
    )


def test_every_problem_of_a_payment_is_told_with_where_it_is():
    payment = Payment("000003", 0, datetime.date(2025, 12, 1), "cheque", "B-0007", purpose="gift")
    problems, _ = check_payments([pay(), payment], FUND, {})
    assert [(p.index, p.column, p.value, p.error.code, p.error.where) for p in problems] == [
        (1, "member", "000003", "member_resigned", "member"),
        (1, "amount", 0, "amount_not_positive", "amount"),
        (1, "date", datetime.date(2025, 12, 1), "period_closed", "date"),
        (1, "purpose", "gift", "unknown_purpose", "purpose"),
        (1, "channel", "cheque", "unknown_channel", "channel"),
        (1, "receipt", "B-0007", "duplicate_receipt", "receipt"),
    ]


# --- fees ----------------------------------------------------------------------------------------

CHARGING = dict(entry_fee=50, reinstatement=Reinstatement(fee=100))  # baht, as a scheme says them


def test_the_entry_fee_is_the_amount_the_rules_set_and_buys_no_days():
    charging = fund(**CHARGING)
    assert refused(pay(baht=50, purpose="entry_fee"), ctx=charging) == []
    assert refused(pay(baht=40, purpose="entry_fee"), ctx=charging) == [(0, "amount", "wrong_entry_fee")]
    assert words(pay(baht=40, purpose="entry_fee"), ctx=charging) == [
        ("this fund's entry fee is 50.00 baht, not 40.00 baht", "ค่าสมัครของกองทุนนี้คือ 50.00 บาท ไม่ใช่ 40.00 บาท")
    ]


def test_a_fee_of_part_of_a_day_is_still_the_fee():
    odd = fund(entry_fee="25.50")
    assert refused(pay(satang=2550, purpose="entry_fee"), ctx=odd) == []


def test_a_fund_without_fees_refuses_them():
    assert refused(pay(baht=50, purpose="entry_fee")) == [(0, "purpose", "no_entry_fee")]
    assert words(pay(baht=50, purpose="entry_fee")) == [
        ("this fund charges no entry fee", "กองทุนนี้ไม่เก็บค่าสมัคร")
    ]
    no_comeback = fund(reinstatement=Reinstatement(allowed=False, fee=100))
    assert refused(pay("000002", baht=100, purpose="reinstatement_fee"), ctx=no_comeback) == [
        (0, "purpose", "no_reinstatement_fee")
    ]
    assert words(pay("000002", baht=100, purpose="reinstatement_fee"), ctx=no_comeback) == [
        ("this fund charges no reinstatement fee", "กองทุนนี้ไม่เก็บค่าธรรมเนียมกลับเข้าเป็นสมาชิก")
    ]


def test_a_lapsed_member_pays_the_reinstatement_fee_and_no_one_else_does():
    charging = fund(**CHARGING)
    assert refused(pay("000002", baht=100, purpose="reinstatement_fee"), ctx=charging) == []
    assert refused(pay("000002", baht=90, purpose="reinstatement_fee"), ctx=charging) == [
        (0, "amount", "wrong_reinstatement_fee")
    ]
    assert words(pay("000002", baht=90, purpose="reinstatement_fee"), ctx=charging) == [
        (
            "this fund's reinstatement fee is 100.00 baht, not 90.00 baht",
            "ค่าธรรมเนียมกลับเข้าเป็นสมาชิกของกองทุนนี้คือ 100.00 บาท ไม่ใช่ 90.00 บาท",
        )
    ]
    assert refused(pay(baht=100, purpose="reinstatement_fee"), ctx=charging) == [(0, "purpose", "not_lapsed")]
    assert words(pay(baht=100, purpose="reinstatement_fee"), ctx=charging) == [
        (
            "member 000001 has not lapsed: no reinstatement fee is due",
            "สมาชิก 000001 ไม่ได้ขาดสมาชิกภาพ จึงไม่ต้องชำระค่าธรรมเนียมกลับเข้าเป็นสมาชิก",
        )
    ]


def test_a_fee_already_paid_is_not_taken_again():
    charging = fund(fees_paid={(1, "entry_fee"), (2, "reinstatement_fee")}, **CHARGING)
    assert refused(pay(baht=50, purpose="entry_fee"), ctx=charging) == [(0, "purpose", "entry_fee_paid")]
    assert words(pay(baht=50, purpose="entry_fee"), ctx=charging) == [
        ("member 000001 has already paid the entry fee", "สมาชิก 000001 ชำระค่าสมัครแล้ว")
    ]
    assert refused(pay("000002", baht=100, purpose="reinstatement_fee"), ctx=charging) == [
        (0, "purpose", "reinstatement_fee_paid")
    ]
    # Malee paid her reinstatement fee, not her entry fee: that one is still due
    assert refused(pay("000002", baht=50, purpose="entry_fee"), ctx=charging) == []


def test_a_fee_for_nobody_is_refused_only_for_the_nobody():
    assert refused(pay("000099", baht=50, purpose="entry_fee"), ctx=fund(**CHARGING)) == [
        (0, "member", "unknown_member")
    ]


def test_a_fee_of_nothing_is_refused_as_nothing_not_also_as_the_wrong_fee():
    charging = fund(fees_paid={(1, "entry_fee")}, **CHARGING)
    assert refused(pay(satang=0, purpose="entry_fee"), ctx=charging) == [(0, "amount", "amount_not_positive")]
    assert refused(pay("000002", satang=0, purpose="entry_fee"), ctx=charging) == [
        (0, "amount", "amount_not_positive")
    ]


def test_a_fee_of_exactly_the_limit_is_the_wrong_fee():
    charging = fund(**CHARGING)
    assert refused(pay(satang=MAX_AMOUNT, purpose="entry_fee"), ctx=charging) == [
        (0, "amount", "wrong_entry_fee")
    ]
    assert words(pay(satang=MAX_AMOUNT, purpose="entry_fee"), ctx=charging) == [
        (
            "this fund's entry fee is 50.00 baht, not 1,000,000,000,000.00 baht",
            "ค่าสมัครของกองทุนนี้คือ 50.00 บาท ไม่ใช่ 1,000,000,000,000.00 บาท",
        )
    ]


def test_one_batch_takes_one_fee_per_member():
    charging = fund(**CHARGING)
    batch = [pay(baht=50, purpose="entry_fee"), pay("000002", baht=50, purpose="entry_fee")]
    batch += [pay(baht=50, purpose="entry_fee"), pay("000099", baht=50, purpose="entry_fee")]
    batch += [pay("000099", baht=50, purpose="entry_fee")]
    problems, _ = check_payments(batch, charging, {})
    assert [(p.index, p.column, p.error.code, p.error.where) for p in problems] == [
        (2, "purpose", "entry_fee_repeated", "purpose"),
        (3, "member", "unknown_member", "member"),
        (4, "member", "unknown_member", "member"),
    ]
    assert (problems[0].value, problems[0].error.message_en, problems[0].error.message_th) == (
        "entry_fee",
        "the entry fee of member 000001 repeats payment 1",
        "ค่าสมัครของสมาชิก 000001 ซ้ำกับรายการที่ 1",
    )


def test_the_entry_fee_is_the_one_in_force_when_the_member_joined_the_reinstatement_fee_todays():
    """Before 2026 the rules ask an entry fee of 50 baht and a reinstatement fee of 100; from 2026, 80 and 200."""
    book = RuleBook(
        load_scheme_data(
            {
                "code": "x",
                "name_th": "x",
                "name_en": "x",
                "versions": [
                    {
                        "effective_from": "2023-01-01",
                        "contributions": {"entry_fee": 50, "reinstatement": {"fee": 100}},
                    },
                    {
                        "effective_from": "2026-01-01",
                        "contributions": {"entry_fee": 80, "reinstatement": {"fee": 200}},
                    },
                ],
            }
        )
    )
    ctx = fund(book=book, entry_fee=80, reinstatement=Reinstatement(fee=200))  # today's rules
    assert refused(pay(baht=50, purpose="entry_fee"), ctx=ctx) == []  # Somsri joined in 2025
    assert refused(pay(baht=80, purpose="entry_fee"), ctx=ctx) == [(0, "amount", "wrong_entry_fee")]
    assert refused(pay("000002", baht=200, purpose="reinstatement_fee"), ctx=ctx) == []
    assert refused(pay("000002", baht=100, purpose="reinstatement_fee"), ctx=ctx) == [
        (0, "amount", "wrong_reinstatement_fee")
    ]
    today_rules = ctx.rules
    assert fee_rules(book, today_rules, "entry_fee", SOMSRI.joined_on) == book.on(SOMSRI.joined_on)
    assert fee_rules(book, today_rules, "reinstatement_fee", SOMSRI.joined_on) is today_rules


def test_what_each_fee_costs():
    charging = FundRules(ContributionRules(**CHARGING))
    assert fee_due(charging, "entry_fee") == 5000
    assert fee_due(charging, "reinstatement_fee") == 10000
    closed = FundRules(ContributionRules(entry_fee=50, reinstatement=Reinstatement(allowed=False, fee=100)))
    assert fee_due(closed, "reinstatement_fee") == 0
    assert fee_due(closed, "entry_fee") == 5000


@pytest.mark.parametrize(
    ("purpose", "paid_on", "status_since", "settled"),
    [
        ("entry_fee", datetime.date(2024, 1, 1), None, True),  # the entry fee is paid once, for good
        ("entry_fee", datetime.date(2024, 1, 1), datetime.date(2025, 12, 1), True),
        ("reinstatement_fee", datetime.date(2025, 12, 1), datetime.date(2025, 12, 1), True),  # this lapse
        ("reinstatement_fee", datetime.date(2026, 1, 5), datetime.date(2025, 12, 1), True),
        # paid in an earlier lapse
        ("reinstatement_fee", datetime.date(2024, 6, 1), datetime.date(2025, 12, 1), False),
        ("reinstatement_fee", datetime.date(2025, 11, 30), datetime.date(2025, 12, 1), False),
        ("reinstatement_fee", datetime.date(2025, 12, 1), None, False),
    ],
)
def test_a_reinstatement_fee_settles_only_the_lapse_it_was_paid_in(purpose, paid_on, status_since, settled):
    assert fee_settled(purpose, paid_on, status_since) is settled


# --- a payment sent again under its key ------------------------------------------------------------

FIRST = FirstPayment(41, "000001", 3000, TODAY, "cash", "contribution", "")


def test_a_retry_that_says_what_the_first_said_is_no_problem():
    problems, members = check_payments([pay("1")], FUND, {0: FIRST})
    assert problems == []
    assert members == [SOMSRI]


def test_a_retry_of_a_nobody_is_compared_on_what_was_typed():
    problems, _ = check_payments([pay("000099")], FUND, {0: FIRST._replace(member="000099")})
    assert problems == []


def test_a_changed_retry_is_refused_naming_what_changed():
    problems, _ = check_payments([pay(baht=60)], FUND, {0: FIRST})
    assert [(p.index, p.column, p.value, p.error.code, p.error.where) for p in problems] == [
        (0, "amount", 6000, "key_reused", "amount")
    ]
    assert problems[0].error.message_en == (
        "this was already recorded as receipt 41 (member 000001, 30.00 baht, 2026-02-16) but now its amount"
        " differs: record a new payment as a new entry"
    )
    assert problems[0].error.message_th == (
        "รายการนี้ถูกบันทึกไปแล้วเป็นใบเสร็จเลขที่ 41 (สมาชิก 000001, 30.00 บาท, 16 ก.พ. 2569) แต่ครั้งนี้"
        "จำนวนเงินต่างไป: ถ้าเป็นการรับเงินใหม่ ให้บันทึกเป็นรายการใหม่"
    )


@pytest.mark.parametrize(
    ("changed", "column", "en", "th"),
    [
        (dict(member="000002"), "member", "member", "สมาชิก"),
        (dict(day=datetime.date(2026, 2, 15)), "date", "date", "วันที่"),
        (dict(channel="promptpay"), "channel", "channel", "ช่องทาง"),
        (dict(purpose="entry_fee"), "purpose", "purpose", "ประเภท"),
        (dict(book_number="B-0010"), "receipt", "receipt number", "เลขที่ใบเสร็จ"),
    ],
)
def test_each_thing_a_retry_must_repeat(changed, column, en, th):
    problems, _ = check_payments([pay(**changed)], FUND, {0: FIRST})
    assert [(p.column, p.error.code) for p in problems] == [(column, "key_reused")]
    assert f"but now its {en} differs:" in problems[0].error.message_en
    assert f"แต่ครั้งนี้{th}ต่างไป:" in problems[0].error.message_th


def test_a_retry_changed_in_many_ways_names_them_all_in_order():
    problems, _ = check_payments(
        [pay("000002", baht=60, day=datetime.date(2026, 2, 15), channel="promptpay", book_number="B-0010")],
        FUND,
        {0: FIRST},
    )
    assert [(p.column, p.value) for p in problems] == [("member", "000002")]
    assert "but now its member, amount, date, channel, receipt number differ:" in problems[0].error.message_en
    assert "แต่ครั้งนี้สมาชิก, จำนวนเงิน, วันที่, ช่องทาง, เลขที่ใบเสร็จต่างไป:" in problems[0].error.message_th


def test_a_retry_is_not_checked_again_as_a_new_payment():
    """The first one was taken: a retry dated now in a closed month is not refused for it."""
    first = FIRST._replace(paid_on=datetime.date(2025, 12, 15))
    problems, _ = check_payments([pay(day=datetime.date(2025, 12, 15)), pay()], FUND, {0: first})
    assert problems == []


def test_a_retry_keeps_the_problems_of_the_payments_before_it_and_after_it():
    batch = [pay(baht=0), pay(), pay("000099")]
    problems, _ = check_payments(batch, FUND, {1: FIRST})
    assert [(p.index, p.column, p.error.code) for p in problems] == [
        (0, "amount", "amount_not_positive"),
        (2, "member", "unknown_member"),
    ]


# --- what each refusal points at -------------------------------------------------------------------

CHARGING_FUND = fund(fees_paid={(1, "entry_fee")}, **CHARGING)


@pytest.mark.parametrize(
    ("payment", "ctx", "pointed_at"),
    [
        (pay("000099"), FUND, ("member", "000099", "unknown_member")),
        (pay("000003"), FUND, ("member", "000003", "member_resigned")),
        (pay(satang=30.5), FUND, ("amount", 30.5, "not_whole_satang")),
        (pay(satang=-100), FUND, ("amount", -100, "amount_not_positive")),
        (pay(satang=MAX_AMOUNT + 100), FUND, ("amount", MAX_AMOUNT + 100, "amount_too_large")),
        (pay(satang=3050), FUND, ("amount", 3050, "not_whole_days")),
        (pay(day="2026-02-16"), FUND, ("date", "2026-02-16", "invalid_date")),
        (
            pay(day=datetime.date(2569, 2, 16)),
            FUND,
            ("date", datetime.date(2569, 2, 16), "buddhist_era_year"),
        ),
        (pay(day=datetime.date(2026, 2, 17)), FUND, ("date", datetime.date(2026, 2, 17), "date_in_future")),
        (pay(day=datetime.date(2025, 12, 5)), FUND, ("date", datetime.date(2025, 12, 5), "period_closed")),
        (pay(day=datetime.date(2024, 12, 5)), FUND, ("date", datetime.date(2024, 12, 5), "before_joining")),
        (pay(purpose="gift"), FUND, ("purpose", "gift", "unknown_purpose")),
        (pay(channel="cheque"), FUND, ("channel", "cheque", "unknown_channel")),
        (pay(book_number="B-0007"), FUND, ("receipt", "B-0007", "duplicate_receipt")),
        (pay(baht=50, purpose="entry_fee"), FUND, ("purpose", "entry_fee", "no_entry_fee")),
        (pay("000002", baht=40, purpose="entry_fee"), CHARGING_FUND, ("amount", 4000, "wrong_entry_fee")),
        (
            pay(baht=100, purpose="reinstatement_fee"),
            CHARGING_FUND,
            ("purpose", "reinstatement_fee", "not_lapsed"),
        ),
        (pay(baht=50, purpose="entry_fee"), CHARGING_FUND, ("purpose", "entry_fee", "entry_fee_paid")),
    ],
)
def test_each_refusal_points_at_the_column_and_the_value_as_given(payment, ctx, pointed_at):
    """What an import's error report shows beside the message: the column and what the row had there."""
    problems, _ = check_payments([payment], ctx, {})
    assert [(p.column, p.value, p.error.code) for p in problems] == [pointed_at]
    assert [p.error.where for p in problems] == [pointed_at[0]]


def test_the_examples_in_the_checks_docstrings_run():
    failed, tried = doctest.testmod(validation)
    assert failed == 0 and tried > 0
