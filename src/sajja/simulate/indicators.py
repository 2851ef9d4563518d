"""Indicators of a projection. Year t runs from the start of year t to its end; the reserve array
holds R(0) (today) to R(T) (end of the last year). Means are over the Monte Carlo paths.

- reserve percentiles: P5, P25, P50, P75, P95 of R(t) over paths, for t = 0..T;
- probability of ruin by year T: the share of paths whose reserve is below zero at the end of some
  year t <= T;
- year of expected depletion: the first calendar year at whose end the mean reserve is below zero
  (None if it never is within the horizon);
- reserve ratio: mean R(t + 1) ÷ mean benefit outgo of year t (years of benefits the reserve holds);
- incurred claims ratio: mean benefit outgo ÷ mean income (contributions, entry fees, co-funding) of
  the year;
- pay-as-you-go cost per member: mean benefit outgo of the year ÷ mean members at its start, in
  baht a year (÷ 365: the baht a day that would pay the year's benefits without a reserve);
- benefits by kind: mean total over the horizon of death, hospital, birth and old-age benefits;
- benefits by payer: each year's outgo split in the shares of that year's income from members,
  local government and central government (a pooled fund pays from all its money alike), summed.

>>> from sajja.simulate.flows import Flows, Money, settle
>>> f = Flows.zeros(2, 2)
>>> f.members[:] = 10
>>> f.benefits["death"][:] = [[1000.0, 5000.0], [5000.0, 1000.0]]
>>> m = Money(1.0, 0.0, 0.0, 0.0, 0.0, 0.0)
>>> s = settle(f, m, 0.0)
>>> s.reserve.tolist()
[[0.0, 2650.0, 1300.0], [0.0, -1350.0, 1300.0]]
>>> ruin_by_year(s.reserve).tolist(), payg_cost(f).tolist(), depletion_year(s.reserve, 2026)
([0.5, 0.5], [300.0, 300.0], None)
>>> reserve_ratio(s.reserve, f).tolist()
[0.21666666666666667, 0.43333333333333335]
"""

from __future__ import annotations

from typing import cast

import numpy as np

from sajja.simulate.flows import PAYERS, Flows, Settled

PERCENTILES = (5, 25, 50, 75, 95)


def reserve_percentiles(reserve: np.ndarray) -> dict[int, np.ndarray]:
    return {p: np.percentile(reserve, p, axis=0) for p in PERCENTILES}


def ruin_by_year(reserve: np.ndarray) -> np.ndarray:
    """P(reserve < 0 at the end of some year <= T), for T = 1..years."""
    below = np.minimum.accumulate(reserve[:, 1:], axis=1) < 0
    ruin: np.ndarray = below.mean(axis=0)
    return ruin


def depletion_year(reserve: np.ndarray, start_year: int) -> int | None:
    """The calendar year at whose end the mean reserve first falls below zero."""
    below = np.flatnonzero(reserve[:, 1:].mean(axis=0) < 0)
    return None if below.size == 0 else start_year + int(below[0])


def reserve_ratio(reserve: np.ndarray, flows: Flows) -> np.ndarray:
    outgo = flows.outgo().mean(axis=0)
    ratio: np.ndarray = np.divide(
        reserve[:, 1:].mean(axis=0), outgo, out=np.full(outgo.shape, np.inf), where=outgo > 0
    )
    return ratio


def claims_ratio(flows: Flows, settled: Settled) -> np.ndarray:
    income = cast(np.ndarray, sum(settled.income.values())).mean(axis=0)  # a sum of arrays
    outgo = flows.outgo().mean(axis=0)
    ratio: np.ndarray = np.divide(outgo, income, out=np.full(outgo.shape, np.inf), where=income > 0)
    return ratio


def payg_cost(flows: Flows) -> np.ndarray:
    members = flows.members.mean(axis=0)
    cost: np.ndarray = np.divide(
        flows.outgo().mean(axis=0), members, out=np.zeros(members.shape), where=members > 0
    )
    return cost


def benefits_by_kind(flows: Flows) -> dict[str, float]:
    return {kind: float(v.sum(axis=1).mean()) for kind, v in flows.benefits.items()}


def benefits_by_payer(flows: Flows, settled: Settled) -> dict[str, float]:
    income = cast(np.ndarray, sum(settled.income.values()))  # a sum of arrays
    outgo = flows.outgo()
    result = {}
    for payer in PAYERS:
        share = np.divide(
            settled.income[payer],
            income,
            out=np.full(income.shape, float(payer == "member")),
            where=income > 0,
        )
        result[payer] = float((outgo * share).sum(axis=1).mean())
    return result
