"""The engine's own samplers draw exactly the laws they stand for: binomial, categorical, and the
total paid for K stays; checked against the exact probabilities by chi-square tests, and by
invariants over many shapes (Hypothesis)."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sajja.simulate.assumptions import Assumptions
from sajja.simulate.draws import Categorical, binomial, binomial_each, counts, sparse_binomial, total_paid

DRAWS = 200_000


def chi_square(observed: np.ndarray, expected: np.ndarray) -> tuple[float, int]:
    """Pearson's statistic over the classes expected at least 5 times (the rest pooled)."""
    keep = expected >= 5
    obs = np.append(observed[keep], observed[~keep].sum())
    exp = np.append(expected[keep], expected[~keep].sum())
    if exp[-1] < 5:
        obs, exp = obs[:-1], exp[:-1]
    return float(((obs - exp) ** 2 / exp).sum()), len(obs) - 1


def critical(dof: int) -> float:
    """The chi-square value exceeded with probability about 1e-4 (Wilson-Hilferty, z = 3.72)."""
    z = 3.72
    return dof * (1 - 2 / (9 * dof) + z * (2 / (9 * dof)) ** 0.5) ** 3


def binomial_pmf(n: int, p: float) -> np.ndarray:
    return np.array([comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)])


@pytest.mark.parametrize(
    "n, p",
    [(1, 0.02), (3, 0.3), (7, 0.5), (12, 0.7), (40, 0.05), (40, 0.2), (200, 0.03), (5, 0.999), (60, 0.9)],
)
def test_binomial_draws_follow_the_binomial_law(n, p):
    x = binomial(np.random.default_rng(n), np.full((1, DRAWS), float(n)), np.array([p]))[0]
    assert x.min() >= 0 and x.max() <= n and (x == np.rint(x)).all()
    stat, dof = chi_square(np.bincount(x.astype(int), minlength=n + 1), binomial_pmf(n, p) * DRAWS)
    assert stat < critical(dof)


def test_cells_draw_with_their_own_probability_and_count():
    """One array, cells of very different counts and probabilities (inversion, NumPy's sampler and
    the flipped p > 1/2 in one call): each cell's draws have its binomial's mean and variance."""
    n = np.array([0, 1, 2, 30, 400, 9, 25])
    p = np.array([0.3, 0.01, 0.6, 0.04, 0.3, 0.95, 0.0])
    x = binomial(np.random.default_rng(1), np.repeat(n[:, None], 50_000, axis=1).astype(float), p)
    mean, var = n * p, n * p * (1 - p)
    assert np.abs(x.mean(axis=1) - mean).max() < 4 * np.sqrt(var.max() / 50_000) + 1e-12
    assert np.allclose(x.var(axis=1), var, rtol=0.05, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(
    counts_=st.lists(st.integers(0, 60), min_size=1, max_size=12),
    probabilities=st.lists(st.floats(0, 1), min_size=12, max_size=12),
    paths=st.integers(1, 40),
    seed=st.integers(0, 2**32 - 1),
)
def test_draws_stay_within_zero_and_the_count_and_repeat_with_the_seed(counts_, probabilities, paths, seed):
    n = np.repeat(np.array(counts_, dtype=float)[:, None], paths, axis=1)
    p = np.array(probabilities[: len(counts_)])
    x = binomial(np.random.default_rng(seed), n, p)
    assert ((x >= 0) & (x <= n)).all()
    assert (x[p == 0] == 0).all() and (x[p == 1] == n[p == 1]).all()
    assert np.array_equal(x, binomial(np.random.default_rng(seed), n, p))
    flat, values = sparse_binomial(np.random.default_rng(seed), n, p)
    dense = np.zeros(n.shape)
    dense.reshape(-1)[flat] = values
    assert np.array_equal(dense, x) and (values > 0).all()
    each = binomial_each(np.random.default_rng(seed), n[:, 0], p)
    assert ((each >= 0) & (each <= n[:, 0])).all()


def test_a_categorical_draw_follows_its_probabilities():
    pmf = Assumptions.default().stay_pmf()
    drawn = Categorical.of(pmf).draw(np.random.default_rng(4), DRAWS)
    stat, dof = chi_square(np.bincount(drawn, minlength=pmf.size), pmf / pmf.sum() * DRAWS)
    assert stat < critical(dof)


@pytest.mark.parametrize("per_row", [0.5, 300.0])
def test_counts_spread_each_rows_events_over_the_categories(per_row):
    """Few events: one categorical draw each; many: NumPy's multinomial. Either way the rows keep
    their totals and the categories get their shares."""
    pmf = np.array([0.5, 0.3, 0.15, 0.05])
    totals = np.random.default_rng(2).poisson(per_row, 20_000).astype(float)
    spread = counts(np.random.default_rng(3), totals, Categorical.of(pmf))
    assert np.array_equal(spread.sum(axis=1), totals)
    shares = spread.sum(axis=0) / totals.sum()
    assert np.abs(shares - pmf).max() < 4 * np.sqrt(0.25 / totals.sum())


@pytest.mark.parametrize("stays", [1, 3, 40, 150, 204, 205, 400])
def test_the_total_paid_for_k_stays_is_the_sum_of_k_stays(stays):
    """Drawn at once from the tabled K-fold law (K <= 204 here: 4,096 values of 100 baht over 20
    at most a stay) or stay by stay (more): the same law as adding K stays' amounts, each for nights
    drawn on its own."""
    nights = Categorical.of(Assumptions.default().stay_pmf())
    amounts = np.minimum(np.arange(nights.pmf.size) * 100.0, 2000.0)  # 100 baht a night, at most 20
    rng = np.random.default_rng(stays)
    total = total_paid(rng, np.full(20_000, float(stays)), nights, amounts)
    one = amounts[nights.draw(rng, 20_000 * stays)].reshape(20_000, stays).sum(axis=1)
    assert (total % 100 == 0).all()
    mean, sd = (nights.pmf * amounts).sum() * stays, one.std()
    assert abs(total.mean() - mean) < 4 * sd / np.sqrt(20_000)
    assert total.std() == pytest.approx(sd, rel=0.03)
    assert np.quantile(total, [0.01, 0.5, 0.99]) == pytest.approx(
        np.quantile(one, [0.01, 0.5, 0.99]), rel=0.02, abs=100
    )
