"""Pooling as a network coordinator records it: the network's rule, each fund's remittance to the pool as
two entries that balance in both books, the pool's top-up of a large claim, and the consolidated view where
money between the funds is eliminated. Bad input is refused with nothing written.

The network has a pool fund and two member funds. Fiscal year 2569 (1 October 2025 - 30 September 2026).
"""

from __future__ import annotations

import datetime

import pytest

from sajja.access.models import Role
from sajja.access.policy import SYSTEM
from sajja.audit.verify import verify_all
from sajja.core.errors import DomainError, NotFound, NotPermitted, ValidationFailed
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.models import Account
from sajja.ledger.models import Entry as StoredEntry
from sajja.ledger.services import post_entry
from sajja.pooling import services
from sajja.pooling.models import Remittance, TopUp
from sajja.pooling.selectors import network_for, pooling_year
from sajja.pooling.services import RuleData
from sajja.schemes.cofunding import FiscalYear
from sajja.welfare.models import Claim
from tests.factories import enrol, make_fund, user_with

pytestmark = pytest.mark.django_db

D = datetime.date
FY = FiscalYear(2026)
TODAY = D(2026, 10, 20)


def money(fund, satang: int, day: datetime.date, key: str, account: str = "4301") -> None:
    post_entry(
        SYSTEM,
        fund,
        Entry(day, "เงินเข้า", (Posting("1102", satang), Posting(account, -satang)), "general", key),
    )


@pytest.fixture
def network():
    pool = make_fund("pool", "net-pool")
    a = make_fund("fund-a", "net-pool")
    b = make_fund("fund-b", "net-pool")
    for fund in (pool, a, b):
        money(fund, 100_000_00, D(2025, 10, 1), "opening")
    services.set_rule(
        SYSTEM, pool.network, FY, RuleData("pool", "contributions", 1_000, 10_000_00, 50, 3_000_00)
    )
    return pool.network, pool, a, b


def contributions(fund, satang: int) -> None:
    member = enrol(fund, "1101400000006")
    account = f"4101-{member.number}"
    post_entry(
        SYSTEM,
        fund,
        Entry(
            D(2025, 11, 16), "สัจจะ", (Posting("1101", satang), Posting(account, -satang)), "contribution", "c"
        ),
    )


def balance(fund, code: str) -> int:
    return Account.objects.get(fund=fund, code=code).balance


def test_a_remittance_is_two_entries_that_balance_in_both_books_and_vanish_in_the_consolidation(network):
    net, pool, a, b = network
    contributions(a, 36_500_00)
    year = pooling_year(net, FY)
    row = next(r for r in year.funds if r.fund == a)
    assert (row.base.contributions, row.due, row.outstanding) == (36_500_00, 3_650_00, 3_650_00)
    remittance, new = services.remit(SYSTEM, a, FY, 3_650_00, D(2026, 10, 5), "r-1", today=TODAY)
    assert new
    assert balance(a, "5301") == 3_650_00 and balance(a, "1102") == 100_000_00 - 3_650_00
    assert balance(pool, "4502") == -3_650_00 and balance(pool, "1102") == 100_000_00 + 3_650_00
    year = pooling_year(net, FY)
    row = next(r for r in year.funds if r.fund == a)
    assert (row.remitted, row.outstanding) == (3_650_00, 0)
    # the year's own accounts: 300,000 brought in as gifts and 36,500 of contributions, nothing between funds
    assert year.consolidated.income == year.consolidated.funds_income == 300_000_00 + 36_500_00
    # the remittance is paid on 5 October 2026, in fiscal year 2570: there the two sides cancel
    c = pooling_year(net, FiscalYear(2027)).consolidated
    assert c.matched and c.eliminated_income == c.eliminated_expenses == 3_650_00
    assert (c.funds_income, c.income, c.funds_expenses, c.expenses) == (3_650_00, 0, 3_650_00, 0)
    assert verify_all() == []


def test_a_retry_records_nothing_twice_and_the_key_with_other_content_is_refused(network):
    _, pool, a, _ = network
    first, _ = services.remit(SYSTEM, a, FY, 1_000_00, D(2026, 10, 5), "r-1", today=TODAY)
    entries = StoredEntry.objects.count()
    again, new = services.remit(SYSTEM, a, FY, 1_000_00, D(2026, 10, 5), "r-1", today=TODAY)
    assert (again.pk, new, StoredEntry.objects.count()) == (first.pk, False, entries)
    with pytest.raises(DomainError) as refused:
        services.remit(SYSTEM, a, FY, 2_000_00, D(2026, 10, 5), "r-1", today=TODAY)
    assert refused.value.code == "pooling_key_reused"


def test_a_remittance_to_a_network_the_fund_does_not_belong_to_is_refused_and_nothing_is_written(network):
    net, pool, a, _ = network
    stranger = make_fund("stranger", "net-other")
    money(stranger, 10_000_00, D(2025, 10, 1), "opening")
    entries = StoredEntry.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.remit_to(SYSTEM, stranger, net, FY, 1_000_00, D(2026, 10, 5), "r-x", today=TODAY)
    assert refused.value.errors[0].code == "pooling_not_in_network"
    assert "net-other" in refused.value.message_en and "net-pool" in refused.value.message_en
    with pytest.raises(ValidationFailed) as no_rule:
        services.remit(SYSTEM, stranger, FY, 1_000_00, D(2026, 10, 5), "r-y", today=TODAY)
    assert no_rule.value.errors[0].code == "pooling_no_rule"
    assert StoredEntry.objects.count() == entries and not Remittance.objects.exists()


def test_bad_remittances_name_every_problem_and_write_nothing(network):
    _, pool, a, _ = network
    with pytest.raises(ValidationFailed) as refused:
        services.remit(SYSTEM, a, FY, 0, D(2027, 1, 1), " ", paid_from="safe", today=TODAY)
    assert {e.code for e in refused.value.errors} == {
        "pooling_key_required",
        "pooling_amount_invalid",
        "pooling_day_invalid",
        "pooling_account_invalid",
    }
    with pytest.raises(DomainError) as poor:
        services.remit(SYSTEM, a, FY, 200_000_00, D(2026, 10, 5), "big", today=TODAY)
    assert poor.value.code == "pooling_insufficient_funds"
    with pytest.raises(ValidationFailed) as itself:
        services.remit(SYSTEM, pool, FY, 1_00, D(2026, 10, 5), "self", today=TODAY)
    assert itself.value.errors[0].code == "pooling_pool_remits"
    assert not Remittance.objects.exists()


def test_the_pool_tops_up_a_large_paid_claim_once_and_no_more_than_the_rule_gives(network):
    net, pool, a, _ = network
    member = enrol(a, "1101400000014")
    claim = Claim.objects.create(
        fund=a, member=member, benefit="death", benefit_name_th="เสียชีวิต", benefit_name_en="death",
        category="death", event="death", event_date=D(2026, 3, 1), amount=20_000_00, adjudication={},
        digest="x", status="paid", entered_at=datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC),
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as too_much:
        services.pay_top_up(SYSTEM, net, claim, 3_000_01, D(2026, 3, 10), "t-0", today=TODAY)
    assert too_much.value.errors[0].code == "pooling_top_up_too_much"
    top, new = services.pay_top_up(SYSTEM, net, claim, None, D(2026, 3, 10), "t-1", today=TODAY)
    assert new and top.amount == 3_000_00  # 50 % of the 10,000 above the threshold, capped at 3,000
    assert balance(a, "4501") == -3_000_00 and balance(pool, "5302") == 3_000_00
    with pytest.raises(DomainError) as twice:
        services.pay_top_up(SYSTEM, net, claim, None, D(2026, 3, 11), "t-2", today=TODAY)
    assert twice.value.code == "pooling_claim_topped_up"
    year = pooling_year(net, FY)
    assert year.topped_up == 3_000_00 and year.consolidated.matched
    assert TopUp.objects.count() == 1


def test_a_claim_not_paid_yet_is_not_topped_up(network):
    net, _, a, _ = network
    member = enrol(a, "1101400000014")
    claim = Claim.objects.create(
        fund=a, member=member, benefit="death", benefit_name_th="เสียชีวิต", benefit_name_en="death",
        category="death", event="death", event_date=D(2026, 3, 1), amount=20_000_00, adjudication={},
        digest="x", status="approved", entered_at=datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC),
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as refused:
        services.pay_top_up(SYSTEM, net, claim, None, D(2026, 3, 10), "t-1", today=TODAY)
    assert refused.value.errors[0].code == "pooling_claim_not_paid"


def test_the_rule_is_refused_with_a_pool_outside_the_network_or_a_rate_past_100_percent(network):
    net, *_ = network
    make_fund("elsewhere", "net-other")
    with pytest.raises(ValidationFailed) as refused:
        services.set_rule(SYSTEM, net, FiscalYear(2027), RuleData("elsewhere", "contributions", 10_001))
    assert {e.code for e in refused.value.errors} == {"pooling_pool_not_in_network", "pooling_rule_invalid"}


def test_a_rule_in_use_is_not_replaced_and_a_later_version_takes_over(network):
    net, pool, a, _ = network
    services.remit(SYSTEM, a, FY, 1_000_00, D(2026, 10, 5), "r-1", today=TODAY)
    with pytest.raises(DomainError) as refused:
        services.set_rule(SYSTEM, net, FY, RuleData("pool", "per_member", 10_00))
    assert refused.value.code == "pooling_rule_in_use"
    services.set_rule(SYSTEM, net, FiscalYear(2027), RuleData("pool", "per_member", 10_00))
    enrol(a, "1101400000014")
    year = pooling_year(net, FiscalYear(2027))
    assert next(r for r in year.funds if r.fund == a).due == 10_00


def test_surplus_leaves_the_money_between_funds_out(network):
    net, pool, a, _ = network
    services.set_rule(SYSTEM, net, FiscalYear(2027), RuleData("pool", "surplus", 2_500))
    money(a, 4_000_00, D(2026, 11, 1), "interest", account="4401")
    services.remit(SYSTEM, a, FiscalYear(2027), 500_00, D(2026, 11, 2), "r-2", today=D(2026, 11, 3))
    row = next(r for r in pooling_year(net, FiscalYear(2027)).funds if r.fund == a)
    assert (row.base.surplus, row.due) == (4_000_00, 1_000_00)


def test_who_may_record_and_who_sees_the_network(network):
    net, pool, a, _ = network
    treasurer = user_with(Role.TREASURER, "treasurer-a", fund=a)
    coordinator = user_with(Role.COORDINATOR, "coordinator", network=net)
    outsider = user_with(Role.COORDINATOR, "coordinator-other", network=make_fund("x", "net-x").network)
    with pytest.raises(NotPermitted):
        services.remit(treasurer, a, FY, 1_000_00, D(2026, 10, 5), "r-t", today=TODAY)
    remittance, _ = services.remit(coordinator, a, FY, 1_000_00, D(2026, 10, 5), "r-c", today=TODAY)
    assert remittance.recorded_by_id == coordinator.pk
    assert network_for(coordinator, net.code) == net
    with pytest.raises(NotFound):
        network_for(outsider, net.code)
    with pytest.raises(NotFound):
        network_for(treasurer, net.code)
