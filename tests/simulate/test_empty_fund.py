"""A fund that has no members yet (just founded, nobody expected to join) still gets a projection: all
zeros, not a crash."""

from __future__ import annotations

from datetime import date

from sajja.schemes import load_template
from sajja.simulate import Population, project
from sajja.simulate.pricing import price_cells


def test_a_fund_with_no_members_projects_to_nothing_paid_and_nothing_held():
    nobody = Population.from_cells([], [], [], [])
    result = project(load_template("trat"), nobody, years=3, paths=10, seed=1)
    assert result.flows.members.shape[1] == 3
    assert not result.flows.members.any()
    assert not result.reserve.any()


def test_pricing_no_cells_gives_empty_prices_with_their_tables():
    prices = price_cells(load_template("songkhla"), date(2027, 1, 1), [], [], [], 30, 10)
    assert prices.death.shape == prices.old_age.shape == (0,)
    assert prices.hospital_rows.shape == (0, 31) and prices.birth_rows.shape == (0, 11)
