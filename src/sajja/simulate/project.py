"""One projection of a fund: its members, its scheme, the assumptions, an engine, a seed.

>>> from sajja.schemes import load_template
>>> fund = Population.synthetic(200, from_age=20, to_age=69)
>>> p = project(load_template("songkhla"), fund, years=5, paths=50, seed=7)
>>> p.reserve.shape, bool((p.reserve == project(load_template("songkhla"), fund, years=5, paths=50,
...     seed=7).reserve).all())
((50, 6), True)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from sajja.schemes import Scheme
from sajja.simulate.assumptions import Assumptions
from sajja.simulate.cohort import CHUNK, cohort_flows
from sajja.simulate.errors import SimulationError
from sajja.simulate.expected import expected_flows
from sajja.simulate.flows import Flows, Money, Settled, settle
from sajja.simulate.micro import micro_flows
from sajja.simulate.plan import build_plan
from sajja.simulate.population import Population
from sajja.simulate.pricing import unprojected

ENGINES = ("cohort", "micro", "expected")
MAX_YEARS = 100
START_YEAR = 2026


@dataclass(frozen=True)
class Projection:
    scheme: Scheme
    population: Population
    assumptions: Assumptions
    engine: str
    years: int
    seed: int
    start_year: int
    initial_reserve: float
    flows: Flows
    money: Money
    settled: Settled

    @property
    def reserve(self) -> np.ndarray:
        return self.settled.reserve

    @property
    def paths(self) -> int:
        return self.flows.paths

    def unprojected(self) -> list[str]:
        return unprojected(self.scheme)

    def resettle(self, money: Money | None = None, flows: Flows | None = None) -> Projection:
        """The same events with other money figures (a rate) or other flows (a scaled benefit)."""
        money, flows = money or self.money, flows or self.flows
        return replace(self, money=money, flows=flows, settled=settle(flows, money, self.initial_reserve))


def memory_needed(cells: int, years: int, paths: int, workers: int) -> int:
    """Bytes a cohort run holds at its peak: ~32 float arrays of paths × years (the flows, their
    chunks while joined, the money and the indicators), and per worker a chunk's cells × ~10."""
    return 8 * (32 * paths * years + 10 * workers * min(CHUNK, paths) * cells)


def memory_available() -> int:
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        return 4 << 30


def project(
    scheme: Scheme,
    population: Population,
    *,
    years: int = 30,
    paths: int = 1000,
    seed: int = 0,
    assumptions: Assumptions | None = None,
    initial_reserve: float = 0.0,
    engine: str = "cohort",
    start_year: int = START_YEAR,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Projection:
    """Project `population` under `scheme` for `years`; `engine` is cohort, micro or expected."""
    a = assumptions or Assumptions.default()
    if engine not in ENGINES:
        raise SimulationError(
            f"unknown engine {engine!r}; known: {', '.join(ENGINES)}",
            f"ไม่รู้จักวิธีคำนวณ {engine!r}; ที่มี: {', '.join(ENGINES)}",
        )
    if not 1 <= years <= MAX_YEARS:
        raise SimulationError(
            f"years must be between 1 and {MAX_YEARS}, not {years}",
            f"จำนวนปีที่คาดการณ์ต้องอยู่ระหว่าง 1 ถึง {MAX_YEARS} ปี ไม่ใช่ {years}",
        )
    if paths < 1:
        raise SimulationError(
            f"paths must be at least 1, not {paths}", f"จำนวนเส้นทางจำลองต้องอย่างน้อย 1 ไม่ใช่ {paths}"
        )
    plan = build_plan(scheme, population, a, years, start_year) if engine != "micro" else None
    if engine == "cohort":
        assert plan is not None  # built for every engine but "micro"
        need = memory_needed(plan.cells, years, paths, workers or os.cpu_count() or 1)
        if need > memory_available() // 2:
            gib, free = need / 2**30, memory_available() / 2**30
            raise SimulationError(
                f"{paths:,} paths of {years} years need about {gib:.1f} GiB of memory, more than "
                f"half of the {free:.1f} GiB available: use fewer paths",
                f"{paths:,} เส้นทาง {years} ปี ต้องใช้หน่วยความจำราว {gib:.1f} GiB เกินครึ่งหนึ่งของ "
                f"{free:.1f} GiB ที่มี: ลดจำนวนเส้นทางลง",
            )
        flows = cohort_flows(plan, a, paths, seed, workers, progress)
    elif engine == "micro":
        flows = micro_flows(scheme, population, a, years, paths, seed, start_year)
    else:
        assert plan is not None
        flows = expected_flows(plan, a)
    money = Money.of(scheme, a, start_year)
    return Projection(
        scheme,
        population,
        a,
        engine,
        years,
        seed,
        start_year,
        initial_reserve,
        flows,
        money,
        settle(flows, money, initial_reserve),
    )
