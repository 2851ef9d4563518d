"""Which funds need attention first: each rule at its threshold, and the ranking. The sums behind a network
do not depend on how its funds are grouped or ordered."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sajja.core.month import Month
from sajja.rollup.assembly import FUND, Row, ranked
from sajja.rollup.attention import Situation, flags_of
from sajja.rollup.figures import Benefit, Cofunding, Figures, sum_of

NOVEMBER = Situation(
    Month(2026, 11), standing_period=202609, latest_closed=202609, as_of=datetime.date(2026, 11, 26)
)


def codes(f: Figures, s: Situation = NOVEMBER) -> list[str]:
    return [flag.code for flag in flags_of(f, s)]


@pytest.mark.parametrize("collected, flagged", [(79_00, True), (80_00, False), (0, True)])
def test_last_months_collections_below_80_percent_of_expected_need_attention(collected, flagged):
    f = Figures(funds=1, last_month_expected=100_00, last_month_collected=collected)
    assert ("collections_low" in codes(f)) is flagged


def test_a_month_with_nothing_expected_is_not_a_shortfall():
    assert codes(Figures(funds=1)) == []


@pytest.mark.parametrize("in_arrears, flagged", [(24, False), (25, True)])
def test_a_quarter_of_the_members_in_arrears_needs_attention(in_arrears, flagged):
    f = Figures(funds=1, paid_up=100 - in_arrears, in_arrears=in_arrears)
    assert ("arrears_high" in codes(f)) is flagged


@pytest.mark.parametrize("ruin, flagged", [(0.49, False), (0.5, True), (None, False)])
def test_a_projection_giving_half_a_chance_of_running_out_needs_attention(ruin, flagged):
    assert ("risk_high" in codes(Figures(funds=1, ruin_probability=ruin))) is flagged


def test_each_reason_says_why_in_thai_and_english():
    f = Figures(funds=1, months_unclosed=2, last_month_expected=62_00, last_month_collected=30_00)
    flags = flags_of(f, NOVEMBER)
    assert [flag.words() for flag in flags] == [
        (
            "สิ้นเดือนแล้วยังไม่ปิดงวด 2 เดือน (ปิดล่าสุด: ก.ย. 2569)",
            "2 month(s) ended without being closed (latest closed: Sep 2569 BE)",
        ),
        (
            "เดือน ต.ค. 2569 เก็บเงินสัจจะได้ 48% ของที่ควรได้ (ต่ำกว่า 80%)",
            "collected 48% of what was expected in Oct 2569 BE (below 80%)",
        ),
    ]


def test_figures_not_current_this_month_are_flagged_with_their_day():
    f = Figures(funds=1, funds_not_current=1)
    october = dataclasses.replace(NOVEMBER, as_of=datetime.date(2026, 10, 31))
    assert [flag.words()[1] for flag in flags_of(f, october)] == [
        "figures last worked out on 31 Oct 2569 BE: not current for this month"
    ]
    assert codes(f, Situation(Month(2026, 11))) == ["never_worked_out"]


@pytest.mark.parametrize(
    "overdue, due, flagged", [(230_00, datetime.date(2026, 8, 1), True), (0, None, False)]
)
def test_cofunding_still_owed_long_after_its_due_date_needs_attention(overdue, due, flagged):
    f = Figures(funds=1, cofunding_overdue=overdue)
    s = dataclasses.replace(NOVEMBER, cofunding_due=due)
    assert ("cofunding_overdue" in codes(f, s)) is flagged
    if flagged:
        (flag,) = flags_of(f, s)
        assert flag.words() == (
            "เงินสมทบ 230.00 บาท ยังค้างรับ ครบกำหนดเมื่อ 1 ส.ค. 2569 (เกิน 90 วันแล้ว)",
            "co-funding of 230.00 baht still owed, due on 1 Aug 2569 BE (more than 90 days ago)",
        )


def test_a_fiscal_year_not_requested_is_shown_never_flagged():
    assert codes(Figures(funds=1, funds_cofunding_requested=0)) == []


def _row(code: str, **figures) -> Row:
    f = Figures(funds=1, **figures)
    flags = flags_of(f, NOVEMBER)
    f.funds_needing_attention = int(bool(flags))
    return Row(FUND, code, code, code, f, flags)


def test_funds_are_ranked_by_the_weight_of_their_reasons_then_by_last_months_collections():
    rows = [
        _row("a-fine", last_month_expected=100, last_month_collected=100),
        _row("b-risky", ruin_probability=0.9, last_month_expected=100, last_month_collected=100),
        _row("c-unclosed-and-short", months_unclosed=1, last_month_expected=100, last_month_collected=10),
        _row("d-unclosed", months_unclosed=1, last_month_expected=100, last_month_collected=90),
        _row("e-unclosed-long", months_unclosed=5, last_month_expected=100, last_month_collected=90),
    ]
    assert [r.code for r in ranked(rows)] == [
        "c-unclosed-and-short",  # 4 + 3
        "e-unclosed-long",  # 6, then collected 90 %
        "d-unclosed",  # 4
        "b-risky",  # 2
        "a-fine",
    ]


counts = st.integers(min_value=0, max_value=10_000)
amounts = st.integers(min_value=-(10**12), max_value=10**12)
figures = st.builds(
    Figures,
    funds=st.just(1),
    members_active=counts,
    in_arrears=counts,
    month_expected=amounts,
    month_collected=amounts,
    year_collected=amounts,
    reserve=amounts,
    funds_at_risk=st.integers(0, 1),
    benefits=st.dictionaries(
        st.sampled_from(["birth", "death", "sickness"]), st.builds(Benefit, counts, amounts)
    ),
    funds_cofunding_requested=st.integers(0, 1),
    cofunding=st.dictionaries(
        st.sampled_from(["local_government", "central_government", "province", "other_donors"]),
        st.builds(Cofunding, amounts, amounts, amounts),
    ),
    cofunding_overdue=amounts,
)


@given(st.lists(figures, max_size=12), st.integers(min_value=0, max_value=12))
def test_a_sum_is_the_same_however_the_funds_are_grouped(funds, cut):
    """A nation summed by province equals the nation summed fund by fund: every figure adds up."""
    whole = sum_of(funds)
    by_parts = sum_of([sum_of(funds[:cut]), sum_of(funds[cut:])])
    assert dataclasses.asdict(whole) == dataclasses.asdict(by_parts)
    assert whole.funds == len(funds)
    assert whole.reserve == sum(f.reserve for f in funds)
    assert whole.benefits_paid.amount == sum(b.amount for f in funds for b in f.benefits.values())
    assert whole.cofunding_outstanding == sum(f.cofunding_outstanding for f in funds)
    assert whole.cofunding_to_refund == sum(c.to_refund for f in funds for c in f.cofunding.values())
    assert whole.funds_cofunding_not_requested == sum(f.funds_cofunding_not_requested for f in funds)
