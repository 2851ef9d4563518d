"""Importing a payments file through the API: the same all-or-nothing import as the upload page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sajja.contributions.models import Receipt
from tests.contributions.factories import GOOD, csv_bytes, import_client, import_url, row_counts, xlsx_bytes
from tests.factories import enrol


@pytest.fixture
def two(own, own_member):
    enrol(own, "3100600123450", first_name="บุญมี", sex="M")
    return own


def test_a_file_uploaded_as_a_form_posts_every_row_once(two, treasurer):
    upload = SimpleUploadedFile("november.csv", csv_bytes(GOOD))
    response = import_client(treasurer, "imp-1").post(import_url(two), {"file": upload})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["file"], body["rows"], body["created"], body["already"]) == ("november.csv", 3, 3, 0)
    assert body["total"] == 3000 + 109500 + 36500 and body["receipts"] == [1, 2, 3]
    before = row_counts()
    again = import_client(treasurer, "imp-2").post(
        import_url(two), {"file": SimpleUploadedFile("november.csv", csv_bytes(GOOD))}
    )
    assert again.status_code == 201 and (again.json()["created"], again.json()["already"]) == (0, 3)
    assert again.json()["receipts"] == [1, 2, 3]
    assert row_counts()["receipts"] == before["receipts"] and row_counts()["entries"] == before["entries"]


def test_a_file_sent_as_the_body_is_named_by_the_query(two, treasurer):
    response = import_client(treasurer, "imp-x").post(
        import_url(two, name="nov.xlsx"), xlsx_bytes(GOOD), content_type="application/octet-stream"
    )
    assert response.status_code == 201 and response.json()["created"] == 3
    assert Receipt.objects.count() == 3


def test_a_file_with_one_bad_row_is_refused_whole_naming_the_row(two, treasurer):
    rows = [*GOOD, ["000009", "2026-11-18", "30", "", ""]]
    before = row_counts()
    response = import_client(treasurer, "imp-bad").post(
        import_url(two), {"file": SimpleUploadedFile("nov.csv", csv_bytes(rows))}
    )
    assert response.status_code == 400 and row_counts() == before
    errors = response.json()["errors"]
    assert [(e["code"], e["where"]) for e in errors] == [
        ("unknown_member", "nov.csv: row 5, column member (000009)")
    ]
    assert errors[0]["message_th"] == "ไม่พบสมาชิก 000009 ในกองทุนนี้"


def test_a_form_without_the_file_field_is_refused(two, treasurer):
    response = import_client(treasurer, "imp-none").post(
        import_url(two), {"other": SimpleUploadedFile("a.csv", b"x")}
    )
    assert response.status_code == 400 and response.json()["errors"][0]["where"] == "file"


def test_the_same_key_replays_the_first_answer_and_writes_nothing(two, treasurer):
    api = import_client(treasurer, "imp-replay")
    first = api.post(import_url(two), {"file": SimpleUploadedFile("nov.csv", csv_bytes(GOOD))})
    before = row_counts()
    second = api.post(import_url(two), {"file": SimpleUploadedFile("nov.csv", csv_bytes(GOOD))})
    assert second.json() == first.json() and second["Idempotent-Replayed"] == "true"
    assert row_counts() == before
