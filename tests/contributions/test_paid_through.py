"""Paid-through dates on the statement at their boundaries: amounts that buy part of a day, payments far
in advance (over a leap year), cancelled receipts. Each baht buys one day from the day of joining
(1 Jan 2025 here); a remainder under the daily rate waits for the next payment."""

from __future__ import annotations

import datetime

from sajja.access.policy import SYSTEM
from sajja.contributions.selectors import statement_for
from sajja.contributions.services import cancel_receipt, record_payment
from sajja.contributions.validation import Payment
from sajja.ledger.services import post_entry
from tests.contributions.factories import TODAY
from tests.factories import contribution


def pay(own, baht: int, key: str, day=datetime.date(2025, 6, 1)):
    return record_payment(SYSTEM, own, Payment("000001", baht * 100, day, key=key), today=TODAY)


def standing(treasurer, own, as_of=TODAY):
    return statement_for(treasurer, own, "000001", as_of=as_of).standing


def test_an_amount_with_part_of_a_day_pays_only_whole_days(own, own_member, treasurer):
    # a 30.50-baht entry in the books (a deduction from a savings account, say): 30 days and 50 satang
    post_entry(SYSTEM, own, contribution("part-1", satang=30_50, member_account="4101-000001"))
    s = standing(treasurer, own, as_of=datetime.date(2025, 1, 31))
    assert s.paid_total == 30_50 and s.paid_through == datetime.date(2025, 1, 30)
    assert s.arrears == 100  # 31 Jan is unpaid: one day at the full rate, the 50 satang are no day
    post_entry(SYSTEM, own, contribution("part-2", satang=49, member_account="4101-000001"))
    assert standing(treasurer, own).paid_through == datetime.date(2025, 1, 30)  # 99 satang: still no day
    post_entry(SYSTEM, own, contribution("part-3", satang=1, member_account="4101-000001"))
    assert standing(treasurer, own).paid_through == datetime.date(2025, 1, 31)  # the 100th satang


def test_a_payment_far_in_advance_covers_a_leap_day(own, own_member, treasurer):
    pay(own, 3 * 365, "three-years")
    s = standing(treasurer, own)
    assert s.paid_through == datetime.date(2027, 12, 31)
    assert s.arrears == 0 and s.standing == "paid_up"
    assert s.days_paid_ahead == (datetime.date(2027, 12, 31) - TODAY).days
    statement = statement_for(treasurer, own, "000001", as_of=TODAY)
    assert statement.due_month_end == 0
    pay(own, 366, "leap-year")  # 2028 has 29 February
    assert standing(treasurer, own).paid_through == datetime.date(2028, 12, 31)


def test_paid_through_moves_back_when_a_receipt_is_cancelled_and_on_when_paid_again(
    own, own_member, treasurer
):
    first = pay(own, 365, "first")
    pay(own, 30, "second", day=datetime.date(2025, 7, 1))
    assert standing(treasurer, own).paid_through == datetime.date(2026, 1, 30)
    cancel_receipt(SYSTEM, first, datetime.date(2025, 7, 2), "จำนวนผิด")
    s = standing(treasurer, own, as_of=datetime.date(2025, 7, 2))
    assert s.paid_total == 30_00 and s.paid_through == datetime.date(2025, 1, 30)
    assert s.arrears == (datetime.date(2025, 7, 2) - datetime.date(2025, 1, 30)).days * 100
    pay(own, 365, "again", day=datetime.date(2025, 7, 3))
    statement = statement_for(treasurer, own, "000001", as_of=TODAY)
    assert statement.standing.paid_through == datetime.date(2026, 1, 30)
    # the cancelled receipt stays on the statement, marked, and is left out of the year's total
    assert [(r.number, r.is_cancelled) for r in statement.receipts] == [(3, False), (2, False), (1, True)]
    assert statement.paid_by_year == [(2025, 395_00, 2)]


def test_the_last_day_of_grace_and_the_first_day_in_arrears(own, own_member, treasurer):
    pay(own, 31, "january")  # through 31 Jan 2025
    assert standing(treasurer, own, as_of=datetime.date(2025, 3, 2)).standing == "paid_up"  # 30 days unpaid
    assert standing(treasurer, own, as_of=datetime.date(2025, 3, 3)).standing == "in_arrears"
    assert standing(treasurer, own, as_of=datetime.date(2025, 3, 3)).arrears == 31 * 100
