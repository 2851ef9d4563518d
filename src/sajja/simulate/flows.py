"""What every engine returns (counts and benefit outgo per path and year) and the money that follows.

Each engine fills a `Flows`: arrays of shape (paths, years). `settle` turns them into money with
the contribution rate, co-funding, administration and interest, and carries the reserve:

    income(t)  = members(t) × 365 × daily rate + joiners(t) × entry fee        (member)
               + eligible(t) × 365 × local daily co-funding                     (local government)
               + eligible(t) × 365 × central daily co-funding                   (central government)
    R(t + 1)   = R(t) + i × max(R(t), 0) + income(t) × (1 - admin share) - benefits(t)

where members(t) counts everyone present at the start of year t (new members included; everyone
pays the year at its start), eligible(t) those with a full year of paid membership (the 1:1:1
rule), and interest is earned on a positive opening reserve only. Events don't depend on money, so
the same flows settle at any rate: the break-even solver reuses them.

>>> f = Flows.zeros(1, 2)
>>> f.members[:] = 10
>>> f.benefits["death"][:] = [1000.0, 5000.0]
>>> m = Money(daily_rate=1.0, entry_fee=0.0, local_daily=0.0, central_daily=0.0, admin_cost=0.0,
...           investment_return=0.0)
>>> settle(f, m, 0.0).reserve.tolist()
[[0.0, 2650.0, 1300.0]]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import numpy as np

from sajja.schemes import Scheme
from sajja.simulate.assumptions import Assumptions
from sajja.simulate.pricing import KINDS, event_day

COUNTS = ("members", "joiners", "eligible", "deaths", "admissions", "births", "exits")
PAYERS = ("member", "local", "central")


@dataclass
class Flows:
    members: np.ndarray
    joiners: np.ndarray
    eligible: np.ndarray
    deaths: np.ndarray
    admissions: np.ndarray
    births: np.ndarray
    exits: np.ndarray
    benefits: dict[str, np.ndarray] = field(default_factory=dict)

    @classmethod
    def zeros(cls, paths: int, years: int) -> Flows:
        return cls(
            **{c: np.zeros((paths, years)) for c in COUNTS},
            benefits={k: np.zeros((paths, years)) for k in KINDS},
        )

    @property
    def paths(self) -> int:
        paths: int = self.members.shape[0]
        return paths

    def outgo(self) -> np.ndarray:
        # a sum of arrays (`benefits` holds every kind of `KINDS`: never empty)
        return cast(np.ndarray, sum(self.benefits.values()))

    @classmethod
    def join(cls, parts: list[Flows]) -> Flows:
        """Paths of several runs, one after the other."""
        return cls(
            **{c: np.concatenate([getattr(p, c) for p in parts]) for c in COUNTS},
            benefits={k: np.concatenate([p.benefits[k] for p in parts]) for k in KINDS},
        )


@dataclass(frozen=True)
class Money:
    """Baht figures that turn flows into money (the same every year)."""

    daily_rate: float
    entry_fee: float
    local_daily: float
    central_daily: float
    admin_cost: float
    investment_return: float

    @classmethod
    def of(cls, scheme: Scheme, assumptions: Assumptions, start_year: int) -> Money:
        version = scheme.version_on(event_day(start_year, 0)) or scheme.versions[-1]
        rules = version.contributions
        a = assumptions
        yearly = cast(int, rules.amount_for("yearly"))  # None only for "advance" payments
        rate = yearly / 36500 if a.daily_rate is None else a.daily_rate
        return cls(
            daily_rate=rate,
            entry_fee=rules.entry_fee / 100,
            local_daily=a.cofunding_local_daily if a.cofunding else 0.0,
            central_daily=a.cofunding_central_daily if a.cofunding else 0.0,
            admin_cost=a.admin_cost,
            investment_return=a.investment_return,
        )


@dataclass(frozen=True)
class Settled:
    reserve: np.ndarray
    """(paths, years + 1): the reserve at the start of each year and at the end of the last."""
    income: dict[str, np.ndarray]
    """(paths, years) by payer: member, local, central."""
    admin: np.ndarray


def settle(flows: Flows, money: Money, initial_reserve: float) -> Settled:
    income = {
        "member": flows.members * 365 * money.daily_rate + flows.joiners * money.entry_fee,
        "local": flows.eligible * 365 * money.local_daily,
        "central": flows.eligible * 365 * money.central_daily,
    }
    total = cast(np.ndarray, sum(income.values()))  # a sum of the three arrays
    admin = total * money.admin_cost
    net = total - admin - flows.outgo()
    paths, years = flows.members.shape
    reserve = np.empty((paths, years + 1))
    reserve[:, 0] = initial_reserve
    for t in range(years):
        opening = reserve[:, t]
        reserve[:, t + 1] = opening + money.investment_return * np.maximum(opening, 0) + net[:, t]
    return Settled(reserve, income, admin)
