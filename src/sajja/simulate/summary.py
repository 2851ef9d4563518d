"""A projection's indicators as plain data (numbers, lists and None), for tables, JSON and pages.

>>> from sajja.schemes import load_template
>>> from sajja.simulate.population import Population
>>> from sajja.simulate.project import project
>>> p = project(load_template("songkhla"), Population.synthetic(100, from_age=20, to_age=59), years=3,
...     paths=20, seed=1)
>>> s = summarise(p)
>>> s["members"], len(s["reserve_p50"]), sorted(s["benefits_by_payer"])
(100, 4, ['central', 'local', 'member'])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sajja.simulate import indicators as ind
from sajja.simulate.project import Projection


def _round(values: Iterable[float]) -> list[float]:
    return [round(float(v), 2) for v in values]


def summarise(p: Projection) -> dict[str, Any]:
    reserve, flows, settled = p.reserve, p.flows, p.settled
    pct = ind.reserve_percentiles(reserve)
    ruin = ind.ruin_by_year(reserve)
    return {
        "scheme": p.scheme.code,
        "engine": p.engine,
        "members": p.population.members,
        "years": p.years,
        "paths": p.paths,
        "seed": p.seed,
        "start_year": p.start_year,
        "daily_rate": p.money.daily_rate,
        "cofunding": p.assumptions.cofunding,
        **{f"reserve_p{q}": _round(pct[q]) for q in ind.PERCENTILES},
        "ruin_probability": _round(ruin),
        "ruin_by_horizon": float(ruin[-1]),
        "depletion_year": ind.depletion_year(reserve, p.start_year),
        "reserve_ratio": _round(ind.reserve_ratio(reserve, flows)),
        "claims_ratio": _round(ind.claims_ratio(flows, settled)),
        "payg_cost_per_member": _round(ind.payg_cost(flows)),
        "members_by_year": _round(flows.members.mean(axis=0)),
        "deaths_by_year": _round(flows.deaths.mean(axis=0)),
        "benefits_by_kind": {k: round(v, 2) for k, v in ind.benefits_by_kind(flows).items()},
        "benefits_by_payer": {k: round(v, 2) for k, v in ind.benefits_by_payer(flows, settled).items()},
        "income_by_payer": {k: round(float(v.sum(axis=1).mean()), 2) for k, v in settled.income.items()},
        "unprojected_benefits": p.unprojected(),
    }
