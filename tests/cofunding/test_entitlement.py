"""A fund's entitlement for fiscal year 2569, computed from its register and its books, as a treasurer
sees it: who counts, why the others do not, what each party owes.

    member                       joined       status in the year             paid in FY 2569   counts?
    joined the day before        30 Sep 2568  active                         400 baht          yes (365 matched)
    joined on the first day      1 Oct 2568   active                         400 baht          no: joined late
    lapsed in the year           1 Jan 2568   lapsed 1 Mar 2569              400 baht          no: lapsed
    died in the year             1 Jan 2568   died 15 Jun 2569               400 baht          no: died
    resigned in the year         1 Jan 2568   resigned 30 Sep 2569           400 baht          no: resigned
    died after the year          1 Jan 2568   died 5 Oct 2569 (after 30 Sep) 400 baht          yes
    paid nothing                 1 Jan 2568   active                         0                 no: nothing paid
"""

from __future__ import annotations

import pytest

from sajja.access.policy import SYSTEM
from sajja.cofunding import selectors
from sajja.cofunding.services_fund import ProfileData, set_profile
from sajja.core.errors import ValidationFailed
from sajja.ledger.models import Entry
from sajja.ledger.services import reverse_entry
from sajja.registry.services import change_member_status
from sajja.schemes.cofunding import Exclusion, Party
from tests.cofunding.factories import FY, TODAY, D, close_year, member, pay, ready_fund, relaxed_policy

pytestmark = pytest.mark.django_db


def _line(computed, who):
    return next(line for line in computed.result.lines if line.row.member_id == who.pk)


@pytest.fixture
def fund():
    return ready_fund()


def test_a_member_who_joined_on_30_september_counts_and_one_who_joined_on_1_october_does_not(fund):
    early, late = member(fund, D(2025, 9, 30)), member(fund, D(2025, 10, 1), moo=2)
    for who in (early, late):
        pay(fund, who, 400_00, D(2025, 10, 5))
    close_year(fund)

    computed = selectors.entitlement(fund, 2569, today=TODAY)

    assert computed.result.rules_met and not computed.provisional
    assert _line(computed, early).counted
    assert _line(computed, late).reasons == (Exclusion.JOINED_LATE,)
    assert computed.result.why(_line(computed, late), "en") == ["joined 1 Oct 2568 BE, after 30 Sep 2568 BE"]
    # what the member paid is matched up to the cap of 365 baht a year, by each government party
    assert computed.result.total(Party.MEMBERS) == 400_00
    assert (
        computed.result.total(Party.LOCAL_GOVERNMENT)
        == computed.result.total(Party.CENTRAL_GOVERNMENT)
        == 365_00
    )


def test_a_member_who_lapsed_died_or_resigned_in_the_year_does_not_count_one_who_died_after_it_does(fund):
    relaxed_policy(fund)
    rows = {
        name: member(fund, D(2025, 1, 1), name=name)
        for name in ("lapsed", "died", "resigned", "died-after", "stayed")
    }
    for who in rows.values():
        pay(fund, who, 400_00, D(2025, 10, 5))
    change_member_status(SYSTEM, rows["lapsed"], "lapsed", D(2026, 3, 1))
    change_member_status(SYSTEM, rows["died"], "deceased", D(2026, 6, 15))
    change_member_status(SYSTEM, rows["resigned"], "resigned", D(2026, 9, 30))  # the year's last day
    change_member_status(SYSTEM, rows["died-after"], "deceased", D(2026, 10, 5))

    computed = selectors.entitlement(fund, FY, today=TODAY)

    assert _line(computed, rows["lapsed"]).reasons == (Exclusion.LAPSED,)
    assert _line(computed, rows["died"]).reasons == (Exclusion.DECEASED,)
    assert _line(computed, rows["resigned"]).reasons == (Exclusion.RESIGNED,)
    assert _line(computed, rows["died-after"]).counted  # a member to the year's end
    assert _line(computed, rows["stayed"]).counted
    assert computed.result.counted == 2
    assert computed.result.why(_line(computed, rows["died"]), "th") == [
        "เสียชีวิต เมื่อ 15 มิ.ย. 2569 ก่อนสิ้นปีงบประมาณ (30 ก.ย. 2569)"
    ]


def test_only_what_was_paid_in_the_year_counts_and_a_cancelled_payment_counts_no_more(fund):
    relaxed_policy(fund)
    before, inside, cancelled, nothing = (member(fund, D(2025, 1, 1), name=n) for n in "abcd")
    pay(fund, before, 400_00, D(2025, 9, 30))  # the year before
    pay(fund, inside, 120_00, D(2025, 10, 1))
    pay(fund, inside, 30_00, D(2026, 9, 30))
    pay(fund, inside, 50_00, D(2026, 10, 1))  # the year after
    wrong = pay(fund, cancelled, 365_00, D(2026, 1, 10))
    reverse_entry(SYSTEM, Entry.objects.get(pk=wrong.pk), D(2026, 1, 11), "cancel-wrong")

    computed = selectors.entitlement(fund, FY, today=TODAY)

    assert _line(computed, inside).row.paid == 150_00
    assert computed.result.amount(_line(computed, inside), Party.LOCAL_GOVERNMENT) == 150_00
    for who in (before, cancelled, nothing):
        assert _line(computed, who).reasons == (Exclusion.NOTHING_PAID,)


def test_coverage_counts_the_villages_of_the_members_still_in_the_fund_at_the_end_of_the_year(fund):
    """Four villages, 50 % needed: two covered pass, one does not; a member who died in the year covers no
    village; a member's village is their group's (หมู่), or their address's without one."""
    one = member(fund, D(2025, 1, 1), moo=1)
    two = member(fund, D(2025, 1, 1), moo=2)
    pay(fund, one, 400_00, D(2025, 10, 5))
    assert selectors.entitlement(fund, FY, today=TODAY).facts.villages_with_members == 2
    change_member_status(SYSTEM, two, "deceased", D(2026, 9, 30))
    computed = selectors.entitlement(fund, FY, today=TODAY)
    coverage = next(r for r in computed.result.rules if r.code == "coverage")
    assert (computed.facts.villages_with_members, coverage.passed) == (1, False)
    assert coverage.message_en == "covers 1 of 4 villages (25 %), at least 50 % needed"


def test_a_municipal_fund_needs_a_fifth_of_its_communities(fund):
    set_profile(
        SYSTEM,
        fund,
        ProfileData("municipality", D(2024, 6, 1), villages=tuple((n, "") for n in range(1, 11))),
    )
    member(fund, D(2025, 1, 1), moo=2)
    member(fund, D(2025, 1, 1), moo=3)
    coverage = next(
        r for r in selectors.entitlement(fund, FY, today=TODAY).result.rules if r.code == "coverage"
    )
    assert (
        coverage.passed and coverage.message_en == "covers 2 of 10 communities (20 %), at least 20 % needed"
    )


def test_before_30_september_the_entitlement_is_provisional(fund):
    early = member(fund, D(2025, 9, 30))
    pay(fund, early, 200_00, D(2025, 10, 5))
    computed = selectors.entitlement(fund, FY, today=D(2026, 9, 30))
    assert computed.provisional
    assert not next(r for r in computed.result.rules if r.code == "books_closed").passed
    assert not selectors.entitlement(fund, FY, today=D(2026, 10, 1)).provisional


def test_the_fiscal_year_is_read_in_either_era_and_says_which(fund):
    be, ce = selectors.entitlement(fund, "2569", today=TODAY), selectors.entitlement(fund, 2026, today=TODAY)
    assert be.fiscal_year == ce.fiscal_year == FY
    assert (be.read.era.value, ce.read.era.value) == ("be", "ce")
    assert "read as a common-era year" in ce.read.said("en")


def test_a_fiscal_year_that_cannot_be_read_is_refused_naming_the_field(fund):
    with pytest.raises(ValidationFailed) as refused:
        selectors.entitlement(fund, "69", today=TODAY)
    assert (refused.value.errors[0].code, refused.value.errors[0].where) == (
        "fiscal_year_invalid",
        "fiscal_year",
    )


def test_a_fund_under_a_year_old_fails_the_age_rule_with_its_reason():
    young = ready_fund("young", founded=D(2025, 10, 2))
    rule = next(r for r in selectors.entitlement(young, FY, today=TODAY).result.rules if r.code == "fund_age")
    assert not rule.passed
    assert rule.message_en.endswith("short of 1 year (reached on 2 Oct 2569 BE)")
    founded_30_sep = ready_fund("just-a-year", founded=D(2025, 9, 30))
    assert next(
        r for r in selectors.entitlement(founded_30_sep, FY, today=TODAY).result.rules if r.code == "fund_age"
    ).passed
