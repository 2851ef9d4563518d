"""Every write to the registry: checked, in one transaction, audited."""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field

import geothai
from django.conf import settings
from django.db import transaction
from django.db.models import Max

from sajja.access.policy import require
from sajja.audit.records import MEMBER, PERSON, digest_of_record
from sajja.audit.services import lock_chain, record
from sajja.core import thai_dates
from sajja.core.errors import Conflict, DomainError, Problem, ValidationFailed
from sajja.core.thai_dates import format_period
from sajja.core.thai_id import normalize_national_id
from sajja.ledger.models import ClosedPeriod
from sajja.registry.crypto import encrypt_national_id, national_id_hash
from sajja.registry.models import (
    MEMBER_NUMBER_DIGITS,
    Beneficiary,
    Fund,
    Group,
    Member,
    MemberStatus,
    MemberStatusChange,
    Person,
)


@dataclass(frozen=True)
class PersonData:
    national_id: str
    first_name: str
    last_name: str
    birth_date: datetime.date
    sex: str
    title: str = ""
    province_code: str = ""
    district_code: str = ""
    subdistrict_code: str = ""
    moo: int | None = None
    house_number: str = ""


@dataclass(frozen=True)
class BeneficiaryData:
    full_name: str
    relationship: str
    share_percent: int


@dataclass(frozen=True)
class Enrolment:
    person: PersonData
    joined_on: datetime.date
    group_code: str = ""
    beneficiaries: tuple[BeneficiaryData, ...] = field(default_factory=tuple)


def _error(code, th, en, where=""):
    return Problem(code, th, en, where)


def validate_address(province: str, district: str, subdistrict: str) -> list[Problem]:
    """The address codes are DOPA codes (via geothai) and nest: tambon in amphoe in province."""
    errors = []
    if province and not geothai.province(province):
        errors.append(
            _error(
                "unknown_province",
                f"ไม่พบรหัสจังหวัด {province}",
                f"unknown province code {province}",
                "province_code",
            )
        )
    if district and (not (d := geothai.district(district)) or d.province_code != province):
        errors.append(
            _error(
                "unknown_district",
                f"รหัสอำเภอ {district} ไม่อยู่ในจังหวัดนี้",
                f"district {district} is not in province {province}",
                "district_code",
            )
        )
    if subdistrict and (not (s := geothai.subdistrict(subdistrict)) or s.district_code != district):
        errors.append(
            _error(
                "unknown_subdistrict",
                f"รหัสตำบล {subdistrict} ไม่อยู่ในอำเภอนี้",
                f"subdistrict {subdistrict} is not in district {district}",
                "subdistrict_code",
            )
        )
    return errors


def validate_enrolment(enrolment: Enrolment, today: datetime.date | None = None) -> list[Problem]:
    today = today or thai_dates.today()
    p = enrolment.person
    errors: list[Problem] = []
    try:
        normalize_national_id(p.national_id)
    except DomainError as exc:
        errors.append(_error(exc.code, exc.message_th, exc.message_en, "national_id"))
    if not p.first_name.strip() or not p.last_name.strip():
        errors.append(
            _error("name_required", "ต้องระบุชื่อและนามสกุล", "first and last name are required", "name")
        )
    if p.sex not in ("F", "M"):
        errors.append(_error("invalid_sex", "เพศต้องเป็น F หรือ M", "sex must be F or M", "sex"))
    if p.birth_date > today:
        errors.append(
            _error("birth_in_future", "วันเกิดอยู่ในอนาคต", "birth date is in the future", "birth_date")
        )
    if enrolment.joined_on < p.birth_date:
        errors.append(
            _error("joined_before_birth", "วันสมัครก่อนวันเกิด", "joined before being born", "joined_on")
        )
    errors += validate_address(p.province_code, p.district_code, p.subdistrict_code)
    errors += validate_beneficiaries(enrolment.beneficiaries)
    return errors


def validate_beneficiaries(beneficiaries) -> list[Problem]:
    """At most SAJJA_MAX_BENEFICIARIES, each named with a share of 1-100%, the shares adding up to 100%."""
    errors: list[Problem] = []
    limit = settings.SAJJA_MAX_BENEFICIARIES
    shares_valid = True
    for n, b in enumerate(beneficiaries, start=1):
        if not b.full_name.strip() or not b.relationship.strip():
            errors.append(
                _error(
                    "beneficiary_name_required",
                    f"ผู้รับผลประโยชน์คนที่ {n}: ต้องระบุชื่อและความสัมพันธ์",
                    f"beneficiary {n}: name and relationship are required",
                    f"beneficiaries[{n}]",
                )
            )
        share = b.share_percent
        if isinstance(share, bool) or not isinstance(share, int) or not 1 <= share <= 100:
            shares_valid = False
            errors.append(
                _error(
                    "invalid_share",
                    f"ผู้รับผลประโยชน์คนที่ {n}: สัดส่วนต้องเป็นจำนวนเต็ม 1-100%",
                    f"beneficiary {n}: share must be a whole number from 1 to 100%",
                    f"beneficiaries[{n}]",
                )
            )
    if len(beneficiaries) > limit:
        errors.append(
            _error(
                "too_many_beneficiaries",
                f"ผู้รับผลประโยชน์ได้ไม่เกิน {limit} คน",
                f"at most {limit} beneficiaries",
                "beneficiaries",
            )
        )
    if beneficiaries and shares_valid and sum(b.share_percent for b in beneficiaries) != 100:
        errors.append(
            _error(
                "shares_not_100",
                "สัดส่วนผู้รับผลประโยชน์รวมต้องเท่ากับ 100%",
                "beneficiary shares must add up to 100%",
                "beneficiaries",
            )
        )
    return errors


def _next_member_number(fund: Fund) -> str:
    last = Member.objects.filter(fund=fund).aggregate(m=Max("number"))["m"]
    return str(int(last or 0) + 1).zfill(MEMBER_NUMBER_DIGITS)


def _closed_months_error(fund: Fund, joined_on: datetime.date) -> list:
    """A member joining on or before the end of the last closed month would change what that month's
    close counted (who was due, who paid), which a close is there to fix for good."""
    last = ClosedPeriod.objects.filter(fund=fund).aggregate(last=Max("period"))["last"]
    if not last or not isinstance(joined_on, datetime.date):
        return []
    year, month = divmod(last, 100)
    if (joined_on.year, joined_on.month) > (year, month):
        return []
    return [
        _error(
            "joined_in_closed_month",
            f"ปิดบัญชีถึงเดือน {format_period(year, month)} แล้ว: วันที่สมัครต้องอยู่หลังจากนั้น",
            f"the books are closed up to {year}-{month:02d}: the joining day must come after",
            "joined_on",
        )
    ]


def _comparable(text: str) -> str:
    """A name as compared: Unicode NFC, spaces collapsed, Latin letters in one case."""
    return " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()


def same_person(person: Person, typed: PersonData) -> bool:
    """Whether the details typed at an enrolment are the stored person's: title, first and last name, birth
    date, sex and address. The address counts too: a person holds one, shown on the member's page, so
    joining with another address would either show the stored one (known perhaps only to another network's
    fund) or silently drop the one typed."""
    return (
        _comparable(person.title) == _comparable(typed.title)
        and _comparable(person.first_name) == _comparable(typed.first_name)
        and _comparable(person.last_name) == _comparable(typed.last_name)
        and person.birth_date == typed.birth_date
        and person.sex == typed.sex
        and (person.province_code or "") == (typed.province_code or "")
        and (person.district_code or "") == (typed.district_code or "")
        and (person.subdistrict_code or "") == (typed.subdistrict_code or "")
        and person.moo == typed.moo
        and _comparable(person.house_number) == _comparable(typed.house_number)
    )


def other_details_refusal() -> Conflict:
    """The answer when a national ID is already registered with other details than those typed.

    It says nothing of the stored person (who may be known only to another network's fund): not the name,
    the birth date, the sex, nor which details differ or where the person is a member."""
    return Conflict(
        "เลขประจำตัวประชาชนนี้ลงทะเบียนไว้แล้วด้วยข้อมูลอื่น ไม่มีการบันทึก:"
        " ตรวจสอบชื่อ นามสกุล คำนำหน้า วันเกิด เพศ และที่อยู่กับบัตรประชาชน หรือติดต่อผู้ประสานงานเครือข่าย",
        "this national ID is registered with other details and nothing was written: check the title, names,"
        " birth date, sex and address against the ID card, or ask a network coordinator",
        code="national_id_other_details",
        where="national_id",
    )


@transaction.atomic
def enrol_member(actor, fund: Fund, enrolment: Enrolment) -> Member:
    """Enrol a person in a fund: creates the person if new, the membership and its sub-ledger account.

    A person already registered (by national ID, perhaps in another network's fund) joins only when the
    details typed are theirs (same_person); otherwise the enrolment is refused with a message that reveals
    nothing of the stored person, and nothing is written. The typed details are never silently discarded
    for the stored ones."""
    require(actor, fund, "manage_members")
    lock_chain()  # serialises enrolments, so two at once cannot take the same member number
    errors = validate_enrolment(enrolment)
    group = None
    if enrolment.group_code:
        group = Group.objects.filter(fund=fund, code=enrolment.group_code).first()
        if not group:
            errors.append(
                _error(
                    "unknown_group",
                    f"ไม่พบกลุ่ม {enrolment.group_code}",
                    f"unknown group {enrolment.group_code}",
                    "group",
                )
            )
    errors += _closed_months_error(fund, enrolment.joined_on)
    if errors:
        raise ValidationFailed(errors)
    p = enrolment.person
    digits = normalize_national_id(p.national_id)
    person = Person.objects.filter(national_id_hash=national_id_hash(digits)).first()
    if person is None:
        person = Person.objects.create(
            national_id_hash=national_id_hash(digits),
            national_id_encrypted=encrypt_national_id(digits),
            title=p.title.strip(),
            first_name=p.first_name.strip(),
            last_name=p.last_name.strip(),
            birth_date=p.birth_date,
            sex=p.sex,
            province_code=p.province_code,
            district_code=p.district_code,
            subdistrict_code=p.subdistrict_code,
            moo=p.moo,
            house_number=p.house_number,
        )
        # The event names the person by id; its digest covers the stored row (the ID's ciphertext and
        # keyed hash, the names, the birth date, the sex, the address), so `audit verify` finds any edit.
        record(
            actor,
            "registry.person.create",
            PERSON.object_type,
            person.pk,
            fund_id=fund.pk,
            digest=digest_of_record(PERSON, person.pk),
        )
    elif Member.objects.filter(fund=fund, person=person).exists():
        raise Conflict(
            "บุคคลนี้เป็นสมาชิกของกองทุนนี้อยู่แล้ว",
            "this person is already a member of this fund",
            code="already_member",
            where="national_id",
        )
    elif not same_person(person, p):
        raise other_details_refusal()
    member = Member.objects.create(
        fund=fund,
        group=group,
        person=person,
        number=_next_member_number(fund),
        joined_on=enrolment.joined_on,
        status=MemberStatus.ACTIVE,
        status_since=enrolment.joined_on,
    )
    MemberStatusChange.objects.create(
        member=member, status=MemberStatus.ACTIVE, effective_on=enrolment.joined_on, note="สมัครเป็นสมาชิก"
    )
    Beneficiary.objects.bulk_create(
        Beneficiary(
            member=member,
            full_name=b.full_name,
            relationship=b.relationship,
            share_percent=b.share_percent,
            position=n,
        )
        for n, b in enumerate(enrolment.beneficiaries, start=1)
    )
    from sajja.ledger.services import open_member_account

    open_member_account(member)
    # The member as stored, with its beneficiaries and its status history (audit.records.MEMBER).
    record(
        actor,
        "registry.member.enrol",
        MEMBER.object_type,
        member.pk,
        fund_id=fund.pk,
        digest=digest_of_record(MEMBER, member.pk),
    )
    return member


@transaction.atomic
def change_member_status(
    actor, member: Member, status: str, effective_on: datetime.date, note: str = ""
) -> Member:
    require(actor, member.fund, "manage_members")
    if status not in MemberStatus.values:
        raise ValidationFailed(
            [_error("invalid_status", f"สถานะไม่ถูกต้อง: {status}", f"invalid status: {status}", "status")]
        )
    lock_chain()
    member = Member.objects.select_related("fund").get(pk=member.pk)  # as stored, not as the caller saw it
    if member.status == MemberStatus.DECEASED:
        raise Conflict(
            "สมาชิกเสียชีวิตแล้ว เปลี่ยนสถานะไม่ได้",
            "a deceased member's status cannot change",
            code="member_deceased",
            where="status",
        )
    if status == member.status:
        raise Conflict(
            f"สมาชิกมีสถานะ {status} อยู่แล้ว",
            f"the member is already {status}",
            code="same_status",
            where="status",
        )
    if effective_on < member.status_since:
        raise ValidationFailed(
            [
                _error(
                    "status_date_before_last",
                    "วันที่มีผลก่อนการเปลี่ยนสถานะครั้งก่อน",
                    "effective date is before the previous status change",
                    "effective_on",
                )
            ]
        )
    MemberStatusChange.objects.create(member=member, status=status, effective_on=effective_on, note=note)
    Member.objects.filter(pk=member.pk).update(status=status, status_since=effective_on)
    member.refresh_from_db()
    # A later event for the member: its digest covers the new status and the history's new line.
    record(
        actor,
        "registry.member.status",
        MEMBER.object_type,
        member.pk,
        fund_id=member.fund_id,
        digest=digest_of_record(MEMBER, member.pk),
    )
    return member


@transaction.atomic
def create_group(actor, fund: Fund, code: str, name: str, moo: int | None = None) -> Group:
    require(actor, fund, "manage_members")
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise ValidationFailed(
            [_error("group_code_required", "ต้องระบุรหัสและชื่อกลุ่ม", "a group needs a code and a name", "code")]
        )
    if any(c in code for c in "/?#%\\") or any(c.isspace() for c in code):
        raise ValidationFailed(
            [
                _error(
                    "group_code_invalid",
                    f"รหัสกลุ่ม {code} ต้องไม่มีช่องว่างหรือ / ? # % \\ (รหัสอยู่ในที่อยู่หน้าเว็บของกลุ่ม)",
                    f"group code {code} must not hold spaces or / ? # % \\ (it is part of the group's web address)",
                    "code",
                )
            ]
        )
    lock_chain()
    if Group.objects.filter(fund=fund, code=code).exists():
        raise Conflict(
            f"รหัสกลุ่ม {code} มีอยู่แล้วในกองทุนนี้",
            f"group code {code} is already used in this fund",
            code="group_exists",
            where="code",
        )
    group = Group.objects.create(fund=fund, code=code, name=name, moo=moo)
    record(
        actor, "registry.group.create", "group", group.pk, fund_id=fund.pk, data={"code": code, "name": name}
    )
    return group
