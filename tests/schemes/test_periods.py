"""The boundary semantics of `sajja.schemes.periods`, each rule at and around its boundary."""

from __future__ import annotations

from datetime import date

import pytest

from sajja.schemes.contributions import ContributionRules, Standing
from sajja.schemes.periods import (
    age_on,
    anniversary,
    benefit_year,
    days_covered,
    in_tier,
    paid_months,
    paid_through,
    waiting_ends,
    whole_months,
)


def test_waiting_period_counts_days_from_joining():
    assert waiting_ends(date(2025, 1, 1), 180) == date(2025, 6, 30)
    assert waiting_ends(date(2024, 1, 1), 180) == date(2024, 6, 29)  # 2024 is a leap year
    assert waiting_ends(date(2025, 1, 1), 0) == date(2025, 1, 1)


@pytest.mark.parametrize(
    ("satang", "rate", "days", "through"),
    [
        (36_500, 100, 365, date(2025, 12, 31)),
        (3_000, 100, 30, date(2025, 1, 30)),  # 30 baht buys 30 days, not a calendar month
        (3_099, 100, 30, date(2025, 1, 30)),  # less than a day is a credit, not a day
        (100, 100, 1, date(2025, 1, 1)),
        (0, 100, 0, date(2024, 12, 31)),  # nothing paid: paid through the day before joining
        (73_000, 200, 365, date(2025, 12, 31)),
    ],
)
def test_contributions_buy_days(satang, rate, days, through):
    assert days_covered(satang, rate) == days
    assert paid_through(date(2025, 1, 1), satang, rate) == through


@pytest.mark.parametrize(
    ("start", "months", "reached"),
    [
        (date(2020, 3, 1), 12, date(2021, 3, 1)),
        (date(2024, 2, 29), 12, date(2025, 3, 1)),  # no 29 Feb in 2025: reached on 1 March
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 3, 1)),  # no 31 Feb: reached on 1 March
        (date(2025, 1, 30), 1, date(2025, 3, 1)),
        (date(2024, 1, 29), 1, date(2024, 2, 29)),  # a leap year has 29 Feb
        (date(2024, 1, 30), 1, date(2024, 3, 1)),
        (date(2025, 1, 28), 1, date(2025, 2, 28)),
        (date(2025, 8, 31), 1, date(2025, 10, 1)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
    ],
)
def test_anniversaries(start, months, reached):
    assert anniversary(start, months) == reached
    assert whole_months(start, reached) == months
    assert whole_months(start, date.fromordinal(reached.toordinal() - 1)) == months - 1


def test_n_years_of_paid_membership_are_reached_on_the_anniversary_if_paid():
    joined = date(2020, 3, 1)
    assert paid_months(joined, date(2030, 1, 1), date(2025, 2, 28)) == 59
    assert paid_months(joined, date(2030, 1, 1), date(2025, 3, 1)) == 60  # 5 years on the anniversary
    # paid through the day before the anniversary is enough
    assert paid_months(joined, date(2025, 2, 28), date(2025, 3, 1)) == 60
    assert paid_months(joined, date(2025, 2, 27), date(2025, 3, 1)) == 59  # one day unpaid: not yet 5 years
    # counts paid days, not calendar time
    assert paid_months(joined, date(2022, 2, 28), date(2025, 3, 1)) == 24
    assert paid_months(joined, date(2020, 2, 29), date(2025, 3, 1)) == 0  # nothing paid
    assert paid_months(joined, date(2030, 1, 1), date(2019, 1, 1)) == 0  # before joining


def test_age_and_feb_29_birthdays():
    born = date(1964, 2, 29)
    assert age_on(born, date(2024, 2, 28)) == 59
    assert age_on(born, date(2024, 2, 29)) == 60
    assert age_on(born, date(2025, 2, 28)) == 60
    assert age_on(born, date(2025, 3, 1)) == 61
    assert age_on(date(1965, 3, 1), date(2025, 2, 28)) == 59
    assert age_on(date(1965, 3, 1), date(2025, 3, 1)) == 60


def test_tiers_are_half_open():
    assert in_tier(48, 48, 72) and in_tier(71, 48, 72)
    assert not in_tier(72, 48, 72) and not in_tier(47, 48, 72)
    assert in_tier(10_000, 180, None)


def test_standing_at_the_grace_and_lapse_boundaries():
    rules = ContributionRules(grace_days=30, lapse_after_days=365)
    paid_to = date(2025, 1, 31)
    assert rules.standing(paid_to, date(2025, 1, 1)) is Standing.PAID_UP  # paid in advance
    assert rules.standing(paid_to, date(2025, 3, 2)) is Standing.PAID_UP  # 30 unpaid days: still in grace
    assert rules.standing(paid_to, date(2025, 3, 3)) is Standing.IN_ARREARS  # 31
    assert rules.standing(paid_to, date(2026, 1, 31)) is Standing.IN_ARREARS  # 365
    assert rules.standing(paid_to, date(2026, 2, 1)) is Standing.LAPSED  # 366


def test_arrears_and_reinstatement_cost():
    rules = ContributionRules.model_validate(
        {"entry_fee": 20, "reinstatement": {"fee": 50, "pay_arrears": True}}
    )
    assert rules.arrears(date(2025, 1, 31), date(2025, 3, 2)) == 30 * 100
    assert rules.arrears(date(2025, 12, 31), date(2025, 3, 2)) == 0
    assert rules.reinstatement_cost(date(2024, 1, 31), date(2025, 3, 2)) == 5_000 + 396 * 100
    fresh = ContributionRules.model_validate({"reinstatement": {"fee": 50, "pay_arrears": False}})
    assert fresh.reinstatement_cost(date(2024, 1, 31), date(2025, 3, 2)) == 5_000


def test_payment_amounts_by_frequency():
    rules = ContributionRules.model_validate({"daily_rate": 1, "yearly_amount": 360})
    assert [rules.amount_for(f) for f in ("daily", "weekly", "monthly", "yearly", "advance")] == [
        100,
        700,
        3_000,
        36_000,
        None,
    ]


def test_benefit_years():
    assert benefit_year(date(2025, 9, 30), "fiscal") == (date(2024, 10, 1), date(2025, 9, 30))
    assert benefit_year(date(2025, 10, 1), "fiscal") == (date(2025, 10, 1), date(2026, 9, 30))
    assert benefit_year(date(2025, 10, 1)) == (date(2025, 1, 1), date(2025, 12, 31))
