"""Sweeps: many funds give the same rows on one machine and on a Dask cluster, for one seed."""

from __future__ import annotations

import numpy as np
import pytest
from distributed import Client, LocalCluster

from sajja.simulate import FundInputs, Population
from sajja.simulate.sweep import NationalFund, national_funds, overview, sweep

YEARS, PATHS = 8, 40


@pytest.fixture(scope="module")
def funds():
    return national_funds(5, seed=3)


@pytest.fixture(scope="module")
def local(funds):
    return sweep(funds, years=YEARS, paths=PATHS, seed=9, workers=2, batch=2)


@pytest.mark.cluster
def test_a_dask_cluster_gives_the_local_rows(funds, local, songkhla):
    real = FundInputs(
        "real-fund", "a real fund", songkhla, Population.synthetic(80, from_age=30, to_age=79, years=3)
    )
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        on_dask = sweep(funds, years=YEARS, paths=PATHS, seed=9, client=client, batch=2)
        mixed = sweep([*funds[:2], real], years=YEARS, paths=PATHS, seed=9, client=client, batch=1)
    assert on_dask == local
    assert mixed[:2] == local[:2]
    assert mixed[2] == sweep([*funds[:2], real], years=YEARS, paths=PATHS, seed=9, workers=1)[2]


def test_rows_do_not_depend_on_batches_or_threads_but_on_the_seed(funds, local):
    assert sweep(funds, years=YEARS, paths=PATHS, seed=9, workers=1, batch=5) == local
    other = sweep(funds, years=YEARS, paths=PATHS, seed=10, workers=1)
    assert [r["reserve_end_p50"] for r in other] != [r["reserve_end_p50"] for r in local]
    assert [r["fund"] for r in local] == [f"tambon-{i:04d}" for i in range(1, 6)]


def test_worker_processes_give_the_rows_of_threads(funds, local):
    assert sweep(funds, years=YEARS, paths=PATHS, seed=9, workers=2, processes=True, batch=2) == local


def test_the_national_population_follows_its_documented_distribution():
    funds = [NationalFund(i, 0).inputs() for i in range(300)]
    members = np.array([f.population.members for f in funds])
    assert members.min() >= 30 and members.max() <= 20_000
    assert 300 < np.median(members) < 650  # median 450
    per_member = np.array([f.initial_reserve for f in funds]) / members
    assert per_member.min() >= 500 and per_member.max() <= 1700
    ages = np.concatenate([np.repeat(f.population.age, f.population.count) for f in funds])
    assert 40 < ages.mean() < 55  # thai-2020 (mean about 39) tilted towards the old
    a, b = NationalFund(7, 0).inputs(), NationalFund(7, 0).inputs()
    assert np.array_equal(a.population.count, b.population.count) and a.initial_reserve == b.initial_reserve


def test_the_overview_counts_funds_likely_to_run_dry(local):
    v = overview(local, 2026)
    assert v["funds"] == 5
    assert v["members"] == sum(r["members"] for r in local)
    assert v["funds_ruin_over_50pct"] == sum(r["ruin_probability"] > 0.5 for r in local)
