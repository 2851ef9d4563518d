"""A fresh start (`reinstatement.pay_arrears: false`): a lapsed member comes back without paying the
days they missed, and their paid membership counts anew from the day they came back.

The fund is the one of test_close.py: 000003 (G02) joined 1 Jan 2025, paid 300 baht on 10 Jan 2025
(through 27 Oct 2025) and lapses at October 2026's close, from 28 Oct 2026. The fund's rules: 1 baht a
day, 30 days' grace, lapsed after 365 unpaid days, a fresh start on coming back.
"""

from __future__ import annotations

import datetime

import pytest

from sajja.access.policy import SYSTEM
from sajja.contributions.collection import collection_report
from sajja.contributions.models import Purpose
from sajja.contributions.month_end.services import close_through
from sajja.contributions.selectors import meeting_sheet_rows, statement_for
from sajja.contributions.services import cancel_receipt, record_payments
from sajja.contributions.validation import Payment
from sajja.registry.models import Group, Member
from sajja.schemes.engine import facts_for
from sajja.schemes.situation import Event
from sajja.welfare.history import member_history
from sajja.welfare.selectors import scheme_of
from sajja.welfare.services import adopt_template, publish_version
from tests.contributions.factories import TODAY, october_fund, standings

D = datetime.date


def rules(fee: int = 0) -> dict:
    return {
        "grace_days": 30,
        "lapse_after_days": 365,
        "reinstatement": {"fee": fee, "pay_arrears": False, "waiting_days": 0},
    }


@pytest.fixture
def fund(own, own_member):
    october_fund(own)
    adopt_template(SYSTEM, own, "codi", effective_from=D(2025, 1, 1))
    publish_version(SYSTEM, own, {"effective_from": "2026-01-01", "contributions": rules()})
    return own


def pay(fund, amount, day, key, purpose=Purpose.CONTRIBUTION):
    return record_payments(
        SYSTEM, fund, [Payment("000003", amount, day, key=key, purpose=purpose)], today=day
    )


def member():
    return Member.objects.get(number="000003")


def test_a_lapsed_member_owes_none_of_the_days_they_missed(fund, treasurer):
    close_through(treasurer, fund, "2026-10", today=TODAY)
    s = statement_for(treasurer, fund, "000003", as_of=D(2026, 11, 5))
    assert (s.standing.standing, s.standing.arrears) == ("lapsed", 0)
    assert s.due_month_end == 26_00  # 5 to 30 November, to come back paid up: not the year they missed
    group = Group.objects.get(fund=fund, code="G02")
    rows = {r.member.number: r.due for r in meeting_sheet_rows(treasurer, fund, group, D(2026, 11, 16))}
    assert rows["000003"] == 15_00  # 16 to 30 November


def test_one_payment_brings_them_back_and_membership_counts_from_that_day(fund, treasurer):
    close_through(treasurer, fund, "2026-10", today=TODAY)
    pay(fund, 30_00, D(2026, 11, 10), "back")
    november = close_through(treasurer, fund, "2026-11", today=D(2026, 12, 3))
    assert (member().status, member().status_since) == ("active", D(2026, 11, 10))
    # 30 baht from 10 Nov: paid through 9 Dec; the 300 baht of 2025 belong to the membership that lapsed
    assert standings(november)["000003"] == (330_00, D(2026, 12, 9), "paid_up", 0)

    # the welfare rules see the same paid-through date for an event that day
    scheme = scheme_of(fund)
    event = Event("hospital", D(2026, 12, 15), nights=1)
    facts = facts_for(scheme, scheme.version_on(event.date), member_history(member()), event)
    assert (facts.coverage_start, facts.paid_through) == (D(2026, 11, 10), D(2026, 12, 9))

    s = statement_for(treasurer, fund, "000003", as_of=D(2026, 12, 15))
    assert (s.standing.paid_through, s.standing.standing, s.standing.arrears) == (
        D(2026, 12, 9),
        "paid_up",
        6_00,
    )

    # the next close counts from 10 Nov too: 22 days unpaid at the end of December, within the grace
    december = close_through(treasurer, fund, "2026-12", today=D(2027, 1, 3))
    assert standings(december)["000003"] == (330_00, D(2026, 12, 9), "paid_up", 22_00)
    assert member().status == "active"

    report = collection_report(treasurer, fund, 202612, 202612, today=D(2027, 1, 3))
    g02 = next(t for t in report.months[0].groups if t.group and t.group.code == "G02")
    assert g02.lapsed == 0  # 000003 is back, not counted from their joining day


def test_where_a_fee_is_charged_they_come_back_on_the_day_they_pay_it(fund, treasurer):
    publish_version(SYSTEM, fund, {"effective_from": "2026-11-01", "contributions": rules(fee=20)})
    close_through(treasurer, fund, "2026-10", today=TODAY)
    pay(fund, 30_00, D(2026, 11, 10), "month")  # a month paid, but not the fee: still out
    november = close_through(treasurer, fund, "2026-11", today=D(2026, 12, 3))
    assert (member().status, standings(november)["000003"][2]) == ("lapsed", "lapsed")

    pay(fund, 20_00, D(2026, 12, 4), "fee", Purpose.REINSTATEMENT_FEE)
    pay(fund, 30_00, D(2026, 12, 4), "month-2")
    december = close_through(treasurer, fund, "2026-12", today=D(2027, 1, 3))
    assert (member().status, member().status_since) == ("active", D(2026, 12, 4))
    # from the fee's day: the 30 baht of 4 Dec count (through 2 Jan), those of 10 Nov came before it
    assert standings(december)["000003"][1:3] == (D(2027, 1, 2), "paid_up")


def test_a_cancelled_receipt_is_not_a_way_back(fund, treasurer):
    """The 300 baht of 2025 are cancelled in November: a cancellation is no payment, so no comeback."""
    from sajja.contributions.models import Receipt

    close_through(treasurer, fund, "2026-10", today=TODAY)
    old = Receipt.objects.get(member__number="000003")
    cancel_receipt(SYSTEM, old, D(2026, 11, 12), "บันทึกผิด")
    november = close_through(treasurer, fund, "2026-11", today=D(2026, 12, 3))
    assert (member().status, standings(november)["000003"][2]) == ("lapsed", "lapsed")
