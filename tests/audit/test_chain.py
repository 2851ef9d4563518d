"""The audit chain: every write through a service appends one event (who, when, what, the data's digest),
each chained to the one before by SHA-256; `sajja audit verify` walks the chain and the books and names
the first record that was changed behind the services' back."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils import timezone

from sajja.access.policy import SYSTEM
from sajja.audit.models import GENESIS_HASH, AuditEvent, ChainHead
from sajja.core.errors import Conflict, ValidationFailed
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.models import Account, Line
from sajja.ledger.models import Entry as EntryRow
from sajja.ledger.services import close_period, post_entries, post_entry, reverse_entry
from sajja.registry.models import Person
from sajja.registry.services import change_member_status, create_group
from tests.audit.console import run_verify, sajja_console
from tests.audit.factories import entry_digest, event_fields
from tests.factories import contribution, enrol

HEX64 = set("0123456789abcdef")


def expected_hash(ev: AuditEvent) -> str:
    """The chain's rule: HMAC-SHA-256 under the chain's key (kept outside the database) over the event."""
    return hmac.new(settings.SAJJA_AUDIT_KEY.encode(), event_fields(ev), hashlib.sha256).hexdigest()


def new_events(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(seq__gt=since).order_by("seq"))


def last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


# --- every write appends one event -------------------------------------------------------------


def test_each_service_write_appends_one_event_with_actor_time_action_and_digest(
    own, foreign, own_member, treasurer_of_own
):
    t = treasurer_of_own
    before = timezone.now()
    writes = [
        ("create_group", lambda: create_group(t, own, "G02", "หมู่ 2", moo=2), ["registry.group.create"]),
        (
            "enrol_member (new person)",
            lambda: enrol(own, "3100600123450", first_name="บุญมี"),
            ["registry.person.create", "registry.member.enrol"],
        ),
        (
            "enrol_member (person known from another fund)",
            lambda: enrol(foreign, "1101400000006"),
            ["registry.member.enrol"],
        ),
        ("post_entry", lambda: post_entry(t, own, contribution("k1")), ["ledger.entries.post"]),
        (
            "post_entries",
            lambda: post_entries(
                t,
                own,
                [contribution("k2", satang=100), contribution("k3", satang=200)],
                action="import.batch",
            ),
            ["import.batch"],
        ),
        (
            "reverse_entry",
            lambda: reverse_entry(
                t, EntryRow.objects.get(idempotency_key="k1"), datetime.date(2025, 2, 17), "k1r"
            ),
            ["ledger.entries.post"],
        ),
        (
            "change_member_status",
            lambda: change_member_status(t, own_member, "lapsed", datetime.date(2025, 6, 1)),
            ["registry.member.status"],
        ),
        ("close_period", lambda: close_period(t, own, 2025, 1), ["ledger.period.close"]),
    ]
    for name, write, actions in writes:
        seq = last_seq()
        write()
        events = new_events(seq)
        assert [e.action for e in events] == actions, name
        for e in events:
            assert before <= e.at <= timezone.now(), name
            assert set(e.digest) <= HEX64 and len(e.digest) == 64, name
            assert e.object_type and e.object_id, name
    by_action = {e.action: e for e in AuditEvent.objects.all()}
    assert by_action["registry.group.create"].actor_id == t.pk
    assert by_action["ledger.period.close"].actor_id == t.pk
    assert by_action["ledger.period.close"].fund_id == own.pk
    assert by_action["registry.member.status"].object_id == str(own_member.pk)
    assert by_action["registry.person.create"].actor_id is None  # the command-line operator (SYSTEM)


def test_a_write_that_changes_nothing_or_is_refused_appends_nothing(own, own_member, treasurer_of_own):
    t = treasurer_of_own
    post_entry(t, own, contribution("k1"))
    close_period(t, own, 2025, 1)
    seq = last_seq()
    post_entry(t, own, contribution("k1"))  # a retry: the first entry comes back
    close_period(t, own, 2025, 1)  # closing a closed month changes nothing
    with pytest.raises(ValidationFailed) as unbalanced:
        post_entry(
            t, own, Entry(datetime.date(2025, 2, 1), "x", (Posting("1101", 5), Posting("1102", -4)), key="u")
        )
    assert unbalanced.value.code == "unbalanced"
    after_the_close = datetime.date(2025, 2, 1)  # January is closed: no one joins in it any more
    with pytest.raises(ValidationFailed) as mistyped:
        enrol(own, "1101400000007", joined_on=after_the_close)  # wrong checksum
    assert mistyped.value.code == "invalid_national_id"
    with pytest.raises(Conflict) as again:
        enrol(own, "1101400000006", joined_on=after_the_close)  # already a member
    assert again.value.code == "already_member"
    assert last_seq() == seq


def test_events_are_chained_by_keyed_sha256_from_genesis_to_the_head(books):
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].prev_hash == GENESIS_HASH
    for before, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == before.hash
    for event in events:
        assert event.hash == expected_hash(event)
    head = ChainHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (events[-1].seq, events[-1].hash)


def test_an_entry_event_digests_the_entries_it_posted(books, own):
    for event in AuditEvent.objects.filter(action="ledger.entries.post"):
        rows = list(EntryRow.objects.filter(audit_seq=event.seq).order_by("pk"))
        assert rows, event
        for row in rows:
            assert row.digest == entry_digest(row)
        combined = hashlib.sha256("\n".join(r.digest for r in rows).encode()).hexdigest()
        assert event.digest == combined
        assert event.fund_id == own.pk
    assert len(books["batch"]) == 2
    assert {r.audit_seq for r in books["batch"]} == {books["batch"][0].audit_seq}  # one call, one event


def test_the_chain_holds_no_personal_data(own):
    national_id = "3100600123450"
    birth = datetime.date(1957, 11, 23)
    member = enrol(own, national_id, first_name="ประภัสสร", last_name="วงศ์สวัสดิ์", birth_date=birth)
    person = Person.objects.get(pk=member.person_id)
    secrets = [
        national_id,
        "3-1006-00123-45-0",
        national_id[1:12],
        "ประภัสสร",
        "วงศ์สวัสดิ์",
        birth.isoformat(),
        "1957",
        person.national_id_hash,
        hashlib.sha256(national_id.encode()).hexdigest(),
    ]
    events = list(AuditEvent.objects.all())
    assert {e.action for e in events} == {"registry.person.create", "registry.member.enrol"}
    for event in events:
        for field in AuditEvent._meta.concrete_fields:
            value = str(getattr(event, field.attname))
            # A SHA-256 in hex holds any given four digits about once in a thousand: there, only the
            # secrets long enough not to turn up by chance (the ID, its hashes) are looked for.
            hex_digest = re.fullmatch(r"[0-9a-f]{64}", value) is not None
            for secret in secrets:
                if hex_digest and len(secret) < 13:
                    continue
                assert secret not in value, (field.name, secret)
    # objects are named by id, so erasing a person later leaves the chain intact
    assert {(e.object_type, e.object_id) for e in events} == {
        ("person", str(person.pk)),
        ("member", str(member.pk)),
    }


# --- verify on clean books -----------------------------------------------------------------------


def test_verify_passes_on_clean_books(books):
    error, output = run_verify()
    assert error is None
    assert f"chain intact ({AuditEvent.objects.count()} events)" in output


def test_verify_passes_on_an_empty_database(db):
    assert run_verify()[0] is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_console_command_exits_zero_on_clean_books_and_non_zero_naming_a_changed_line(own, own_member):
    entry = post_entry(SYSTEM, own, contribution("c-1", satang=3000))
    clean = sajja_console("audit", "verify")
    assert clean.returncode == 0, clean.stderr
    assert "chain intact" in clean.stdout

    cash_line = entry.lines.get(account__code="1101")
    Line.objects.filter(pk=cash_line.pk).update(amount=300000)
    broken = sajja_console("audit", "verify")
    assert broken.returncode != 0
    assert f"line #{cash_line.pk} of entry #{entry.pk}" in broken.stderr
    assert "3000 satang was posted" in broken.stderr


# --- tampering -----------------------------------------------------------------------------------


def test_a_changed_line_amount_is_named_with_its_entry_and_the_amount_posted(books):
    entry = books["first"]
    line = entry.lines.get(account__code="1101")
    Line.objects.filter(pk=line.pk).update(amount=line.amount + 100)
    error, written = run_verify()
    assert error == f"audit verify failed: first broken record is line #{line.pk} of entry #{entry.pk}"
    assert f"amount on account 1101 is {line.amount + 100} satang; {line.amount} satang was posted" in written


def test_a_changed_line_amount_in_raw_sql_is_found_too(books):
    entry = books["batch"][1]  # the three-line entry
    line = entry.lines.get(account__code="1102")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Line._meta.db_table} SET amount = %s WHERE id = %s", [-200, line.pk])
    error, _ = run_verify()
    assert error.endswith(f"line #{line.pk} of entry #{entry.pk}")


def test_a_balanced_change_of_two_lines_names_the_entry_and_its_lines(books):
    entry = books["batch"][0]
    ids = list(entry.lines.order_by("id").values_list("pk", flat=True))
    Line.objects.filter(pk=ids[0]).update(amount=F("amount") + 1000)
    Line.objects.filter(pk=ids[1]).update(amount=F("amount") - 1000)
    error, written = run_verify()
    assert error.endswith(f"entry #{entry.pk} (lines #{ids[0]}, #{ids[1]})")
    assert "its lines differ from what was posted" in written


def test_a_line_moved_to_another_account_names_the_entry(books, own):
    entry = books["first"]
    line = entry.lines.get(account__code="1101")
    Line.objects.filter(pk=line.pk).update(account=Account.objects.get(fund=own, code="1102"))
    error, _ = run_verify()
    assert f"entry #{entry.pk} (lines " in error and f"#{line.pk}" in error


def test_a_changed_memo_names_the_entry(books):
    entry = books["batch"][1]
    EntryRow.objects.filter(pk=entry.pk).update(memo="ค่าอื่นๆ")
    error, _ = run_verify()
    assert f"entry #{entry.pk}" in error


def test_a_changed_line_with_its_entry_redigested_names_the_event_that_recorded_it(books):
    entry = books["first"]
    Line.objects.filter(entry=entry, account__code="1101").update(amount=3500)
    Line.objects.filter(entry=entry, account__code="4101-000001").update(amount=-3500)
    EntryRow.objects.filter(pk=entry.pk).update(digest=entry_digest(entry))
    error, written = run_verify()
    assert error.endswith(f"audit event #{entry.audit_seq}")
    assert "the entries it recorded have changed" in written


def test_a_deleted_entry_of_a_batch_names_the_event_that_recorded_it(books):
    gone = books["batch"][0]
    Line.objects.filter(entry=gone).delete()
    EntryRow.objects.filter(pk=gone.pk).delete()
    error, _ = run_verify()
    assert error.endswith(f"audit event #{gone.audit_seq}")


def test_a_forged_entry_naming_an_event_past_the_chain_is_named(books, own):
    """A whole entry written behind the services' back, with its own digest and the totals made to fit."""
    cash, bank = Account.objects.get(fund=own, code="1101"), Account.objects.get(fund=own, code="1102")
    forged = EntryRow.objects.create(
        fund=own,
        date=datetime.date(2025, 3, 1),
        period=202503,
        memo="ถอนเงิน",
        kind="general",
        idempotency_key="forged",
        digest="",
        audit_seq=last_seq() + 7,
        created_at=timezone.now(),
    )
    Line.objects.create(entry=forged, account=cash, amount=50000)
    Line.objects.create(entry=forged, account=bank, amount=-50000)
    EntryRow.objects.filter(pk=forged.pk).update(digest=entry_digest(forged))
    Account.objects.filter(pk=cash.pk).update(debit_total=F("debit_total") + 50000)
    Account.objects.filter(pk=bank.pk).update(credit_total=F("credit_total") + 50000)
    error, written = run_verify()
    assert error.endswith(f"first broken record is entry #{forged.pk}")
    assert "which the chain does not hold" in written


@pytest.mark.parametrize("nth_read", [1, 2, 3])
def test_a_write_committed_while_verify_runs_is_not_taken_for_tampering(books, own, monkeypatch, nth_read):
    """verify reads the chain's head, then walks: a real write lands right after its n-th read of the head."""
    from sajja.audit import verify

    real_head, reads = verify._head, []

    def head_then_a_writer_commits():
        seen = real_head()
        reads.append(seen)
        if len(reads) == nth_read:
            post_entry(SYSTEM, own, contribution(f"late-{nth_read}", satang=700))
        return seen

    monkeypatch.setattr(verify, "_head", head_then_a_writer_commits)
    assert verify.verify_all() == []
    assert len(reads) >= nth_read and EntryRow.objects.filter(idempotency_key=f"late-{nth_read}").exists()


@pytest.mark.parametrize("code", ["1101", "4101-000001", "4101"])
def test_a_changed_running_total_names_the_account(books, own, code):
    account = Account.objects.get(fund=own, code=code)
    Account.objects.filter(pk=account.pk).update(debit_total=F("debit_total") + 1)
    error, written = run_verify()
    assert error.endswith(f"account #{account.pk} (own-fund {code})")
    assert "differ from its" in written


@pytest.mark.parametrize(
    "change",
    [
        {"digest": "0" * 64},
        {"action": "registry.group.create"},
        {"actor_id": 424242},
        {"object_id": "999"},
        {"at": datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)},
    ],
    ids=lambda change: next(iter(change)),
)
def test_an_edited_event_is_named(books, change):
    event = AuditEvent.objects.order_by("seq")[2]
    AuditEvent.objects.filter(pk=event.pk).update(**change)
    error, written = run_verify()
    assert error.endswith(f"first broken record is audit event #{event.seq}")
    assert "its content does not match its hash" in written


def test_an_edited_event_with_its_hash_recomputed_breaks_the_next_link(books):
    event = AuditEvent.objects.order_by("seq")[2]
    event.action = "registry.group.create"
    AuditEvent.objects.filter(pk=event.pk).update(action=event.action, hash=expected_hash(event))
    error, written = run_verify()
    assert error.endswith(f"audit event #{event.seq + 1}")
    assert "does not link to the event before it" in written


def test_a_deleted_event_is_named_as_a_gap(books):
    AuditEvent.objects.filter(seq=2).delete()
    error, written = run_verify()
    assert error.endswith("first broken record is audit event #2")
    assert "missing from the chain" in written


def test_several_deleted_events_are_named_as_one_gap(books):
    AuditEvent.objects.filter(seq__in=[2, 3]).delete()
    error, _ = run_verify()
    assert error.endswith("audit events #2-#3")


def test_the_deleted_last_event_is_named(books):
    last = AuditEvent.objects.order_by("-seq").first()
    last.delete()
    error, written = run_verify()
    assert error.endswith(f"audit event #{last.seq}")
    assert "missing from the end of the chain" in written


def test_a_deleted_single_entry_with_its_totals_fixed_is_found(books, own):
    entry = books["first"].reversed_by
    for line in entry.lines.all():
        side = "debit_total" if line.amount > 0 else "credit_total"
        Account.objects.filter(pk=line.account_id).update(**{side: F(side) - abs(line.amount)})
        Account.objects.filter(pk=line.account.parent_id).update(**{side: F(side) - abs(line.amount)})
    Line.objects.filter(entry=entry).delete()
    EntryRow.objects.filter(pk=entry.pk).delete()
    error, _ = run_verify()
    assert error is not None and f"audit event #{entry.audit_seq}" in error
