"""The registry: enrolment with a checked national ID (encrypted at rest, found by a keyed hash, shown
masked), DOPA address codes, beneficiaries, member status with its history, one person in many funds,
and the member's sub-ledger account opened with each enrolment."""

from __future__ import annotations

import datetime
import hashlib
import hmac

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from sajja.access.models import Role
from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent
from sajja.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from sajja.core.thai_id import mask_national_id
from sajja.ledger.models import Account
from sajja.ledger.services import close_period
from sajja.registry.crypto import decrypt_national_id, encrypt_national_id, national_id_hash
from sajja.registry.models import Beneficiary, Group, Member, MemberStatusChange, Person
from sajja.registry.selectors import members_for, national_id_shown
from sajja.registry.services import change_member_status, create_group, enrol_member
from tests.factories import user_with
from tests.registry.factories import ID_A, ID_B, ID_C, enrolment

SONGKHLA = {"province_code": "90", "district_code": "9011", "subdistrict_code": "901102"}


def written() -> dict[str, int]:
    models = (Person, Member, MemberStatusChange, Beneficiary, Account, Group, AuditEvent)
    return {m.__name__: m.objects.count() for m in models}


def refused(exc_type, call) -> list:
    """Run a write that must be refused; return its errors after checking that nothing was written."""
    before = written()
    with pytest.raises(exc_type) as caught:
        call()
    assert written() == before
    return getattr(caught.value, "errors", [caught.value])


# --- the national ID -----------------------------------------------------------------------------


def test_a_wrong_checksum_is_refused_in_thai_and_english_and_nothing_is_written(own, treasurer_of_own):
    errors = refused(
        ValidationFailed, lambda: enrol_member(treasurer_of_own, own, enrolment("1101400000007"))
    )
    [error] = errors
    assert (error.code, error.where) == ("invalid_national_id", "national_id")
    assert "เลขประจำตัวประชาชนไม่ถูกต้อง" in error.message_th and "หลักที่ 13" in error.message_th
    assert "invalid Thai national ID" in error.message_en and "check" in error.message_en


@pytest.mark.parametrize(
    ("value", "reason_th"),
    [("110140000000", "13 หลัก"), ("11014000000x6", "ตัวเลข"), ("9101400000006", "หลักแรก"), ("", "13 หลัก")],
)
def test_malformed_ids_are_refused_saying_why(own, treasurer_of_own, value, reason_th):
    [error] = refused(ValidationFailed, lambda: enrol_member(treasurer_of_own, own, enrolment(value)))
    assert error.code == "invalid_national_id" and reason_th in error.message_th


@pytest.mark.parametrize("typed", ["1-1014-00000-00-6", " 1 1014 00000 00 6 ", "๑๑๐๑๔๐๐๐๐๐๐๐๖"])
def test_an_id_typed_with_dashes_spaces_or_thai_digits_is_stored_as_its_13_digits(
    own, treasurer_of_own, typed
):
    member = enrol_member(treasurer_of_own, own, enrolment(typed))
    assert decrypt_national_id(member.person.national_id_encrypted) == ID_A
    assert member.person.national_id_hash == national_id_hash(ID_A)


def test_the_id_is_encrypted_at_rest_and_its_hash_is_keyed(own, treasurer_of_own):
    member = enrol_member(treasurer_of_own, own, enrolment(ID_B))
    table = Person._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT national_id_encrypted, national_id_hash FROM {table} WHERE id = %s", [member.person_id]
        )
        raw, stored_hash = cursor.fetchone()
    raw = bytes(raw)
    for form in (ID_B, "3-1006-00123-45-0", ID_B[:12]):
        assert form.encode() not in raw
        assert form.encode("utf-16-le") not in raw
    assert decrypt_national_id(raw) == ID_B
    # a keyed HMAC: not a plain digest of the digits, and it changes with the key
    plain = {hashlib.sha256(ID_B.encode()).hexdigest(), hashlib.sha1(ID_B.encode()).hexdigest()}
    assert stored_hash not in plain
    key = settings.SAJJA_ID_HASH_KEY.encode()
    assert stored_hash == hmac.new(key, ID_B.encode(), hashlib.sha256).hexdigest()
    assert national_id_hash(ID_B) != hmac.new(b"another key", ID_B.encode(), hashlib.sha256).hexdigest()


def test_the_same_id_encrypts_differently_each_time():
    assert encrypt_national_id(ID_C) != encrypt_national_id(ID_C)


@pytest.mark.parametrize("query", [ID_B, "3-1006-00123-45-0", "3 1006 00123 45 0", "๓๑๐๐๖๐๐๑๒๓๔๕๐"])
def test_a_member_is_found_by_national_id(own, treasurer_of_own, query):
    wanted = enrol_member(treasurer_of_own, own, enrolment(ID_B))
    enrol_member(treasurer_of_own, own, enrolment(ID_C, first_name="มาลี", sex="F"))
    assert list(members_for(treasurer_of_own, own, query=query)) == [wanted]


def test_search_by_id_name_and_number_stays_in_the_fund_and_the_users_scope(own, foreign, role_users):
    treasurer = role_users[Role.TREASURER]
    mine = enrol_member(treasurer, own, enrolment(ID_B))
    enrol_member(SYSTEM, foreign, enrolment(ID_C, first_name="บุญมี"))
    assert list(members_for(treasurer, own, query=ID_C)) == []  # a member of another fund
    assert list(members_for(treasurer, own, query="3100600123451")) == []  # not this ID
    assert list(members_for(treasurer, own, query="บุญมี")) == [mine]
    assert list(members_for(treasurer, own, query="ศรีสุข บุญมี")) == [mine]
    assert list(members_for(treasurer, own, query=mine.number.lstrip("0"))) == [mine]
    with pytest.raises(NotFound, match="fund not found$"):
        members_for(treasurer, foreign, query=ID_C)
    member_user = role_users[Role.MEMBER]
    assert list(members_for(member_user, own, query=ID_B)) == []  # a member-role user sees only themself
    mine.user = member_user
    mine.save(update_fields=["user"])
    member_user = get_user_model().objects.get(pk=member_user.pk)
    assert list(members_for(member_user, own, query=ID_B)) == [mine]


def test_the_id_is_masked_for_roles_that_may_not_see_it(own, role_users):
    member = enrol_member(SYSTEM, own, enrolment(ID_B))
    member.user = role_users[Role.MEMBER]
    member.save(update_fields=["user"])
    masked, full = "3-1006-xxxxx-xx-0", "3-1006-00123-45-0"
    assert mask_national_id(ID_B) == masked
    shown = {role: national_id_shown(user, member) for role, user in role_users.items()}
    assert shown == {
        Role.TREASURER: full,
        Role.ADMIN: full,
        Role.MEMBER: full,  # their own
        Role.COMMITTEE: masked,
        Role.AUDITOR: masked,
        Role.COORDINATOR: masked,
    }
    other = enrol_member(SYSTEM, own, enrolment(ID_C, first_name="มาลี", sex="F"))
    assert national_id_shown(role_users[Role.MEMBER], other) == "1-2345-xxxxx-xx-1"


# --- address codes -------------------------------------------------------------------------------


def test_nested_dopa_codes_are_accepted(own, treasurer_of_own):
    member = enrol_member(treasurer_of_own, own, enrolment(moo=3, house_number="12/4", **SONGKHLA))
    person = Person.objects.get(pk=member.person_id)
    assert (person.province_code, person.district_code, person.subdistrict_code) == ("90", "9011", "901102")
    assert (person.moo, person.house_number) == (3, "12/4")


@pytest.mark.parametrize(
    ("address", "code", "where"),
    [
        (
            {"province_code": "52", "district_code": "5201", "subdistrict_code": "901102"},
            "unknown_subdistrict",
            "subdistrict_code",
        ),
        (
            {"province_code": "90", "district_code": "5201", "subdistrict_code": ""},
            "unknown_district",
            "district_code",
        ),
        (
            {"province_code": "99", "district_code": "", "subdistrict_code": ""},
            "unknown_province",
            "province_code",
        ),
        (
            {"province_code": "90", "district_code": "9011", "subdistrict_code": "909999"},
            "unknown_subdistrict",
            "subdistrict_code",
        ),
    ],
)
def test_codes_that_do_not_exist_or_do_not_nest_are_refused(own, treasurer_of_own, address, code, where):
    errors = refused(ValidationFailed, lambda: enrol_member(treasurer_of_own, own, enrolment(**address)))
    assert [(e.code, e.where) for e in errors] == [(code, where)]
    assert errors[0].message_th and errors[0].message_en


# --- beneficiaries -------------------------------------------------------------------------------


def test_up_to_the_maximum_beneficiaries_with_shares_of_100_are_kept_in_order(own, treasurer_of_own):
    n = settings.SAJJA_MAX_BENEFICIARIES
    shares = [100 // n] * (n - 1) + [100 - 100 // n * (n - 1)]
    people = [(f"ผู้รับ {i}", "บุตร", share) for i, share in enumerate(shares, start=1)]
    member = enrol_member(treasurer_of_own, own, enrolment(beneficiaries=people))
    stored = list(member.beneficiaries.values_list("position", "full_name", "relationship", "share_percent"))
    assert stored == [(i, *b) for i, b in enumerate(people, start=1)]


def test_more_beneficiaries_than_the_maximum_are_refused(own, treasurer_of_own, settings):
    settings.SAJJA_MAX_BENEFICIARIES = 2
    people = [("ก", "บุตร", 40), ("ข", "บุตร", 30), ("ค", "บุตร", 30)]
    errors = refused(
        ValidationFailed, lambda: enrol_member(treasurer_of_own, own, enrolment(beneficiaries=people))
    )
    assert [e.code for e in errors] == ["too_many_beneficiaries"]
    assert "2" in errors[0].message_th and "at most 2" in errors[0].message_en


@pytest.mark.parametrize(
    ("people", "code"),
    [
        ([("ก", "บุตร", 60), ("ข", "คู่สมรส", 30)], "shares_not_100"),
        ([("ก", "บุตร", 60), ("ข", "คู่สมรส", 50)], "shares_not_100"),
        ([("ก", "บุตร", 100), ("ข", "คู่สมรส", 0)], "invalid_share"),
        ([("ก", "บุตร", 110), ("ข", "คู่สมรส", -10)], "invalid_share"),
        ([("", "บุตร", 100)], "beneficiary_name_required"),
    ],
)
def test_beneficiary_shares_must_be_whole_percents_adding_up_to_100(own, treasurer_of_own, people, code):
    errors = refused(
        ValidationFailed, lambda: enrol_member(treasurer_of_own, own, enrolment(beneficiaries=people))
    )
    assert code in {e.code for e in errors}
    assert all(e.where.startswith("beneficiaries") for e in errors)


# --- member status -------------------------------------------------------------------------------


def test_status_changes_are_recorded_with_their_dates_and_history(own, treasurer_of_own):
    t = treasurer_of_own
    member = enrol_member(t, own, enrolment(joined_on=datetime.date(2025, 1, 1)))
    change_member_status(t, member, "lapsed", datetime.date(2025, 4, 1), note="ขาดส่ง 3 เดือน")
    change_member_status(t, member, "active", datetime.date(2025, 5, 1), note="กลับมาส่ง")
    change_member_status(t, member, "resigned", datetime.date(2025, 9, 30))
    member.refresh_from_db()
    assert (member.status, member.status_since) == ("resigned", datetime.date(2025, 9, 30))
    history = list(member.status_changes.values_list("status", "effective_on", "note"))
    assert history == [
        ("active", datetime.date(2025, 1, 1), "สมัครเป็นสมาชิก"),
        ("lapsed", datetime.date(2025, 4, 1), "ขาดส่ง 3 เดือน"),
        ("active", datetime.date(2025, 5, 1), "กลับมาส่ง"),
        ("resigned", datetime.date(2025, 9, 30), ""),
    ]
    assert AuditEvent.objects.filter(action="registry.member.status", object_id=str(member.pk)).count() == 3


def test_a_deceased_members_status_cannot_change_again(own, treasurer_of_own):
    t = treasurer_of_own
    member = enrol_member(t, own, enrolment())
    stale = Member.objects.get(pk=member.pk)  # read before the death was recorded
    change_member_status(t, member, "deceased", datetime.date(2025, 6, 2))
    for status in ("active", "lapsed", "resigned", "deceased"):
        [error] = refused(
            Conflict, lambda s=status: change_member_status(t, stale, s, datetime.date(2025, 7, 1))
        )
        assert error.code == "member_deceased"
        assert "เสียชีวิต" in error.message_th and "deceased" in error.message_en
    member.refresh_from_db()
    assert (member.status, member.status_since) == ("deceased", datetime.date(2025, 6, 2))


def test_a_status_date_before_the_last_change_is_refused(own, treasurer_of_own):
    t = treasurer_of_own
    member = enrol_member(t, own, enrolment(joined_on=datetime.date(2025, 1, 1)))
    change_member_status(t, member, "lapsed", datetime.date(2025, 4, 1))
    [error] = refused(
        ValidationFailed, lambda: change_member_status(t, member, "resigned", datetime.date(2025, 3, 31))
    )
    assert (error.code, error.where) == ("status_date_before_last", "effective_on")
    change_member_status(t, member, "resigned", datetime.date(2025, 4, 1))  # the same day is fine


def test_an_unknown_or_unchanged_status_is_refused(own, treasurer_of_own):
    t = treasurer_of_own
    member = enrol_member(t, own, enrolment())
    [error] = refused(
        ValidationFailed, lambda: change_member_status(t, member, "retired", datetime.date(2025, 3, 1))
    )
    assert error.code == "invalid_status"
    [error] = refused(Conflict, lambda: change_member_status(t, member, "active", datetime.date(2025, 3, 1)))
    assert error.code == "same_status"


# --- one person, many funds ----------------------------------------------------------------------


def test_the_same_person_cannot_join_the_same_fund_twice(own, treasurer_of_own):
    enrol_member(treasurer_of_own, own, enrolment(ID_B))
    [error] = refused(
        Conflict, lambda: enrol_member(treasurer_of_own, own, enrolment("3-1006-00123-45-0", first_name="อื่น"))
    )
    assert (error.code, error.where) == ("already_member", "national_id")
    assert "สมาชิกของกองทุนนี้อยู่แล้ว" in error.message_th and "already a member" in error.message_en


def test_the_same_person_can_join_another_fund_as_one_person(own, foreign, treasurer_of_own):
    here = enrol_member(treasurer_of_own, own, enrolment(ID_B))
    there = enrol_member(SYSTEM, foreign, enrolment(ID_B))
    assert Person.objects.count() == 1
    assert here.person_id == there.person_id
    assert (here.fund, there.fund) == (own, foreign)
    assert Account.objects.get(member=there).fund == foreign


# --- the member's sub-ledger account -------------------------------------------------------------


def test_each_enrolment_opens_a_sub_account_under_the_control_account(own, foreign, treasurer_of_own):
    first = enrol_member(treasurer_of_own, own, enrolment(ID_A))
    second = enrol_member(treasurer_of_own, own, enrolment(ID_B))
    other = enrol_member(SYSTEM, foreign, enrolment(ID_C))
    assert (first.number, second.number, other.number) == ("000001", "000002", "000001")
    control = Account.objects.get(fund=own, code="4101")
    assert control.is_control
    for member in (first, second):
        account = Account.objects.get(member=member)
        assert account.code == f"4101-{member.number}"
        assert (account.fund_id, account.parent_id, account.kind) == (own.pk, control.pk, "income")
        assert (account.debit_total, account.credit_total, account.is_control) == (0, 0, False)
    assert Account.objects.get(member=other).parent == Account.objects.get(fund=foreign, code="4101")


# --- other checks on enrolment, groups and permissions -------------------------------------------


def test_every_problem_of_an_enrolment_is_reported_at_once(own, treasurer_of_own):
    bad = enrolment(
        "123",
        first_name=" ",
        sex="X",
        birth_date=datetime.date(2990, 1, 1),
        joined_on=datetime.date(2025, 1, 1),
        group_code="G99",
    )
    errors = refused(ValidationFailed, lambda: enrol_member(treasurer_of_own, own, bad))
    assert {e.code for e in errors} == {
        "invalid_national_id",
        "name_required",
        "invalid_sex",
        "birth_in_future",
        "joined_before_birth",
        "unknown_group",
    }


def test_no_one_joins_in_a_month_already_closed(own, treasurer_of_own):
    """The close of March counted who was a member and who owed: a member joining in March (or before)
    afterwards would make those figures wrong, so the joining day must come after the closed months."""
    close_period(SYSTEM, own, 2025, 3)
    before = Member.objects.count()
    for day in (datetime.date(2025, 3, 31), datetime.date(2025, 2, 1)):
        [error] = refused(
            ValidationFailed,
            lambda day=day: enrol_member(treasurer_of_own, own, enrolment(ID_A, joined_on=day)),
        )
        assert (error.code, error.where) == ("joined_in_closed_month", "joined_on")
        assert "มี.ค. 2568" in error.message_th and "2025-03" in error.message_en
    assert Member.objects.count() == before
    assert enrol_member(treasurer_of_own, own, enrolment(ID_A, joined_on=datetime.date(2025, 4, 1))).number


def test_groups_are_created_once_per_code(own, treasurer_of_own):
    group = create_group(treasurer_of_own, own, "G02", "หมู่ 2 บ้านควนลัง", moo=2)
    assert (group.fund, group.code, group.moo) == (own, "G02", 2)
    [error] = refused(Conflict, lambda: create_group(treasurer_of_own, own, "G02", "ซ้ำ"))
    assert (error.code, error.where) == ("group_exists", "code")
    refused(ValidationFailed, lambda: create_group(treasurer_of_own, own, " ", "ไม่มีรหัส"))
    for code in ("G/1", "G 1", "G?1"):  # the code is part of the group's pages' addresses
        [error] = refused(
            ValidationFailed, lambda code=code: create_group(treasurer_of_own, own, code, "กลุ่ม")
        )
        assert (error.code, error.where) == ("group_code_invalid", "code")


def test_only_bookkeepers_of_the_fund_enrol(own, foreign, role_users):
    for role in (Role.COMMITTEE, Role.AUDITOR, Role.COORDINATOR, Role.MEMBER):
        refused(NotPermitted, lambda r=role: enrol_member(role_users[r], own, enrolment()))
    stranger = user_with(Role.TREASURER, "foreign-treasurer", fund=foreign)
    refused(NotFound, lambda: enrol_member(stranger, own, enrolment()))
    refused(NotFound, lambda: create_group(stranger, own, "G09", "x"))
