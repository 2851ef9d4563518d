"""One stored projection's numbers, from a body's inputs: pure Python over sajja.simulate, no Django.

The worker (tasks.py) and the demo call `compute`; pages and the API only read what it returned.
The page's projection is kept quick on purpose: PATHS Monte Carlo paths over YEARS years, and a
scenario table of SCENARIO_PATHS paths each; the command line (`sajja simulate`) runs larger ones.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import cast

import numpy as np

from sajja.schemes import Scheme, scheme_to_data
from sajja.simulate import (
    Assumptions,
    FundInputs,
    Scenario,
    SimulationError,
    break_even_rate,
    compare,
    largest_pension_scale,
    summarise,
)
from sajja.simulate import indicators as ind
from sajja.simulate.flows import Flows, Settled
from sajja.simulate.scenarios import FOUNDING

FLOW_COUNTS = ("members", "joiners", "eligible", "deaths", "admissions", "births", "exits")

PATHS = 1000
YEARS = 30
SCENARIO_PATHS = 300
SEED = 2569
TARGET = 0.05  # the ruin probability a fix must reach
RAISED_RATE = 2.0  # baht a day
PENSION_CAP = 1500  # baht a month
YOUNG_RATE = 0.05  # new young members a year, as a share of the members
MODEL = "sustainability-1"  # changes when the stored shape or the method changes


@dataclass(frozen=True)
class Settings:
    years: int = YEARS
    paths: int = PATHS
    seed: int = SEED
    scenario_paths: int = SCENARIO_PATHS
    scenarios: bool = True

    @classmethod
    def of(cls, overrides: dict | None) -> Settings:
        """The defaults with a deployment's changes (Django's SAJJA_PROJECTION, e.g. {"paths": 2000})."""
        return cls(**(overrides or {}))


DEFAULT = Settings()


def _assumptions_data(a: Assumptions) -> dict:
    out = {}
    for f in fields(a):
        if f.name == "sources":
            continue
        value = getattr(a, f.name)
        out[f.name] = np.asarray(value).tolist() if isinstance(value, np.ndarray) else value
    return out


def digest(inputs: FundInputs, settings: Settings) -> str:
    """SHA-256 of everything the numbers depend on: two projections with one digest are the same."""
    p = inputs.population
    data = {
        "model": MODEL,
        "scheme": scheme_to_data(inputs.scheme),
        "cells": [p.age.tolist(), p.sex.tolist(), p.years.tolist(), p.count.tolist()],
        "reserve": round(float(inputs.initial_reserve), 2),
        "assumptions": _assumptions_data(inputs.assumptions()),
        "start_year": inputs.start_year,
        "settings": [
            settings.years,
            settings.paths,
            settings.seed,
            settings.scenario_paths,
            settings.scenarios,
        ],
    }
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def pension_codes(scheme: Scheme) -> list[str]:
    return [b.code for b in scheme.versions[-1].benefits if b.kind == "pension"]


def describe(inputs: FundInputs) -> dict:
    """The inputs as the page shows them."""
    version = inputs.scheme.versions[-1]
    a = inputs.assumptions()
    return {
        "members": inputs.population.members,
        "reserve": round(float(inputs.initial_reserve), 2),
        "scheme": inputs.scheme.code,
        "scheme_versions": len(inputs.scheme.versions),
        "scheme_in_force_from": version.effective_from.isoformat(),
        "daily_rate": float(a.daily_rate) if a.daily_rate is not None else None,
        "cofunding": a.cofunding,
        "joining_rate": a.joining_rate,
        "leaving_rate": a.leaving_rate,
        "start_year": inputs.start_year,
        "scheme_source": inputs.scheme_source,
        "notes": list(inputs.notes),
    }


def _fixes(projection, scheme: Scheme) -> dict:
    fixes: dict = {"target": TARGET}
    try:
        fixes["break_even_rate"] = break_even_rate(projection, TARGET)
    except SimulationError as exc:
        fixes["break_even_rate"], fixes["break_even_problem"] = None, str(exc)
    codes = pension_codes(scheme)
    fixes["pension_codes"] = codes
    if codes:
        try:
            fixes["pension_scale"] = largest_pension_scale(projection, TARGET)
        except SimulationError as exc:
            fixes["pension_scale"], fixes["pension_problem"] = None, str(exc)
    return fixes


def scenarios_for(scheme: Scheme) -> list[tuple[str, Scenario]]:
    """(key, scenario): this fund's rules and the changes committees ask about, then the founding templates."""
    rows = [
        ("own", Scenario("own", scheme)),
        ("cofunding", Scenario("cofunding", scheme, {"cofunding": True})),
        ("raised_rate", Scenario("raised_rate", scheme, {"daily_rate": RAISED_RATE})),
    ]
    codes = pension_codes(scheme)
    if codes:
        rows.append(("pension_cap", Scenario("pension_cap", scheme, caps=dict.fromkeys(codes, PENSION_CAP))))
    young = {"joining_rate": YOUNG_RATE, "joiner_from_age": 15, "joiner_to_age": 34, "joiner_band": 5}
    rows.append(("young", Scenario("young", scheme, young)))
    rows += [(f"template:{name}", Scenario(name, name)) for name in FOUNDING]
    return rows


def _scenario_table(inputs: FundInputs, settings: Settings) -> list[dict]:
    keyed = scenarios_for(inputs.scheme)
    # Each scenario's overrides go on top of the body's own rates (its joining and leaving history).
    scenarios = [Scenario(key, s.scheme, {**inputs.overrides, **s.overrides}, s.caps) for key, s in keyed]
    rows = compare(
        inputs.population,
        scenarios,
        years=settings.years,
        paths=settings.scenario_paths,
        seed=settings.seed,
        initial_reserve=inputs.initial_reserve,
        target=TARGET,
    )
    return [{**row, "key": key} for (key, _), row in zip(keyed, rows, strict=True)]


def compute(inputs: FundInputs, settings: Settings = DEFAULT) -> dict:
    """Everything stored for a fund's projection: summary, fixes, scenarios, the inputs, the digest."""
    p = inputs.project(years=settings.years, paths=settings.paths, seed=settings.seed)
    summary = summarise(p)
    return {
        "digest": digest(inputs, settings),
        "inputs": describe(inputs),
        "summary": summary,
        "fixes": _fixes(p, inputs.scheme),
        "scenarios": _scenario_table(inputs, settings) if settings.scenarios else None,
    }


def _added(arrays: Iterable[np.ndarray]) -> np.ndarray:
    """The funds' arrays added element by element (a network projects at least one fund)."""
    return cast(np.ndarray, sum(arrays))  # typed as maybe sum()'s start, 0: never so, with one array or more


def _summed(parts: list, attribute: str) -> np.ndarray:
    return _added(getattr(p, attribute) for p in parts)


def compute_network(funds: list[FundInputs], settings: Settings = DEFAULT) -> dict:
    """A network's funds projected side by side (each its own seed, so independent), and their total.

    Each fund keeps its own money; the total is what the network would hold if it pooled them, and
    `funds_ruined` the expected number of its funds whose own reserve has run out by each year.
    """
    if not funds:
        raise SimulationError(
            "the network has no fund with active members to project",
            "เครือข่ายนี้ไม่มีกองทุนที่มีสมาชิกให้คาดการณ์",
        )
    runs = [
        f.project(years=settings.years, paths=settings.paths, seed=settings.seed + n)
        for n, f in enumerate(funds)
    ]
    flows = Flows(
        **{name: _summed([p.flows for p in runs], name) for name in FLOW_COUNTS},
        benefits={k: _added(p.flows.benefits[k] for p in runs) for k in runs[0].flows.benefits},
    )
    income = {k: _added(p.settled.income[k] for p in runs) for k in runs[0].settled.income}
    settled = Settled(
        _summed([p.settled for p in runs], "reserve"), income, _summed([p.settled for p in runs], "admin")
    )
    reserve = settled.reserve
    pct = ind.reserve_percentiles(reserve)
    ruin = ind.ruin_by_year(reserve)
    rows = []
    for f, p in zip(funds, runs, strict=True):
        fund_ruin = ind.ruin_by_year(p.reserve)
        try:
            rate = break_even_rate(p, TARGET)
        except SimulationError:
            rate = None
        rows.append(
            {
                "code": f.code,
                "name": f.name,
                "members": f.population.members,
                "reserve": round(float(f.initial_reserve), 2),
                "ruin_by_horizon": float(fund_ruin[-1]),
                "ruin_probability": _rounded(fund_ruin),
                "depletion_year": ind.depletion_year(p.reserve, p.start_year),
                "break_even_rate": rate,
            }
        )
    start_year = runs[0].start_year
    summary = {
        "members": sum(f.population.members for f in funds),
        "funds": rows,
        "years": settings.years,
        "paths": settings.paths,
        "seed": settings.seed,
        "start_year": start_year,
        **{f"reserve_p{q}": _rounded(pct[q]) for q in ind.PERCENTILES},
        "ruin_probability": _rounded(ruin),
        "ruin_by_horizon": float(ruin[-1]),
        "funds_ruined": _rounded(sum(np.asarray(r["ruin_probability"]) for r in rows)),
        "depletion_year": ind.depletion_year(reserve, start_year),
        "reserve_ratio": _rounded(ind.reserve_ratio(reserve, flows)),
        "claims_ratio": _rounded(ind.claims_ratio(flows, settled)),
        "payg_cost_per_member": _rounded(ind.payg_cost(flows)),
        "members_by_year": _rounded(flows.members.mean(axis=0)),
        "benefits_by_kind": {k: round(v, 2) for k, v in ind.benefits_by_kind(flows).items()},
        "benefits_by_payer": {k: round(v, 2) for k, v in ind.benefits_by_payer(flows, settled).items()},
    }
    digests = hashlib.sha256("".join(digest(f, settings) for f in funds).encode()).hexdigest()
    return {
        "digest": digests,
        "inputs": {
            "members": summary["members"],
            "reserve": round(sum(float(f.initial_reserve) for f in funds), 2),
            "funds": len(funds),
            "start_year": start_year,
        },
        "summary": summary,
        "fixes": None,
        "scenarios": None,
    }


def _rounded(values) -> list[float]:
    return [round(float(v), 4) if abs(float(v)) < 10 else round(float(v), 2) for v in values]
