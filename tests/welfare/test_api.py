"""The welfare API as a client program uses it: idempotent writes, the claim's path, the fund's rules."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sajja.ledger.models import Entry
from sajja.welfare.models import Claim
from tests.factories import token_for
from tests.welfare.factories import committee_user

BODY = {
    "member": "000001",
    "benefit": "hospital",
    "event_date": "2025-08-01",
    "nights": 3,
    "details": "รพ.สงขลา",
}


def api(user) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
    return client


def post(client, path, body, key):
    return client.post(path, body, content_type="application/json", headers={"Idempotency-Key": key})


def claims_url(fund, *rest, **kwargs) -> str:
    if rest:
        return reverse(f"api:claim-{rest[0]}", kwargs={"code": fund.code, **kwargs})
    return reverse("api:claim-enter", kwargs={"code": fund.code})


def test_entering_a_claim_twice_with_one_key_creates_one_claim(own, paid_member, treasurer):
    client = api(treasurer)
    first = post(client, claims_url(own), BODY, "k-1")
    assert first.status_code == 201
    data = first.json()
    assert (data["amount"], data["status"], data["benefit_name"]["th"]) == (
        300_00,
        "entered",
        "ค่านอนโรงพยาบาล",
    )
    assert data["adjudication"]["explanation"]["en"][-1] == "Total payable: 300.00 baht"
    retry = post(client, claims_url(own), BODY, "k-1")
    assert (retry.status_code, retry["Idempotent-Replayed"], retry.json()["id"]) == (201, "true", data["id"])
    assert Claim.objects.count() == 1
    other = post(client, claims_url(own), {**BODY, "nights": 4}, "k-1")
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"
    again = post(client, claims_url(own), BODY, "k-2")  # the same claim under a new key: still one claim
    assert again.status_code == 409 and again.json()["errors"][0]["where"] == "event_date"
    assert Claim.objects.count() == 1
    missing = client.post(claims_url(own), BODY, content_type="application/json")
    assert missing.status_code == 400 and missing.json()["code"] == "idempotency_key_required"


def test_the_claims_path_through_the_api(own, paid_member, treasurer, committee, committee2):
    made = post(api(treasurer), claims_url(own), BODY, "k-1").json()
    cid = made["id"]
    assert post(api(treasurer), claims_url(own, "verify", claim_id=cid), {}, "v-0").status_code == 403
    assert (
        post(api(committee), claims_url(own, "verify", claim_id=cid), {}, "v-1").json()["status"]
        == "verified"
    )
    stale = post(api(committee), claims_url(own, "approve", claim_id=cid), {"digest": "0" * 64}, "a-0")
    assert stale.status_code == 409 and stale.json()["code"] == "content_changed"
    one = post(api(committee), claims_url(own, "approve", claim_id=cid), {"digest": made["digest"]}, "a-1")
    assert one.status_code == 200 and [a["approver"] for a in one.json()["approvals"]] == ["committee-user"]
    repeat = post(api(committee), claims_url(own, "approve", claim_id=cid), {"digest": made["digest"]}, "a-2")
    assert repeat.status_code == 409 and repeat.json()["code"] == "already_approved"
    two = post(api(committee2), claims_url(own, "approve", claim_id=cid), {"digest": made["digest"]}, "a-3")
    assert two.json()["status"] == "approved"
    paid = post(
        api(treasurer), claims_url(own, "pay", claim_id=cid), {"source": "cash", "date": "2025-08-05"}, "p-1"
    )
    assert paid.status_code == 200 and paid.json()["status"] == "paid"
    replay = post(
        api(treasurer), claims_url(own, "pay", claim_id=cid), {"source": "cash", "date": "2025-08-05"}, "p-1"
    )
    assert replay["Idempotent-Replayed"] == "true"
    assert Entry.objects.filter(fund=own, kind="benefit").count() == 1
    listed = api(committee).get(reverse("api:claims", kwargs={"code": own.code}), {"status": "paid"}).json()
    assert [c["id"] for c in listed] == [cid] and listed[0]["paid_entry"] is not None


def test_an_outsider_and_a_fund_that_does_not_exist_answer_alike(own, paid_member, treasurer, foreign):
    cid = post(api(treasurer), claims_url(own), BODY, "k-1").json()["id"]
    stranger = api(committee_user(foreign, "stranger"))
    answers = [
        post(stranger, reverse("api:claim-verify", kwargs={"code": code, "claim_id": cid}), {}, f"s-{code}")
        for code in (own.code, "no-such-fund")
    ]
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].json() == answers[1].json()


def test_a_claim_changed_after_approval_needs_new_approvals(
    own, paid_member, treasurer, committee, committee2
):
    made = post(api(treasurer), claims_url(own), BODY, "k-1").json()
    cid = made["id"]
    post(api(committee), claims_url(own, "verify", claim_id=cid), {}, "v-1")
    post(api(committee), claims_url(own, "approve", claim_id=cid), {"digest": made["digest"]}, "a-1")
    changed = post(
        api(treasurer), claims_url(own, "amend", claim_id=cid), {**BODY, "nights": 4}, "m-1"
    ).json()
    assert (changed["status"], changed["amount"], changed["revision"]) == ("entered", 400_00, 2)
    assert [a["current"] for a in changed["approvals"]] == [False]


def test_the_funds_rules_a_quote_and_the_members_entitlements(own, paid_member, users):
    member = api(users["member"])
    scheme = member.get(reverse("api:welfare-scheme", kwargs={"code": own.code})).json()
    assert scheme["template"] == "codi" and scheme["in_force"]["number"] == 1
    assert scheme["in_force"]["definition"]["effective_from"] == "2024-01-01"
    path = reverse("api:welfare-quote", kwargs={"code": own.code, "number": "000001"})
    quote = member.get(path, {"event": "birth", "date": "2025-08-01", "nights": 2}).json()
    assert quote["total_satang"] == 700_00
    rights = member.get(
        reverse("api:welfare-entitlements", kwargs={"code": own.code, "number": "000001"})
    ).json()
    pension = next(r for r in rights if r["benefit"] == "old_age_pension")
    assert pension["eligible"] is False and "short_membership" in pension["reasons"]


@pytest.mark.parametrize(
    ("definition", "where"),
    [
        ({"effective_from": "2023-01-01"}, "effective_from"),
        (
            {
                "effective_from": "2027-01-01",
                "benefits": [
                    {
                        "code": "x",
                        "kind": "lump_sum",
                        "event": "birth",
                        "name_th": "x",
                        "name_en": "x",
                        "amount": -1,
                    }
                ],
            },
            "benefits[0].amount",
        ),
    ],
)
def test_publishing_a_bad_version_is_refused_naming_the_place(own, paid_member, users, definition, where):
    path = reverse("api:welfare-publish", kwargs={"code": own.code})
    answer = post(api(users["committee"]), path, {"definition": definition}, "pub-1")
    assert answer.status_code == 400
    assert [e["where"] for e in answer.json()["errors"]] == [where]
    good = post(
        api(users["committee"]),
        path,
        {"definition": {"effective_from": "2027-01-01"}, "resolution": "มติ"},
        "pub-2",
    )
    assert good.status_code == 201 and good.json()["number"] == 2


def test_publishing_yaml_names_the_line(own, scheme, users):
    path = reverse("api:welfare-publish", kwargs={"code": own.code})
    text = "effective_from: 2027-01-01\nwaiting_days: 90\nbenefits:\n  - {code: x, kind: lump_sum, event: birth, name_th: x, name_en: x, amount: -5}\n"
    answer = post(api(users["treasurer"]), path, {"yaml": text, "resolution": "มติ"}, "y-1")
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["where"] == "version.yaml:4: benefits[0].amount"
    fixed = post(api(users["treasurer"]), path, {"yaml": text.replace("-5", "5")}, "y-2")
    assert fixed.status_code == 201 and fixed.json()["definition"]["benefits"][0]["amount"] == 5
