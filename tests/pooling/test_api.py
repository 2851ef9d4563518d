"""The pooling API as a coordinator's tool uses it: a remittance with an Idempotency-Key (a retry writes
nothing and gets the first answer), the year's figures after it, and a treasurer of the network refused."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sajja.pooling.models import Remittance
from tests.factories import token_for
from tests.pooling.test_pages import TODAY, pooled

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
    return client


BODY = {"fund": "own-fund", "fiscal_year": "2569", "amount": 500_00, "paid_on": "2026-09-25"}


def test_a_remittance_with_an_idempotency_key_is_recorded_once(users, own, fixed_today):
    fixed_today(TODAY)
    pooled(own)
    client = api(users["coordinator"])
    url = reverse("api:pooling-remit", args=["net-a"])
    first = client.post(url, BODY, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201, first.content
    again = client.post(url, BODY, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Remittance.objects.count() == 1
    assert (first.json()["fund"], first.json()["pool_fund"], first.json()["fiscal_year"]) == (
        "own-fund",
        "pool-fund",
        2569,
    )
    year = client.get(reverse("api:pooling-year", args=["net-a"]) + "?fy=2026").json()
    assert year["fiscal_year"]["be"] == 2569 and year["fiscal_year"]["read_as"] == "ce"
    own_row = next(f for f in year["funds"] if f["code"] == "own-fund")
    assert own_row["remitted"] == 500_00
    assert year["consolidated"]["matched"] is True
    assert year["consolidated"]["eliminated_income"] == year["consolidated"]["eliminated_expenses"] == 500_00


def test_without_a_key_or_as_a_treasurer_nothing_is_written(users, own, fixed_today):
    fixed_today(TODAY)
    pooled(own)
    url = reverse("api:pooling-remit", args=["net-a"])
    missing = api(users["coordinator"]).post(url, BODY, content_type="application/json")
    assert missing.status_code == 400
    refused = api(users["treasurer"]).post(
        url, BODY, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert refused.status_code == 403
    assert set(refused.json()) == {"code", "message_th", "message_en", "errors"}
    assert not Remittance.objects.exists()


def test_a_remittance_to_a_network_the_fund_does_not_belong_to_is_refused(users, own, foreign, fixed_today):
    """An administrator reaches every fund: the rule itself refuses; a coordinator of the network does not
    reach the other network's fund at all (404). Nothing is written either way."""
    fixed_today(TODAY)
    pooled(own)
    url = reverse("api:pooling-remit", args=["net-a"])
    body = BODY | {"fund": foreign.code}
    refused = api(users["admin"]).post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="x-1")
    assert refused.status_code == 400, refused.content
    assert refused.json()["errors"][0]["code"] == "pooling_not_in_network"
    unseen = api(users["coordinator"]).post(
        url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="x-2"
    )
    assert unseen.status_code == 404
    assert not Remittance.objects.exists()
