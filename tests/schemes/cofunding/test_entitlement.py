"""Who counts toward a fiscal year's co-funding, why the others do not, and what each party owes.

Members are given as the register reads (paid in baht); amounts are checked in satang."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from sajja.schemes.cofunding import (
    ROUNDING,
    Exclusion,
    FiscalYear,
    MemberRow,
    MemberRowInvalid,
    NoPolicyInForce,
    Party,
    compute_entitlement,
)
from tests.schemes.cofunding.helpers import FY2569, NATIONAL, fund, members, policy

GOVERNMENT = (Party.LOCAL_GOVERNMENT, Party.CENTRAL_GOVERNMENT)


def reasons_by_number(result) -> dict[str, list[str]]:
    return {line.row.number: [r.value for r in line.reasons] for line in result.lines}


def test_a_member_who_joined_on_30_september_counts_and_one_who_joined_on_1_october_does_not():
    result = compute_entitlement(
        NATIONAL,
        FY2569,
        fund(),
        members("""
            number  joined      paid
            001     2025-09-30  365
            002     2025-10-01  365
        """),
    )
    assert reasons_by_number(result) == {"001": [], "002": ["joined_late"]}
    assert result.counted == 1 and result.excluded == 1
    assert [result.total(p) for p in (Party.MEMBERS, *GOVERNMENT)] == [36_500, 36_500, 36_500]
    late = result.lines[1]
    assert result.why(late, "th") == ["สมัคร 1 ต.ค. 2568 หลัง 30 ก.ย. 2568"]
    assert result.why(late, "en") == ["joined 1 Oct 2568 BE, after 30 Sep 2568 BE"]
    assert late.amounts == (0, 0, 0)


def test_a_member_who_joined_on_29_february_counts_from_the_fiscal_year_after():
    rows = members("""
        number  joined      paid
        001     2024-02-29  365
    """)
    assert compute_entitlement(NATIONAL, FiscalYear(2024), fund(FiscalYear(2024)), rows).counted == 0
    assert compute_entitlement(NATIONAL, FiscalYear(2025), fund(FiscalYear(2025)), rows).counted == 1


def test_a_lapse_death_or_resignation_during_the_year_excludes_the_member_and_one_after_30_september_does_not():
    result = compute_entitlement(
        NATIONAL,
        FY2569,
        fund(),
        members("""
            number  joined      status    since       paid
            001     2020-01-01  lapsed    2026-03-15  200
            002     2020-01-01  deceased  2026-09-30  365
            003     2020-01-01  resigned  2025-10-01  30
            004     2020-01-01  lapsed    2026-10-01  365
            005     2020-01-01  deceased  2026-10-01  365
            006     2020-01-01  resigned  2027-01-05  365
            007     2020-01-01  lapsed    2024-05-01  0
        """),
    )
    assert reasons_by_number(result) == {
        "001": ["lapsed"],
        "002": ["deceased"],
        "003": ["resigned"],
        "004": [],
        "005": [],
        "006": [],
        "007": ["lapsed", "nothing_paid"],
    }
    assert result.excluded_by == {
        Exclusion.LAPSED: 2,
        Exclusion.DECEASED: 1,
        Exclusion.RESIGNED: 1,
        Exclusion.NOTHING_PAID: 1,
    }
    died = result.lines[1]
    assert result.why(died, "en") == ["died on 30 Sep 2569 BE, by the end of the year (30 Sep 2569 BE)"]
    assert result.why(died, "th") == ["เสียชีวิต เมื่อ 30 ก.ย. 2569 ก่อนสิ้นปีงบประมาณ (30 ก.ย. 2569)"]
    assert result.total(Party.CENTRAL_GOVERNMENT) == 3 * 36_500


def test_a_member_who_paid_nothing_in_the_year_does_not_count():
    result = compute_entitlement(
        NATIONAL,
        FY2569,
        fund(),
        members("""
        number  joined      paid
        001     2020-01-01  0
    """),
    )
    assert result.counted == 0
    assert result.why(result.lines[0], "en") == ["paid nothing in the fiscal year"]


def test_every_reason_that_applies_is_given():
    result = compute_entitlement(
        NATIONAL,
        FY2569,
        fund(),
        members("""
        number  joined      status    since       paid
        001     2026-01-01  deceased  2026-02-01  0
    """),
    )
    assert reasons_by_number(result) == {"001": ["joined_late", "deceased", "nothing_paid"]}


MAX_FIVE = policy("""\
versions:
  - from_fy: 2569
    max_matched_years: 5
    parties:
      - {party: members, ratio: 1}
      - {party: central_government, ratio: 1, cap_per_member: 365}
""")


def test_a_member_already_matched_the_maximum_number_of_years_does_not_count():
    result = compute_entitlement(
        MAX_FIVE,
        FY2569,
        fund(),
        members("""
        number  joined      paid  matched
        001     2010-01-01  365   4
        002     2010-01-01  365   5
        003     2010-01-01  365   9
    """),
    )
    assert reasons_by_number(result) == {"001": [], "002": ["max_years"], "003": ["max_years"]}
    assert result.why(result.lines[1], "en") == ["matched in 5 year(s) already, at most 5"]
    assert result.why(result.lines[1], "th") == ["ได้รับเงินสมทบมาแล้ว 5 ปี สูงสุด 5 ปี"]


def test_with_no_maximum_a_member_matched_for_many_years_still_counts():
    result = compute_entitlement(
        NATIONAL,
        FY2569,
        fund(),
        members("""
        number  joined      paid  matched
        001     2010-01-01  365   15
    """),
    )
    assert result.counted == 1


def test_each_government_party_pays_at_most_its_cap_for_a_member_while_the_members_line_is_what_they_paid():
    result = compute_entitlement(
        NATIONAL,
        FY2569,
        fund(),
        members("""
        number  joined      paid
        001     2020-01-01  400
        002     2020-01-01  365
        003     2020-01-01  100.50
    """),
    )
    assert [line.amounts for line in result.lines] == [
        (40_000, 36_500, 36_500),
        (36_500, 36_500, 36_500),
        (10_050, 10_050, 10_050),
    ]
    central = result.party_total(Party.CENTRAL_GOVERNMENT)
    assert (central.amount, central.would_be, central.members_capped) == (83_050, 83_050, 1)
    assert result.total(Party.MEMBERS) == 86_550


def test_a_fractional_ratio_is_rounded_down_to_the_satang_for_each_member():
    half = policy("""\
versions:
  - from_fy: 2569
    parties:
      - {party: members, ratio: 1}
      - {party: province, ratio: "0.5"}
      - {party: other_donors, ratio: "0.333"}
""")
    result = compute_entitlement(
        half,
        FY2569,
        fund(),
        members("""
        number  joined      paid
        001     2020-01-01  365.01
        002     2020-01-01  0.03
    """),
    )
    assert [line.amounts for line in result.lines] == [(36_501, 18_250, 12_154), (3, 1, 0)]
    assert result.total(Party.PROVINCE) == 18_251  # per member, not 18,252 from the total
    assert "floor per member" in ROUNDING and result.rounding == ROUNDING


def test_when_a_fund_level_rule_fails_the_government_parties_owe_nothing_and_say_why():
    donors = policy("""\
versions:
  - from_fy: 2569
    parties:
      - {party: members, ratio: 1}
      - {party: local_government, ratio: 1, cap_per_member: 365}
      - {party: other_donors, ratio: "0.5"}
""")
    young = fund(founded_on=date(2025, 10, 1))
    result = compute_entitlement(
        donors,
        FY2569,
        young,
        members("""
        number  joined      paid
        001     2020-01-01  365
    """),
    )
    assert not result.rules_met
    local = result.party_total(Party.LOCAL_GOVERNMENT)
    assert (local.amount, local.would_be) == (0, 36_500)
    assert [r.code for r in local.withheld_by] == ["fund_age"]
    assert result.total(Party.MEMBERS) == 36_500
    assert result.total(Party.OTHER_DONORS) == 18_250  # a donor is not a government party
    assert result.party_total(Party.OTHER_DONORS).withheld_by == ()
    assert result.lines[0].amounts == (36_500, 0, 18_250)
    assert result.counted == 1  # the member still counts: it is the fund that fails


def test_a_party_the_policy_does_not_name_owes_nothing():
    result = compute_entitlement(
        NATIONAL,
        FY2569,
        fund(),
        members("""
        number  joined      paid
        001     2020-01-01  365
    """),
    )
    assert result.total(Party.PROVINCE) == 0 and result.amount(result.lines[0], Party.PROVINCE) == 0
    assert result.amount(result.lines[0], Party.LOCAL_GOVERNMENT) == 36_500
    assert result.parties == (Party.MEMBERS, Party.LOCAL_GOVERNMENT, Party.CENTRAL_GOVERNMENT)


def test_a_year_no_policy_version_covers_is_refused():
    with pytest.raises(NoPolicyInForce) as caught:
        compute_entitlement(MAX_FIVE, FiscalYear(2025), fund(FiscalYear(2025)), [])
    assert "2568" in caught.value.message_th and "FY 2568 BE" in caught.value.message_en
    with pytest.raises(NoPolicyInForce):
        compute_entitlement(MAX_FIVE.versions[0], FiscalYear(2025), fund(FiscalYear(2025)), [])


def test_an_unknown_status_is_refused_naming_the_member():
    row = MemberRow(1, "A-17", date(2020, 1, 1), "moved", date(2026, 1, 1), 36_500)
    with pytest.raises(MemberRowInvalid) as caught:
        compute_entitlement(NATIONAL, FY2569, fund(), [row])
    assert "A-17" in caught.value.message_th and "'moved'" in caught.value.message_en


def test_no_members_is_an_entitlement_of_nothing():
    result = compute_entitlement(NATIONAL, FY2569, fund(), [])
    assert (result.counted, result.excluded, result.total(Party.MEMBERS)) == (0, 0, 0)
    assert result.rules_met


def test_lines_keep_the_order_of_the_register_and_split_into_counted_and_excluded():
    result = compute_entitlement(
        NATIONAL,
        FY2569,
        fund(),
        members("""
        number  joined      paid
        003     2020-01-01  365
        001     2026-01-01  365
        002     2020-01-01  10
    """),
    )
    assert [line.row.number for line in result.lines] == ["003", "001", "002"]
    assert [line.row.number for line in result.counted_lines()] == ["003", "002"]
    assert [line.row.number for line in result.excluded_lines()] == ["001"]


def register(size: int, seed: int = 38) -> list[MemberRow]:
    rng = random.Random(seed)
    statuses = ["active"] * 17 + ["lapsed", "resigned", "deceased"]
    return [
        MemberRow(
            i,
            f"{i:06d}",
            date(2008, 1, 1) + timedelta(days=rng.randrange(6_500)),
            rng.choice(statuses),
            date(2024, 1, 1) + timedelta(days=rng.randrange(1_200)),
            rng.choice([0, 18_250, 36_500, 36_600, 40_000]),
            rng.randrange(20),
        )
        for i in range(size)
    ]


def test_a_38000_member_network_is_computed_whole_and_adds_up():
    """At a network's size every member is counted or excluded, and each party's total is the sum of the
    members' lines (how fast: `python -m bench.cofunding`, not a timed test)."""
    rows = register(38_000)
    result = compute_entitlement(NATIONAL, FY2569, fund(), rows)
    assert result.counted + result.excluded == 38_000 == len(result.lines)
    for party in result.parties:
        assert result.total(party) == sum(result.amount(line, party) for line in result.lines)
