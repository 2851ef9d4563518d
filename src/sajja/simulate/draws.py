"""Exact random draws for many small cells at once, several times faster than NumPy's own for the
counts a fund's cells hold (a few members each, small probabilities).

NumPy's `Generator.binomial` sets its algorithm up again for every element whose probability
differs from the previous one: about 25-45 ns a draw here, whatever the count. The binomials below
are drawn by inversion instead: one uniform U per draw, and X is the smallest k with
U <= P(X <= k), the terms built by the recurrence P(k) = P(k - 1) (n - k + 1) / k × p / (1 - p)
from P(0) = (1 - p)^n. One dense pass over all the draws settles the zeros (most of them: counts
of zero included); only the rest go on, fewer at each k. It is the method NumPy itself uses for
small n p, done for all draws together.

Draws with a larger mean (n × min(p, 1 - p) above `INVERSION_MEAN`) go to NumPy's sampler, which
is faster there (it keeps its set-up from one draw to the next while p stays the same, as it does
along a cell's paths); probabilities above one half are drawn as n - Binomial(n, 1 - p), as NumPy does,
so the running sums stay accurate. Counts are floats holding whole numbers (exact below 2^53), so
the engine's arrays need no conversion for its matrix products.

Where a categorical split is needed (the nights of each hospital stay, the entry cell of each new
member), each event is drawn on its own by Walker's alias method when events are few, and counted
by NumPy's multinomial when they are many.

>>> rng = np.random.default_rng(1)
>>> x = binomial(rng, np.full((3, 4000), 5.0), np.array([0.0, 0.3, 1.0]))
>>> float(x[0].max()), round(float(x[1].mean()), 1), float(x[2].min())
(0.0, 1.5, 5.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INVERSION_MEAN = 1.0
EVENTS_PER_MULTINOMIAL = 40
"""A multinomial draw per row costs about as much as this many single categorical draws."""


def binomial(
    rng: np.random.Generator, n: np.ndarray, p: np.ndarray, work: Workspace | None = None
) -> np.ndarray:
    """Binomial(n, p) for every element of `n` (cells × paths, whole numbers), with `p` one
    probability per cell (shape (cells,)). Returns floats of the shape of `n`."""
    n = np.ascontiguousarray(n, dtype=np.float64)
    out = np.zeros(n.shape)
    flat, x = sparse_binomial(rng, n, np.asarray(p, dtype=np.float64), work)
    out.reshape(-1)[flat] = x
    return out


def sparse_binomial(
    rng: np.random.Generator, n: np.ndarray, p: np.ndarray, work: Workspace | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Binomial(n, p) as above, returned as the flat positions (in `n`'s shape, row-major) of the
    nonzero draws and their values: the engine then touches only the cells where something happened."""
    paths = n.shape[1]
    # Which sampler draws a cell only changes the speed, never the law: the first path's count
    # stands for the cell's (a maximum over all paths would cost a pass of its own).
    large = (p > 0.5) | (n[:, 0] * np.minimum(p, 1.0 - p) > INVERSION_MEAN)
    small = np.where(large, 0.0, p)  # P(X = 0) = 1 there: the inversion leaves those cells alone
    flat, x = _inversion(rng, n, small, work)
    if large.any():
        where = np.flatnonzero(large)
        drawn = rng.binomial(n[where].astype(np.int64), p[where][:, None]).astype(np.float64)
        hit = np.flatnonzero(drawn)
        flat = np.concatenate([flat, where[hit // paths] * paths + hit % paths])
        x = np.concatenate([x, drawn.reshape(-1)[hit]])
    return flat, x


def binomial_each(rng: np.random.Generator, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Binomial(n[i], p[i]) for one-dimensional `n` and `p` of the same length."""
    out = rng.random(n.size) < p  # right where n is 1 (most leavers leave a cell alone): one uniform
    out = out.astype(np.float64)
    more = np.flatnonzero(n != 1)
    if more.size:  # the others as cells of one path each
        flat, x = sparse_binomial(rng, n[more][:, None], p[more])
        out[more] = 0.0
        out[more[flat]] = x
    return out


class Workspace:
    """Scratch arrays reused from one draw to the next: fresh arrays of this size cost a page fault
    every few thousand elements, as much as drawing into them (one per thread: not shared)."""

    def __init__(self, size: int = 0):
        self.size = -1
        self.grow(size)

    def grow(self, size: int) -> None:
        if size > self.size:
            self.size = size
            self.u, self.zero, self.mask = np.empty(size), np.empty(size), np.empty(size, dtype=bool)

    def arrays(self, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        size = int(np.prod(shape))
        self.grow(size)
        return (
            self.u[:size].reshape(shape),
            self.zero[:size].reshape(shape),
            self.mask[:size].reshape(shape),
        )


def _inversion(
    rng: np.random.Generator, n: np.ndarray, p: np.ndarray, work: Workspace | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Binomial(n, p) by inversion for cells × paths `n` (C-contiguous) and 0 <= p <= 1/2 per cell:
    (flat positions, values) of the nonzero draws."""
    u, zero, passed = (work or Workspace()).arrays(n.shape)
    rng.random(out=u)
    np.multiply(n, np.log1p(-p)[:, None], out=zero)
    np.exp(zero, out=zero)  # P(X = 0); 1 where n = 0 or p = 0, so those stop here
    flat = np.flatnonzero(np.greater(u, zero, out=passed))
    if not flat.size:
        return flat, np.zeros(0)
    u, zero, count = u.reshape(-1)[flat], zero.reshape(-1)[flat], n.reshape(-1)[flat]
    odds = (p / (1.0 - p))[flat // n.shape[1]]
    term = zero * count * odds  # P(X = 1)
    total = zero + term
    x = np.ones(flat.size)
    more = np.flatnonzero((u > total) & (count > 1))  # never past n, even if rounding leaves the sum below U
    left, u, count, odds, term, total, k = more, u[more], count[more], odds[more], term[more], total[more], 1
    while left.size:
        # the next STEP values of k at once for the few draws still undecided
        ks = k + 1 + np.arange(STEP)
        ratios = (count[:, None] - ks + 1) / ks * odds[:, None]
        np.maximum(ratios, 0.0, out=ratios)  # beyond n: no more mass
        terms = term[:, None] * np.cumprod(ratios, axis=1)
        sums = total[:, None] + np.cumsum(terms, axis=1)
        passed = (u[:, None] > sums).sum(axis=1)  # how many of these k the draw passed
        beyond = (passed == STEP) & (count > ks[-1])
        x[left] = np.minimum(k + 1 + passed, count)
        left, u, count, odds = left[beyond], u[beyond], count[beyond], odds[beyond]
        term, total, k = terms[beyond, -1], sums[beyond, -1], ks[-1]
    return flat, x


STEP = 8


@dataclass(frozen=True)
class Categorical:
    """A distribution over 0..K-1 ready for Walker's alias method: one uniform per draw."""

    pmf: np.ndarray
    keep: np.ndarray
    alias: np.ndarray

    @classmethod
    def of(cls, pmf: np.ndarray) -> Categorical:
        pmf = np.asarray(pmf, dtype=np.float64) / np.sum(pmf)
        k = pmf.size
        scaled = pmf * k
        keep, alias = np.ones(k), np.arange(k)
        small = [i for i in range(k) if scaled[i] < 1.0]
        large = [i for i in range(k) if scaled[i] >= 1.0]
        while small and large:
            s, g = small.pop(), large.pop()
            keep[s], alias[s] = scaled[s], g
            scaled[g] -= 1.0 - scaled[s]
            (small if scaled[g] < 1.0 else large).append(g)
        return cls(pmf, keep, alias)

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        u = rng.random(size) * self.keep.size
        column = u.astype(np.int64)
        np.minimum(column, self.keep.size - 1, out=column)
        return np.where(u - column < self.keep[column], column, self.alias[column])


def split(
    rng: np.random.Generator, totals: np.ndarray, category: Categorical
) -> tuple[np.ndarray | None, np.ndarray]:
    """Each row's `totals` events spread over the categories: (row of each event, its category)
    when events are few, or None and a rows × categories multinomial when they are many."""
    events = int(totals.sum())
    if events > EVENTS_PER_MULTINOMIAL * totals.size:
        return None, rng.multinomial(totals.astype(np.int64), category.pmf)
    row = np.repeat(np.arange(totals.size), totals.astype(np.int64))
    return row, category.draw(rng, events)


def counts(rng: np.random.Generator, totals: np.ndarray, category: Categorical) -> np.ndarray:
    """Rows × categories counts of `totals` events per row (a multinomial per row, exactly)."""
    row, drawn = split(rng, totals, category)
    if row is None:
        return drawn.astype(np.float64)
    k = category.keep.size
    return np.bincount(row * k + drawn, minlength=totals.size * k).reshape(totals.size, k).astype(np.float64)


TABLE_WIDTH = 4096
"""The most values of a total a table holds: K stays × the largest amount, in the amounts' unit."""
_TOTALS: dict[tuple[bytes, bytes], tuple[int, np.ndarray, float]] = {}


def total_paid(
    rng: np.random.Generator, stays: np.ndarray, nights: Categorical, amounts: np.ndarray
) -> np.ndarray:
    """Baht paid per row for `stays[i]` stays, each paid `amounts[k]` for k nights (k drawn from
    `nights`): the sum of the stays' amounts, exactly.

    Where a row has at most a few hundred stays, the total is drawn at once from its law: the K-fold convolution of
    one stay's amount (in the unit of the amounts' greatest common divisor), tabled once per amounts
    and nights, one uniform per row. Otherwise each stay's nights are drawn (`split`)."""
    paid = np.zeros(stays.size)
    some = np.flatnonzero(stays)
    if not some.size:
        return paid
    most, table, unit = _totals(nights, amounts)
    k = stays[some]
    tabled = k <= most
    if tabled.any():
        value = k[tabled] + rng.random(int(tabled.sum()))
        order = np.argsort(value)  # searched in order, each search starts where the last ended
        at = np.empty(value.size, dtype=np.int64)
        at[order] = np.searchsorted(table.reshape(-1), value[order], side="right")
        paid[some[tabled]] = (at - k[tabled].astype(np.int64) * table.shape[1]) * unit
    rest = some[~tabled]
    if rest.size:
        row, drawn = split(rng, stays[rest], nights)
        paid[rest] = drawn @ amounts if row is None else np.bincount(row, amounts[drawn], rest.size)
    return paid


def _totals(nights: Categorical, amounts: np.ndarray) -> tuple[int, np.ndarray, float]:
    """(largest K tabled, rows K = 0..most of `K + P(total <= s units)`, the unit in baht)."""
    key = (nights.pmf.tobytes(), amounts.tobytes())
    found = _TOTALS.get(key)
    if found is not None:
        return found
    satang = np.rint(amounts * 100).astype(np.int64)
    unit = int(np.gcd.reduce(satang[nights.pmf > 0])) or 1
    units = satang // unit
    largest = int(units[nights.pmf > 0].max(initial=0))
    most = min(256, TABLE_WIDTH // max(largest, 1))
    one = np.bincount(units, weights=nights.pmf, minlength=largest + 1)[: largest + 1]
    width = most * largest + 1
    table = np.empty((most + 1, width))
    law = np.ones(1)
    for k in range(most + 1):
        cdf = np.minimum(np.cumsum(law), 1.0)
        table[k, : cdf.size], table[k, cdf.size :] = cdf, 1.0
        table[k, -1] = 1.0  # a row ends at exactly 1: rows, offset by K, are one sorted array
        law = np.convolve(law, one)
    table += np.arange(most + 1)[:, None]
    if len(_TOTALS) > 256:
        _TOTALS.clear()
    found = _TOTALS[key] = (most, table, unit / 100)
    return found
