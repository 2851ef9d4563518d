"""The same payment in two files is never dropped as "already imported": it is a possible duplicate, and
the file is held until the treasurer confirms (a real second payment) or skips it. The same file sent
again is still recognised and posts nothing."""

from __future__ import annotations

import datetime
import hashlib
import hmac

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sajja.access.policy import SYSTEM
from sajja.contributions.imports import (
    ImportHeld,
    ImportRefused,
    already_imported_text,
    import_payments,
    plan_import,
    post_plan,
    read_file,
)
from sajja.contributions.models import Receipt
from sajja.contributions.reading import server_digest_key
from sajja.contributions.services import cancel_receipt, record_payment
from sajja.contributions.validation import Payment
from sajja.ledger.models import Entry
from sajja.ledger.services import close_period
from sajja.registry.models import Member
from sajja.registry.services import change_member_status
from tests.contributions.factories import TODAY, csv_bytes, row_counts
from tests.factories import enrol, token_for

HEADER = ["member", "date", "amount", "channel", "receipt"]
PAID = ["000001", "2026-11-16", "30", "cash", ""]
OTHER = ["000002", "2026-11-16", "60", "cash", ""]
THIRD = ["000002", "2026-11-17", "90", "cash", ""]


@pytest.fixture
def members(own, own_member):
    return own_member, enrol(own, "3100600123468", first_name="บุญมา", sex="M")


def _import(treasurer, own, name, rows, **kwargs):
    return import_payments(treasurer, own, name, csv_bytes([HEADER, *rows]), today=TODAY, **kwargs)


def _held(treasurer, own, name, rows):
    before = row_counts()
    with pytest.raises(ImportHeld) as held:
        _import(treasurer, own, name, rows)
    assert row_counts() == before  # held: nothing written
    assert held.value.status == 409
    return held.value.report


def test_the_same_payment_in_another_file_is_held_naming_the_earlier_receipt(own, members, treasurer):
    """Today's bug: the second file said "1 already imported" and the member's second payment was lost."""
    first = _import(treasurer, own, "monday.csv", [PAID])
    number = first.receipts[0].number
    report = _held(treasurer, own, "tuesday.csv", [OTHER, PAID])
    assert [(r.file, r.row, r.code, r.value) for r in report] == [
        ("tuesday.csv", 3, "possible_duplicate", "1")
    ]
    assert f"receipt {number}" in report[0].message_en and f"ใบเสร็จเลขที่ {number}" in report[0].message_th


def test_confirmed_the_second_payment_is_recorded(own, members, treasurer):
    _import(treasurer, own, "monday.csv", [PAID])
    result = _import(treasurer, own, "tuesday.csv", [OTHER, PAID], duplicates="confirm")
    assert (result.created, result.confirmed, result.skipped) == (2, 1, [])
    assert Receipt.objects.filter(member__number="000001", amount=3000).count() == 2
    # the confirmed file sent again is recognised: nothing more
    before = row_counts()
    again = _import(treasurer, own, "tuesday.csv", [OTHER, PAID])
    assert (again.created, again.count) == (0, 2) and row_counts() == before


def test_skipped_the_rest_of_the_file_is_recorded_and_the_file_stays_recognised(own, members, treasurer):
    _import(treasurer, own, "monday.csv", [PAID])
    result = _import(treasurer, own, "tuesday.csv", [OTHER, PAID], duplicates="skip")
    assert (result.created, result.skipped) == (1, [3])
    assert [r.member.number for r in result.receipts] == ["000002"]
    before = row_counts()
    again = _import(treasurer, own, "tuesday.csv", [OTHER, PAID])  # no decision needed: seen before
    assert (again.created, again.count, again.skipped) == (0, 1, [3]) and row_counts() == before


def test_the_same_file_sent_again_posts_nothing_and_is_not_held(own, members, treasurer):
    _import(treasurer, own, "monday.csv", [PAID, OTHER])
    before = row_counts()
    again = _import(treasurer, own, "monday-copy.csv", [PAID, OTHER])  # the same rows, another name
    assert (again.created, again.count) == (0, 2) and row_counts() == before


def test_identical_rows_of_one_file_are_possible_duplicates_of_the_first(own, members, treasurer):
    report = _held(treasurer, own, "twice.csv", [PAID, OTHER, PAID])
    assert [(r.row, r.code) for r in report] == [(4, "possible_duplicate")]
    assert "row 2 of this file" in report[0].message_en and "แถว 2" in report[0].message_th
    assert _import(treasurer, own, "twice.csv", [PAID, OTHER, PAID], duplicates="skip").created == 2


def test_a_member_named_by_number_and_by_national_id_is_the_same_member(own, members, treasurer):
    """The old open point: the same payment in two files, the member named once by number and once by
    national ID, posted twice. Matched on the member the row names, it is held."""
    _import(treasurer, own, "by-number.csv", [PAID])
    by_id = ["1-1014-00000-00-6", *PAID[1:]]
    report = _held(treasurer, own, "by-id.csv", [by_id])
    assert [(r.row, r.code) for r in report] == [(2, "possible_duplicate")]
    assert Receipt.objects.filter(member__number="000001").count() == 1


def test_a_paper_receipt_number_is_never_a_duplicate_of_another_number(own, members, treasurer):
    _import(treasurer, own, "a.csv", [[*PAID[:4], "A-1"]])
    result = _import(treasurer, own, "b.csv", [[*PAID[:4], "A-2"]])  # same payment, its own paper receipt
    assert result.created == 1
    with_number_vs_none = _import(treasurer, own, "c.csv", [PAID])  # no paper number vs
    assert with_number_vs_none.created == 1


def test_the_same_paper_receipt_again_is_a_possible_duplicate_that_cannot_be_confirmed(
    own, members, treasurer
):
    _import(treasurer, own, "a.csv", [[*PAID[:4], "A-1"]])
    report = _held(treasurer, own, "b.csv", [OTHER, [*PAID[:4], "A-1"]])
    assert [(r.row, r.code) for r in report] == [(3, "possible_duplicate")]
    with pytest.raises(ImportRefused) as refused:
        _import(treasurer, own, "b.csv", [OTHER, [*PAID[:4], "A-1"]], duplicates="confirm")
    assert [(r.row, r.code) for r in refused.value.report] == [(3, "duplicate_receipt")]
    assert _import(treasurer, own, "b.csv", [OTHER, [*PAID[:4], "A-1"]], duplicates="skip").created == 1


def test_a_payment_of_another_kind_or_a_cancelled_receipt_is_no_duplicate(own, members, treasurer):
    first = _import(treasurer, own, "a.csv", [PAID])
    assert _import(treasurer, own, "b.csv", [[*PAID[:3], "promptpay", ""]]).created == 1  # another channel
    cancel_receipt(treasurer, first.receipts[0], TODAY, "typed twice")
    # (a file of the very rows of a.csv would be a.csv sent again: it is given another row)
    assert _import(treasurer, own, "c.csv", [PAID, THIRD]).created == 2


def test_a_payment_recorded_by_the_form_is_matched_too(own, members, treasurer):
    record_payment(
        treasurer, own, Payment("000001", 3000, datetime.date(2026, 11, 16), key="web:x"), today=TODAY
    )
    assert [r.code for r in _held(treasurer, own, "a.csv", [PAID])] == ["possible_duplicate"]


# --- what changed between the check (no lock) and the post (under the lock) ---------------------------


def _plan(own, rows, decision=None, token=None):
    data = csv_bytes([HEADER, *rows])
    return plan_import(own, "late.csv", read_file("late.csv", data), TODAY, decision, token)


def test_a_duplicate_recorded_while_the_file_was_checked_holds_it(own, members, treasurer):
    plan = _plan(own, [OTHER, PAID])
    record_payment(
        treasurer, own, Payment("000001", 3000, datetime.date(2026, 11, 16), key="web:y"), today=TODAY
    )
    before = row_counts()
    with pytest.raises(ImportHeld) as held:
        post_plan(treasurer, own, plan)
    assert row_counts() == before
    assert [(r.row, r.code) for r in held.value.report] == [(3, "possible_duplicate")]


def test_a_member_who_resigned_or_a_month_closed_meanwhile_refuses_the_file(own, members, treasurer):
    plan = _plan(own, [OTHER, PAID])
    change_member_status(SYSTEM, Member.objects.get(number="000002"), "resigned", TODAY)
    with pytest.raises(ImportRefused) as refused:
        post_plan(treasurer, own, plan)
    assert [r.code for r in refused.value.report] == ["member_resigned"]
    plan = _plan(own, [PAID])
    close_period(SYSTEM, own, 2026, 11, today=datetime.date(2026, 12, 1))  # closed the day November ended
    with pytest.raises(ImportRefused) as refused:
        post_plan(treasurer, own, plan)
    assert {r.code for r in refused.value.report} == {"period_closed"}


def test_the_same_file_posted_meanwhile_posts_nothing_more(own, members, treasurer):
    plan = _plan(own, [OTHER, PAID])
    post_plan(treasurer, own, _plan(own, [OTHER, PAID]))
    before = row_counts()
    late = post_plan(treasurer, own, plan)
    assert (late.created, late.count) == (0, 2) and row_counts() == before


def test_another_funds_write_meanwhile_needs_no_check_again(own, members, treasurer, foreign, foreign_member):
    plan = _plan(own, [OTHER, PAID])
    record_payment(
        SYSTEM, foreign, Payment("000001", 3000, datetime.date(2026, 11, 16), key="f"), today=TODAY
    )
    assert post_plan(treasurer, own, plan).created == 2


# --- the CLI, the API and the page --------------------------------------------------------------------


def test_the_cli_holds_then_confirms_or_skips(own, members, tmp_path, capsys):
    call_command("import", "payments", "--fund", own.code, str(_file(tmp_path, "a.csv", [PAID])))
    second = _file(tmp_path, "b.csv", [OTHER, PAID])
    with pytest.raises(CommandError, match="--confirm-duplicates"):
        call_command("import", "payments", "--fund", own.code, str(second))
    assert "row 3" in capsys.readouterr().err
    call_command("import", "payments", "--fund", own.code, "--skip-duplicates", str(second))
    assert "1 skipped as duplicates" in capsys.readouterr().out
    third = _file(tmp_path, "c.csv", [PAID, THIRD])
    call_command("import", "payments", "--fund", own.code, "--confirm-duplicates", str(third))
    assert "1 possible duplicates confirmed" in capsys.readouterr().out
    assert Receipt.objects.filter(member__number="000001").count() == 2


def _file(tmp_path, name, rows):
    path = tmp_path / name
    path.write_bytes(csv_bytes([HEADER, *rows]))
    return path


def test_the_api_holds_with_409_then_takes_the_decision(own, members, treasurer):
    _import(treasurer, own, "a.csv", [PAID])
    url = reverse("api:import-payments", kwargs={"code": own.code})
    api = Client(headers={"Authorization": f"Bearer {token_for(treasurer)}", "Idempotency-Key": "dup-1"})
    data = csv_bytes([HEADER, OTHER, PAID])
    held = api.post(url, {"file": SimpleUploadedFile("b.csv", data)})
    assert held.status_code == 409, held.content
    assert [(e["code"], e["where"]) for e in held.json()["errors"]] == [
        ("possible_duplicate", "b.csv: row 3 (1)")
    ]
    token = held.headers["Duplicates-Token"]
    done = api.post(
        url + f"?duplicates=skip&duplicates_token={token}", {"file": SimpleUploadedFile("b.csv", data)}
    )
    assert done.status_code == 201, done.content
    assert (done.json()["created"], done.json()["skipped"]) == (1, [3])
    bad = api.post(url + "?duplicates=maybe", {"file": SimpleUploadedFile("b.csv", data)})
    assert bad.status_code in (400, 422)


def test_the_page_shows_the_held_rows_and_a_box_to_confirm_them(own, members, treasurer):
    _import(treasurer, own, "a.csv", [PAID])
    web = Client()
    web.force_login(treasurer)
    url = reverse("contributions:payment-import", kwargs={"code": own.code})
    data = csv_bytes([HEADER, OTHER, PAID])
    page = web.post(url, {"file": SimpleUploadedFile("b.csv", data)})
    assert page.status_code == 200 and b'name="confirm_duplicates"' in page.content
    held = page.context["held"]
    assert f'name="duplicates_token" value="{held}"'.encode() in page.content
    assert [r.code for r in page.context["report"]] == ["possible_duplicate"]
    assert Receipt.objects.count() == 1
    done = web.post(
        url, {"file": SimpleUploadedFile("b.csv", data), "duplicates_token": held, "confirm_duplicates": "1"}
    )
    assert done.status_code == 302 and Receipt.objects.count() == 3


# --- the decision is bound to the report it answers (the held duplicates' token) -----------------------


def _record(treasurer, own, row, key):
    member, day, amount = row[0], datetime.date.fromisoformat(row[1]), int(row[2]) * 100
    return record_payment(treasurer, own, Payment(member, amount, day, key=key), today=TODAY)


@pytest.mark.parametrize("decision", ["confirm", "skip"])
def test_a_decision_sent_after_the_duplicates_changed_holds_the_file_again(own, members, treasurer, decision):
    """Held for row 3; before the treasurer answers, row 2's payment is recorded by the form. The answer
    (given for row 3 only) must not decide row 2 silently: the file is held again, with the new report."""
    _import(treasurer, own, "a.csv", [PAID])
    with pytest.raises(ImportHeld) as first:
        _import(treasurer, own, "b.csv", [OTHER, PAID])
    assert first.value.token and [r.row for r in first.value.report] == [3]
    _record(treasurer, own, OTHER, "web:meanwhile")
    before = row_counts()
    with pytest.raises(ImportHeld) as again:
        _import(treasurer, own, "b.csv", [OTHER, PAID], duplicates=decision, token=first.value.token)
    assert row_counts() == before
    assert [r.row for r in again.value.report] == [2, 3] and again.value.token != first.value.token
    result = _import(treasurer, own, "b.csv", [OTHER, PAID], duplicates=decision, token=again.value.token)
    assert result.created == (2 if decision == "confirm" else 0)


def test_a_token_of_another_file_decides_nothing(own, members, treasurer):
    _import(treasurer, own, "a.csv", [PAID])
    with pytest.raises(ImportHeld) as held:
        _import(treasurer, own, "b.csv", [OTHER, PAID])
    before = row_counts()
    with pytest.raises(ImportHeld) as again:  # c.csv says something else: b.csv's answer is not its answer
        _import(treasurer, own, "c.csv", [THIRD, PAID], duplicates="confirm", token=held.value.token)
    assert row_counts() == before
    assert [(r.row, r.code) for r in again.value.report] == [(3, "possible_duplicate")]
    assert again.value.token != held.value.token and again.value.changed


def test_a_duplicate_found_under_the_lock_holds_a_decided_file_again(own, members, treasurer):
    _import(treasurer, own, "a.csv", [PAID])
    with pytest.raises(ImportHeld) as held:
        _plan(own, [OTHER, PAID])
    plan = _plan(own, [OTHER, PAID], "confirm", held.value.token)
    _record(treasurer, own, OTHER, "web:meanwhile")  # row 2 now repeats a receipt too
    before = row_counts()
    with pytest.raises(ImportHeld) as again:
        post_plan(treasurer, own, plan)
    assert row_counts() == before and [r.row for r in again.value.report] == [2, 3]


def test_the_clis_decision_holds_again_when_the_lock_finds_other_duplicates(own, members, treasurer):
    """The command line decides on what it finds in the same run (no token); if what the re-check under
    the lock finds differs, the file is held again and nothing is written."""
    _import(treasurer, own, "a.csv", [PAID])
    plan = _plan(own, [OTHER, PAID], "skip")  # decided on row 3 as found now
    _record(treasurer, own, OTHER, "web:meanwhile")
    before = row_counts()
    with pytest.raises(ImportHeld) as held:
        post_plan(treasurer, own, plan)
    assert row_counts() == before and [r.row for r in held.value.report] == [2, 3]


def test_the_api_wants_the_token_with_the_decision_and_holds_again_on_a_stale_one(own, members, treasurer):
    _import(treasurer, own, "a.csv", [PAID])
    url = reverse("api:import-payments", kwargs={"code": own.code})
    api = Client(headers={"Authorization": f"Bearer {token_for(treasurer)}", "Idempotency-Key": "dup-2"})
    data = csv_bytes([HEADER, OTHER, PAID])
    held = api.post(url, {"file": SimpleUploadedFile("b.csv", data)})
    assert held.status_code == 409 and held.headers["Duplicates-Token"]
    assert set(held.json()) == {"code", "message_th", "message_en", "errors"}  # the one error shape
    assert f"duplicates_token={held.headers['Duplicates-Token']}" in held.json()["message_en"]
    untied = api.post(url + "?duplicates=confirm", {"file": SimpleUploadedFile("b.csv", data)})
    assert untied.status_code == 400 and untied.json()["code"] == "duplicates_token_required"
    _record(treasurer, own, OTHER, "web:meanwhile")
    before = row_counts()
    stale = api.post(
        url,
        {
            "file": SimpleUploadedFile("b.csv", data),
            "duplicates": "confirm",
            "duplicates_token": held.headers["Duplicates-Token"],
        },
    )  # as form fields, beside the file
    assert stale.status_code == 409 and row_counts() == before
    assert [e["where"] for e in stale.json()["errors"]] == ["b.csv: row 2 (2)", "b.csv: row 3 (1)"]
    token = stale.headers["Duplicates-Token"]
    assert token != held.headers["Duplicates-Token"]
    done = api.post(
        url + f"?duplicates=confirm&duplicates_token={token}", {"file": SimpleUploadedFile("b.csv", data)}
    )
    assert done.status_code == 201 and done.json()["created"] == 2


def test_the_page_holds_again_when_the_duplicates_changed(own, members, treasurer):
    _import(treasurer, own, "a.csv", [PAID])
    web = Client()
    web.force_login(treasurer)
    url = reverse("contributions:payment-import", kwargs={"code": own.code})
    data = csv_bytes([HEADER, OTHER, PAID])
    held = web.post(url, {"file": SimpleUploadedFile("b.csv", data)}).context["held"]
    _record(treasurer, own, OTHER, "web:meanwhile")
    again = web.post(
        url, {"file": SimpleUploadedFile("b.csv", data), "duplicates_token": held, "confirm_duplicates": "1"}
    )
    assert again.status_code == 200 and Receipt.objects.count() == 2
    assert [r.row for r in again.context["report"]] == [2, 3] and again.context["held"] != held


# --- a new file that says what an earlier file said ----------------------------------------------------


def test_a_new_file_identical_to_an_earlier_one_is_reported_and_can_be_recorded_as_new(
    own, members, treasurer
):
    """Two files of one row each, the same row: the member really paid twice. The second file is not an
    ordinary "already imported": it says when, with which receipts, and how to record it as new."""
    first = _import(treasurer, own, "monday.csv", [PAID])
    before = row_counts()
    second = _import(treasurer, own, "tuesday.csv", [PAID])
    assert row_counts() == before and second.created == 0
    # the day the first file was imported is its stored timestamp's: today, whatever day that is
    assert second.already_imported_on == timezone.localdate()
    assert second.already_receipts == [first.receipts[0].number] and second.token
    th, en = already_imported_text(second)
    assert f"already imported on {timezone.localdate():%Y-%m-%d}" in en and "receipt 1" in en
    assert "if these are new payments" in en and "นำเข้าแล้วเมื่อ" in th and "ใบเสร็จเลขที่ 1" in th
    confirmed = _import(treasurer, own, "tuesday.csv", [PAID], duplicates="confirm", token=second.token)
    assert (confirmed.created, confirmed.confirmed) == (1, 1)
    assert [r.number for r in Receipt.objects.filter(member__number="000001", amount=3000)] == [1, 2]
    before = row_counts()
    third = _import(treasurer, own, "wednesday.csv", [PAID])  # a third time, no decision: nothing
    assert third.created == 0 and row_counts() == before
    assert third.already_receipts == [2] and third.token not in (None, second.token)
    # the confirmation sent twice (a double click, a retry) records it once
    again = _import(treasurer, own, "tuesday.csv", [PAID], duplicates="confirm", token=second.token)
    assert again.created == 0 and row_counts() == before


def test_a_file_imported_before_is_recorded_as_new_only_with_its_token(own, members, treasurer):
    _import(treasurer, own, "monday.csv", [PAID, OTHER])
    before = row_counts()
    for decision in ("confirm", "skip"):  # the command line's word alone (no token) is no such answer
        assert _import(treasurer, own, "copy.csv", [PAID, OTHER], duplicates=decision).created == 0
    assert row_counts() == before


def test_the_cli_says_a_file_was_imported_before_and_records_it_anew_with_the_token(
    own, members, tmp_path, capsys
):
    call_command("import", "payments", "--fund", own.code, str(_file(tmp_path, "a.csv", [PAID])))
    capsys.readouterr()
    second = _file(tmp_path, "b.csv", [PAID])
    call_command("import", "payments", "--fund", own.code, str(second))
    err = capsys.readouterr().err
    # the day a.csv was imported: its stored timestamp's, today whatever day that is
    assert f"already imported on {timezone.localdate():%Y-%m-%d}" in err and "receipt 1" in err
    assert "นำเข้าแล้วเมื่อ" in err and "--duplicates-token" in err
    token = err.split("--duplicates-token ")[1].split()[0]
    call_command("import", "payments", "--fund", own.code, "--confirm-duplicates", str(second))
    assert Receipt.objects.count() == 1  # no token: nothing recorded anew
    call_command(
        "import",
        "payments",
        "--fund",
        own.code,
        "--confirm-duplicates",
        "--duplicates-token",
        token,
        str(second),
    )
    assert Receipt.objects.filter(member__number="000001").count() == 2


def test_the_api_says_a_file_was_imported_before_and_records_it_anew_with_the_token(own, members, treasurer):
    _import(treasurer, own, "a.csv", [PAID])
    url = reverse("api:import-payments", kwargs={"code": own.code})
    api = Client(headers={"Authorization": f"Bearer {token_for(treasurer)}", "Idempotency-Key": "again-1"})
    data = csv_bytes([HEADER, PAID])
    answer = api.post(url, {"file": SimpleUploadedFile("b.csv", data)})
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["created"], body["already_imported_on"], body["already_imported_receipts"]) == (
        0,
        timezone.localdate().isoformat(),  # a.csv's stored timestamp: today, whatever day that is
        [1],
    )
    assert "already imported on" in body["warning_en"] and "นำเข้าแล้วเมื่อ" in body["warning_th"]
    assert body["duplicates_token"] in body["warning_en"]
    api = Client(headers={"Authorization": f"Bearer {token_for(treasurer)}", "Idempotency-Key": "again-2"})
    anew = api.post(
        url + f"?duplicates=confirm&duplicates_token={body['duplicates_token']}",
        {"file": SimpleUploadedFile("b.csv", data)},
    )
    assert anew.status_code == 201 and (anew.json()["created"], anew.json()["receipts"]) == (1, [2])
    assert anew.json()["already_imported_on"] is None


def test_the_page_says_a_file_was_imported_before_and_records_it_anew_when_ticked(own, members, treasurer):
    _import(treasurer, own, "a.csv", [PAID])
    web = Client()
    web.force_login(treasurer)
    url = reverse("contributions:payment-import", kwargs={"code": own.code})
    data = csv_bytes([HEADER, PAID])
    page = web.post(url, {"file": SimpleUploadedFile("b.csv", data)})
    text = page.content.decode()
    assert page.status_code == 200 and "นำเข้าแล้วเมื่อ" in text and "ใบเสร็จเลขที่ 1" in text
    token = page.context["held"]
    assert f'name="duplicates_token" value="{token}"' in text and 'name="confirm_duplicates"' in text
    assert Receipt.objects.count() == 1
    done = web.post(
        url, {"file": SimpleUploadedFile("b.csv", data), "duplicates_token": token, "confirm_duplicates": "1"}
    )
    assert done.status_code == 302 and Receipt.objects.count() == 2


# --- the file's digest is keyed ------------------------------------------------------------------------


def test_the_file_digest_in_the_keys_is_an_hmac_under_the_servers_key(own, members, treasurer):
    """A one-row file's plain SHA-256 could be reversed by trying every national ID (10^12): the digest
    kept in the entries' keys is an HMAC under the server's key."""
    row = ["1-1014-00000-00-6", "2026-11-16", "30", "cash", ""]
    _import(treasurer, own, "by-id.csv", [row])
    [key] = Entry.objects.filter(fund=own).values_list("idempotency_key", flat=True)
    said = b"1101400000006\x1f2026-11-16\x1f3000\x1fcash\x1f\x1fcontribution\x1e"
    plain = hashlib.sha256(said).hexdigest()
    assert key.startswith("file:") and plain[:40] not in key
    keyed = hmac.new(server_digest_key(), said, hashlib.sha256).hexdigest()
    assert key == f"file:{keyed[:40]}:1"  # the same rows under the same key: the same file
