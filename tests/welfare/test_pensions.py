"""Recurring pensions: the month's pensions entered together from the rules, then verified, approved by
two and paid at the monthly meeting."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from sajja.core.errors import Conflict
from sajja.ledger.models import Account
from sajja.welfare.models import Claim
from sajja.welfare.pensions import services as pensions
from sajja.welfare.reasons import ClaimStatus
from tests.factories import enrol, token_for
from tests.welfare.factories import paid

MEETING = datetime.date(2026, 11, 16)


@pytest.fixture
def pensioner(own, paid_member):
    """Born 1950, a member since 2010 who paid 17 years up front: 16 years of paid membership in 2026."""
    member = enrol(
        own,
        "3100600123450",
        first_name="บุญมา",
        last_name="อายุยืน",
        birth_date=datetime.date(1950, 3, 1),
        joined_on=datetime.date(2010, 1, 1),
    )
    paid(own, member, 17 * 36500, datetime.date(2010, 1, 1), "pensioner-2010")
    return member


def test_the_pensions_due_are_entered_once_as_a_batch(own, pensioner, paid_member, treasurer):
    made = pensions.generate_pensions(treasurer, own, MEETING)
    assert [(c.member, c.benefit, c.amount, c.batch) for c in made] == [
        (pensioner, "old_age_pension", 1500_00, "pension-2026-11")
    ]  # the younger member, a member for under two years, is not due one
    assert pensions.generate_pensions(treasurer, own, MEETING) == []
    assert (
        pensions.generate_pensions(treasurer, own, datetime.date(2026, 11, 26)) == []
    )  # yearly: once a year
    assert Claim.objects.count() == 1


def test_the_meeting_verifies_approves_and_pays_the_batch(own, pensioner, treasurer, committee, committee2):
    pensions.generate_pensions(treasurer, own, MEETING)
    batch = pensions.batch_name(MEETING)
    seen = pensions.batch_digest(own, batch)
    assert pensions.verify_batch(committee, own, batch, seen).done
    pensions.approve_batch(committee, own, batch, seen)
    pensions.approve_batch(committee2, own, batch, seen)
    assert set(pensions.batch_claims(own, batch).values_list("status", flat=True)) == {ClaimStatus.APPROVED}
    before = Account.objects.get(fund=own, code="5103").balance
    result = pensions.pay_batch(treasurer, own, batch, "cash", MEETING)
    assert len(result.done) == 1 and not result.skipped
    assert Account.objects.get(fund=own, code="5103").balance == before + 1500_00


def test_a_batch_that_changed_since_it_was_seen_is_not_approved(own, pensioner, treasurer, committee):
    pensions.generate_pensions(treasurer, own, MEETING)
    batch = pensions.batch_name(MEETING)
    stale = pensions.batch_digest(own, batch)
    other = enrol(
        own,
        "1101700203450",
        first_name="ทองดี",
        last_name="อายุยืน",
        sex="M",
        birth_date=datetime.date(1955, 1, 1),
        joined_on=datetime.date(2012, 1, 1),
    )
    paid(own, other, 15 * 36500, datetime.date(2012, 1, 1), "other-2012")
    assert len(pensions.generate_pensions(treasurer, own, MEETING)) == 1
    with pytest.raises(Conflict, match="batch has changed"):
        pensions.verify_batch(committee, own, batch, stale)


def test_the_batch_page_at_the_monthly_meeting(own, pensioner, treasurer, committee, committee2):
    desk = Client()
    desk.force_login(treasurer)
    made = desk.post(
        reverse("welfare:pension-batches", kwargs={"code": own.code}), {"day": "2026-11-16"}, follow=True
    )
    page = made.content.decode()
    assert "1,500.00 บาท" in page and "บุญมา" in page
    for user, action in (
        (committee, "welfare:pension-verify"),
        (committee, "welfare:pension-approve"),
        (committee2, "welfare:pension-approve"),
    ):
        client = Client()
        client.force_login(user)
        shown = client.get(
            reverse("welfare:pension-batch", kwargs={"code": own.code, "batch": "pension-2026-11"})
        )
        digest = re.search(r'name="digest" value="([^"]*)"', shown.content.decode())[1]
        client.post(
            reverse(action, kwargs={"code": own.code, "batch": "pension-2026-11"}), {"digest": digest}
        )
    done = desk.post(
        reverse("welfare:pension-pay", kwargs={"code": own.code, "batch": "pension-2026-11"}),
        {"source": "cash", "date": "2026-11-16"},
        follow=True,
    )
    assert "จ่ายแล้ว" in done.content.decode()
    assert Claim.objects.get().status == ClaimStatus.PAID


def test_the_batch_through_the_api(own, pensioner, treasurer, committee, committee2):
    def api(user):
        client = Client()
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
        return client

    def post(user, path, body, key):
        return api(user).post(path, body, content_type="application/json", headers={"Idempotency-Key": key})

    made = post(
        treasurer, reverse("api:pension-generate", kwargs={"code": own.code}), {"day": "2026-11-16"}, "g-1"
    )
    assert made.status_code == 201
    batch = made.json()
    assert (batch["batch"], batch["total"], len(batch["claims"])) == ("pension-2026-11", 1500_00, 1)

    def path(action):
        return reverse(f"api:pension-{action}", kwargs={"code": own.code, "batch": "pension-2026-11"})

    assert post(committee, path("verify"), {"digest": batch["digest"]}, "v-1").json()["done"] == [
        batch["claims"][0]["id"]
    ]
    post(committee, path("approve"), {"digest": batch["digest"]}, "a-1")
    again = post(committee, path("approve"), {"digest": batch["digest"]}, "a-2").json()
    assert again["done"] == [] and "already approved" in again["skipped"][0]["why"]
    post(committee2, path("approve"), {"digest": batch["digest"]}, "a-3")
    paid = post(treasurer, path("pay"), {"source": "cash", "date": "2026-11-16"}, "p-1").json()
    assert len(paid["done"]) == 1
    assert api(committee).get(path("batch")).json()["claims"][0]["status"] == "paid"
