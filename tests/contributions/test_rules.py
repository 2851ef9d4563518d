"""A fund's contribution rules come from its own scheme: the version in force on the day asked about."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from sajja.access.policy import SYSTEM
from sajja.contributions.models import MemberMonthStanding
from sajja.contributions.month_end.services import close_through
from sajja.contributions.rules import DEFAULT_RULES, RuleBook, rule_book, rules_for
from sajja.contributions.services import record_payments
from sajja.contributions.validation import Payment
from sajja.schemes import load_scheme_data
from sajja.welfare.services import adopt_template, publish_version

D = datetime.date
TODAY = D(2026, 11, 26)

V2026 = {
    "effective_from": "2026-01-01",
    "contributions": {
        "daily_rate": 2,
        "frequencies": ["monthly", "yearly"],
        "grace_days": 200,
        "lapse_after_days": 400,
        "future_days_allowed": 7,
        "entry_fee": 50,
        "reinstatement": {"allowed": False},
    },
}


@pytest.fixture
def scheme(own):
    """Adopted from CODI's template in 2025 (1 baht a day, 90 days' grace); from 2026, 2 baht a day."""
    adopt_template(SYSTEM, own, "codi", effective_from=D(2025, 1, 1), resolution="มติ 1/2568")
    publish_version(SYSTEM, own, V2026, resolution="มติ 1/2569")
    return own


def test_a_fund_without_a_scheme_gets_the_defaults(own):
    assert rules_for(own, on=D(2026, 1, 1)) is DEFAULT_RULES
    assert rules_for(own) is DEFAULT_RULES  # the old call form: today
    assert (DEFAULT_RULES.daily_rate, DEFAULT_RULES.whole_days_only, DEFAULT_RULES.future_days_allowed) == (
        100,
        True,
        0,
    )


def test_the_version_in_force_on_the_day_gives_the_rules(scheme):
    before, first, second = (rules_for(scheme, on=d) for d in (D(2024, 12, 31), D(2025, 6, 1), D(2026, 6, 1)))
    assert before is DEFAULT_RULES  # no version was in force yet
    assert (first.version, first.daily_rate, first.contributions.grace_days) == (1, 100, 90)
    assert first.contributions.entry_fee == 2000 and first.contributions.reinstatement.allowed
    assert (second.version, second.effective_from, second.daily_rate) == (2, D(2026, 1, 1), 200)
    c = second.contributions
    assert (c.grace_days, c.lapse_after_days, c.entry_fee, c.reinstatement.allowed) == (200, 400, 5000, False)
    assert second.latest_date(TODAY) == D(2026, 12, 3)
    assert c.amount_for("monthly") == 6000 and c.amount_for("yearly") == 73000


def test_allowed_amounts_follow_the_frequencies(scheme):
    first, second = rules_for(scheme, on=D(2025, 6, 1)), rules_for(scheme, on=D(2026, 6, 1))
    assert [first.allows_amount(a) for a in (100, 4500, 4550, 0)] == [True, True, False, False]
    # 2026: monthly or yearly only, at 2 baht a day: whole months of 60 baht, or whole years
    assert [second.allows_amount(a) for a in (6000, 12000, 73000, 4500, 200)] == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_a_bulk_path_reads_the_rules_once(scheme):
    with CaptureQueriesContext(connection) as reading:
        book = rule_book(scheme)
    with CaptureQueriesContext(connection) as asking:
        days = [D(2024, 1, 1) + datetime.timedelta(days=n) for n in range(0, 1100, 7)]
        versions = {book.on(day).version for day in days}
    assert versions == {None, 1, 2} and len(asking.captured_queries) == 0
    assert len(reading.captured_queries) <= 2


def test_days_keep_the_price_of_their_own_day_when_the_rate_changes(scheme):
    book = rule_book(scheme)
    # 365 baht from 1 Jan 2025 buy 2025 at 1 baht a day; 60 baht more buy 30 days of 2026 at 2 baht
    assert book.paid_through(D(2025, 1, 1), 365_00) == D(2025, 12, 31)
    assert book.paid_through(D(2025, 1, 1), 425_00) == D(2026, 1, 30)
    assert book.paid_through(D(2025, 1, 1), 426_99) == D(2026, 1, 30)  # less than a day is a credit
    assert book.paid_through(D(2024, 12, 31), 100) == D(2024, 12, 31)  # before the scheme: the defaults
    assert book.cost(D(2025, 12, 1), D(2026, 1, 31)) == 31 * 100 + 31 * 200
    assert book.cost(D(2026, 2, 1), D(2026, 1, 31)) == 0


def test_the_close_applies_the_rules_in_force_at_the_months_end(scheme, own_member, treasurer):
    """Paid 300 baht in January 2025: at 1 baht a day, through 27 Oct 2025. On 31 Oct 2026, 369 days
    are unpaid: lapsed under 2025's rules (after 365), only in arrears under 2026's (after 400)."""
    record_payments(treasurer, scheme, [Payment("000001", 300_00, D(2025, 1, 10), key="a")], today=TODAY)
    close = close_through(treasurer, scheme, "2026-10", today=TODAY)
    standing = MemberMonthStanding.objects.get(close=close)
    assert close.rules_version == 2
    # owed: 65 days of 2025 at 1 baht, 304 days of 2026 at 2 baht
    assert (standing.paid_through, standing.standing, standing.arrears) == (
        D(2025, 10, 27),
        "in_arrears",
        65 * 100 + 304 * 200,
    )
    assert close.expected == 31 * 200  # October 2026 at 2026's rate
    december = close_through(treasurer, scheme, "2025-12", today=TODAY)
    assert december.rules_version == 1
    # 65 unpaid days: within 2025's 90 days' grace (the defaults' 30 would put the member in arrears)
    late = MemberMonthStanding.objects.get(close=december)
    assert (late.standing, late.arrears) == ("paid_up", 6500)


@given(
    rates=st.lists(st.integers(1, 500), min_size=1, max_size=4),
    gaps=st.lists(st.integers(1, 800), min_size=4, max_size=4),
    start=st.dates(D(2023, 1, 1), D(2027, 1, 1)),
    satang=st.integers(0, 2_000_000),
)
def test_what_was_paid_buys_exactly_the_days_up_to_the_paid_through_date(rates, gaps, start, satang):
    """Whatever the rates and their dates: the days through the paid-through date cost no more than
    what was paid, and one day more would cost more."""
    day, versions = D(2024, 1, 1), []
    for rate, gap in zip(rates, gaps, strict=False):
        versions.append(
            {"effective_from": day.isoformat(), "contributions": {"daily_rate": f"{rate / 100:.2f}"}}
        )
        day += datetime.timedelta(days=gap)
    book = RuleBook(load_scheme_data({"code": "x", "name_th": "x", "name_en": "x", "versions": versions}))
    paid_to = book.paid_through(start, satang)
    assert book.cost(start, paid_to) <= satang < book.cost(start, paid_to + datetime.timedelta(days=1))
