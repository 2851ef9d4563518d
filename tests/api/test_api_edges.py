"""The API's edges: numbers past any bound, times with a zone, bodies past the size limit, hosts not
allowed, a database busy with another write. Each is answered in the API's error shape, never a 500 or
Django's HTML "Bad Request (400)", and OpenAPI says what the routes answer."""

from __future__ import annotations

import base64
import re
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from sajja.welfare.claims.evidence import max_bytes
from tests.access.world import World
from tests.api.factories import ENTRY, api_client, assert_error_shape, post, url
from tests.factories import token_for
from tests.welfare.factories import PDF, entered

BIG = 2**63  # one past the largest 64-bit integer a database column holds


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path):
    settings.SAJJA_EVIDENCE_DIR = str(tmp_path / "evidence")
    return tmp_path / "evidence"


# --- numbers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [BIG, 2**64, 10**30, -BIG - 1])
def test_an_offset_past_any_bound_is_a_422_on_every_list_route(world: World, value):
    client = api_client(world.users["treasurer"])
    for route in ("members", "entries", "claims"):
        body = assert_error_shape(client.get(url(route), {"offset": value}), 422, "invalid")
        assert body["errors"][0]["where"].endswith("offset"), body


@pytest.mark.parametrize("value", [BIG, 10**30])
def test_an_id_past_any_bound_in_a_path_is_a_422_not_a_crash(world: World, value):
    client = api_client(world.users["treasurer"])
    for path in (
        f"/api/funds/own-fund/entries/{value}",
        f"/api/funds/own-fund/claims/{value}",
        f"/api/funds/own-fund/receipts/{value}",
    ):
        assert_error_shape(client.get(path), 422, "invalid")


@pytest.mark.django_db
def test_openapi_bounds_every_integer_parameter():
    schema = Client().get("/api/openapi.json").json()
    seen = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                kind = parameter["schema"]
                kinds = kind.get("anyOf", [kind])
                for k in kinds:
                    if k.get("type") == "integer":
                        seen += 1
                        where = f"{method} {path} {parameter['name']}"
                        assert k.get("maximum", BIG) < BIG, where
                        assert k.get("minimum", -BIG - 1) >= -BIG, where
    assert seen > 10


# --- times --------------------------------------------------------------------------------------------


def meeting(start: str, end: str = "12:00") -> dict:
    return {"title_th": "ประชุมประจำเดือน", "date": "2027-03-16", "start_time": start, "end_time": end}


def test_a_meeting_time_in_thailands_zone_is_taken_and_any_other_zone_is_refused_clearly(world: World):
    client = api_client(world.users["treasurer"])
    path = reverse("api:meeting-new", kwargs={"code": "own-fund"})
    made = post(client, path, meeting("09:00+07:00", "12:00:00+07:00"), key="m-1")
    assert made.status_code == 201, made.content
    assert (made.json()["start_time"], made.json()["end_time"]) == ("09:00:00", "12:00:00")
    for start in ("09:00Z", "09:00+00:00", "02:00:00-05:00"):
        body = assert_error_shape(post(client, path, meeting(start), key=f"m-{start}"), 422, "invalid")
        item = body["errors"][0]
        assert item["where"].endswith("start_time"), body
        assert "+07:00" in item["message_en"] and "+07:00" in item["message_th"], item


@pytest.mark.django_db
def test_openapi_describes_times_as_they_are_taken():
    schema = Client().get("/api/openapi.json").json()
    start = schema["components"]["schemas"]["MeetingIn"]["properties"]["start_time"]
    assert start.get("format") != "time", "JSON Schema's time format requires a zone, which is refused"
    for good in ("09:00", "09:00:30", "09:00+07:00"):
        assert re.fullmatch(start["pattern"].strip("^$"), good), good
    assert not re.fullmatch(start["pattern"].strip("^$"), "09:00Z")


# --- bodies and Django's own 400s ---------------------------------------------------------------------


def test_a_body_past_the_size_limit_is_a_413_in_the_error_shape(world: World):
    client = api_client(world.users["treasurer"])
    huge = {**ENTRY, "memo": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)}
    body = assert_error_shape(post(client, url("post-entry"), huge, key="big-1"), 413, "too_large")
    assert "MB" in body["message_en"] and "MB" in body["message_th"]


def test_a_host_not_allowed_is_a_400_in_the_error_shape(world: World):
    client = Client(
        HTTP_HOST="evil.example", HTTP_AUTHORIZATION=f"Bearer {token_for(world.users['treasurer'])}"
    )
    assert_error_shape(client.get("/api/funds"), 400, "bad_request")


def test_too_many_form_fields_is_a_400_in_the_error_shape(world: World):
    client = api_client(world.users["treasurer"])
    fields = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 5)}
    path = reverse("api:import-payments", kwargs={"code": "own-fund"})
    answer = client.post(path, fields, headers={"Idempotency-Key": "many"})
    assert_error_shape(answer, 400, "bad_request")


def test_the_evidence_limit_is_reachable_through_the_api_and_past_it_the_answer_is_in_shape(
    own, paid_member, treasurer
):
    claim = entered(treasurer, own, paid_member)
    client = api_client(treasurer)
    path = reverse("api:claim-evidence-add", kwargs={"code": own.code, "claim_id": claim.pk})

    def send(data: bytes, key: str):
        body = {"name": "cert.pdf", "content_base64": base64.b64encode(data).decode()}
        return post(client, path, body, key=key)

    limit = max_bytes()
    assert limit == 5 * 1024 * 1024
    almost = PDF + b"0" * (limit - len(PDF))  # exactly the limit: base64 makes it 6.7 MB of JSON
    made = send(almost, "e-at-limit")
    assert made.status_code == 201, made.content[:300]
    assert made.json()["size"] == limit
    body = assert_error_shape(send(almost + b"0", "e-past-limit"), 400, "file_too_big")
    assert "5 MB" in body["errors"][0]["message_th"] and "5 MB" in body["errors"][0]["message_en"]
    past = post(client, path, {"name": "x.pdf", "content_base64": "A" * (12 * 1024 * 1024)}, key="e-huge")
    assert_error_shape(past, 413, "too_large")


@pytest.mark.django_db
def test_openapi_lists_the_evidence_routes_refusals():
    schema = Client().get("/api/openapi.json").json()
    answers = schema["paths"]["/api/funds/{code}/claims/{claim_id}/evidence"]["post"]["responses"]
    assert {"201", "400", "401", "403", "404", "409", "413", "422", "503"} <= set(answers)
    assert "limit" in schema["paths"]["/api/funds/{code}/claims/{claim_id}/evidence"]["post"]["description"]


# --- a database busy with another write ---------------------------------------------------------------

LOCKED = OperationalError("database is locked")


def test_a_write_waiting_too_long_for_the_lock_is_a_503_busy_with_retry_after(world: World):
    client = api_client(world.users["treasurer"])
    with mock.patch("sajja.ledger.services.post_entries", side_effect=LOCKED):
        answer = post(client, url("post-entry"), ENTRY, key="busy-1")
    body = assert_error_shape(answer, 503, "busy")
    assert int(answer["Retry-After"]) > 0
    assert "try again" in body["message_en"] and "ลองใหม่" in body["message_th"]


def test_another_database_error_is_still_an_error_not_busy(world: World):
    client = Client(raise_request_exception=False)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(world.users['treasurer'])}"
    with mock.patch("sajja.ledger.services.post_entries", side_effect=OperationalError("no such table: x")):
        answer = post(client, url("post-entry"), ENTRY, key="busy-2")
    assert_error_shape(answer, 500, "server_error")


def test_a_page_whose_write_waits_too_long_is_a_plain_503_page(world: World):
    client = Client()
    client.force_login(world.users["treasurer"])
    data = {
        "token": "t-busy",
        "date": "2025-02-20",
        "memo": "x",
        "debit": "5201",
        "credit": "1101",
        "amount": "5",
    }
    with mock.patch("sajja.ledger.views.services.post_entries", side_effect=LOCKED):
        page = client.post(reverse("ledger:entry-new", args=["own-fund"]), data)
    assert page.status_code == 503, page.content[:500]
    assert int(page["Retry-After"]) > 0
    text = page.content.decode()
    assert "ลองใหม่" in text and "try again" in text


@pytest.mark.django_db(transaction=True)
def test_a_write_behind_a_lock_really_held_by_another_answers_503_and_writes_nothing(world: World):
    """A real lock, held by another connection: SQLite's write lock (BEGIN IMMEDIATE), or on PostgreSQL
    the audit chain's head row that every write takes; the wait is cut short for the test."""
    from django.db import connection, connections

    from sajja.audit.models import ChainHead
    from tests.api.factories import written

    client = api_client(world.users["treasurer"])
    before = written()
    holder = connections.create_connection("default")
    options = connection.settings_dict.setdefault("OPTIONS", {})
    saved_timeout = options.get("timeout")
    try:
        if connection.vendor == "sqlite":
            connection.close()
            options["timeout"] = 0.2
            holder.connect()
            holder.connection.isolation_level = None
            holder.connection.execute("BEGIN IMMEDIATE")
        else:
            holder.set_autocommit(False)
            with holder.cursor() as cursor:
                cursor.execute(f"SELECT 1 FROM {ChainHead._meta.db_table} FOR UPDATE")
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '300ms'")
        answer = post(client, url("post-entry"), ENTRY, key="really-busy")
    finally:
        if connection.vendor == "sqlite":
            holder.connection.execute("ROLLBACK")
            options["timeout"] = saved_timeout
        else:
            holder.rollback()
        holder.close()
        connection.close()
    body = assert_error_shape(answer, 503, "busy")
    assert answer["Retry-After"] and "ลองใหม่" in body["message_th"]
    assert written() == before
    assert post(client, url("post-entry"), ENTRY, key="really-busy").status_code == 201  # sent again: done
