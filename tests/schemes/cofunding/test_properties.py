"""Properties of the entitlement, for any policy, fund and register: the totals are the sums of the member
lines; no party's amount for a member exceeds ratio × paid (nor its cap); a member who counts has no reason,
and one who does not has at least one and is owed nothing."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sajja.schemes.cofunding import Exclusion, MemberRow, Party, compute_entitlement, load_policy_data
from tests.schemes.cofunding.helpers import FY2569, fund

PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MATCHING = [p for p in Party if p is not Party.MEMBERS]
RATIOS = st.one_of(st.integers(0, 3), st.sampled_from(["0.5", "0.25", "1.5", "0.333", "2.75", "0.01"]))
CAPS = st.one_of(st.none(), st.integers(0, 1_000), st.sampled_from(["365", "182.50", "0.01"]))


@st.composite
def policies(draw):
    others = draw(st.lists(st.sampled_from(MATCHING), unique=True, max_size=len(MATCHING)))
    parties = [{"party": "members", "ratio": 1}]
    for party in others:
        rule = {"party": party.value, "ratio": draw(RATIOS)}
        cap = draw(CAPS)
        if cap is not None:
            rule["cap_per_member"] = cap
        parties.append(rule)
    version = {"from_fy": 2569, "to_fy": 2569, "parties": parties}
    most = draw(st.one_of(st.none(), st.integers(1, 20)))
    if most is not None:
        version["max_matched_years"] = most
    return load_policy_data({"code": "any", "name_th": "ใด ๆ", "name_en": "Any", "versions": [version]})


@st.composite
def registers(draw):
    size = draw(st.integers(0, 25))
    return [
        MemberRow(
            member_id=i,
            number=f"{i:03d}",
            joined_on=draw(st.dates(date(2020, 1, 1), date(2027, 1, 1))),
            status=draw(st.sampled_from(["active", "active", "lapsed", "resigned", "deceased"])),
            status_since=draw(st.dates(date(2024, 1, 1), date(2027, 6, 1))),
            paid=draw(st.one_of(st.integers(-500, 200_000), st.sampled_from([0, 36_500, 36_501]))),
            years_matched=draw(st.integers(0, 25)),
        )
        for i in range(size)
    ]


FUNDS = st.one_of(
    st.just(fund()),  # meets every rule: every party pays
    st.builds(
        fund,
        founded_on=st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2026, 9, 30))),
        registered=st.booleans(),
        villages_with_members=st.integers(0, 14),
        chain_intact=st.booleans(),
    ),
)


@PROPERTY
@given(policies(), FUNDS, registers())
def test_each_partys_total_is_the_sum_of_its_member_lines(policy, facts, rows):
    result = compute_entitlement(policy, FY2569, facts, rows)
    for i, total in enumerate(result.totals):
        assert total.amount == sum(line.amounts[i] for line in result.lines)
        assert total.would_be >= total.amount >= 0
        if total.withheld_by:
            assert total.party.is_government and not result.rules_met and total.amount == 0
    assert result.total(Party.MEMBERS) == sum(line.row.paid for line in result.counted_lines())


@PROPERTY
@given(policies(), FUNDS, registers())
def test_no_party_is_owed_more_than_ratio_times_paid_or_its_cap_for_any_member(policy, facts, rows):
    result = compute_entitlement(policy, FY2569, facts, rows)
    for line in result.lines:
        for rule, total, amount in zip(result.version.parties, result.totals, line.amounts, strict=True):
            assert amount >= 0
            assert amount <= rule.ratio * max(line.row.paid, 0)
            assert rule.cap_per_member is None or amount <= rule.cap_per_member
            if line.counted and not total.withheld_by:  # floor per member, then the cap
                exact = line.row.paid * rule.ratio
                assert amount == min(
                    int(exact), rule.cap_per_member if rule.cap_per_member is not None else amount
                )
                assert amount <= exact < amount + 1 or amount == rule.cap_per_member


@PROPERTY
@given(policies(), FUNDS, registers())
def test_a_member_who_counts_has_no_reason_and_one_who_does_not_has_one_and_is_owed_nothing(
    policy, facts, rows
):
    result = compute_entitlement(policy, FY2569, facts, rows)
    assert result.counted + result.excluded == len(rows) == len(result.lines)
    for line in result.lines:
        if line.counted:
            assert line.reasons == () and result.why(line) == []
        else:
            assert line.reasons and set(line.amounts) == {0}
            assert len(result.why(line, "th")) == len(result.why(line, "en")) == len(line.reasons)
    for reason, count in result.excluded_by.items():
        assert count == sum(1 for line in result.lines if reason in line.reasons)


@PROPERTY
@given(policies(), registers())
def test_the_reasons_follow_the_30_september_rule_and_the_status_at_the_end_of_the_year(policy, rows):
    result = compute_entitlement(policy, FY2569, fund(), rows)
    most = result.version.max_matched_years
    for line in result.lines:
        row, reasons = line.row, set(line.reasons)
        assert (Exclusion.JOINED_LATE in reasons) == (row.joined_on > date(2025, 9, 30))
        left = row.status != "active" and row.status_since <= date(2026, 9, 30)
        assert bool(reasons & {Exclusion.LAPSED, Exclusion.RESIGNED, Exclusion.DECEASED}) == left
        assert (Exclusion.NOTHING_PAID in reasons) == (row.paid <= 0)
        assert (Exclusion.MAX_YEARS in reasons) == (most is not None and row.years_matched >= most)


@PROPERTY
@given(policies(), registers(), st.randoms(use_true_random=False))
def test_the_order_of_the_register_changes_no_total(policy, rows, rng):
    shuffled = list(rows)
    rng.shuffle(shuffled)
    first = compute_entitlement(policy, FY2569, fund(), rows)
    second = compute_entitlement(policy, FY2569, fund(), shuffled)
    assert first.totals == second.totals and first.counted == second.counted
