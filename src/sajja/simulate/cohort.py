"""The cohort engine: members in cells, many Monte Carlo paths at once, as arrays.

Each year, for every path at once (arrays of shape paths × cells):

1. new members: a Poisson number (joining rate × members at the start of the year), spread over
   the entry cells by a multinomial draw;
2. everyone present pays the year and claims the year's pension if eligible (counted in `flows`);
3. members removed from each cell (dead or gone): a binomial draw per cell with probability
   r = q + (1 - q) w, then the deaths among them: a binomial draw per group of cells with one
   P(died | removed) = q / r and one death benefit (`plan`);
4. hospital stays: a binomial draw per group of cells (same probability, same amounts) and a
   multinomial split of the admitted over the number of nights; births likewise, for women
   (members who die in the year may have been in hospital or given birth before);
5. exits: the removed who did not die.

This is exact for independent members: the number of members of a cell with an event is binomial,
the split of a binomial count over the nights is multinomial. The amounts paid are the scheme's,
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
from sajja.simulate.flows import Flows
from sajja.simulate.plan import Groups, Plan

CHUNK = 500


def _events(rng: np.random.Generator, sizes: np.ndarray, groups: Groups, pmf: np.ndarray):
    """(events, baht paid) per path for one kind of stay, drawn group by group of `sizes` members."""
    admitted = rng.binomial(sizes, groups.probability)
    paid = np.zeros(sizes.shape[0])
    for g in range(groups.probability.size):
        if groups.probability[g] == 0:
            continue
        if groups.flat[g]:  # the same amount whatever the nights: no need to draw them
            paid += admitted[:, g] * groups.amounts[g, 0]
        else:
            paid += rng.multinomial(admitted[:, g], pmf) @ groups.amounts[g]
    return admitted.sum(axis=1), paid


def _chunk(plan: Plan, a: Assumptions, rng: np.random.Generator, paths: int) -> Flows:
    out = Flows.zeros(paths, plan.years)
    counts = np.zeros((paths, plan.cells), dtype=np.int64)
    counts[:, : plan.initial.size] = plan.initial
    entries = plan.joiner_p.size
    for t, y in enumerate(plan.each_year):
        before = counts[:, : y.open - entries].sum(axis=1)
        joiners = rng.poisson(a.joining_rate * before)
        counts[:, y.open - entries : y.open] = rng.multinomial(joiners, plan.joiner_p)
        n = counts[:, : y.open]
        out.joiners[:, t] = joiners
        out.members[:, t] = before + joiners
        # one product for the sums by cell: eligible, pensions, members of each group
        sums = n.astype(np.float64) @ y.sums
        out.eligible[:, t], out.benefits["old_age"][:, t] = sums[:, 0], sums[:, 1]
        stays, births = np.split(np.rint(sums[:, 2:]).astype(np.int64), [y.hospital.probability.size], axis=1)
        removed = rng.binomial(n, y.removal)
        by_group = np.add.reduceat(removed[:, y.deaths.order], y.deaths.starts, axis=1)
        dead = rng.binomial(by_group, y.deaths.probability)
        out.deaths[:, t] = dead.sum(axis=1)
        out.benefits["death"][:, t] = dead @ y.deaths.amounts[:, 0]
        out.admissions[:, t], out.benefits["hospital"][:, t] = _events(rng, stays, y.hospital, plan.stay_pmf)
        out.births[:, t], out.benefits["birth"][:, t] = _events(rng, births, y.births, plan.birth_pmf)
        out.exits[:, t] = removed.sum(axis=1) - out.deaths[:, t]
        np.subtract(n, removed, out=n)  # n is a view of counts: the survivors stay in their cells
    return out


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
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(len(sizes))]
    workers = min(workers or os.cpu_count() or 1, len(sizes))

    def run(rng_size) -> Flows:
        flows = _chunk(plan, a, *rng_size)
        if progress is not None:
            progress(rng_size[1])
        return flows

    with one_blas_thread():
        if workers == 1:
            return Flows.join([run(rk) for rk in zip(rngs, sizes, strict=True)])
        with ThreadPoolExecutor(workers) as pool:
            return Flows.join(list(pool.map(run, zip(rngs, sizes, strict=True))))


def one_blas_thread():
    """BLAS on one thread while the engine runs: the products here are small, and a BLAS pool per
    worker thread fights the workers for the cores (measured: 40% more CPU on 2 cores); one thread
    also fixes the order of the sums, so the same seed gives the same bits whatever the machine."""
    return threadpool_limits(limits=1, user_api="blas")
