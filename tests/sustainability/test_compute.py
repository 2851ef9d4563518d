"""What a stored projection holds: reproducible numbers, a digest that changes with any input, a network's
funds side by side and together, and JSON both databases store."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from sajja.schemes import load_template
from sajja.simulate import FundInputs, Population
from sajja.simulate.indicators import ruin_by_year
from sajja.sustainability.compute import Settings, compute, compute_network, digest
from sajja.sustainability.projecting import plain

QUICK = Settings(paths=60, years=8, scenarios=False)


def fund(code="f", members=40, reserve=5_000.0, from_age=40, to_age=79, scheme="songkhla") -> FundInputs:
    population = Population.synthetic(members, from_age=from_age, to_age=to_age, years=2)
    return FundInputs(code, code, load_template(scheme), population, initial_reserve=reserve, start_year=2026)


def test_the_same_inputs_give_the_same_numbers_and_any_change_a_new_digest():
    a, b = compute(fund(), QUICK), compute(fund(), QUICK)
    assert a == b
    base = digest(fund(), QUICK)
    changed = {
        "a member more": digest(fund(members=41), QUICK),
        "other ages": digest(fund(from_age=41), QUICK),
        "another reserve": digest(fund(reserve=5_000.5), QUICK),
        "another scheme": digest(fund(scheme="codi"), QUICK),
        "another seed": digest(fund(), Settings(paths=60, years=8, scenarios=False, seed=7)),
        "more paths": digest(fund(), Settings(paths=61, years=8, scenarios=False)),
        "own history": digest(
            FundInputs(
                "f", "f", load_template("songkhla"), fund().population, 5_000.0, 2026, {"leaving_rate": 0.05}
            ),
            QUICK,
        ),
    }
    assert len(set(changed.values()) | {base}) == len(changed) + 1, changed


def test_a_network_adds_its_funds_paths_and_counts_the_funds_expected_to_run_out():
    funds = [fund("young", 60, 8_000.0, 20, 49), fund("old", 30, 2_000.0, 55, 84)]
    result = compute_network(funds, QUICK)
    s = result["summary"]
    assert s["members"] == 90 and result["inputs"]["reserve"] == 10_000.0
    assert s["reserve_p50"][0] == 10_000.0  # today the network holds both reserves
    # each fund on its own, with its own seed: the expected number of funds out of money is the sum of
    # their ruin probabilities, year by year
    own = [
        ruin_by_year(f.project(years=QUICK.years, paths=QUICK.paths, seed=QUICK.seed + n).reserve)
        for n, f in enumerate(funds)
    ]
    assert [r["ruin_by_horizon"] for r in s["funds"]] == [float(r[-1]) for r in own]
    assert s["funds_ruined"] == pytest.approx(list(own[0] + own[1]), abs=1e-4)
    assert s["funds"][0]["code"] == "young" and s["funds"][1]["members"] == 30


def test_what_is_stored_has_no_infinity_and_no_numpy_numbers():
    stored = plain({"ratio": [1.5, math.inf, -math.inf, math.nan], "n": np.int64(3), "x": np.float64(2.5)})
    assert stored == {"ratio": [1.5, None, None, None], "n": 3, "x": 2.5}
    json.dumps(stored, allow_nan=False)
