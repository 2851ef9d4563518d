"""Scenarios side by side: the same members under other rules or assumptions, one table.

A `Scenario` names a scheme (a template or a scheme object), assumption overrides, and optional caps
on benefits (`{benefit code: baht}`, applied to every amount of that benefit; an unknown code is
refused). `standard_scenarios` are the comparisons every committee asks for; `compare` runs them
on one population with one seed and returns one row (a dict of plain data) per scenario.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np

from sajja.schemes import Scheme, load_scheme_data, load_template, scheme_to_data
from sajja.schemes.money import to_satang
from sajja.simulate.assumptions import Assumptions
from sajja.simulate.errors import SimulationError
from sajja.simulate.indicators import depletion_year, reserve_percentiles, ruin_by_year
from sajja.simulate.population import Population
from sajja.simulate.project import project
from sajja.simulate.solver import break_even_rate

FOUNDING = ("songkhla", "lampang", "trat", "nakhon", "codi")


@dataclass(frozen=True)
class Scenario:
    name: str
    scheme: str | Scheme = "songkhla"
    overrides: dict[str, Any] = field(default_factory=dict)
    caps: Mapping[str, object] = field(default_factory=dict)

    def build(self) -> tuple[Scheme, Assumptions]:
        scheme = load_template(self.scheme) if isinstance(self.scheme, str) else self.scheme
        return cap_benefits(scheme, self.caps), Assumptions.default().with_overrides(self.overrides)


def _cap(node: object, limit: object) -> object:
    """Every amount under `node` (a benefit's data) capped at `limit` (baht, as a scheme file writes it)."""
    if isinstance(node, dict):
        return {
            k: limit if k in ("amount", "rate") and _over(v, limit) else _cap(v, limit)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_cap(x, limit) for x in node]
    return node


def _over(value: object, limit: object) -> bool:
    if isinstance(value, dict):  # {value, reference}
        value = value.get("value")
    return value is not None and not isinstance(value, list | dict) and to_satang(value) > to_satang(limit)


def cap_benefits(scheme: Scheme, caps: Mapping[str, object]) -> Scheme:
    """A copy of `scheme` whose named benefits pay at most the given baht per claim.

    >>> capped = cap_benefits(load_template("songkhla"), {"old_age_pension": 1500})
    >>> [t.amount // 100 for t in capped.versions[0].benefit("old_age_pension").tiers]
    [1500, 1500, 1500]
    >>> cap_benefits(load_template("songkhla"), {"pension": 1500})
    Traceback (most recent call last):
    ...
    sajja.simulate.errors.SimulationError: unknown benefit(s) pension; the scheme has birth_grant, mother_nights, hospital, funeral, old_age_pension
    """
    if not caps:
        return scheme
    unknown = sorted(set(caps) - set(scheme.benefit_codes()))
    if unknown:
        raise SimulationError(
            f"unknown benefit(s) {', '.join(unknown)}; the scheme has {', '.join(scheme.benefit_codes())}",
            f"ไม่มีสวัสดิการ {', '.join(unknown)} ในระเบียบนี้; ที่มี: {', '.join(scheme.benefit_codes())}",
        )
    data = scheme_to_data(scheme)
    for version in data["versions"]:
        version["benefits"] = [
            _cap(b, caps[b["code"]]) if b["code"] in caps else b for b in version["benefits"]
        ]
    return load_scheme_data(data, source=f"{scheme.code} with caps")


def standard_scenarios(
    base: str = "songkhla", pension_cap: int = 1500, young_rate: float = 0.05
) -> list[Scenario]:
    return [
        *(Scenario(f"template {name}", name) for name in FOUNDING),
        Scenario(f"{base} with 1:1:1 co-funding", base, {"cofunding": True}),
        Scenario(f"{base} at 2 baht a day", base, {"daily_rate": 2.0}),
        Scenario(
            f"{base}, pension capped at {pension_cap:,} baht", base, caps={"old_age_pension": pension_cap}
        ),
        Scenario(
            f"{base} recruiting the young ({young_rate:.0%} a year, ages 15-34)",
            base,
            {"joining_rate": young_rate, "joiner_from_age": 15, "joiner_to_age": 34, "joiner_band": 5},
        ),
    ]


def compare(
    population: Population,
    scenarios: list[Scenario],
    *,
    years: int = 30,
    paths: int = 1000,
    seed: int = 0,
    initial_reserve: float = 0.0,
    target: float = 0.05,
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for scenario in scenarios:
        scheme, assumptions = scenario.build()
        p = project(
            scheme,
            population,
            years=years,
            paths=paths,
            seed=seed,
            assumptions=assumptions,
            initial_reserve=initial_reserve,
        )
        pct = reserve_percentiles(p.reserve)
        rows.append(
            {
                "scenario": scenario.name,
                "scheme": scheme.code,
                "daily_rate": round(p.money.daily_rate, 2),
                "members_end": round(float(p.flows.members[:, -1].mean()), 1),
                "income": round(
                    float(cast(np.ndarray, sum(p.settled.income.values())).sum(axis=1).mean()), 2
                ),
                "benefits": round(float(p.flows.outgo().sum(axis=1).mean()), 2),
                "reserve_end_p5": round(float(pct[5][-1]), 2),
                "reserve_end_p50": round(float(pct[50][-1]), 2),
                "reserve_end_p95": round(float(pct[95][-1]), 2),
                "ruin_probability": float(ruin_by_year(p.reserve)[-1]),
                "depletion_year": depletion_year(p.reserve, p.start_year),
                "break_even_rate": break_even_rate(p, target),
            }
        )
    return rows
