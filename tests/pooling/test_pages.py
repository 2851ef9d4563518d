"""The network's pooling page as its coordinator uses it: the rule in force, each fund's due and remitted
after a remittance recorded with the page's form (two entries, one in each fund's books; sending the form
twice records once), a bad amount refused in the page's language with nothing written. A treasurer of a fund
of the network may not post (403); a treasurer of another network's fund finds no such page (404).

    net-a: own-fund (the role users' fund) and pool-fund, which holds the pool; the rule: 10 % of the
    members' contributions, from FY 2569. Today: 20 October 2026 (FY 2570).
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.models import Entry as StoredEntry
from sajja.ledger.services import post_entry
from sajja.pooling import services
from sajja.pooling.models import Remittance
from sajja.schemes.cofunding import FiscalYear
from tests.factories import PASSWORD, make_fund

pytestmark = pytest.mark.django_db

D = datetime.date
FY = FiscalYear(2026)  # FY 2569
TODAY = D(2026, 10, 20)


def money(fund, satang: int, day: datetime.date, key: str, account: str = "4301") -> None:
    entry = Entry(day, "เงินเข้า", (Posting("1102", satang), Posting(account, -satang)), "general", key)
    post_entry(SYSTEM, fund, entry)


def pooled(own):
    """A pool fund beside `own` in net-a, both holding money, and the network's rule from FY 2569."""
    pool = make_fund("pool-fund", own.network.code)
    for fund in (own, pool):
        money(fund, 10_000_00, D(2025, 10, 1), "opening")
    services.set_rule(SYSTEM, own.network, FY, services.RuleData("pool-fund", "contributions", 1_000))
    return pool


@pytest.fixture
def pool(own, fixed_today):
    fixed_today(TODAY)
    return pooled(own)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(code: str = "net-a") -> str:
    return f"{reverse('pooling:network', args=[code])}?fy=2569"


def remit_form(token: str = "t-1", amount: str = "1,000.50") -> dict:
    return {
        "token": token,
        "fund": "own-fund",
        "amount": amount,
        "paid_on": "2026-10-05",
        "paid_from": "bank",
        "paid_into": "bank",
        "note": "โอน",
    }


def test_the_coordinator_remits_with_the_form_and_sees_due_and_remitted(users, own, pool):
    client = logged_in(users["coordinator"])
    url = reverse("pooling:remit", args=["net-a"]) + "?fy=2569"
    first = client.post(url, remit_form())
    assert first.status_code == 302 and first["Location"].endswith("?fy=2569#funds")
    again = client.post(url, remit_form())  # the same form sent twice
    assert again.status_code == 302
    row = Remittance.objects.get()
    assert (row.fund, row.pool_fund, row.amount) == (own, pool, 1_000_50)
    assert StoredEntry.objects.filter(fund=own, kind="pooling").count() == 1
    assert StoredEntry.objects.filter(fund=pool, kind="pooling").count() == 1
    shown = client.get(page())
    text = shown.content.decode()
    assert shown.status_code == 200
    assert "1,000.50 บาท" in text  # remitted
    assert "ปีงบประมาณ" in text and "2569" in text
    assert "ตัดรายการ" in text or "eliminat" in text


def test_a_bad_amount_is_refused_in_the_page_language_and_nothing_is_written(users, own, pool):
    client = logged_in(users["coordinator"])
    url = reverse("pooling:remit", args=["net-a"]) + "?fy=2569"
    answer = client.post(url, remit_form(amount="99,999,999"))
    assert answer.status_code == 400
    assert "มีเงิน" in answer.content.decode() or "น้อยกว่า" in answer.content.decode()
    assert not Remittance.objects.exists()
    english = client.post(url, remit_form(amount="99,999,999"), HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 400
    assert not Remittance.objects.exists()


def test_a_page_without_a_rule_says_so(users, own, fixed_today):
    fixed_today(TODAY)
    answer = logged_in(users["coordinator"]).get(page())
    assert answer.status_code == 200
    assert "ไม่มีกติกา" in answer.content.decode()


def test_a_treasurer_of_the_network_may_not_post_and_another_network_is_not_found(users, own, pool, foreign):
    treasurer = logged_in(users["treasurer"])
    url = reverse("pooling:remit", args=["net-a"]) + "?fy=2569"
    assert treasurer.post(url, remit_form()).status_code == 403
    assert not Remittance.objects.exists()
    stranger = get_user_model().objects.create_user("foreign-treasurer", password=PASSWORD)
    RoleAssignment.objects.create(user=stranger, role=Role.TREASURER, fund=foreign)
    assert logged_in(stranger).get(page("net-a")).status_code == 404
    assert logged_in(stranger).post(url, remit_form()).status_code == 404


def test_the_coordinator_sets_the_rule_with_the_form(users, own, fixed_today):
    fixed_today(TODAY)
    make_fund("pool-fund", "net-a")
    client = logged_in(users["coordinator"])
    form = {"from_fy": "2569", "pool_fund": "pool-fund", "basis": "per_member", "rate": "20", "note": ""}
    answer = client.post(reverse("pooling:rule", args=["net-a"]) + "?fy=2569", form)
    assert answer.status_code == 302
    from sajja.pooling.models import PoolingRule

    rule = PoolingRule.objects.get()
    assert (rule.basis, rule.rate, rule.from_fiscal_year) == ("per_member", 20_00, 2026)
    assert "20.00" in client.get(page()).content.decode()
