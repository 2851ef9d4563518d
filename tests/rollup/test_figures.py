"""One fund's figures, from its books and registry, as the roll-up keeps them (the world of factories.py,
as of 26 November 2026), and a network's as the sum of its funds'."""

from __future__ import annotations

import dataclasses

import pytest
from django.db.models import Sum

from sajja.access.policy import SYSTEM
from sajja.ledger.models import Account
from sajja.registry.models import Fund, Member
from sajja.rollup import selectors
from sajja.rollup.assembly import from_books
from sajja.rollup.books import compute
from sajja.rollup.figures import Benefit, sum_of
from sajja.welfare.models import Claim
from tests.rollup.factories import TODAY


@pytest.fixture
def rollup(network_world):
    return selectors.network_figures(SYSTEM, "net-a", TODAY)


@pytest.fixture
def rows(rollup):
    return {row.code: row.figures for row in rollup.rows}


def test_members_are_counted_by_registry_status_and_by_standing_at_the_latest_close(rows):
    own = rows["own-fund"]
    assert (own.members_active, own.members_lapsed, own.members_resigned, own.members_deceased) == (
        4,
        1,
        1,
        0,
    )
    assert (own.paid_up, own.in_arrears, own.lapsed) == (3, 1, 1)  # the close of September 2026
    assert own.arrears_percent == 20
    second = rows["second-fund"]
    assert (second.members_active, second.standings) == (2, 0)  # no month-end close yet


def test_collections_are_set_against_expected_for_the_month_last_month_and_the_fiscal_year(rows):
    own = rows["own-fund"]
    assert (own.month_expected, own.month_collected) == (111_00, 120_00)
    assert (own.last_month_expected, own.last_month_collected) == (93_00, 90_00)
    assert (own.year_expected, own.year_collected) == (204_00, 210_00)  # October and November
    second = rows["second-fund"]
    assert (second.month_expected, second.month_collected, second.month_percent) == (60_00, 0, 0)
    assert (second.last_month_expected, second.last_month_collected) == (62_00, 30_00)
    assert second.last_month_percent == 48


def test_benefits_reserve_risk_and_months_not_closed(rows):
    own = rows["own-fund"]
    assert own.benefits == {"sickness": Benefit(claims=1, amount=300_00)}  # 3 nights in hospital
    # 50,000 baht opening cash, 2,285 baht paid in 2025, 210 this year, less the 300-baht claim
    assert own.reserve == 52_195_00
    assert own.ruin_probability == 0.62 and own.funds_at_risk == 1
    assert own.months_unclosed == 1  # October 2026: ended more than 15 days ago
    assert rows["second-fund"].ruin_probability == 0.10 and rows["second-fund"].funds_at_risk == 0


def test_the_network_total_is_the_sum_of_its_funds_and_of_their_books(rollup, rows):
    total = rollup.total
    assert dataclasses.asdict(total) == dataclasses.asdict(sum_of(rows.values()))
    assert total.funds == 2
    in_network = {"fund__network__code": "net-a"}
    assert total.members_active + total.members_lapsed + total.members_resigned == (
        Member.objects.filter(**in_network).count()
    )
    cash_and_bank = Account.objects.filter(**in_network, code__in=("1101", "1102"))
    balances = cash_and_bank.aggregate(d=Sum("debit_total"), c=Sum("credit_total"))
    assert total.reserve == balances["d"] - balances["c"]
    paid = Claim.objects.filter(**in_network, status="paid").aggregate(s=Sum("amount"))["s"]
    assert total.benefits_paid.amount == paid
    assert (total.funds_projected, total.funds_at_risk) == (2, 1)


def test_the_kept_figures_equal_the_figures_worked_out_from_the_books_now(network_world, rollup):
    """What the tables hold is what a full read of the books gives (the bench's baseline, the same way)."""
    books = from_books(compute(None, TODAY), TODAY)
    kept = {ref.pk: inputs for ref, inputs in selectors.fund_inputs(Fund.objects.all(), {}, TODAY)}
    assert kept == books
