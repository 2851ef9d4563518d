"""The cohort engine: members in cells, many Monte Carlo paths at once, as arrays.

Each year, for every path at once (arrays of shape paths × cells):

1. new members: a Poisson number (joining rate × members at the start of the year), spread over
   the entry cells (a multinomial: each joiner's cell drawn on its own while they are few);
2. everyone present pays the year and claims the year's pension if eligible (counted in `flows`);
3. members removed from each cell (dead or gone): a binomial draw per cell with probability
   r = q + (1 - q) w, then the deaths among them, only in the cells someone left: a binomial draw
   with P(died | removed) = q / r, paid the cell's death benefit;
4. hospital stays: a binomial draw per group of cells (same probability, same amounts) and the
   admitted split over the number of nights (a multinomial, drawn stay by stay while stays are
   few); births likewise, for women (members who die in the year may have been in hospital or
   given birth before);
5. exits: the removed who did not die.

This is exact for independent members: the number of members of a cell with an event is binomial,
the split of a binomial count over the nights is multinomial. The draws are `draws`' exact
samplers, made for the many small counts of a fund's cells. The amounts paid are the scheme's,
from the vectorised engine (`pricing`), per cell and number of nights. Paths are drawn in chunks,
each chunk with its own generator spawned from the seed, so a seed gives the same numbers whatever
the number of worker threads (NumPy releases the GIL while drawing).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from threadpoolctl import threadpool_limits

from sajja.simulate.assumptions import Assumptions
from sajja.simulate.draws import Categorical, Workspace, binomial, binomial_each, sparse_binomial, total_paid
from sajja.simulate.draws import counts as spread
from sajja.simulate.flows import Flows
from sajja.simulate.plan import Groups, Plan, YearPlan

CHUNK = 1000
DENSE = 8
"""Members per open cell from which a year's leavers are drawn cell by cell densely (`_leave_dense`)."""


def _events(
    rng: np.random.Generator, sizes: np.ndarray, groups: Groups, nights: Categorical, work: Workspace
) -> tuple[np.ndarray, np.ndarray]:
    """(events, baht paid) per path for one kind of stay: `sizes` members of each group (groups ×
    paths), each admitted with the group's probability, paid for the nights of each stay."""
    admitted = binomial(rng, sizes, groups.probability, work)
    paid = groups.amounts[groups.flat, 0] @ admitted[groups.flat]  # the same whatever the nights
    for lot in groups.by_nights:  # the stays of groups with one amount table, by their nights
        paid += total_paid(rng, admitted[lot].sum(axis=0), nights, groups.amounts[lot[0]])
    return admitted.sum(axis=0), paid


def _chunk(plan: Plan, a: Assumptions, rng: np.random.Generator, paths: int) -> Flows:
    out = Flows.zeros(paths, plan.years)
    # cells × paths, whole numbers as floats (no conversion for the products); the cells open in a
    # year are a prefix of the rows, so `n` below is contiguous and flat positions index it directly
    counts = np.zeros((plan.cells, paths))
    counts[: plan.initial.size] = plan.initial[:, None]
    entries = plan.joiners.pmf.size
    work = Workspace(plan.cells * paths)
    for t, y in enumerate(plan.each_year):
        before = counts[: y.open - entries].sum(axis=0)
        joiners = rng.poisson(a.joining_rate * before).astype(np.float64)
        counts[y.open - entries : y.open] = spread(rng, joiners, plan.joiners).T
        n = counts[: y.open]
        out.joiners[:, t] = joiners
        out.members[:, t] = before + joiners
        # one product for the sums by cell: eligible, pensions, members of each group
        sums = y.sums.T @ n
        out.eligible[:, t], out.benefits["old_age"][:, t] = sums[0], sums[1]
        stays, births = np.split(np.rint(sums[2:]), [y.hospital.probability.size])
        if before.mean() < DENSE * y.open:
            _leave_sparse(rng, n, y, out, t, work)
        else:
            _leave_dense(rng, n, y, out, t)
        out.admissions[:, t], out.benefits["hospital"][:, t] = _events(
            rng, stays, y.hospital, plan.stay, work
        )
        out.births[:, t], out.benefits["birth"][:, t] = _events(rng, births, y.births, plan.birth, work)
    return out


def _leave_sparse(
    rng: np.random.Generator, n: np.ndarray, y: YearPlan, out: Flows, t: int, work: Workspace
) -> None:
    """Who leaves each cell (dies or goes), then who of them died, only where someone left: for
    funds with a few members a cell, where most cells lose nobody in a year."""
    paths = n.shape[1]
    flat, removed = sparse_binomial(rng, n, y.removal, work)
    cell, path = np.divmod(flat, paths)
    dead = binomial_each(rng, removed, y.died[cell])
    out.deaths[:, t] = np.bincount(path, weights=dead, minlength=paths)
    out.benefits["death"][:, t] = np.bincount(path, weights=dead * y.prices.death[cell], minlength=paths)
    out.exits[:, t] = np.bincount(path, weights=removed - dead, minlength=paths)
    n.reshape(-1)[flat] -= removed  # the survivors stay in their cells


def _leave_dense(rng: np.random.Generator, n: np.ndarray, y: YearPlan, out: Flows, t: int) -> None:
    """The same for large funds, where most cells lose someone every year: the removed of every
    cell, then the dead among the removed of each group of cells at once (`YearPlan.deaths`)."""
    removed = rng.binomial(n.astype(np.int64), y.removal[:, None]).astype(np.float64)
    by_group = np.add.reduceat(removed[y.deaths.order], y.deaths.starts, axis=0)
    dead = rng.binomial(by_group.astype(np.int64), y.deaths.probability[:, None]).astype(np.float64)
    out.deaths[:, t] = dead.sum(axis=0)
    out.benefits["death"][:, t] = y.deaths.amounts[:, 0] @ dead
    out.exits[:, t] = removed.sum(axis=0) - out.deaths[:, t]
    n -= removed  # the survivors stay in their cells


def cohort_flows(
    plan: Plan,
    a: Assumptions,
    paths: int,
    seed: int,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Flows:
    """All paths, in chunks; `progress(n)` is told each time a chunk of n paths is done."""
    sizes = [min(CHUNK, paths - start) for start in range(0, paths, CHUNK)]
    # SFC64: a small, fast generator of good statistical quality; uniforms are most of the work
    rngs = [np.random.Generator(np.random.SFC64(s)) for s in np.random.SeedSequence(seed).spawn(len(sizes))]
    workers = min(workers or os.cpu_count() or 1, len(sizes))

    def run(rng_size: tuple[np.random.Generator, int]) -> Flows:
        flows = _chunk(plan, a, *rng_size)
        if progress is not None:
            progress(rng_size[1])
        return flows

    with one_blas_thread():
        if workers == 1:
            return Flows.join([run(rk) for rk in zip(rngs, sizes, strict=True)])
        with ThreadPoolExecutor(workers) as pool:
            return Flows.join(list(pool.map(run, zip(rngs, sizes, strict=True))))


def one_blas_thread() -> threadpool_limits:
    """BLAS on one thread while the engine runs: the products here are small, and a BLAS pool per
    worker thread fights the workers for the cores (measured: 40% more CPU on 2 cores); one thread
    also fixes the order of the sums, so the same seed gives the same bits whatever the machine."""
    # threadpoolctl ships no type hints for threadpool_limits.__init__
    return threadpool_limits(limits=1, user_api="blas")  # type: ignore[no-untyped-call]
