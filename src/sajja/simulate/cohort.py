"""The cohort engine: members in cells, many Monte Carlo paths at once, as arrays.

Each year, for every path at once (arrays of shape paths × cells):

1. new members: a Poisson number (joining rate × members at the start of the year), spread over
   the entry cells by a multinomial draw;
2. everyone present pays the year and claims the year's pension if eligible (counted in `flows`);
3. deaths: a binomial draw per cell with the cell's death probability;
4. hospital stays: a binomial draw per group of cells (same probability, same amounts) and a
   multinomial split of the admitted over the number of nights; births likewise, for women
   (members who die in the year may have been in hospital or given birth before);
5. exits: a binomial draw among the survivors of each cell.

This is exact for independent members: the number of members of a cell with an event is binomial,
the split of a binomial count over the nights is multinomial. The amounts paid are the scheme's,
from the vectorised engine (`pricing`), per cell and number of nights. Paths are drawn in chunks,
each chunk with its own generator spawned from the seed, so a seed gives the same numbers whatever
the number of worker threads (NumPy releases the GIL while drawing).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from sajja.simulate.assumptions import Assumptions
from sajja.simulate.flows import Flows
from sajja.simulate.plan import Groups, Plan

CHUNK = 500


def _events(rng: np.random.Generator, sizes: np.ndarray, groups: Groups, pmf: np.ndarray):
    """(events, baht paid) per path for one kind of stay, drawn group by group of `sizes` members."""
    admitted = rng.binomial(sizes, groups.probability)
    paid = np.zeros(sizes.shape[0])
    for g in range(groups.probability.size):
        if groups.probability[g] > 0:
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
        dead = rng.binomial(n, y.death_q)
        left = rng.binomial(n - dead, a.leaving_rate) if a.leaving_rate > 0 else np.zeros_like(n)
        out.deaths[:, t] = dead.sum(axis=1)
        out.benefits["death"][:, t] = dead @ y.prices.death
        out.admissions[:, t], out.benefits["hospital"][:, t] = _events(rng, stays, y.hospital, plan.stay_pmf)
        out.births[:, t], out.benefits["birth"][:, t] = _events(rng, births, y.births, plan.birth_pmf)
        out.exits[:, t] = left.sum(axis=1)
        counts[:, : y.open] = n - dead - left
    return out


def cohort_flows(plan: Plan, a: Assumptions, paths: int, seed: int, workers: int | None = None) -> Flows:
    sizes = [min(CHUNK, paths - start) for start in range(0, paths, CHUNK)]
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(len(sizes))]
    workers = workers or min(os.cpu_count() or 1, len(sizes))
    if workers == 1:
        return Flows.join([_chunk(plan, a, r, k) for r, k in zip(rngs, sizes, strict=True)])
    with ThreadPoolExecutor(workers) as pool:
        return Flows.join(list(pool.map(lambda rk: _chunk(plan, a, *rk), zip(rngs, sizes, strict=True))))
