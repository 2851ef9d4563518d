"""Many funds at once: every fund of a network, or a synthetic national population of tambon funds,
projected on one machine with NumPy or, unchanged, on a Dask cluster.

The unit of work is `run_batch(funds, years, paths, seed)`: a few funds, each projected by the
cohort engine on one thread, each summed up as one row of plain data. Each fund draws from its own
seed, derived from the sweep's seed and the fund's position (`fund_seed`), so a fund's row is the
same whichever machine, process, thread or batch runs it: the local run and the Dask run of one
sweep give equal rows (the tests check it on a `distributed.LocalCluster`).

Funds travel as small descriptions: a `NationalFund` is only (index, seed), and is turned into
members, reserve and scheme where it runs; a real fund travels as its `FundInputs`.

The synthetic national population (`national_funds`), each fund drawn from its own seed:

- 7,255 funds by default (Thailand's tambons); in 2013 5,660 funds had 3.96 million members
  (about 700 each) and 4,260 million baht (MISSION.md);
- members: lognormal, median 450, log-sd 0.9 (mean about 680; a few funds of several thousand),
  between 30 and 20,000;
- ages: the thai-2020 profile tilted towards the old by a factor exp(b (age - 50) / 10), with
  b ~ Normal(0.25, 0.25) per fund (welfare funds recruit older people more than the young);
- founded F ~ uniform 0..15 years ago, every member with F whole paid years (founding members);
- reserve: members × uniform(500, 1,700) baht (the 2013 average was about 1,100 baht a member);
- scheme: one of the founding templates, chosen uniformly.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import as_completed as as_completed_locally
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from sajja.schemes import Scheme, load_template
from sajja.simulate.assumptions import FEMALE, MALE, age_profile
from sajja.simulate.cohort import one_blas_thread
from sajja.simulate.fund import FundInputs
from sajja.simulate.indicators import depletion_year, reserve_percentiles, ruin_by_year
from sajja.simulate.population import Population, largest_remainder
from sajja.simulate.scenarios import FOUNDING

if TYPE_CHECKING:
    from distributed import Client

NATIONAL_FUNDS = 7255
BATCH = 8


@cache
def _template(name: str) -> Scheme:
    return load_template(name)


@dataclass(frozen=True)
class NationalFund:
    """One synthetic tambon fund, as (position, seed): its members are drawn where it runs."""

    index: int
    seed: int

    def inputs(self) -> FundInputs:
        rng = np.random.default_rng([self.seed, self.index, 0])
        members = int(np.clip(np.rint(rng.lognormal(np.log(450), 0.9)), 30, 20_000))
        tilt = rng.normal(0.25, 0.25)
        founded = int(rng.integers(0, 16))
        reserve = float(members * rng.uniform(500, 1700))
        template = FOUNDING[int(rng.integers(len(FOUNDING)))]
        males, females = age_profile("thai-2020")
        ages = np.arange(101)
        weights = np.concatenate([females, males]) * np.exp(tilt * (np.tile(ages, 2) - 50) / 10)
        count = largest_remainder(weights, members)
        sex = np.repeat([FEMALE, MALE], ages.size)
        # every age and sex kept as a cell, empty ones too: the funds of one template and founding
        # year then share their cells, and with them one plan (`build_plan`)
        population = Population(np.tile(ages, 2), sex, np.full(sex.size, founded), count)
        return FundInputs(
            code=f"tambon-{self.index + 1:04d}",
            name=f"synthetic tambon fund {self.index + 1}",
            scheme=_template(template),
            population=population,
            initial_reserve=round(reserve, 2),
            scheme_source=f"template {template}",
        )


def national_funds(count: int = NATIONAL_FUNDS, seed: int = 0) -> list[NationalFund]:
    return [NationalFund(i, seed) for i in range(count)]


def fund_seed(seed: int, index: int) -> int:
    """The seed of the fund at `index` in a sweep seeded `seed` (independent streams per fund)."""
    return int(np.random.SeedSequence([seed, index]).generate_state(1, dtype=np.uint64)[0])


Fund: TypeAlias = NationalFund | FundInputs
"""A fund to project: a synthetic one, drawn where it runs, or a real one."""


def _fund_of(item: Fund) -> FundInputs:
    return item.inputs() if isinstance(item, NationalFund) else item


def run_batch(items: Sequence[Fund], years: int, paths: int, seed: int, first: int) -> list[dict[str, Any]]:
    """Rows for `items` (funds at positions first, first + 1, ...), each projected on one thread."""
    with one_blas_thread():
        return [_row(item, years, paths, seed, first + k) for k, item in enumerate(items)]


def _row(item: Fund, years: int, paths: int, seed: int, index: int) -> dict[str, Any]:
    fund = _fund_of(item)
    p = fund.project(years=years, paths=paths, seed=fund_seed(seed, index), workers=1)
    pct = reserve_percentiles(p.reserve)
    return {
        "fund": fund.code,
        "scheme": fund.scheme_source,
        "members": fund.population.members,
        "reserve_start": fund.initial_reserve,
        "ruin_probability": float(ruin_by_year(p.reserve)[-1]),
        "depletion_year": depletion_year(p.reserve, p.start_year),
        "reserve_end_p5": round(float(pct[5][-1]), 2),
        "reserve_end_p50": round(float(pct[50][-1]), 2),
        "reserve_end_p95": round(float(pct[95][-1]), 2),
        "payg_cost_last_year": round(float(p.flows.outgo()[:, -1].mean() / p.flows.members[:, -1].mean()), 2),
    }


def sweep(
    funds: Sequence[Fund],
    *,
    years: int = 30,
    paths: int = 1000,
    seed: int = 0,
    client: Client | None = None,
    workers: int | None = None,
    processes: bool = False,
    batch: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """One row per fund, in the order given: locally on `workers` threads (or, with `processes`,
    worker processes: each core its own interpreter, no lock shared between them), or on a Dask
    `client`.

    Funds go in batches of `batch` (default: up to `BATCH`, and at least four batches per worker
    so that every worker has work); the rows do not depend on the batches."""
    workers = workers or os.cpu_count() or 1
    if batch is None:
        # distributed leaves Client.nthreads, Client.gather and as_completed unannotated
        lanes = sum(client.nthreads().values()) if client is not None else workers  # type: ignore[no-untyped-call]
        batch = max(1, min(BATCH, len(funds) // (4 * max(lanes, 1))))
    starts = list(range(0, len(funds), batch))
    batches = [list(funds[s : s + batch]) for s in starts]
    if client is not None:
        from distributed import as_completed

        futures = client.map(
            run_batch,
            batches,
            [years] * len(batches),
            [paths] * len(batches),
            [seed] * len(batches),
            starts,
            pure=False,
        )
        for done in as_completed(futures):  # type: ignore[no-untyped-call]
            if progress is not None:
                progress(len(batches[futures.index(done)]))
        results = client.gather(futures)  # type: ignore[no-untyped-call]
    elif processes and workers > 1:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing inherited
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            submitted = [
                pool.submit(run_batch, b, years, paths, seed, s) for b, s in zip(batches, starts, strict=True)
            ]
            for done in as_completed_locally(submitted):
                if progress is not None:
                    progress(len(done.result()))
            results = [f.result() for f in submitted]
    else:

        def one(i: int) -> list[dict[str, Any]]:
            rows = run_batch(batches[i], years, paths, seed, starts[i])
            if progress is not None:
                progress(len(rows))
            return rows

        with one_blas_thread(), ThreadPoolExecutor(workers) as threads:
            results = list(threads.map(one, range(len(batches))))
    return [row for rows in results for row in rows]


def overview(rows: list[dict[str, Any]], start_year: int) -> dict[str, Any]:
    """The sweep in a few numbers: funds, members, how many are likely to run dry, and when."""
    ruin = np.array([r["ruin_probability"] for r in rows])
    depleted = [r["depletion_year"] for r in rows if r["depletion_year"] is not None]
    members = np.array([r["members"] for r in rows])
    return {
        "funds": len(rows),
        "members": int(members.sum()),
        "funds_ruin_over_50pct": int((ruin > 0.5).sum()),
        "funds_ruin_over_5pct": int((ruin > 0.05).sum()),
        "members_in_funds_ruin_over_50pct": int(members[ruin > 0.5].sum()),
        "median_depletion_year": int(np.median(depleted)) if depleted else None,
        "funds_depleted": len(depleted),
        "reserve_start": round(float(sum(r["reserve_start"] for r in rows)), 2),
        "reserve_end_p50_sum": round(float(sum(r["reserve_end_p50"] for r in rows)), 2),
        "start_year": start_year,
    }
