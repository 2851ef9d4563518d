"""A fund's real members, reserve and scheme become the projection's inputs (`fund_inputs`)."""

from __future__ import annotations

import datetime

import numpy as np
import pytest

from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import post_entries
from sajja.registry.models import MemberStatus
from sajja.registry.services import change_member_status
from sajja.simulate import SimulationError
from sajja.simulate.assumptions import FEMALE, MALE
from sajja.sustainability.inputs import fund_inputs, network_inputs
from sajja.welfare.services import adopt_template
from tests.factories import enrol, make_fund
from tests.sustainability.factories import national_id, pay

AS_OF = datetime.date(2026, 11, 1)


@pytest.fixture
def fund(db):
    """Four members: two active (one paid 3 years and a bit, one paid ahead), one lapsed, one resigned;
    a bank opening balance and a benefit still to pay."""
    fund = make_fund("inputs-fund", "net-inputs")
    old = enrol(
        fund,
        national_id(1),
        sex="F",
        birth_date=datetime.date(1960, 5, 1),
        joined_on=datetime.date(2023, 1, 1),
    )
    young = enrol(
        fund,
        national_id(2),
        sex="M",
        birth_date=datetime.date(1990, 12, 15),
        joined_on=datetime.date(2025, 6, 1),
    )
    lapsed = enrol(
        fund, national_id(3), birth_date=datetime.date(1970, 1, 1), joined_on=datetime.date(2024, 1, 1)
    )
    gone = enrol(
        fund, national_id(4), birth_date=datetime.date(1980, 1, 1), joined_on=datetime.date(2024, 1, 1)
    )
    change_member_status(SYSTEM, lapsed, MemberStatus.LAPSED, datetime.date(2026, 3, 1))
    change_member_status(SYSTEM, gone, MemberStatus.RESIGNED, datetime.date(2026, 3, 1))
    post_entries(
        SYSTEM,
        fund,
        [
            Entry(
                datetime.date(2026, 1, 5),
                "ยอดยกมา",
                (Posting("1102", 500_000), Posting("3101", -500_000)),
                "opening",
                "open",
            ),
            pay(fund, old, 365 * 3 * 100 + 5_000, "old"),
            pay(fund, young, 365 * 2 * 100, "young"),
            Entry(
                datetime.date(2026, 2, 1),
                "ค้างจ่าย",
                (Posting("5104", 100_000), Posting("2101", -100_000)),
                "benefit",
                "owed",
            ),
        ],
    )
    return fund


def test_active_members_are_projected_with_their_age_sex_and_paid_years(fund):
    inputs = fund_inputs(fund, as_of=AS_OF)
    p = inputs.population
    cells = sorted(zip(p.age.tolist(), p.sex.tolist(), p.years.tolist(), p.count.tolist(), strict=True))
    # the woman born 1 May 1960 is 66, paid 3 years and 50 days; the man born 15 December 1990 is
    # still 35 on 1 November 2026, and paid 2 years but has been a member for 1 whole year only
    assert cells == [(35, MALE, 1, 1), (66, FEMALE, 3, 1)]
    assert inputs.start_year == 2026
    assert any("1 lapsed" in note for note in inputs.notes)


def test_after_a_fresh_start_paid_membership_counts_from_the_day_they_came_back(fund):
    """The woman of 1960 lapses and comes back on 1 March 2025 under rules without arrears to pay: her
    paid years count only what she paid since (the 1,145 baht of 10 January 2026: 3 years), and never
    more than the whole years since she came back (1)."""
    from sajja.welfare.services import publish_version

    adopt_template(SYSTEM, fund, "codi", effective_from=datetime.date(2022, 1, 1))
    rules = {"reinstatement": {"pay_arrears": False, "fee": 0}}
    publish_version(SYSTEM, fund, {"effective_from": "2025-01-01", "contributions": rules})
    old = fund.members.get(person__birth_date=datetime.date(1960, 5, 1))
    change_member_status(SYSTEM, old, MemberStatus.LAPSED, datetime.date(2024, 6, 1))
    change_member_status(SYSTEM, old, MemberStatus.ACTIVE, datetime.date(2025, 3, 1))
    p = fund_inputs(fund, as_of=AS_OF).population
    cells = sorted(zip(p.age.tolist(), p.sex.tolist(), p.years.tolist(), p.count.tolist(), strict=True))
    assert cells == [(35, MALE, 1, 1), (66, FEMALE, 1, 1)]


def test_the_reserve_is_cash_and_bank_and_the_scheme_falls_back_to_a_template(fund):
    inputs = fund_inputs(fund, as_of=AS_OF)
    # the reserve as every page shows it: cash 1,095 + 730 baht paid in, 5,000 in the bank (the 1,000 owed
    # for a funeral is not paid yet: still in the bank)
    assert inputs.initial_reserve == 1095 + 50 + 730 + 5000
    assert fund_inputs(fund, as_of=datetime.date(2026, 1, 31)).initial_reserve == 1095 + 50 + 730 + 5000
    assert inputs.scheme_source == "template codi"
    assert inputs.overrides == {}  # two members are too little history for rates of its own


def test_the_funds_own_scheme_is_used_once_adopted(fund):
    adopt_template(SYSTEM, fund, "songkhla", effective_from=datetime.date(2025, 1, 1))
    inputs = fund_inputs(fund, as_of=AS_OF)
    assert inputs.scheme_source == "fund"
    assert "hospital" in inputs.scheme.benefit_codes()
    p = inputs.project(years=5, paths=20, seed=2)
    assert p.reserve.shape == (20, 6)
    assert np.all(p.reserve[:, 0] == inputs.initial_reserve)


def test_a_network_gives_one_input_per_fund_with_active_members(fund):
    empty = make_fund("inputs-empty", "net-inputs")
    assert [i.code for i in network_inputs(fund.network, as_of=AS_OF)] == ["inputs-fund"]
    with pytest.raises(SimulationError, match="no active member"):
        fund_inputs(empty, as_of=AS_OF)


def test_a_fund_with_enough_history_uses_its_own_joining_and_leaving_rates(db):
    fund = make_fund("history-fund", "net-history")
    first = [enrol(fund, national_id(100 + i), joined_on=datetime.date(2022, 6, 1)) for i in range(40)]
    for i in range(3):
        enrol(fund, national_id(200 + i), joined_on=datetime.date(2024, 3, 1))
    for member in first[:5]:
        change_member_status(SYSTEM, member, MemberStatus.RESIGNED, datetime.date(2025, 7, 1))
    inputs = fund_inputs(fund, as_of=AS_OF)
    # member-years at the start of 2023, 2024 and 2025: 40 + 40 + 43 = 123
    assert inputs.overrides == {"joining_rate": 3 / 123, "leaving_rate": 5 / 123}
    assert inputs.assumptions().leaving_rate == 5 / 123
    assert inputs.population.members == 38
