"""On the demo world, every figure of a network is the sum of its funds', and each fund's figure is what its
own books, registry and reports say: read here independently, through the areas' own selectors."""

from __future__ import annotations

import datetime
import random

import pytest
from django.db.models import Count

from sajja.access.policy import SYSTEM
from sajja.cofunding.models import CofundingReceipt, CofundingRefund, CofundingRequest, RequestParty
from sajja.contributions.collection import collection_report
from sajja.contributions.models import MonthClose
from sajja.ledger.selectors import trial_balance
from sajja.ops import demo
from sajja.registry.models import Fund, Member, Network
from sajja.rollup import demo as rollup_demo
from sajja.rollup import selectors
from sajja.rollup.figures import sum_of
from sajja.rollup.services import refresh
from sajja.welfare.models import Claim

pytestmark = pytest.mark.slow
TODAY = demo.TODAY  # 26 November 2026


@pytest.fixture
def demo_world(db, fixed_today):
    """The demo, with the roll-up's part (the month-end close of September; building it twice changes
    nothing, should sajja.ops.demo list it too)."""
    fixed_today(TODAY)
    demo.build()
    rollup_demo.extend(random.Random(2549))
    refresh(today=TODAY)


def books_of(fund: Fund) -> dict:
    """The fund's figures read from its own books and reports, one fund at a time."""
    balances = {row.code: row.balance for row in trial_balance(SYSTEM, fund).rows}
    report = collection_report(SYSTEM, fund, 202610, 202611, today=TODAY)
    month = {m.period: m.total for m in report.months}
    statuses = dict(Member.objects.filter(fund=fund).values_list("status").annotate(n=Count("pk")))
    close = MonthClose.objects.filter(fund=fund).order_by("-period").first()
    paid = Claim.objects.filter(fund=fund, status="paid", paid_entry__date__gte=datetime.date(2026, 10, 1))
    claimed = CofundingRequest.objects.filter(fund=fund, fiscal_year=2026).first()  # FY 2569
    asked = RequestParty.objects.filter(request=claimed).exclude(party="members")
    receipts = CofundingReceipt.objects.filter(request=claimed)
    return {
        "members_active": statuses.get("active", 0),
        "members_lapsed": statuses.get("lapsed", 0),
        "paid_up": close.members_active if close else 0,
        "reserve": balances["1101"] + balances["1102"],
        "month_expected": month[202611].expected,
        "month_collected": month[202611].collected,
        "year_collected": month[202610].collected + month[202611].collected,
        "year_expected": month[202610].expected + month[202611].expected,
        "benefits": sum(c.amount for c in paid),
        "funds_cofunding_requested": int(claimed is not None),
        "cofunding_requested": sum(p.amount for p in asked),
        "cofunding_received": sum(r.applied for r in receipts),
        "cofunding_outstanding": sum(p.amount for p in asked) - sum(r.applied for r in receipts),
        "cofunding_to_refund": sum(r.overpaid for r in receipts)
        - sum(r.amount for r in CofundingRefund.objects.filter(request=claimed)),
    }


def test_every_network_figure_is_the_sum_of_its_funds_books(demo_world):
    for network in Network.objects.all():
        rollup = selectors.network_figures(SYSTEM, network.code, TODAY)
        assert vars(rollup.total) == vars(sum_of(row.figures for row in rollup.rows))
        funds = [books_of(fund) for fund in Fund.objects.filter(network=network)]
        total = rollup.total
        for figure in funds[0]:
            kept = total.benefits_paid.amount if figure == "benefits" else getattr(total, figure)
            assert kept == sum(f[figure] for f in funds), (network.code, figure)
        assert total.funds == len(funds) and total.members_active > 0 and total.year_collected > 0
        assert total.paid_up > 0  # the demo's month-end close of September
        assert total.funds_cofunding_not_requested == total.funds - total.funds_cofunding_requested


def test_the_demos_cofunding_is_the_sum_of_its_requests(demo_world):
    """The demo requested FY 2569 in two funds: Khuan Lang (the local government paid part, CODI not yet)
    and Lampang's (CODI paid twice, the second refunded)."""
    nation = selectors.national_figures(SYSTEM, TODAY)
    assert nation.cofunding_year.be == 2569
    requests = CofundingRequest.objects.filter(fiscal_year=2026)
    assert nation.total.funds_cofunding_requested == requests.count() == 2
    asked = RequestParty.objects.filter(request__in=requests).exclude(party="members")
    assert nation.total.cofunding_requested == sum(p.amount for p in asked) > 0
    applied = sum(r.applied for r in CofundingReceipt.objects.filter(request__in=requests))
    assert nation.total.cofunding_received == applied
    assert 0 < nation.total.cofunding_outstanding == nation.total.cofunding_requested - applied
    for party in {p.party for p in asked}:
        owed = sum(p.amount for p in asked if p.party == party)
        assert nation.total.cofunding[party].requested == owed


def test_the_nation_is_the_sum_of_its_provinces_and_of_its_networks(demo_world):
    nation = selectors.national_figures(SYSTEM, TODAY)
    networks = [selectors.network_figures(SYSTEM, n.code, TODAY).total for n in Network.objects.all()]
    assert vars(nation.total) == vars(sum_of(networks)) == vars(sum_of(row.figures for row in nation.rows))
    assert {row.code for row in nation.rows} == {"90", "52", "23", "80"}
    songkhla = selectors.province_figures(SYSTEM, "90", TODAY)
    assert vars(songkhla.total) == vars(selectors.network_figures(SYSTEM, "songkhla", TODAY).total)


def test_the_demo_coordinator_lands_on_a_network_home_with_real_figures(demo_world, client):
    client.post("/login/", {"username": "songkhla.coordinator", "password": demo.DEMO_PASSWORD})
    page = client.get("/", follow=True)
    assert page.redirect_chain[-1][0] == "/networks/songkhla/"
    text = page.content.decode()
    assert "กองทุนสวัสดิการชุมชนตำบลควนลัง" in text and "บาท" in text


def test_the_rollups_part_of_the_demo_keeps_the_audit_chain_whole(demo_world):
    from tests.audit.console import run_verify

    assert MonthClose.objects.filter(period=202609).count() == 5  # all but one fund of Songkhla and Trat
    assert run_verify()[0] is None
