"""The API gives the stored projection as JSON, and queues a new one once per Idempotency-Key."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sajja.sustainability.compute import Settings
from sajja.sustainability.models import Projection, Reason, Status
from sajja.sustainability.projecting import compute_now
from tests.factories import token_for
from tests.sustainability.factories import fund_with_members


def api(user) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
    return client


def test_the_stored_projection_as_json(own, users):
    fund_with_members(own)
    row = compute_now(own, Reason.REQUEST, Settings(paths=50, years=5, scenario_paths=20))
    body = api(users["member"]).get(reverse("api:fund-sustainability", args=[own.code])).json()
    assert body["fund"] == own.code and body["status"] == "done" and body["stale"] is False
    assert body["computed_at"] is not None and body["pending"] is None and body["failed"] is None
    result = body["result"]
    assert result["digest"] == row.digest and (result["years"], result["paths"]) == (5, 50)
    assert sorted(result["percentiles"]) == ["p25", "p5", "p50", "p75", "p95"]
    assert all(len(v) == 6 for v in result["percentiles"].values())
    assert result["percentiles"]["p50"][0] == result["inputs"]["reserve"] == 20_000.0
    assert result["ruin_probability"] == row.summary["ruin_probability"]
    indicators = result["indicators"]
    assert indicators["ruin_by_horizon"] == row.summary["ruin_by_horizon"]
    for name in (
        "depletion_year",
        "reserve_ratio",
        "claims_ratio",
        "payg_cost_per_member",
        "benefits_by_payer",
    ):
        assert name in indicators, name
    assert result["fixes"]["break_even_rate"] == row.fixes["break_even_rate"]
    assert [r["key"] for r in result["scenarios"]][:2] == ["own", "cofunding"]


def test_asking_queues_once_per_key_and_joins_a_waiting_request(own, users):
    url = reverse("api:fund-sustainability-recompute", args=[own.code])
    treasurer = api(users["treasurer"])
    first = treasurer.post(url, {}, content_type="application/json", headers={"Idempotency-Key": "k1"})
    assert first.status_code == 202 and first.json()["status"] == "queued"
    again = treasurer.post(url, {}, content_type="application/json", headers={"Idempotency-Key": "k1"})
    assert again.status_code == 202 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    other_key = treasurer.post(url, {}, content_type="application/json", headers={"Idempotency-Key": "k2"})
    assert other_key.json()["id"] == first.json()["id"]  # the waiting request, not a second one
    waiting = Projection.objects.get(fund=own, status=Status.QUEUED)
    assert DBTaskResult.objects.filter(args_kwargs__args=[waiting.pk]).count() == 1
    no_key = treasurer.post(url, {}, content_type="application/json")
    assert no_key.status_code == 400 and no_key.json()["code"] == "idempotency_key_required"

    body = treasurer.get(reverse("api:fund-sustainability", args=[own.code])).json()
    assert body["status"] == "queued" and body["result"] is None and body["pending"]["reason"] == "request"


def test_a_networks_projection_for_its_coordinator(own, users):
    fund_with_members(own)
    compute_now(own.network, Reason.REQUEST, Settings(paths=50, years=5, scenarios=False))
    body = (
        api(users["coordinator"]).get(reverse("api:network-sustainability", args=[own.network.code])).json()
    )
    assert body["network"] == own.network.code and body["status"] == "done"
    assert [f["code"] for f in body["result"]["fixes"]["funds"]] == [own.code]
    refused = api(users["treasurer"]).get(reverse("api:network-sustainability", args=[own.network.code]))
    assert refused.status_code == 403
    missing = api(users["coordinator"]).get(reverse("api:network-sustainability", args=["no-such-network"]))
    assert missing.status_code == 404
