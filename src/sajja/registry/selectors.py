"""Every read of the registry, already scoped to what the user may see."""

from __future__ import annotations

import re

from django.db.models import Count, Q, QuerySet

from sajja.access.models import Role
from sajja.access.policy import can, own_member_ids, require, roles_in_fund, scope_funds
from sajja.access.reasons import FUND_NOT_FOUND
from sajja.core.thai_id import format_national_id, mask_national_id
from sajja.registry.crypto import decrypt_national_id, national_id_hash
from sajja.registry.models import Fund, Member, Network
from sajja.registry.reasons import MEMBER_NOT_FOUND

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def funds_for(user) -> QuerySet[Fund]:
    return scope_funds(user, Fund.objects.select_related("network")).annotate(member_count=Count("members"))


def networks_for(user) -> QuerySet[Network]:
    return Network.objects.filter(funds__in=scope_funds(user, Fund.objects.all())).distinct()


def fund_for(user, code: str, capability: str = "view_fund") -> Fund:
    """The fund with this code, if the user's roles reach it; 404 otherwise, whether it exists or not."""
    fund = Fund.objects.select_related("network").filter(code=code).first()
    if fund is None:
        raise FUND_NOT_FOUND.not_found()
    require(user, fund, capability)
    return fund


def members_for(user, fund: Fund, query: str = "") -> QuerySet[Member]:
    """Members of a fund the user may see; a member-role user sees only themself."""
    members = Member.objects.filter(fund=fund).select_related("person", "group")
    if not can(user, fund, "view_members"):
        require(user, fund, "view_fund")
        members = members.filter(pk__in=own_member_ids(user))
    query = query.strip()
    if query:
        digits = re.sub(r"[\s-]", "", query.translate(_THAI_DIGITS))
        if digits.isdigit() and len(digits) == 13:
            members = members.filter(person__national_id_hash=national_id_hash(digits))
        elif digits.isdigit():
            members = members.filter(number__endswith=digits)
        else:
            for word in query.split():
                members = members.filter(
                    Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
                )
    return members


def member_for(user, fund: Fund, number: str) -> Member:
    member = members_for(user, fund).filter(number=number).first()
    if member is None:
        raise MEMBER_NOT_FOUND.not_found()
    return member


def national_id_shown(user, member: Member) -> str:
    """The ID in full for roles that may see it (and for the member themself), masked otherwise."""
    digits = decrypt_national_id(member.person.national_id_encrypted)
    roles = roles_in_fund(user, member.fund)
    if can(user, member.fund, "see_national_id") or (
        Role.MEMBER in roles and member.pk in own_member_ids(user)
    ):
        return format_national_id(digits)
    return mask_national_id(digits)
