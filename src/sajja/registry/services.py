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
from sajja.audit.services import record, serialise_audited_writes
from sajja.core import thai_dates
from sajja.core.errors import Conflict, DomainError, Problem, ValidationFailed
from sajja.core.thai_dates import format_period
from sajja.core.thai_id import normalize_national_id
from sajja.ledger.models import ClosedPeriod
from sajja.reasons import Both
from sajja.registry import reasons
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


def validate_address(province: str, district: str, subdistrict: str) -> list[Problem]:
    """The address codes are DOPA codes (via geothai) and nest: tambon in amphoe in province."""
    errors = []
    if province and not geothai.province(province):
        errors.append(reasons.UNKNOWN_PROVINCE.problem("province_code", province=province))
    if district and (not (d := geothai.district(district)) or d.province_code != province):
        errors.append(
            reasons.UNKNOWN_DISTRICT.problem("district_code", district=district, province=Both("", province))
        )
    if subdistrict and (not (s := geothai.subdistrict(subdistrict)) or s.district_code != district):
        errors.append(
            reasons.UNKNOWN_SUBDISTRICT.problem(
                "subdistrict_code", subdistrict=subdistrict, district=Both("", district)
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
        errors.append(Problem(exc.code, exc.message_th, exc.message_en, "national_id"))
    if not p.first_name.strip() or not p.last_name.strip():
        errors.append(reasons.NAME_REQUIRED.problem("name"))
    if p.sex not in ("F", "M"):
        errors.append(reasons.INVALID_SEX.problem("sex"))
    if p.birth_date > today:
        errors.append(reasons.BIRTH_IN_FUTURE.problem("birth_date"))
    if enrolment.joined_on < p.birth_date:
        errors.append(reasons.JOINED_BEFORE_BIRTH.problem("joined_on"))
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
            errors.append(reasons.BENEFICIARY_NAME_REQUIRED.problem(f"beneficiaries[{n}]", n=n))
        share = b.share_percent
        if isinstance(share, bool) or not isinstance(share, int) or not 1 <= share <= 100:
            shares_valid = False
            errors.append(reasons.INVALID_SHARE.problem(f"beneficiaries[{n}]", n=n))
    if len(beneficiaries) > limit:
        errors.append(reasons.TOO_MANY_BENEFICIARIES.problem("beneficiaries", limit=limit))
    if beneficiaries and shares_valid and sum(b.share_percent for b in beneficiaries) != 100:
        errors.append(reasons.SHARES_NOT_100.problem("beneficiaries"))
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
    month_closed = Both(format_period(year, month), f"{year}-{month:02d}")
    return [reasons.JOINED_IN_CLOSED_MONTH.problem("joined_on", month=month_closed)]


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
    return reasons.OTHER_DETAILS.conflict("national_id")


@transaction.atomic
def enrol_member(actor, fund: Fund, enrolment: Enrolment) -> Member:
    """Enrol a person in a fund: creates the person if new, the membership and its sub-ledger account.

    A person already registered (by national ID, perhaps in another network's fund) joins only when the
    details typed are theirs (same_person); otherwise the enrolment is refused with a message that reveals
    nothing of the stored person, and nothing is written. The typed details are never silently discarded
    for the stored ones."""
    require(actor, fund, "manage_members")
    serialise_audited_writes()  # serialises enrolments, so two at once cannot take the same member number
    errors = validate_enrolment(enrolment)
    group = None
    if enrolment.group_code:
        group = Group.objects.filter(fund=fund, code=enrolment.group_code).first()
        if not group:
            errors.append(reasons.UNKNOWN_GROUP.problem("group", group=enrolment.group_code))
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
        raise reasons.ALREADY_MEMBER.conflict("national_id")
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
        raise reasons.INVALID_STATUS.invalid("status", status=status)
    serialise_audited_writes()
    member = Member.objects.select_related("fund").get(pk=member.pk)  # as stored, not as the caller saw it
    if member.status == MemberStatus.DECEASED:
        raise reasons.MEMBER_DECEASED.conflict("status")
    if status == member.status:
        raise reasons.SAME_STATUS.conflict("status", status=status)
    if effective_on < member.status_since:
        raise reasons.STATUS_DATE_BEFORE_LAST.invalid("effective_on")
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
        raise reasons.GROUP_CODE_REQUIRED.invalid("code")
    if any(c in code for c in "/?#%\\") or any(c.isspace() for c in code):
        raise reasons.GROUP_CODE_INVALID.invalid("code", code=code)
    serialise_audited_writes()
    if Group.objects.filter(fund=fund, code=code).exists():
        raise reasons.GROUP_EXISTS.conflict("code", code=code)
    group = Group.objects.create(fund=fund, code=code, name=name, moo=moo)
    record(
        actor, "registry.group.create", "group", group.pk, fund_id=fund.pk, data={"code": code, "name": name}
    )
    return group
