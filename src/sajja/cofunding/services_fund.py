"""Writes of what the co-funding rules know of a fund that the registry does not keep: the kind of area it
covers and the villages (หมู่) of its tambon or the communities (ชุมชน) of its municipality, its
registration, and the policy it follows (the national 1:1:1 unless it says otherwise).

Each write is checked whole first (every problem named, nothing written), then made in one transaction with
its audit event; writing what is already there writes nothing (a retry is harmless).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.records import digest_of_record
from sajja.audit.services import record, serialise_audited_writes
from sajja.cofunding import reasons
from sajja.cofunding.models import FundProfile, Village
from sajja.cofunding.reading import area_kind
from sajja.cofunding.records import PROFILE
from sajja.cofunding.selectors import profile_of, villages_of
from sajja.core import thai_dates
from sajja.core.errors import Problem, ValidationFailed
from sajja.core.ledger.checks import control_character
from sajja.core.thai_dates import format_thai_date
from sajja.reasons import Both
from sajja.schemes.cofunding import (
    CofundingPolicy,
    load_policy,
    load_policy_data,
    load_policy_text,
    policy_names,
    policy_to_data,
)

TEXT_LIMIT = 200
VILLAGE_NUMBERS = range(1, 1000)


@dataclass(frozen=True)
class ProfileData:
    """The fund's area and registration as a form or a command gives them (the whole of it)."""

    area_kind: str
    registered_on: datetime.date | None = None
    registered_with: str = ""
    registration_number: str = ""
    villages: tuple[tuple[int, str], ...] = ()


def profile_data(fund) -> ProfileData:
    """What is kept now (a fund with no profile yet: its own kind of area, nothing else)."""
    profile = profile_of(fund)
    if profile is None:
        return ProfileData(area_kind(fund, None))
    return ProfileData(
        profile.area_kind,
        profile.registered_on,
        profile.registered_with,
        profile.registration_number,
        tuple(villages_of(profile)),
    )


def _text_problems(data: ProfileData) -> list[Problem]:
    problems = []
    for where in ("registered_with", "registration_number"):
        text = getattr(data, where)
        if not isinstance(text, str) or len(text) > TEXT_LIMIT or control_character(text):
            problems.append(reasons.TEXT_TOO_LONG.problem(where, limit=TEXT_LIMIT))
    return problems


def check_profile(data: ProfileData, today: datetime.date) -> list[Problem]:
    problems = []
    if data.area_kind not in reasons.AreaKindChoice.values:
        problems.append(reasons.AREA_KIND_INVALID.problem("area_kind", kind=str(data.area_kind)))
    day = data.registered_on
    if day is not None and (not isinstance(day, datetime.date) or day > today):
        said = Both(format_thai_date(day), day.isoformat()) if isinstance(day, datetime.date) else str(day)
        problems.append(reasons.REGISTERED_IN_FUTURE.problem("registered_on", day=said))
    problems += _text_problems(data)
    seen: set[int] = set()
    for n, village in enumerate(data.villages):
        number, name = village
        where = f"villages[{n}]"
        if type(number) is not int or number not in VILLAGE_NUMBERS:
            problems.append(reasons.VILLAGE_NUMBER_INVALID.problem(f"{where}.number"))
        elif number in seen:
            problems.append(reasons.VILLAGE_REPEATED.problem(f"{where}.number", number=number))
        else:
            seen.add(number)
        if not isinstance(name, str) or len(name) > TEXT_LIMIT or control_character(name):
            problems.append(reasons.TEXT_TOO_LONG.problem(f"{where}.name", limit=TEXT_LIMIT))
    return problems


def _normal(data: ProfileData) -> ProfileData:
    return replace(
        data,
        registered_with=data.registered_with.strip(),
        registration_number=data.registration_number.strip(),
        villages=tuple(sorted((number, name.strip()) for number, name in data.villages)),
    )


def set_profile(actor, fund, data: ProfileData, *, today: datetime.date | None = None) -> FundProfile:
    """Keep the fund's area, registration and villages (or communities) as given."""
    require(actor, fund, "manage_cofunding")
    problems = check_profile(data, today or thai_dates.today())
    if problems:
        raise ValidationFailed(problems)
    data = _normal(data)
    with transaction.atomic():
        serialise_audited_writes()
        kept = profile_of(fund)
        if kept is not None and profile_data(fund) == data:
            return kept
        profile = _write(
            actor,
            fund,
            area_kind=data.area_kind,
            registered_on=data.registered_on,
            registered_with=data.registered_with,
            registration_number=data.registration_number,
        )
        Village.objects.filter(profile=profile).delete()
        Village.objects.bulk_create(
            Village(profile=profile, number=n, name=name) for n, name in data.villages
        )
        _audit(actor, fund, profile, "cofunding.profile")
        return profile


def read_policy(policy: str | Mapping[str, Any], source: str = "policy.yaml") -> CofundingPolicy:
    """A shipped policy by name ('national'), or a policy as YAML text or plain data: checked whole
    (PolicyInvalid, a ValidationFailed, names every problem with its line and field)."""
    if isinstance(policy, str):
        if policy.strip() in policy_names():
            return load_policy(policy.strip())
        if "\n" not in policy and ":" not in policy:
            raise reasons.POLICY_UNKNOWN.invalid("policy", name=policy, names=", ".join(policy_names()))
        return load_policy_text(policy, source=source)
    return load_policy_data(policy, source=source)


def set_policy(actor, fund, policy: str | Mapping[str, Any], *, source: str = "policy.yaml") -> FundProfile:
    """Follow a shipped policy (by name) or the fund's own (YAML text or data, kept as data)."""
    require(actor, fund, "manage_cofunding")
    read = read_policy(policy, source)
    shipped = isinstance(policy, str) and policy.strip() in policy_names()
    definition = None if shipped else policy_to_data(read)
    with transaction.atomic():
        serialise_audited_writes()
        profile = profile_of(fund)
        if profile is not None and (profile.policy_code, profile.policy_definition) == (
            read.code,
            definition,
        ):
            return profile
        profile = _write(actor, fund, policy_code=read.code, policy_definition=definition)
        _audit(actor, fund, profile, "cofunding.policy")
        return profile


def _write(actor, fund, **fields) -> FundProfile:
    profile = profile_of(fund)
    stamp = {"updated_at": timezone.now(), "updated_by_id": getattr(actor, "pk", None)}
    if profile is None:
        fields.setdefault("area_kind", area_kind(fund, None))
        return FundProfile.objects.create(fund=fund, **fields, **stamp)
    FundProfile.objects.filter(pk=profile.pk).update(**fields, **stamp)
    profile.refresh_from_db()
    return profile


def _audit(actor, fund, profile: FundProfile, action: str) -> None:
    record(
        actor,
        action,
        PROFILE.object_type,
        profile.pk,
        fund_id=fund.pk,
        digest=digest_of_record(PROFILE, profile.pk),
    )
