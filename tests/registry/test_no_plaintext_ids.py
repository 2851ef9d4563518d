"""No national ID in the clear anywhere in the database (issue 15, item 4).

Members are enrolled — and named by national ID in payments — through every path there is: the API (with a
replayed retry), the web form, the API's payments, `sajja pay`, `sajja import payments`, the API's import
and the demo builder. Then the whole database is dumped (SQLite: every statement of iterdump, and the raw
bytes of the file and its -wal; PostgreSQL: every row of every table as text) and no national ID is found,
neither as 13 digits nor in its printed form 1-2345-67890-12-3. The replay records of idempotent writes
keep no personal data in the clear, and are purged after their retention.
"""

from __future__ import annotations

import datetime
import random
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from sajja.access.models import IdempotentRequest
from sajja.core.thai_id import format_national_id
from sajja.registry.crypto import decrypt_national_id
from sajja.registry.models import Member, Network, Person
from tests.factories import thai_id, token_for

BY_API = thai_id(15_000_001)
BY_WEB = thai_id(15_000_002)
PRINTED_ID = re.compile(rb"\b\d-\d{4}-\d{5}-\d{2}-\d\b")


def api(user) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
    return client


def database_dump() -> dict[str, bytes]:
    """Everything the database holds, as text or bytes, by where it was read."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        dump = {"iterdump": "\n".join(connection.connection.iterdump()).encode()}
        name = Path(connection.settings_dict["NAME"])
        for suffix in ("", "-wal", "-journal"):
            path = Path(f"{name}{suffix}")
            if path.exists():
                dump[f"file {path.name}"] = path.read_bytes()
        return dump
    dump = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT CAST(t AS text) FROM {quoted} t")
            dump[f"table {table}"] = "\n".join(row[0] for row in cursor.fetchall()).encode()
    return dump


def enrol_through_every_path(own, treasurer) -> None:
    client = api(treasurer)
    enrol = reverse("api:enrol", kwargs={"code": own.code})
    person = {
        "national_id": BY_API,
        "title": "นาง",
        "first_name": "ลำดวน",
        "last_name": "หอมจริง",
        "birth_date": "1966-07-14",
        "sex": "F",
        "joined_on": "2025-04-01",
        "group": "G01",
    }
    first = client.post(enrol, person, content_type="application/json", headers={"Idempotency-Key": "e-1"})
    assert first.status_code == 201, first.content
    assert first.json()["national_id"] == format_national_id(BY_API)  # the treasurer sees it in full
    retry = client.post(enrol, person, content_type="application/json", headers={"Idempotency-Key": "e-1"})
    assert retry.status_code == 201 and retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()  # the sealed answer, replayed as it was

    web = Client()
    web.force_login(treasurer)
    form = {
        "token": "privacy-web-1",
        "national_id": format_national_id(BY_WEB),
        "title": "นาย",
        "first_name": "ทองใบ",
        "last_name": "ใบเขียว",
        "birth_date": "1959-01-30",
        "sex": "M",
        "joined_on": "2025-04-01",
        "group": "G01",
        "moo": "1",
    }
    answer = web.post(reverse("registry:member-new", args=[own.code]), form)
    assert answer.status_code == 302, answer.content.decode()[-2000:]
    assert Member.objects.filter(fund=own, person__first_name="ทองใบ").exists()

    # payments that name the members by national ID: the API, the CLI, a file by CLI and by API
    pay = reverse("api:record-payment", kwargs={"code": own.code})
    body = {"member": BY_API, "amount": 3000, "date": "2025-05-01"}
    paid = client.post(pay, body, content_type="application/json", headers={"Idempotency-Key": "p-1"})
    assert paid.status_code == 201, paid.content
    call_command(
        "pay", "--fund", own.code, "--member", format_national_id(BY_WEB), "--amount", "30",
        "--date", "2025-05-02", stdout=StringIO(),
    )  # fmt: skip
    csv = f"member,date,amount\n{BY_API},2025-05-03,31\n{BY_WEB},2025-05-03,32\n".encode()
    path = Path(connection.settings_dict["NAME"]).with_name(f"privacy-{random.randrange(10**9)}.csv")
    try:
        path.write_bytes(csv)
        call_command("import", "payments", "--fund", own.code, str(path), stdout=StringIO())
    finally:
        path.unlink(missing_ok=True)
    csv = f"member,date,amount\n{format_national_id(BY_API)},2025-05-04,33\n".encode()
    imported = client.post(
        reverse("api:import-payments", kwargs={"code": own.code}) + "?name=p.csv",
        csv,
        content_type="text/csv",
        headers={"Idempotency-Key": "i-1"},
    )
    assert imported.status_code == 201, imported.content

    # the demo builder's path: a small fund of its making
    from sajja.ops import demo

    network = Network.objects.create(code="songkhla", name_th="เครือข่ายทดลอง")  # its scheme template
    spec = demo.FundSpec("privacy-demo-fund", "กองทุนทดลอง", "Trial fund", "tambon", "900101", 1, 3)
    demo._fund(network, spec, random.Random(15))


@pytest.mark.django_db(transaction=True)  # committed, so that the database's own files hold it all
def test_no_national_id_is_in_the_clear_anywhere_in_the_database(own, treasurer):
    enrol_through_every_path(own, treasurer)
    ids = {decrypt_national_id(p.national_id_encrypted) for p in Person.objects.all()}
    assert {BY_API, BY_WEB} <= ids and len(ids) >= 2 + 3 + 1  # and the demo's three, and own's member
    connection.close()  # SQLite: whatever is in the page cache is in the file or its -wal now
    found = []
    for where, text in database_dump().items():
        for digits in ids:
            for form in (digits, format_national_id(digits)):
                if form.encode() in text:
                    found.append(f"{form} in {where}")
        found += [f"{m.group().decode()} in {where}" for m in PRINTED_ID.finditer(text)]
    assert not found, f"national IDs in the clear: {sorted(set(found))[:10]}"


def test_replay_records_hold_no_personal_data(own, treasurer):
    client = api(treasurer)
    enrol = reverse("api:enrol", kwargs={"code": own.code})
    person = {
        "national_id": BY_API,
        "first_name": "ลำดวน",
        "last_name": "หอมจริง",
        "birth_date": "1966-07-14",
        "sex": "F",
        "joined_on": "2025-04-01",
    }
    answer = client.post(enrol, person, content_type="application/json", headers={"Idempotency-Key": "e-2"})
    assert answer.status_code == 201, answer.content
    [kept] = IdempotentRequest.objects.all()
    text = str(kept.response)
    for personal in (BY_API, format_national_id(BY_API), "ลำดวน", "หอมจริง", "1966"):
        assert personal not in text
    assert set(kept.response) == {"sealed"}


def test_replay_records_are_purged_after_their_retention(own, treasurer, settings):
    settings.SAJJA_IDEMPOTENCY_RETENTION_DAYS = 30
    client = api(treasurer)
    pay = reverse("api:record-payment", kwargs={"code": own.code})

    def send(key: str, amount: int = 3000):
        body = {"member": "000001", "amount": amount, "date": "2025-05-01"}
        return client.post(pay, body, content_type="application/json", headers={"Idempotency-Key": key})

    assert send("old").status_code == 201
    assert send("recent", 3100).status_code == 201
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=31)
    IdempotentRequest.objects.filter(key="old").update(created_at=long_ago)
    IdempotentRequest.objects.filter(key="recent").update(
        created_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=29)
    )
    # the next write purges what is past the retention, and keeps the rest
    assert send("another", 3200).status_code == 201
    assert set(IdempotentRequest.objects.values_list("key", flat=True)) == {"recent", "another"}
    # a retry within the retention is still a replay
    assert send("recent", 3100)["Idempotent-Replayed"] == "true"

    IdempotentRequest.objects.filter(key="another").update(created_at=long_ago)
    out = StringIO()
    call_command("purge-replays", stdout=out)
    assert "1 record(s) older than 30 days deleted, 1 kept" in out.getvalue()
    assert set(IdempotentRequest.objects.values_list("key", flat=True)) == {"recent"}


def test_a_replay_record_kept_in_the_clear_before_sealing_still_replays(own, treasurer):
    """A record from before answers were sealed is still answered (until its retention purges it)."""
    client = api(treasurer)
    pay = reverse("api:record-payment", kwargs={"code": own.code})
    body = {"member": "000001", "amount": 3000, "date": "2025-05-01"}
    first = client.post(pay, body, content_type="application/json", headers={"Idempotency-Key": "legacy"})
    IdempotentRequest.objects.filter(key="legacy").update(response=first.json())
    again = client.post(pay, body, content_type="application/json", headers={"Idempotency-Key": "legacy"})
    assert again.status_code == 201 and again.json() == first.json()


def test_a_replay_record_tells_requests_apart_by_a_keyed_digest(own, treasurer, settings):
    """The digest kept to tell a retry from another request covers a body that may carry a national ID: a
    plain SHA-256 of it could be reversed by trying every ID, so it is keyed (the same body under another
    key digests differently)."""
    client = api(treasurer)
    body = {"member": "000001", "amount": 3000, "date": "2025-05-01"}
    pay = reverse("api:record-payment", kwargs={"code": own.code})

    def send(key: str):
        return client.post(pay, body, content_type="application/json", headers={"Idempotency-Key": key})

    assert send("k1").status_code == 201
    settings.SAJJA_ID_HASH_KEY = "another-key-for-this-test"
    assert send("k2").status_code == 201
    first, second = (IdempotentRequest.objects.get(key=k).request_digest for k in ("k1", "k2"))
    assert len(first) == len(second) == 64 and first != second
