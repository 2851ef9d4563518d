"""Requesting a fiscal year's co-funding: recorded with a receivable per party in the books, once; refused,
with every reason named and nothing written, when the year is not over or a rule is not met."""

from __future__ import annotations

import pytest

from sajja.access.policy import SYSTEM
from sajja.cofunding import selectors, services
from sajja.cofunding.models import CofundingRequest
from sajja.cofunding.records import stored_lines_digest
from sajja.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from sajja.ledger.models import Entry
from sajja.schemes.cofunding import Exclusion, FiscalYear, Party
from tests.cofunding.factories import (
    TODAY,
    D,
    balance_of,
    books_balance,
    close_year,
    member,
    pay,
    ready_fund,
    relaxed_policy,
    written,
)
from tests.factories import foreign_fund, user_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund():
    """A ready fund with two members who count (400 and 200 baht paid) and one who joined late."""
    fund = ready_fund()
    for joined, moo, satang in (
        (D(2025, 9, 30), 1, 400_00),
        (D(2025, 6, 1), 2, 200_00),
        (D(2025, 10, 1), 1, 100_00),
    ):
        pay(fund, member(fund, joined, moo), satang, D(2025, 10, 5))
    close_year(fund)
    return fund


def test_a_request_records_a_receivable_per_party_and_the_books_balance(fund):
    made, new = services.request(fund, "2569", SYSTEM, "req-1", today=TODAY)

    assert new and made.fiscal_year == 2026 and made.requested_on == TODAY and made.due_on == D(2027, 9, 30)
    assert (made.members_listed, made.counted, made.excluded_by) == (3, 2, {"joined_late": 1})
    owed = {p.party: p.amount for p in made.parties.all()}
    assert owed == {"members": 600_00, "local_government": 565_00, "central_government": 565_00}
    assert balance_of(fund, "1201") == balance_of(fund, "1202") == 565_00
    assert balance_of(fund, "4201") == balance_of(fund, "4202") == -565_00
    assert books_balance(fund) == (0, 0)
    assert made.lines.count() == 3 and stored_lines_digest(made) == made.lines_digest
    assert all(r["passed"] for r in made.rules)


def test_a_retry_with_the_same_key_records_nothing_more(fund):
    first, _ = services.request(fund, 2569, SYSTEM, "req-1", today=TODAY)
    before = written()
    again, new = services.request(fund, 2026, SYSTEM, "req-1", today=TODAY)
    assert (again.pk, new) == (first.pk, False)
    assert written() == before


def test_a_year_is_requested_once(fund):
    services.request(fund, 2569, SYSTEM, "req-1", today=TODAY)
    before = written()
    with pytest.raises(Conflict) as refused:
        services.request(fund, 2569, SYSTEM, "req-2", today=TODAY)
    assert (refused.value.code, refused.value.where) == ("cofunding_already_requested", "fiscal_year")
    assert "already requested on 2026-10-15" in refused.value.message_en
    assert "15 ต.ค. 2569" in refused.value.message_th
    assert written() == before


def test_a_year_that_is_not_over_is_computed_but_not_requested(fund):
    before = written()
    with pytest.raises(ValidationFailed) as refused:
        services.request(fund, 2570, SYSTEM, "req-next", today=TODAY)
    (problem,) = refused.value.errors
    assert (problem.code, problem.where) == ("cofunding_year_not_over", "fiscal_year")
    assert "can be requested only from 2027-10-01" in problem.message_en
    assert selectors.entitlement(fund, 2570, today=TODAY).provisional
    assert written() == before


def test_a_fund_under_a_year_old_is_refused_with_the_failing_rule():
    young = ready_fund("young", founded=D(2025, 10, 2))
    for moo in (1, 2):
        pay(young, member(young, D(2025, 9, 30), moo), 400_00, D(2025, 10, 5))
    close_year(young)
    before = written()
    with pytest.raises(ValidationFailed) as refused:
        services.request(young, 2569, SYSTEM, "req-young", today=TODAY)
    codes = [(p.code, p.where) for p in refused.value.errors]
    assert codes == [("cofunding_rules_not_met", "rules"), ("cofunding_rule_fund_age", "rules.fund_age")]
    assert "short of 1 year" in refused.value.errors[1].message_en
    assert "ยังไม่ครบ 1 ปี" in refused.value.errors[1].message_th
    assert written() == before and not CofundingRequest.objects.exists()


def test_every_failed_rule_is_named():
    unready = ready_fund("unready", registered=None)
    pay(unready, member(unready, D(2025, 9, 30)), 400_00, D(2025, 10, 5))  # one village of four, months open
    with pytest.raises(ValidationFailed) as refused:
        services.request(unready, 2569, SYSTEM, "req-u", today=TODAY)
    assert [p.where for p in refused.value.errors[1:]] == [
        "rules.registered",
        "rules.coverage",
        "rules.books_closed",
    ]


def test_a_year_where_nobody_counts_has_nothing_to_request():
    empty = ready_fund("empty")
    relaxed_policy(empty)
    member(empty, D(2025, 1, 1))  # paid nothing
    before = written()
    with pytest.raises(ValidationFailed) as refused:
        services.request(empty, 2569, SYSTEM, "req-e", today=TODAY)
    assert refused.value.code == "cofunding_nothing_to_request"
    assert written() == before


def test_a_member_matched_the_maximum_years_is_left_out_of_the_next_request():
    fund = ready_fund("max")
    relaxed_policy(fund, max_matched_years=1)
    old, new = member(fund, D(2024, 1, 1)), member(fund, D(2024, 9, 1))
    pay(fund, old, 365_00, D(2024, 10, 5))  # FY 2568: only `old` pays
    for who in (old, new):
        pay(fund, who, 365_00, D(2025, 10, 5))  # FY 2569: both pay
    first, _ = services.request(fund, 2568, SYSTEM, "req-2568", today=TODAY)
    assert first.counted == 1

    computed = selectors.entitlement(fund, 2569, today=TODAY)
    line = next(line for line in computed.result.lines if line.row.member_id == old.pk)
    assert line.reasons == (Exclusion.MAX_YEARS,) and line.row.years_matched == 1
    assert computed.result.why(line, "en") == ["matched in 1 year(s) already, at most 1"]
    second, _ = services.request(fund, 2569, SYSTEM, "req-2569", today=TODAY)
    assert second.counted == 1 and second.excluded_by == {"max_years": 1}
    assert balance_of(fund, "1201") == 2 * 365_00  # one member each year


def test_a_committee_member_reads_the_entitlement_but_the_treasurer_requests(fund):
    committee = user_with("committee", "committee-c", fund=fund)
    assert selectors.entitlement_for(committee, fund, 2569, today=TODAY).result.counted == 2
    with pytest.raises(NotPermitted):
        services.request(fund, 2569, committee, "req-c", today=TODAY)
    treasurer = user_with("treasurer", "treasurer-c", fund=fund)
    made, _ = services.request(fund, 2569, treasurer, "req-t", today=TODAY)
    assert made.made_by_id == treasurer.pk
    assert (
        Entry.objects.get(pk=made.parties.get(party=Party.LOCAL_GOVERNMENT.value).entry_id).created_by_id
        == treasurer.pk
    )


def test_a_treasurer_of_another_fund_finds_nothing(fund):
    stranger = user_with("treasurer", "stranger", fund=foreign_fund())
    with pytest.raises(NotFound):
        selectors.entitlement_for(stranger, fund, 2569, today=TODAY)
    with pytest.raises(NotFound):
        services.request(fund, 2569, stranger, "req-s", today=TODAY)


def test_a_key_used_for_another_year_is_refused(fund):
    services.request(fund, 2569, SYSTEM, "req-1", today=TODAY)
    relaxed_policy(fund)
    with pytest.raises(Conflict) as refused:
        services.request(fund, FiscalYear(2025), SYSTEM, "req-1", today=TODAY)
    assert refused.value.code == "cofunding_key_reused"
