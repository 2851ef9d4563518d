"""Indicators on tiny funds whose numbers can be worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from sajja.simulate import indicators as ind
from sajja.simulate.flows import Flows, Money, settle


def tiny() -> Flows:
    """Three paths, three years, 10 members paying 1 baht a day; deaths cost what the rows say."""
    f = Flows.zeros(3, 3)
    f.members[:] = 10
    f.eligible[:] = [[0, 10, 10]] * 3
    f.benefits["death"][:] = [[1000, 1000, 1000], [5000, 0, 0], [3650, 3650, 9000]]
    f.benefits["hospital"][:] = [[650, 0, 0], [0, 0, 0], [0, 0, 0]]
    return f


def test_the_reserve_carries_income_admin_interest_and_outgo():
    f = tiny()
    m = Money(
        daily_rate=1.0,
        entry_fee=20.0,
        local_daily=1.0,
        central_daily=1.0,
        admin_cost=0.1,
        investment_return=0.1,
    )
    f.joiners[0, 0] = 1
    s = settle(f, m, 1000.0)
    # path 0, year 0: income 3,650 + 20 = 3,670 (no one eligible yet), admin 367,
    # interest 100 on 1,000: 1000 + 100 + 3670 - 367 - 1650 = 2753.
    assert s.reserve[0, 1] == pytest.approx(2753)
    # year 1: income 3,650 x 3 = 10,950, admin 1,095, interest 275.3: 2753 + 275.3 + 9855 - 1000.
    assert s.reserve[0, 2] == pytest.approx(11883.3)
    assert s.income["central"][0].tolist() == [0, 3650, 3650]


def test_percentiles_ruin_and_depletion():
    f = tiny()
    s = settle(f, Money(1.0, 0.0, 0.0, 0.0, 0.0, 0.0), 0.0)
    # path 0: 3000, 5650, 8300; path 1: -1350, 2300, 5950; path 2: 0, 0, -5350
    assert s.reserve[:, 1:].tolist() == [[2000, 4650, 7300], [-1350, 2300, 5950], [0, 0, -5350]]
    assert ind.ruin_by_year(s.reserve).tolist() == pytest.approx([1 / 3, 1 / 3, 2 / 3])
    assert ind.reserve_percentiles(s.reserve)[50].tolist() == [0, 0, 2300, 5950]
    assert ind.depletion_year(s.reserve, 2026) is None
    f.benefits["death"][:, 2] += 6000
    assert ind.depletion_year(settle(f, Money(1.0, 0.0, 0.0, 0.0, 0.0, 0.0), 0.0).reserve, 2026) == 2028


def test_ratios_cost_and_splits():
    f = tiny()
    s = settle(f, Money(1.0, 0.0, 1.0, 1.0, 0.0, 0.0), 0.0)
    outgo = np.array([(1650 + 5000 + 3650) / 3, (1000 + 0 + 3650) / 3, (1000 + 0 + 9000) / 3])
    assert ind.payg_cost(f).tolist() == pytest.approx((outgo / 10).tolist())
    income = np.array([3650, 3650 * 3, 3650 * 3])
    assert ind.claims_ratio(f, s).tolist() == pytest.approx((outgo / income).tolist())
    assert ind.reserve_ratio(s.reserve, f).tolist() == pytest.approx(
        (s.reserve[:, 1:].mean(axis=0) / outgo).tolist()
    )
    by_kind = ind.benefits_by_kind(f)
    assert by_kind["hospital"] == pytest.approx(650 / 3)
    assert sum(by_kind.values()) == pytest.approx(outgo.sum())
    payer = ind.benefits_by_payer(f, s)
    # year 0 is all members' money; years 1 and 2 a third each.
    assert payer["member"] == pytest.approx(outgo[0] + (outgo[1] + outgo[2]) / 3)
    assert payer["local"] == pytest.approx(payer["central"]) == pytest.approx((outgo[1] + outgo[2]) / 3)
