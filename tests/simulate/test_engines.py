"""The three engines: seeded and reproducible, and they agree.

How agreement is tested. For each statistic X of a path (total deaths over the run, total benefit of
each kind, members and reserve at the end...), the cohort engine gives a sample of n1 paths and the
micro engine an independent sample of n2. If both engines draw from the same distribution, the
Welch statistic z = (mean1 - mean2) / sqrt(var1 / n1 + var2 / n2) is close to standard normal (the
central limit theorem, with hundreds of paths), so |z| < 4 holds with probability 0.99994 for one
statistic and above 0.999 for all of the statistics checked; seeds are fixed, so the test is
deterministic. A bias of a few percent, e.g. a wrong tier, a waiting period off by a year or a
missed cell, moves z far past 4 at these sample sizes. The spreads are compared too: for
near-normal statistics log(sd1 / sd2) has standard error about sqrt(1 / (2 n1) + 1 / (2 n2)), and
must stay within five of them. The expected-value projection is the exact mean of the model, so
the cohort mean must lie within 4 standard errors of it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from sajja.simulate import Assumptions, Population, SimulationError, project
from sajja.simulate.assumptions import FEMALE

YEARS = 15


def statistics(p) -> dict[str, np.ndarray]:
    f = p.flows
    stats = {
        name: getattr(f, name).sum(axis=1) for name in ("deaths", "admissions", "births", "exits", "joiners")
    }
    stats.update({f"benefit {kind}": v.sum(axis=1) for kind, v in f.benefits.items()})
    stats["members at the end"] = f.members[:, -1]
    stats["reserve at the end"] = p.reserve[:, -1]
    return stats


@pytest.fixture(scope="module")
def runs(songkhla, small_fund):
    common = dict(years=YEARS, initial_reserve=3_000_000.0)
    return {
        "cohort": project(songkhla, small_fund, paths=4000, seed=11, **common),
        "micro": project(songkhla, small_fund, paths=400, seed=12, engine="micro", **common),
        "expected": project(songkhla, small_fund, engine="expected", **common),
    }


def test_the_same_seed_gives_the_same_numbers_whatever_the_threads(songkhla, small_fund):
    one = project(songkhla, small_fund, years=5, paths=1200, seed=3, workers=1)
    two = project(songkhla, small_fund, years=5, paths=1200, seed=3, workers=2)
    other = project(songkhla, small_fund, years=5, paths=1200, seed=4)
    assert np.array_equal(one.reserve, two.reserve)
    assert np.array_equal(one.flows.deaths, two.flows.deaths)
    assert not np.array_equal(one.reserve, other.reserve)
    micro = [
        project(songkhla, small_fund, years=3, paths=5, seed=3, engine="micro").reserve for _ in range(2)
    ]
    assert np.array_equal(*micro)


@pytest.mark.slow
def test_cohort_and_micro_give_the_same_distributions(runs):
    cohort, micro = statistics(runs["cohort"]), statistics(runs["micro"])
    for name, x in cohort.items():
        y = micro[name]
        se = math.sqrt(x.var(ddof=1) / x.size + y.var(ddof=1) / y.size)
        assert se > 0, name
        z = (x.mean() - y.mean()) / se
        assert abs(z) < 4, f"{name}: cohort {x.mean():.2f} vs micro {y.mean():.2f}, z = {z:.2f}"
        spread = math.log(x.std(ddof=1) / y.std(ddof=1))
        assert abs(spread) < 5 * math.sqrt(1 / (2 * x.size) + 1 / (2 * y.size)), (
            f"{name}: spread {spread:.3f}"
        )


def test_the_expected_projection_is_the_monte_carlo_mean(runs):
    cohort, expected = statistics(runs["cohort"]), statistics(runs["expected"])
    for name, x in cohort.items():
        se = x.std(ddof=1) / math.sqrt(x.size)
        assert abs(x.mean() - expected[name][0]) < 4 * se + 1e-9, (
            f"{name}: {x.mean():.2f} vs {expected[name][0]:.2f}"
        )
    assert (runs["cohort"].reserve.min(axis=1) > 0).all()  # no interest lost on a negative reserve


def test_expected_deaths_match_a_hand_computation_from_the_life_table(songkhla):
    # 1,000 women aged 60 and 1,000 aged 80, nobody joins or leaves: deaths in year 1 are
    # 1000 q(60) + 1000 q(80) with q = 1 - exp(-m): m(60-64) = 0.00693577, m(80-84) = 0.05270968.
    fund = Population.from_cells([60, 80], [FEMALE, FEMALE], [0, 0], [1000, 1000])
    still = Assumptions.default().with_overrides({"joining_rate": 0.0, "leaving_rate": 0.0})
    p = project(songkhla, fund, years=2, engine="expected", assumptions=still)
    first = 1000 * (1 - math.exp(-0.00693577)) + 1000 * (1 - math.exp(-0.05270968))
    assert p.flows.deaths[0, 0] == pytest.approx(first)
    second = (1000 - 1000 * (1 - math.exp(-0.00693577))) * (1 - math.exp(-0.00693577)) + (
        1000 - 1000 * (1 - math.exp(-0.05270968))
    ) * (1 - math.exp(-0.05270968))
    assert p.flows.deaths[0, 1] == pytest.approx(second)  # ages 61 and 81 share their groups' rates


def test_a_young_fund_stays_solvent_and_an_old_one_without_co_funding_does_not(songkhla):
    young = project(songkhla, Population.synthetic(1000, from_age=20, to_age=39), engine="expected")
    old = project(songkhla, Population.synthetic(1000, from_age=55, to_age=79), engine="expected")
    assert young.reserve[0].min() >= 0
    assert old.reserve[0, -1] < 0


def test_bad_runs_are_refused_before_anything_is_computed(songkhla, small_fund):
    with pytest.raises(SimulationError, match="between 1 and 100"):
        project(songkhla, small_fund, years=101)
    with pytest.raises(SimulationError, match="unknown engine"):
        project(songkhla, small_fund, engine="gpu")
    with pytest.raises(SimulationError, match="GiB of memory"):
        project(songkhla, small_fund, years=100, paths=10**10)


def test_large_and_small_funds_draw_their_leavers_alike(monkeypatch, songkhla, small_fund):
    """A large fund draws every cell's leavers densely and splits the dead by group of cells; a small
    one draws sparsely, cell by cell where someone left. Forced onto one path and then the other, the
    same fund gives the same distributions, each the expected projection's mean."""
    from sajja.simulate import cohort

    common = dict(years=8, initial_reserve=3_000_000.0)
    expected = statistics(project(songkhla, small_fund, engine="expected", **common))
    monkeypatch.setattr(cohort, "DENSE", 0.0)  # every year dense
    dense = statistics(project(songkhla, small_fund, paths=3000, seed=21, **common))
    monkeypatch.setattr(cohort, "DENSE", float("inf"))  # every year sparse
    sparse = statistics(project(songkhla, small_fund, paths=3000, seed=22, **common))
    for name in ("deaths", "exits", "benefit death", "members at the end", "reserve at the end"):
        x, y = dense[name], sparse[name]
        z = (x.mean() - y.mean()) / math.sqrt(x.var(ddof=1) / x.size + y.var(ddof=1) / y.size)
        assert abs(z) < 4, f"{name}: dense {x.mean():.2f} vs sparse {y.mean():.2f}, z = {z:.2f}"
        for run in (x, y):
            assert abs(run.mean() - expected[name][0]) < 4 * run.std(ddof=1) / math.sqrt(run.size) + 1e-9, (
                name
            )
