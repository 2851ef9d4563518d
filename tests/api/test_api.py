"""The REST API: OpenAPI, token auth, scoped reads, and Idempotency-Key on every write."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from sajja.ledger.models import Entry
from tests.access.world import World
from tests.api.factories import ENTRY, api_client, assert_error_shape, post, url, written
from tests.factories import thai_id, token_for


@pytest.fixture
def treasurer_api(world: World) -> Client:
    return api_client(world.users["treasurer"])


# --- OpenAPI, authentication --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_openapi_description_is_served_and_lists_the_routes():
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Sajja API"
    paths = schema["paths"]
    for path, methods in {
        "/api/funds": {"get"},
        "/api/funds/{code}": {"get"},
        "/api/funds/{code}/members": {"get", "post"},
        "/api/funds/{code}/members/{number}": {"get"},
        "/api/funds/{code}/accounts": {"get"},
        "/api/funds/{code}/entries": {"get", "post"},
        "/api/funds/{code}/entries/{entry_id}": {"get"},
        "/api/funds/{code}/entries/{entry_id}/reverse": {"post"},
        "/api/funds/{code}/trial-balance": {"get"},
        "/api/funds/{code}/periods/{period}/close": {"post"},
    }.items():
        assert methods <= set(paths[path]), path
    # every write documents its Idempotency-Key header
    for path, operations in paths.items():
        for method, operation in operations.items():
            if method == "post":
                required = {(p["in"], p["name"]): p.get("required") for p in operation.get("parameters", [])}
                assert required.get(("header", "Idempotency-Key")) is True, (
                    f"{method} {path}"
                )  # writes refuse without
    assert any(s.get("scheme") == "bearer" for s in schema["components"]["securitySchemes"].values())


@pytest.mark.django_db
def test_the_api_root_leads_to_the_documentation():
    response = Client().get("/api/")
    assert response.status_code == 302 and response["Location"] == "/api/docs"
    assert Client().get("/api/docs").status_code == 200


def test_without_a_token_the_api_answers_401(world: World):
    for response in (
        api_client().get(reverse("api:funds")),
        api_client().get(url("members")),
        post(api_client(), url("post-entry"), ENTRY, key="k-anon"),
    ):
        body = assert_error_shape(response, 401, "unauthenticated")
        assert response["WWW-Authenticate"] == "Bearer"
        assert "Authorization" in body["message_en"]
    stranger = Client()
    stranger.defaults["HTTP_AUTHORIZATION"] = "Bearer not-a-token"
    assert_error_shape(stranger.get(reverse("api:funds")), 401, "unauthenticated")


def test_thai_text_is_sent_as_utf8_not_escaped(world: World, treasurer_api):
    response = treasurer_api.get(reverse("api:funds"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "กองทุน own-fund" in response.content.decode("utf-8")


def test_a_token_of_a_deactivated_user_no_longer_works(world: World):
    user = world.users["treasurer"]
    client = api_client(user)
    assert client.get(reverse("api:funds")).status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert_error_shape(client.get(reverse("api:funds")), 401)


# --- reads --------------------------------------------------------------------------------------------


def test_the_treasurer_reads_funds_members_accounts_entries_and_the_trial_balance(
    world: World, treasurer_api
):
    funds = treasurer_api.get(reverse("api:funds")).json()
    assert [f["code"] for f in funds] == ["own-fund"]
    assert funds[0] == {
        "code": "own-fund",
        "name_th": "กองทุน own-fund",
        "name_en": "Fund own-fund",
        "kind": "tambon",
        "network": "net-a",
    }

    members = treasurer_api.get(url("members")).json()
    assert [(m["number"], m["full_name"]) for m in members] == [("000001", "สมศรี ใจดี"), ("000002", "มานี มีนา")]
    assert members[0]["national_id"] == "1-1014-00000-00-6"
    assert members[0]["joined_on"] == "2025-01-01" and members[0]["status"] == "active"

    accounts = {a["code"]: a for a in treasurer_api.get(url("accounts")).json()}
    assert accounts["1101"]["debit_total"] == 3000 and accounts["1101"]["credit_total"] == 0
    assert accounts["4101"]["is_control"] and accounts["4101"]["credit_total"] == 3000
    assert "4101-000001" not in accounts  # member sub-accounts roll up into 4101

    entries = treasurer_api.get(url("entries")).json()
    assert [e["id"] for e in entries] == [world.own.entry.pk]
    assert entries[0]["lines"] == [
        {"account": "1101", "amount": 3000},
        {"account": "4101-000001", "amount": -3000},
    ]
    one = treasurer_api.get(url("entry", entry_id=world.own.entry.pk)).json()
    assert one == entries[0]

    tb = treasurer_api.get(url("trial-balance")).json()
    assert tb["balanced"] and tb["total_debit"] == tb["total_credit"] == 3000
    assert tb["as_of"] is None
    january = treasurer_api.get(url("trial-balance"), {"period": "2025-01"}).json()
    assert january["as_of"] == "2025-01-31" and january["total_debit"] == 0
    be_year = treasurer_api.get(url("trial-balance"), {"period": "2568-02"}).json()
    assert be_year["as_of"] == "2025-02-28" and be_year["total_debit"] == 3000


def test_member_search_and_masking_through_the_api(world: World, treasurer_api):
    found = treasurer_api.get(url("members"), {"q": "1-1014-00000-00-6"}).json()
    assert [m["number"] for m in found] == ["000001"]
    assert [m["number"] for m in treasurer_api.get(url("members"), {"q": "มานี"}).json()] == ["000002"]
    committee = api_client(world.users["committee"]).get(url("member", number="000001")).json()
    assert committee["national_id"] == "1-1014-xxxxx-xx-6"


def test_paging_beyond_bounds_is_a_clear_error_not_a_crash(world: World, treasurer_api):
    body = assert_error_shape(treasurer_api.get(url("members"), {"offset": -1}), 422, "invalid")
    assert "offset" in body["errors"][0]["where"]
    assert_error_shape(treasurer_api.get(url("entries"), {"limit": 100000}), 422, "invalid")
    assert len(treasurer_api.get(url("members"), {"limit": 1, "offset": 1}).json()) == 1


def test_a_wrong_period_is_a_400_naming_the_period(world: World, treasurer_api):
    for bad in ("2025-13", "soon", "2025-1x"):
        body = assert_error_shape(
            treasurer_api.get(url("trial-balance"), {"period": bad}), 400, "invalid_period"
        )
        assert body["errors"][0]["where"] == "period"
    before = written()
    response = post(treasurer_api, url("close-period", period="2025-13"), {}, key="close-bad")
    assert_error_shape(response, 400, "invalid_period")
    assert written() == before


# --- posting entries with Idempotency-Key -------------------------------------------------------------


def test_posting_an_entry_requires_an_idempotency_key(world: World, treasurer_api):
    before = written()
    body = assert_error_shape(post(treasurer_api, url("post-entry"), ENTRY), 400, "idempotency_key_required")
    assert body["errors"][0]["where"] == "Idempotency-Key"
    assert "Idempotency-Key" in body["message_en"] and "Idempotency-Key" in body["message_th"]
    assert written() == before
    too_long = post(treasurer_api, url("post-entry"), ENTRY, key="k" * 129)
    assert_error_shape(too_long, 400, "idempotency_key_too_long")
    assert written() == before


def test_a_retry_with_the_same_key_and_body_returns_the_first_answer_and_writes_nothing(
    world: World, treasurer_api
):
    first = post(treasurer_api, url("post-entry"), ENTRY, key="feb-000002")
    assert first.status_code == 201, first.content
    assert "Idempotent-Replayed" not in first
    after_first = written()
    retry = post(treasurer_api, url("post-entry"), ENTRY, key="feb-000002")
    assert retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert written() == after_first
    entry = Entry.objects.get(pk=first.json()["id"])
    assert entry.idempotency_key == "feb-000002"
    assert sorted(entry.lines.values_list("amount", flat=True)) == [-3000, 3000]


def test_the_same_key_with_another_body_is_refused_and_writes_nothing(world: World, treasurer_api):
    post(treasurer_api, url("post-entry"), ENTRY, key="feb-000002")
    before = written()
    changed = {
        **ENTRY,
        "lines": [{"account": "1101", "debit": 6000}, {"account": "4101-000002", "credit": 6000}],
    }
    body = assert_error_shape(post(treasurer_api, url("post-entry"), changed, key="feb-000002"), 409)
    assert body["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in body["message_en"] and "different" in body["message_en"]
    assert body["errors"][0]["where"] == "Idempotency-Key"
    assert written() == before
    # the same key on another route is refused too
    assert_error_shape(post(treasurer_api, url("close-period", period="2025-01"), {}, key="feb-000002"), 409)
    assert written() == before


def test_another_user_sending_a_key_already_in_the_books_gets_that_entry_or_a_named_difference(
    world: World, treasurer_api
):
    first = post(treasurer_api, url("post-entry"), ENTRY, key="shared-key").json()
    admin = api_client(world.users["admin"])
    before = written()
    other = {**ENTRY, "memo": "อย่างอื่น"}
    body = assert_error_shape(post(admin, url("post-entry"), other, key="shared-key"), 400, "key_reused")
    assert "memo" in body["message_en"] and "shared-key" in body["message_en"]
    assert written() == before
    same = post(admin, url("post-entry"), ENTRY, key="shared-key")
    assert same.status_code == 200 and same.json()["id"] == first["id"]
    assert written()[:3] == before[:3]


@pytest.mark.parametrize(
    "lines, where",
    [
        ([{"account": "1101", "debit": 3000}, {"account": "4101-000002", "credit": 2000}], "entry 1"),
        ([{"account": "1101", "debit": 3000}, {"account": "9999", "credit": 3000}], "9999"),
        (
            [{"account": "1101", "debit": 3000, "credit": 3000}, {"account": "4101-000002", "credit": 3000}],
            "lines.1",
        ),
    ],
    ids=["unbalanced", "unknown-account", "both-sides"],
)
def test_a_bad_entry_is_refused_with_the_problem_and_where_and_nothing_is_written(
    world: World, treasurer_api, lines, where
):
    before = written()
    body = assert_error_shape(
        post(treasurer_api, url("post-entry"), {**ENTRY, "lines": lines}, key="bad"), 400
    )
    assert any(where in item["where"] or where in item["message_en"] for item in body["errors"]), body
    assert written() == before
    # the key was not used up by the refusal: the corrected entry goes through with it
    assert post(treasurer_api, url("post-entry"), ENTRY, key="bad").status_code == 201


def test_a_fraction_of_a_satang_or_a_negative_amount_is_refused(world: World, treasurer_api):
    before = written()
    for line in ({"account": "1101", "debit": 30.5}, {"account": "1101", "debit": -3000}):
        body = {**ENTRY, "lines": [line, {"account": "4101-000002", "credit": 3000}]}
        answer = assert_error_shape(post(treasurer_api, url("post-entry"), body, key="frac"), 422, "invalid")
        assert answer["errors"][0]["where"].endswith("lines.0.debit")
        assert answer["errors"][0]["message_th"] != "ข้อมูลไม่ถูกต้อง"  # the reason, said in Thai
    assert written() == before


def test_nothing_posts_into_a_closed_month(world: World, treasurer_api):
    assert post(treasurer_api, url("close-period", period="2025-02"), {}, key="close-feb").status_code == 200
    before = written()
    body = assert_error_shape(post(treasurer_api, url("post-entry"), ENTRY, key="late"), 400)
    assert "closed" in body["message_en"]
    assert written() == before


def test_a_role_without_the_right_is_refused_with_or_without_a_key(world: World):
    """A committee member gets 403, not a lesson on how to send the request."""
    committee = api_client(world.users["committee"])
    before = written()
    for response in (
        post(committee, url("post-entry"), ENTRY, key="c1"),
        post(committee, url("post-entry"), ENTRY),
        post(committee, url("close-period", period="2025-02"), {}),
        post(
            committee,
            url("enrol"),
            {
                "national_id": thai_id(7),
                "first_name": "ก",
                "last_name": "ข",
                "birth_date": "1970-01-01",
                "sex": "F",
                "joined_on": "2025-01-01",
            },
        ),
    ):
        assert_error_shape(response, 403, "not_permitted")
    assert written() == before


# --- enrolment, reversal, closing honour Idempotency-Key ----------------------------------------------


def test_enrolment_honours_the_idempotency_key(world: World, treasurer_api):
    person = {
        "national_id": thai_id(4242),
        "title": "นาง",
        "first_name": "ประไพ",
        "last_name": "รักถิ่น",
        "birth_date": "1975-03-02",
        "sex": "F",
        "joined_on": "2025-04-01",
        "group": "G01",
        "beneficiaries": [{"full_name": "สมชาย รักถิ่น", "relationship": "บุตร", "share_percent": 100}],
    }
    before = written()
    assert_error_shape(post(treasurer_api, url("enrol"), person), 400, "idempotency_key_required")
    assert written() == before

    first = post(treasurer_api, url("enrol"), person, key="enrol-prapai")
    assert first.status_code == 201, first.content
    assert first.json()["number"] == "000003" and first.json()["full_name"] == "นางประไพ รักถิ่น"
    after = written()
    assert after[1] == before[1] + 1
    retry = post(treasurer_api, url("enrol"), person, key="enrol-prapai")
    assert retry.status_code == 201 and retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert written() == after
    other = post(treasurer_api, url("enrol"), {**person, "first_name": "ประภา"}, key="enrol-prapai")
    assert_error_shape(other, 409, "idempotency_key_reused")
    assert written() == after
    # without the key's protection, the same person enrolled again is refused by the registry
    again = post(treasurer_api, url("enrol"), person, key="enrol-prapai-2")
    assert_error_shape(again, 409, "already_member")
    assert written() == after


def test_a_bad_enrolment_names_each_problem_and_writes_nothing(world: World, treasurer_api):
    before = written()
    bad = {
        "national_id": "1101400000007",
        "first_name": "ก",
        "last_name": "ข",
        "birth_date": "1975-03-02",
        "sex": "X",
        "joined_on": "2025-04-01",
        "group": "G99",
    }
    body = assert_error_shape(post(treasurer_api, url("enrol"), bad, key="bad-enrol"), 400)
    assert {"national_id", "sex", "group"} <= {item["where"] for item in body["errors"]}
    assert written() == before


def test_closing_a_month_honours_the_idempotency_key(world: World, treasurer_api):
    path = url("close-period", period="2025-02")
    before = written()
    assert_error_shape(post(treasurer_api, path, {}), 400, "idempotency_key_required")
    first = post(treasurer_api, path, {}, key="close-2025-02")
    assert first.status_code == 200
    assert first.json()["period"] == "2025-02" and first.json()["fund"] == "own-fund"
    after = written()
    assert after[2] == before[2] + 1 and after[3] == before[3] + 1
    retry = post(treasurer_api, path, {}, key="close-2025-02")
    assert retry.status_code == 200 and retry.json() == first.json()
    assert written() == after


def test_reversing_honours_the_idempotency_key(world: World, treasurer_api):
    path = url("reverse", entry_id=world.own.entry.pk)
    body = {"date": "2025-02-28"}
    first = post(treasurer_api, path, body, key="rev-1")
    assert first.status_code == 201, first.content
    assert first.json()["reverses"] == world.own.entry.pk
    assert first.json()["lines"] == [
        {"account": "1101", "amount": -3000},
        {"account": "4101-000001", "amount": 3000},
    ]
    after = written()
    retry = post(treasurer_api, path, body, key="rev-1")
    assert retry.status_code == 201 and retry.json() == first.json()
    assert written() == after
    twice = post(treasurer_api, path, body, key="rev-2")  # a second reversal, asked under a new key
    answer = assert_error_shape(twice, 409, "already_reversed")
    assert f"#{first.json()['id']}" in answer["message_en"]
    assert Entry.objects.filter(reverses=world.own.entry).count() == 1
    assert written()[0] == after[0]


def test_foreign_funds_answer_404_with_the_error_shape(world: World, treasurer_api):
    before = written()
    for response in (
        treasurer_api.get(reverse("api:fund", kwargs={"code": "foreign-fund"})),
        post(treasurer_api, reverse("api:post-entry", kwargs={"code": "foreign-fund"}), ENTRY, key="f1"),
        treasurer_api.get(url("entry", entry_id=world.sides["foreign"].entry.pk)),
    ):
        assert_error_shape(response, 404, "not_found")
    assert written() == before


# --- retries racing each other ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_at_once_from_several_threads_posts_one_entry(users, own, own_member):
    token = token_for(users["treasurer"])
    answers, errors = [], []
    start = threading.Barrier(6)
    body = {
        **ENTRY,
        "lines": [{"account": "1101", "debit": 3000}, {"account": "4101-000001", "credit": 3000}],
    }

    def send():
        try:
            client = Client()
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
            start.wait()
            response = post(client, url("post-entry"), body, key="race-1")
            answers.append((response.status_code, response.json().get("id")))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(answers) == 6
    assert {status for status, _ in answers} == {201}
    assert len({entry_id for _, entry_id in answers}) == 1
    assert Entry.objects.filter(fund=own, idempotency_key="race-1").count() == 1


@pytest.mark.django_db
def test_a_path_no_route_takes_is_a_json_not_found_in_the_apis_shape():
    response = Client().get("/api/funds/x/no-such-thing")
    body = response.json()
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert body["code"] == "no_such_route" and body["errors"][0]["where"] == "/api/funds/x/no-such-thing"
    assert Client().get("/api/docs").status_code == 200  # the routes themselves still answer


@pytest.mark.django_db
def test_a_method_a_route_does_not_take_is_a_json_405_in_the_apis_shape(own, treasurer):
    """DELETE on the funds list (which takes GET): 405 with Allow, in the API's error shape, in Thai and
    English; the route still answers GET."""
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(treasurer)}")
    response = client.delete("/api/funds")
    body = response.json()
    assert response.status_code == 405 and response["Content-Type"].startswith("application/json")
    assert response["Allow"] == "GET"
    assert body["code"] == "method_not_allowed" and body["errors"][0]["where"] == "/api/funds"
    assert "DELETE" in body["message_en"] and "GET" in body["message_th"]
    assert client.get("/api/funds").status_code == 200
