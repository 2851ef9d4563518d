"""Every read of the welfare area, scoped through its access policy.

The fund's scheme is read back from its published versions as one pure `sajja.schemes.Scheme`, the
object the engine evaluates.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from sajja.access.policy import capabilities, own_member_ids, require
from sajja.schemes import Scheme, load_scheme_data
from sajja.welfare import reasons
from sajja.welfare.models import Claim, FundScheme, FundSchemeVersion


def scheme_header(row: FundScheme) -> dict:
    return {"code": row.code, "name_th": row.name_th, "name_en": row.name_en}


def version_definitions(row: FundScheme) -> list[dict]:
    return [v.definition for v in row.versions.order_by("number")]


def scheme_row(fund) -> FundScheme | None:
    return FundScheme.objects.filter(fund=fund).first()


def scheme_of(fund) -> Scheme | None:
    """The fund's scheme as the engine sees it (None before it adopts one)."""
    row = scheme_row(fund)
    if row is None:
        return None
    versions = list(row.versions.order_by("number").values_list("digest", "definition"))
    if not versions:
        return None
    return _cached((row.pk, tuple(digest for digest, _ in versions)), row, versions)


_CACHE: dict[tuple, Scheme] = {}  # keyed by the versions' digests: a new version is a new key


def _cached(key: tuple, row: FundScheme, versions: list) -> Scheme:
    scheme = _CACHE.get(key)
    if scheme is None:
        if len(_CACHE) > 256:
            _CACHE.clear()
        scheme = load_scheme_data({**scheme_header(row), "versions": [d for _, d in versions]})
        _CACHE[key] = scheme
    return scheme


def require_scheme(fund) -> Scheme:
    scheme = scheme_of(fund)
    if scheme is None:
        raise reasons.NO_SCHEME_ADOPT_FIRST.conflict()
    return scheme


def version_in_force(fund, day: datetime.date) -> FundSchemeVersion | None:
    """The published version in force on `day`: the last one in force from that day or before."""
    return (
        FundSchemeVersion.objects.filter(scheme__fund=fund, effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )


def scheme_for(user, fund) -> FundScheme | None:
    require(user, fund, "view_scheme")
    return scheme_row(fund)


def versions_for(user, fund) -> list[FundSchemeVersion]:
    require(user, fund, "view_scheme")
    return list(
        FundSchemeVersion.objects.filter(scheme__fund=fund).select_related("published_by").order_by("-number")
    )


def claims_for(user, fund, status: str = "") -> QuerySet[Claim]:
    """Claims of the fund the user may see: all of them for its officers, their own for a member."""
    caps = capabilities(user, fund)
    if not caps:
        require(user, fund, "view_claims")  # raises the fund's 404
    claims = Claim.objects.filter(fund=fund).select_related("member__person").order_by("-id")
    if "view_claims" not in caps:
        claims = claims.filter(member_id__in=own_member_ids(user))
    if status:
        claims = claims.filter(status=status)
    return claims


def claim_for(user, fund, pk: int) -> Claim:
    claim = (
        claims_for(user, fund)
        .select_related("entered_by", "verified_by", "rejected_by", "paid_by", "paid_entry", "version")
        .filter(pk=pk)
        .first()
    )
    if claim is None:
        raise reasons.CLAIM_NOT_FOUND.not_found()
    return claim


def approvals_of(claim: Claim) -> list:
    return list(claim.approvals.select_related("approver").order_by("approved_at", "id"))


def current_approvers(claim: Claim) -> set[int]:
    """Who approved the claim as it is now (approvals of an earlier content do not count)."""
    return set(claim.approvals.filter(digest=claim.digest).values_list("approver_id", flat=True))
