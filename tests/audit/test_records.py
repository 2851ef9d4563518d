"""The records of identity and money outside the books' entries (audit.records), against the latest audit
event that wrote each: a record changed, a record no service wrote, a record deleted, and a later write
through a service, which the latest event covers."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction

from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent
from sajja.audit.records import MEMBER, digest_of_record
from sajja.audit.verify import verify_all, verify_records
from sajja.contributions.month_end.services import close_through
from sajja.contributions.services import Payment, record_payments
from sajja.registry.models import Beneficiary, Member, MemberStatusChange, Person
from sajja.registry.services import (
    BeneficiaryData,
    Enrolment,
    PersonData,
    change_member_status,
    enrol_member,
)
from tests.audit.factories import DEFER_FK

D = datetime.date


def _problems_after(sql: str, params=()) -> list:
    """verify's problems after a statement run behind the services' back (foreign keys checked at the
    commit, which never comes: rolled back)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(DEFER_FK[connection.vendor])
            cursor.execute(sql, params)
        problems = verify_all()
        transaction.set_rollback(True)
    return problems


def test_a_deleted_member_or_person_is_caught_and_named(own, own_member):
    assert verify_all() == []
    member = Member.objects.get(pk=own_member.pk)
    problems = _problems_after(f"DELETE FROM {Member._meta.db_table} WHERE id = %s", [member.pk])
    assert problems[0].record == f"member #{member.pk}"
    assert "recorded it, and it is gone" in problems[0].message
    problems = _problems_after(f"DELETE FROM {Person._meta.db_table} WHERE id = %s", [member.person_id])
    assert problems[0].record == f"person #{member.person_id}"
    assert "it is gone" in problems[0].message


def test_a_beneficiary_or_status_line_deleted_names_its_member(own):
    member = enrol_member(
        SYSTEM,
        own,
        Enrolment(
            PersonData("1101400000022", "มาลี", "ทองคำ", D(1958, 2, 3), "F"),
            D(2025, 1, 1),
            "G01",
            (BeneficiaryData("บุญส่ง ทองคำ", "บุตร", 100),),
        ),
    )
    assert verify_all() == []
    for table in (Beneficiary._meta.db_table, MemberStatusChange._meta.db_table):
        problems = _problems_after(f"DELETE FROM {table} WHERE member_id = %s", [member.pk])
        assert problems[0].record == f"member #{member.pk} (own-fund no. {member.number})", table
        assert "changed since audit event" in problems[0].message


def test_a_person_or_member_inserted_by_hand_is_caught(own, own_member):
    person = Person.objects.create(
        national_id_encrypted=b"x",
        national_id_hash="f" * 64,
        first_name="ก",
        last_name="ข",
        birth_date=D(1970, 1, 1),
        sex="F",
    )
    problems = verify_records()
    assert [(p.record, p.message) for p in problems] == [
        (f"person #{person.pk}", "no audit event recorded it")
    ]
    member = Member.objects.create(
        fund=own, person=person, number="000099", joined_on=D(2025, 1, 1), status_since=D(2025, 1, 1)
    )
    records = [p.record for p in verify_records()]
    assert f"member #{member.pk} (own-fund no. 000099)" in records


def test_a_later_write_through_the_service_is_compared_with_the_latest_event(own, own_member):
    change_member_status(SYSTEM, own_member, "resigned", D(2025, 6, 1), "ลาออก")
    assert verify_all() == []
    latest = AuditEvent.objects.filter(object_type="member", object_id=str(own_member.pk)).latest("seq")
    assert latest.action == "registry.member.status"
    assert latest.digest == digest_of_record(MEMBER, own_member.pk)
    # the resignation undone behind the service's back: the member no longer is what the event recorded
    Member.objects.filter(pk=own_member.pk).update(status="active", status_since=D(2025, 1, 1))
    problems = verify_all()
    assert problems[0].record == f"member #{own_member.pk} (own-fund no. {own_member.number})"
    assert problems[0].message == f"changed since audit event #{latest.seq} recorded it"


def test_a_close_records_each_lapse_it_derives(own, own_member):
    """own_member joined 1 Jan 2025 and paid 30 baht then: by October 2026 they lapsed. The close writes
    one event per member it changed (together), each digesting the member with the lapse."""
    record_payments(
        SYSTEM, own, [Payment(own_member.number, 30_00, D(2025, 1, 1), key="p1")], today=D(2026, 11, 26)
    )
    close_through(SYSTEM, own, "2026-10", today=D(2026, 11, 26))
    own_member.refresh_from_db()
    assert own_member.status == "lapsed"
    derived = AuditEvent.objects.filter(action="registry.member.status.derived")
    assert list(derived.values_list("object_type", "object_id")) == [("member", str(own_member.pk))]
    assert verify_all() == []
    # the lapse's line of history rewritten: named as the member, against the close's event
    MemberStatusChange.objects.filter(member=own_member, status="lapsed").update(effective_on=D(2026, 12, 1))
    problems = verify_all()
    assert problems[0].record.startswith(f"member #{own_member.pk} ")
    assert problems[0].message == f"changed since audit event #{derived.get().seq} recorded it"


@pytest.mark.parametrize("batch", [1, 2, 5000])
def test_records_verify_in_batches_of_any_size(own, own_member, foreign_member, batch):
    assert list(verify_records(batch)) == []
    Person.objects.filter(pk=foreign_member.person_id).update(first_name="x")
    assert [p.record for p in verify_records(batch)] == [f"person #{foreign_member.person_id}"]


def test_an_event_naming_receipts_in_an_older_form_is_named_not_a_crash(own):
    """Receipts issued before they were digested were recorded as object "FUND": verify names that event
    (the database predates the checks and must be rebuilt) instead of ending in a traceback."""
    from sajja.audit.chain import RECEIPTS_OBJECT
    from sajja.audit.services import record

    with transaction.atomic():
        record(SYSTEM, "contributions.payments.record", RECEIPTS_OBJECT, str(own.pk), fund_id=own.pk, data=[])
    problems = verify_all()
    assert any("names receipts as" in p.message and p.record.startswith("audit event #") for p in problems)
