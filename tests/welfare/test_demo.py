"""The demo's welfare: each fund keeps its own copy of its network's template, and Khuan Lang's committee
has claims at every step, one paid into the books."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.ledger.selectors import trial_balance
from sajja.ops import demo
from sajja.registry.models import Fund, FundKind
from sajja.welfare.models import Claim, FundScheme
from sajja.welfare.reasons import ClaimStatus
from tests.audit.console import run_verify

pytestmark = pytest.mark.slow


@pytest.fixture
def demo_world(db):
    return demo.build()


def test_every_demo_fund_adopted_its_networks_template(demo_world):
    schemes = FundScheme.objects.select_related("fund__network")
    # every welfare fund; a network's pool fund (sajja.pooling) pays no benefits and follows no scheme
    welfare_funds = Fund.objects.exclude(kind=FundKind.NETWORK_POOL)
    assert schemes.count() == welfare_funds.count() == 7
    assert Fund.objects.filter(kind=FundKind.NETWORK_POOL).count() == 2
    for scheme in schemes:
        assert scheme.template == scheme.fund.network.code
        assert scheme.versions.get().effective_from == datetime.date(2024, 1, 1)
    assert {s.template for s in schemes} == {"songkhla", "lampang", "trat", "nakhon"}


def test_the_showcase_fund_has_claims_at_every_step_and_one_paid_in_the_books(demo_world):
    fund = Fund.objects.get(code="songkhla-khuanlang")
    statuses = set(Claim.objects.filter(fund=fund).values_list("status", flat=True))
    assert statuses == set(ClaimStatus.values)
    paid = Claim.objects.get(fund=fund, status=ClaimStatus.PAID)
    assert paid.paid_entry.lines.get(account__code="5102").amount == paid.amount > 0
    assert Claim.objects.filter(
        fund=fund, amount=0, status=ClaimStatus.ENTERED
    ).exists()  # the waiting period
    assert trial_balance(SYSTEM, fund).is_balanced
    assert run_verify()[0] is None


def test_the_demo_member_sees_their_paid_claim(demo_world):
    client = Client()
    client.force_login(get_user_model().objects.get(username="member"))
    page = client.get(reverse("welfare:claim-list", kwargs={"code": "songkhla-khuanlang"})).content.decode()
    assert "จ่ายแล้ว" in page
