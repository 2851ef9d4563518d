"""Plans kept between projections: a fund with the cells of one projected before gets the same
numbers as from a plan built afresh, with its own counts, and the plans go with their scheme."""

from __future__ import annotations

import gc

import numpy as np

from sajja.schemes import load_template
from sajja.simulate import Population, project
from sajja.simulate import plan as plans


def test_funds_with_the_same_cells_share_a_plan_and_keep_their_own_counts(monkeypatch, songkhla):
    cells = Population.synthetic(300, from_age=20, to_age=79, years=4)
    other = Population(
        cells.age, cells.sex, cells.years, cells.count[::-1].copy()
    )  # same cells, other counts
    first = project(songkhla, cells, years=6, paths=200, seed=3)
    kept = dict(plans._PLANS)
    shared = project(songkhla, other, years=6, paths=200, seed=3)
    assert plans._PLANS.keys() == kept.keys()  # found, not built again
    monkeypatch.setattr(plans, "PLANS_BYTES", 0)  # nothing kept: every plan built afresh
    plans._forget(id(songkhla))
    fresh = project(songkhla, other, years=6, paths=200, seed=3)
    assert np.array_equal(shared.reserve, fresh.reserve)
    assert not np.array_equal(shared.reserve, first.reserve)
    assert shared.flows.members[0, 0] == other.members + shared.flows.joiners[0, 0]


def test_the_plans_of_a_scheme_go_with_it():
    scheme = load_template("trat")
    project(scheme, Population.synthetic(100, from_age=30, to_age=60), years=3, paths=10, seed=1)
    held = id(scheme)
    assert any(key[0] == held for key in plans._PLANS)
    del scheme
    gc.collect()
    assert not any(key[0] == held for key in plans._PLANS)
