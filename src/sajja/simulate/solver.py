"""What would fix it: the smallest contribution rate, or the largest pension, that keeps the
probability of ruin over the horizon at or below a target.

Events don't depend on money, so both solvers settle the projection's own flows again (common
random numbers): the ruin probability then falls as the rate rises (more income every year, on
every path) and rises with the pension, and a bisection finds the boundary to the tolerance.
The rate solved is the break-even (general average) contribution rate in baht a day.
"""

from __future__ import annotations

import math
from dataclasses import replace

from sajja.simulate.errors import SimulationError
from sajja.simulate.flows import Flows
from sajja.simulate.indicators import ruin_by_year
from sajja.simulate.project import Projection


def _ruin(p: Projection) -> float:
    return float(ruin_by_year(p.reserve)[-1])


def _check(target: float) -> None:
    if not 0 <= target < 1:
        raise SimulationError(
            f"the target ruin probability must be in [0, 1), not {target}",
            f"โอกาสเงินหมดที่ตั้งเป้าต้องอยู่ในช่วง [0, 1) ไม่ใช่ {target}",
        )


def break_even_rate(
    p: Projection, target: float = 0.05, tolerance: float = 0.01, most: float = 1000.0
) -> float:
    """The smallest daily rate (baht, to `tolerance`) with P(ruin by the horizon) <= `target`."""
    _check(target)

    def ruin(rate: float) -> float:
        return _ruin(p.resettle(money=replace(p.money, daily_rate=rate)))

    if ruin(most) > target:
        raise SimulationError(
            f"even {most:,.0f} baht a day does not bring the ruin probability to {target}",
            f"แม้สมทบวันละ {most:,.0f} บาท โอกาสเงินหมดก็ยังไม่ลดลงถึง {target}",
        )
    low, high = 0.0, most
    if ruin(low) <= target:
        return 0.0
    while high - low > tolerance:
        middle = (low + high) / 2
        low, high = (low, middle) if ruin(middle) <= target else (middle, high)
    # `low` fails and so does every rate below it (ruin falls as the rate rises): the answer is the
    # first multiple of the tolerance above `low` that meets the target (at most two steps on)
    step = math.floor(low / tolerance) + 1
    while ruin(round(step * tolerance, 10)) > target:
        step += 1
    return round(step * tolerance, 10)


def largest_pension_scale(p: Projection, target: float = 0.05, tolerance: float = 0.001) -> float:
    """The largest factor on every old-age pension (0..1, to `tolerance`) meeting the target."""
    _check(target)

    def ruin(scale: float) -> float:
        flows = p.flows
        scaled = Flows(
            flows.members,
            flows.joiners,
            flows.eligible,
            flows.deaths,
            flows.admissions,
            flows.births,
            flows.exits,
            benefits={**flows.benefits, "old_age": flows.benefits["old_age"] * scale},
        )
        return _ruin(p.resettle(flows=scaled))

    if ruin(0.0) > target:
        raise SimulationError(
            f"even without pensions the ruin probability exceeds {target}",
            f"แม้ไม่จ่ายบำนาญเลย โอกาสเงินหมดก็ยังเกิน {target}",
        )
    if ruin(1.0) <= target:
        return 1.0
    low, high = 0.0, 1.0
    while high - low > tolerance:
        middle = (low + high) / 2
        low, high = (middle, high) if ruin(middle) <= target else (low, middle)
    return low
