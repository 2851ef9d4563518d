"""What would fix a fund, and scenarios side by side."""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from sajja.simulate import (
    Population,
    Scenario,
    SimulationError,
    break_even_rate,
    compare,
    largest_pension_scale,
    project,
    standard_scenarios,
    summarise,
)
from sajja.simulate.indicators import ruin_by_year

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "sajja" / "simulate"


@pytest.fixture(scope="module")
def ageing(songkhla):
    fund = Population.synthetic(500, from_age=40, to_age=79, years=5)
    return project(songkhla, fund, years=20, paths=400, seed=5)


def ruin(p, rate=None):
    if rate is not None:
        p = p.resettle(money=replace(p.money, daily_rate=rate))
    return float(ruin_by_year(p.reserve)[-1])


def test_the_break_even_rate_is_the_smallest_that_meets_the_target(ageing):
    assert ruin(ageing) > 0.5
    rate = break_even_rate(ageing, target=0.05, tolerance=0.01)
    assert ruin(ageing, rate) <= 0.05
    assert ruin(ageing, rate - 0.01) > 0.05
    with pytest.raises(SimulationError, match="target ruin probability"):
        break_even_rate(ageing, target=1.5)


def test_the_largest_pension_meets_the_target(ageing):
    half = ageing.resettle(money=replace(ageing.money, local_daily=0.5, central_daily=0.5))
    assert ruin(half) > 0.05
    scale = largest_pension_scale(half, target=0.05, tolerance=0.001)
    assert 0 < scale < 1

    def with_scale(factor):
        flows = half.flows
        benefits = {**flows.benefits, "old_age": flows.benefits["old_age"] * factor}
        return half.resettle(flows=replace(flows, benefits=benefits))

    assert ruin(with_scale(scale)) <= 0.05 < ruin(with_scale(scale + 0.001))


def test_the_scenario_table(songkhla):
    fund = Population.synthetic(300, from_age=15, to_age=79)
    rows = compare(fund, standard_scenarios(), years=22, paths=100, seed=2)  # 20+ years: the top pension tier
    by_name = {r["scenario"]: r for r in rows}
    assert len(rows) == 9 and all(set(r) == set(rows[0]) for r in rows)
    base = by_name["template songkhla"]
    cofunded = by_name["songkhla with 1:1:1 co-funding"]
    assert cofunded["income"] > base["income"] and cofunded["reserve_end_p50"] > base["reserve_end_p50"]
    assert cofunded["benefits"] == base["benefits"]  # same events, same seed: only the money differs
    raised = by_name["songkhla at 2 baht a day"]
    assert raised["daily_rate"] == 2.0 and raised["reserve_end_p50"] > base["reserve_end_p50"]
    capped = by_name["songkhla, pension capped at 1,500 baht"]
    assert capped["benefits"] < base["benefits"]
    young = next(r for name, r in by_name.items() if "young" in name)
    assert young["members_end"] > base["members_end"]
    assert all(isinstance(v, str | int | float | type(None)) for r in rows for v in r.values())
    with pytest.raises(SimulationError, match="unknown benefit"):
        compare(fund, [Scenario("typo", caps={"pension": 1000})], years=2, paths=2)


def test_the_summary_is_plain_data(songkhla):
    p = project(songkhla, Population.synthetic(200), years=4, paths=30, seed=1)
    s = summarise(p)
    assert s["ruin_probability"] == ruin_by_year(p.reserve).round(2).tolist()
    assert s["benefits_by_payer"]["member"] == pytest.approx(sum(s["benefits_by_kind"].values()), rel=1e-6)
    assert s["unprojected_benefits"] == []


def test_no_module_imports_django():
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] == "django" for n in names), path
    code = "import sys, sajja.simulate, sajja.simulate.derive; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
