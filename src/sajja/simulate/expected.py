"""The deterministic expected-value projection: the cohort engine's model with every draw replaced by
its mean (no randomness).

Joiners, deaths, stays, births and exits are expected numbers per cell (fractions of members), and
the amounts are the same per-cell amounts from the vectorised engine. Every step of the model is
linear in the counts, so these are exactly the means of the Monte Carlo flows; the reserve is too
while it stays positive (interest is earned on a positive reserve only).
"""

from __future__ import annotations

import numpy as np

from sajja.simulate.assumptions import Assumptions
from sajja.simulate.flows import Flows
from sajja.simulate.plan import Groups, Plan


def _expected(n: np.ndarray, groups: Groups, pmf: np.ndarray) -> tuple[float, float]:
    events = (n @ groups.member) * groups.probability
    return float(events.sum()), float(events @ (groups.amounts @ pmf))


def expected_flows(plan: Plan, a: Assumptions) -> Flows:
    out = Flows.zeros(1, plan.years)
    counts = np.zeros(plan.cells)
    counts[: plan.initial.size] = plan.initial
    entries = plan.joiners.pmf.size
    for t, y in enumerate(plan.each_year):
        before = counts[: y.open - entries].sum()
        counts[y.open - entries : y.open] = a.joining_rate * before * plan.joiners.pmf
        n = counts[: y.open]
        out.joiners[0, t] = a.joining_rate * before
        out.members[0, t] = n.sum()
        out.eligible[0, t] = n @ y.eligible
        out.benefits["old_age"][0, t] = n @ y.prices.old_age
        dead = n * y.death_q
        out.deaths[0, t] = dead.sum()
        out.benefits["death"][0, t] = dead @ y.prices.death
        out.admissions[0, t], out.benefits["hospital"][0, t] = _expected(n, y.hospital, plan.stay.pmf)
        out.births[0, t], out.benefits["birth"][0, t] = _expected(n, y.births, plan.birth.pmf)
        left = (n - dead) * a.leaving_rate
        out.exits[0, t] = left.sum()
        counts[: y.open] = n - dead - left
    return out
