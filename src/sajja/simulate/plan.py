"""The cells of a projection and what each year asks of them, shared by the cohort engine and the
expected-value projection.

Cells are the fund's members at the start (age, sex, paid years) and, for every projected year,
the cells its new members enter (one per entry age and sex, with 0 paid years). They are ordered
by the year they open, so the cells open in year `t` are a prefix of the list. For each year the
plan holds each open cell's probabilities and the amounts the scheme pays per event (`pricing`).
Cells whose hospital (or birth) probability and amounts are equal form one group: the members of a
group can be drawn together, since a sum of independent binomials with the same probability is
one binomial. A member leaves the cell (dies or leaves the fund) with probability r = q + (1 - q) w,
and one who left the cell died with probability q / r: cells with one q / r and one death benefit
form a group whose removed members can be split at once.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import TypeAlias

import numpy as np

from sajja.schemes import Scheme
from sajja.simulate.assumptions import Assumptions
from sajja.simulate.draws import Categorical
from sajja.simulate.population import Population
from sajja.simulate.pricing import Prices, event_day, price_cells


@dataclass(frozen=True)
class Groups:
    """Cells with one probability and one amount table: `member` is a cells × groups 0/1 matrix
    (empty where only `order` and `starts` are used)."""

    member: np.ndarray
    probability: np.ndarray
    amounts: np.ndarray
    flat: np.ndarray
    """True for groups paid the same whatever the nights: their events need no split over nights."""
    order: np.ndarray
    starts: np.ndarray
    """Cells sorted by group, and where each group starts: `np.add.reduceat(x[order], starts)`
    sums counts by group exactly, in time linear in the cells (no cells × groups product)."""
    by_nights: tuple[np.ndarray, ...] = ()
    """The groups paid by the number of nights (with a nonzero probability), by their amounts: the
    stays of groups with one amount table are paid as one lot."""


def group(probability: np.ndarray, row: np.ndarray, rows: np.ndarray, members: bool = True) -> Groups:
    """Cells grouped by their probability and their row of amounts (`rows[row[c]]`)."""
    p_values, p_at = np.unique(probability, return_inverse=True)
    rows_used, row_at = np.unique(row, return_inverse=True)
    keys, inverse = np.unique(p_at * rows_used.size + row_at, return_inverse=True)
    unique = np.column_stack([p_values[keys // rows_used.size], rows_used[keys % rows_used.size]])
    member = np.zeros((probability.size, len(keys) if members else 0))
    if members:
        member[np.arange(probability.size), inverse] = 1.0
    amounts = rows[unique[:, 1].astype(np.int64)]
    order = np.argsort(inverse, kind="stable")
    starts = np.searchsorted(inverse[order], np.arange(len(keys)))
    flat = (amounts == amounts[:, :1]).all(axis=1)
    nights = ~flat & (unique[:, 0] > 0)
    by_nights = tuple(np.flatnonzero(nights & (unique[:, 1] == r)) for r in np.unique(unique[nights, 1]))
    return Groups(member, unique[:, 0], amounts, flat, order, starts, by_nights)


@dataclass(frozen=True)
class YearPlan:
    open: int
    age: np.ndarray
    sex: np.ndarray
    years: np.ndarray
    death_q: np.ndarray
    removal: np.ndarray
    """P(a member of the cell dies or leaves in the year): q + (1 - q) × leaving rate."""
    died: np.ndarray
    """P(died | removed) = q / r."""
    deaths: Groups
    """Cells with one q / r and one death benefit: in a large fund, the removed of a group are split
    into dead and gone at once."""
    prices: Prices
    eligible: np.ndarray
    """1.0 for cells with a full year of paid membership (counted for co-funding)."""
    hospital: Groups
    births: Groups
    sums: np.ndarray
    """Cells × columns: eligible, pension, then the members of each hospital and birth group."""


@dataclass(frozen=True)
class Plan:
    years: int
    initial: np.ndarray
    cells: int
    each_year: tuple[YearPlan, ...]
    joiners: Categorical
    """The entry cells of a new member (ages and sexes of `Assumptions.joiner_cells`)."""
    stay: Categorical
    birth: Categorical
    """Nights of a hospital stay, of a mother after a birth."""


_PlanKey: TypeAlias = tuple[int, bytes, bytes, bytes, tuple[object, ...], int, int]
_PLANS: OrderedDict[_PlanKey, tuple[weakref.ref[Scheme], Plan, int]] = OrderedDict()
PLANS_BYTES = 256 << 20
"""The plans kept at most, in bytes of their arrays (a sweep's 64 templates × founding years fit)."""
_PLANS_LOCK = threading.RLock()  # re-entrant: a scheme's finaliser may run while the lock is held


def build_plan(
    scheme: Scheme, population: Population, assumptions: Assumptions, years: int, start_year: int
) -> Plan:
    """The plan of a projection. The last ones are kept (up to `PLANS_BYTES`, and no longer than
    their scheme object lives), by scheme, cells (not their counts), assumptions and horizon: funds
    with the same scheme and the same cells (a sweep's funds of one template and founding year)
    share one plan, each with its own starting counts."""
    key: _PlanKey = (
        id(scheme),
        population.age.tobytes(),
        population.sex.tobytes(),
        population.years.tobytes(),
        assumptions.key(),
        years,
        start_year,
    )
    with _PLANS_LOCK:
        held = _PLANS.get(key)
        if held is not None and held[0]() is scheme:
            _PLANS.move_to_end(key)
            return replace(held[1], initial=population.count)
    plan = _build(scheme, population, assumptions, years, start_year)
    size = _nbytes(plan)
    with _PLANS_LOCK:
        gone = key[0]  # the callback keeps the scheme's id only, not the population's bytes in the key
        _PLANS[key] = (weakref.ref(scheme, lambda _: _forget(gone)), plan, size)
        held_bytes = sum(entry[2] for entry in _PLANS.values())
        while held_bytes > PLANS_BYTES and _PLANS:
            held_bytes -= _PLANS.popitem(last=False)[1][2]
    return plan


def _forget(scheme_id: int) -> None:
    """Drop the plans of a scheme object that is gone (its id may be given to another object)."""
    with _PLANS_LOCK:
        for key in [k for k in _PLANS if k[0] == scheme_id]:
            del _PLANS[key]


def _nbytes(value: object) -> int:
    """Bytes of the arrays a plan holds (through its year plans, groups and prices)."""
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, tuple | list):
        return sum(_nbytes(v) for v in value)
    if hasattr(value, "__dataclass_fields__"):
        return sum(_nbytes(getattr(value, f)) for f in value.__dataclass_fields__)
    return 0


def _build(
    scheme: Scheme, population: Population, assumptions: Assumptions, years: int, start_year: int
) -> Plan:
    a = assumptions
    entry_age, entry_sex, entry_p = a.joiner_cells()
    e = entry_age.size
    age0 = np.concatenate([population.age, np.tile(entry_age, years)])
    sex = np.concatenate([population.sex, np.tile(entry_sex, years)])
    years0 = np.concatenate([population.years, np.zeros(e * years, dtype=np.int64)])
    opens = np.concatenate([np.zeros(population.age.size, dtype=np.int64), np.repeat(np.arange(years), e)])
    stay, birth = a.stay_pmf(), a.birth_pmf()
    plans = []
    for t in range(years):
        n = population.age.size + e * (t + 1)
        age, yrs, s = age0[:n] + (t - opens[:n]), years0[:n] + (t - opens[:n]), sex[:n]
        prices = price_cells(scheme, event_day(start_year, t), age, s, yrs, a.max_nights, a.max_birth_nights)
        eligible = (yrs >= 1).astype(float)
        q = a.death_probability(age, s)
        removal = q + (1 - q) * a.leaving_rate
        died = np.divide(q, removal, out=np.zeros_like(q), where=removal > 0)
        hospital = group(a.admission_probability(age), prices.hospital, prices.hospital_rows)
        births = group(a.birth_probability(age, s), prices.birth, prices.birth_rows)
        benefit, benefit_at = np.unique(prices.death, return_inverse=True)
        plans.append(
            YearPlan(
                open=n,
                age=age,
                sex=s,
                years=yrs,
                death_q=q,
                removal=removal,
                died=died,
                deaths=group(died, benefit_at, benefit[:, None], members=False),
                prices=prices,
                eligible=eligible,
                hospital=hospital,
                births=births,
                sums=np.column_stack([eligible, prices.old_age, hospital.member, births.member]),
            )
        )
    return Plan(
        years,
        population.count,
        age0.size,
        tuple(plans),
        Categorical.of(entry_p),
        Categorical.of(stay),
        Categorical.of(birth),
    )
