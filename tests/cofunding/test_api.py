"""The co-funding API as a client program uses it: the entitlement, the request and the money against it,
each write idempotent, each refusal in the API's one error shape, another fund's figures never shown."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sajja.access.models import Role
from sajja.cofunding.models import CofundingReceipt, CofundingRequest
from tests.cofunding.factories import TODAY, D, close_year, member, pay, ready_fund, written
from tests.factories import foreign_fund, token_for, user_with

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
    return client


def url(name: str, fund, fy="2569") -> str:
    kwargs = {"code": fund.code} if name == "cofunding-sources" else {"code": fund.code, "fy": fy}
    return reverse(f"api:{name}", kwargs=kwargs)


def post(client, path, body, key):
    return client.post(path, body, content_type="application/json", headers={"Idempotency-Key": key})


@pytest.fixture
def fund(fixed_today):
    fixed_today(TODAY)
    fund = ready_fund()
    for moo in (1, 2):
        pay(fund, member(fund, D(2025, 9, 30), moo), 400_00, D(2025, 10, 5))
    close_year(fund)
    return fund


@pytest.fixture
def treasurer(fund):
    return user_with(Role.TREASURER, "treasurer-api", fund=fund)


def test_the_entitlement_answers_in_either_era(fund, treasurer):
    client = api(treasurer)
    be = client.get(url("cofunding-entitlement", fund, "2569"))
    ce = client.get(url("cofunding-entitlement", fund, "2026"), {"members": "true"})
    assert be.status_code == ce.status_code == 200
    assert (be.json()["fiscal_year"]["read_as"], ce.json()["fiscal_year"]["read_as"]) == ("be", "ce")
    assert be.json()["parties"] == ce.json()["parties"]
    assert be.json()["rules_met"] and be.json()["lines"] is None
    assert len(ce.json()["lines"]) == 2
    bad = client.get(url("cofunding-entitlement", fund, "69"))
    assert bad.status_code == 400 and bad.json()["errors"][0]["where"] == "fiscal_year"


def test_a_request_sent_twice_with_one_key_is_made_once(fund, treasurer):
    client = api(treasurer)
    first = post(client, url("cofunding-request", fund), {}, "r-1")
    assert first.status_code == 201
    body = first.json()
    assert {p["party"]: p["outstanding"] for p in body["parties"]} == {
        "local_government": 730_00,
        "central_government": 730_00,
    }
    assert body["members_paid"] == 800_00
    before = written()
    retry = post(client, url("cofunding-request", fund), {}, "r-1")
    assert (retry.status_code, retry["Idempotent-Replayed"], retry.json()["id"]) == (201, "true", body["id"])
    again = post(client, url("cofunding-request", fund), {}, "r-2")
    assert again.status_code == 409 and again.json()["code"] == "cofunding_already_requested"
    assert written() == before and CofundingRequest.objects.count() == 1
    shown = client.get(url("cofunding-request-detail", fund))
    assert shown.status_code == 200 and shown.json()["id"] == body["id"]


def test_money_received_twice_is_kept_as_an_overpayment_and_refunded(fund, treasurer, fixed_today):
    client = api(treasurer)
    post(client, url("cofunding-request", fund), {}, "r-1")
    fixed_today(D(2026, 12, 1))
    receipt = {"party": "central_government", "amount": 730_00, "received_on": "2026-11-01"}
    assert post(client, url("cofunding-receipt", fund), receipt, "m-1").status_code == 201
    retry = post(client, url("cofunding-receipt", fund), receipt, "m-1")
    assert retry["Idempotent-Replayed"] == "true"
    twice = post(client, url("cofunding-receipt", fund), {**receipt, "received_on": "2026-11-05"}, "m-2")
    assert twice.status_code == 201
    assert (twice.json()["receipt"]["applied"], twice.json()["receipt"]["overpaid"]) == (0, 730_00)
    assert CofundingReceipt.objects.count() == 2
    back = post(
        client,
        url("cofunding-refund", fund),
        {"party": "central_government", "amount": 730_00, "refunded_on": "2026-11-06"},
        "b-1",
    )
    assert back.status_code == 201
    codi = next(p for p in back.json()["request"]["parties"] if p["party"] == "central_government")
    assert (codi["settled"], codi["to_refund"], codi["refunded"]) == (True, 0, 730_00)
    money = client.get(url("cofunding-sources", fund), {"fy": "2570"})
    assert money.status_code == 200 and money.json()["adds_up"]
    assert money.json()["fiscal_year"]["be"] == 2570 and "method_en" in money.json()


def test_a_refused_receipt_names_its_fields_in_the_error_shape_and_writes_nothing(fund, treasurer):
    client = api(treasurer)
    post(client, url("cofunding-request", fund), {}, "r-1")
    before = written()
    wrong = post(
        client,
        url("cofunding-receipt", fund),
        {"party": "province", "amount": 100, "received_on": "2030-01-01", "into": "sock"},
        "m-1",
    )
    assert wrong.status_code == 400
    body = wrong.json()
    assert set(body) == {"code", "message_th", "message_en", "errors"}
    assert [e["where"] for e in body["errors"]] == ["party", "received_on", "into"]
    assert written() == before
    not_requested = post(
        client,
        url("cofunding-receipt", fund, "2568"),
        {"party": "local_government", "amount": 1, "received_on": "2026-10-15"},
        "m-2",
    )
    assert not_requested.status_code == 404 and not_requested.json()["code"] == "cofunding_not_requested"


def test_a_treasurer_never_sees_another_funds_entitlement(fund):
    other = foreign_fund()
    stranger = user_with(Role.TREASURER, "treasurer-foreign", fund=other)
    client = api(stranger)
    for name in ("cofunding-entitlement", "cofunding-request-detail", "cofunding-sources"):
        answer = client.get(url(name, fund))
        assert answer.status_code == 404 and fund.name_th not in answer.content.decode()
    assert post(client, url("cofunding-request", fund), {}, "x").status_code == 404


def test_a_committee_member_reads_but_may_not_request(fund):
    committee = user_with(Role.COMMITTEE, "committee-api", fund=fund)
    client = api(committee)
    assert client.get(url("cofunding-entitlement", fund)).status_code == 200
    assert post(client, url("cofunding-request", fund), {}, "c-1").status_code == 403
