"""API routes of the welfare area (a django-ninja router mounted under /api/): the fund's scheme, quotes
and entitlements, and claims from entry to payout. Every write takes an Idempotency-Key."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from ninja import Query, Router

from sajja.access.policy import require
from sajja.api.idempotency import KEY_HEADER, idempotent
from sajja.api.schemas import ERRORS
from sajja.core import thai_dates
from sajja.registry.selectors import fund_for, member_for
from sajja.schemes.vocabulary import EventKind
from sajja.welfare import reasons, selectors
from sajja.welfare import schemas as s
from sajja.welfare.assess import member_entitlements, quote
from sajja.welfare.claims.shapes import who
from sajja.welfare.services import publish_version

router = Router(tags=["welfare"])

EVENT_QUERY = Query(..., description="what happened")
DATE_QUERY = Query(..., description="the day it happened")


def _version_out(v) -> dict:
    return {
        "number": v.number,
        "effective_from": v.effective_from,
        "resolution": v.resolution,
        "digest": v.digest,
        "published_at": v.published_at,
        "published_by": who(v.published_by),
        "definition": v.definition,
    }


# --- the scheme -------------------------------------------------------------------------------------


@router.get("/funds/{code}/scheme", response={200: s.SchemeOut, **ERRORS}, url_name="welfare-scheme")
def get_scheme(request, code: str):
    """The fund's welfare rules: every published version, and the one in force today."""
    fund = fund_for(request.auth, code)
    row = selectors.scheme_for(request.auth, fund)
    if row is None:
        raise reasons.NO_SCHEME_YET.invalid("scheme")
    versions = selectors.versions_for(request.auth, fund)
    today = thai_dates.today()
    in_force = next((v for v in versions if v.effective_from <= today), None)
    return {
        "code": row.code,
        "name_th": row.name_th,
        "name_en": row.name_en,
        "template": row.template,
        "in_force": _version_out(in_force) if in_force else None,
        "versions": [_version_out(v) for v in versions],
    }


@router.post(
    "/funds/{code}/scheme/versions", response={201: s.VersionOut, **ERRORS}, url_name="welfare-publish"
)
def publish(
    request, response: HttpResponse, code: str, payload: s.PublishIn, idempotency_key: str | None = KEY_HEADER
):
    """Publish a new version of the rules (as data or as YAML), dated after the last one. Refusals name
    the exact place in the version (`benefits[1].tiers[0].amount`)."""
    fund = fund_for(request.auth, code)
    require(request.auth, fund, "manage_scheme")
    given = payload.yaml if payload.yaml is not None else payload.definition
    if given is None:
        raise reasons.VERSION_MISSING.invalid("definition")

    def write():
        source = "version.yaml" if payload.yaml is not None else ""
        version = publish_version(request.auth, fund, given, resolution=payload.resolution, source=source)
        return 201, _version_out(version)

    return idempotent(request, response, payload.dict(), write)


@router.get(
    "/funds/{code}/members/{number}/quote", response={200: s.QuoteOut, **ERRORS}, url_name="welfare-quote"
)
def get_quote(
    request,
    code: str,
    number: str,
    event: EventKind = EVENT_QUERY,
    date: datetime.date = DATE_QUERY,
    nights: int = Query(0, ge=0, le=366),
    level: str = Query("", description="school level, for education grants"),
):
    """What the rules give this member for this event, with the explanation (nothing is written)."""
    fund = fund_for(request.auth, code)
    require(request.auth, fund, "view_scheme")
    member = member_for(request.auth, fund, number)
    result = quote(fund, member, event.value, date, nights, level)
    return {
        "fund": fund.code,
        "member": member.number,
        "total_satang": result.total,
        "adjudication": result.to_dict(),
    }


@router.get(
    "/funds/{code}/members/{number}/entitlements",
    response={200: list[s.EntitlementOut], **ERRORS},
    url_name="welfare-entitlements",
)
def get_entitlements(request, code: str, number: str):
    """What the member would get today for each benefit, and why."""
    fund = fund_for(request.auth, code)
    member = member_for(request.auth, fund, number)
    if selectors.scheme_of(fund) is None:
        return []
    out = []
    for e in member_entitlements(fund, member, thai_dates.today()):
        d = e.decision
        out.append(
            {
                "benefit": d.code,
                "name": {"th": d.name_th, "en": d.name_en},
                "amount": d.amount,
                "unit": e.unit,
                "eligible": e.eligible,
                "reasons": sorted(r.value for r in d.reasons),
                "explanation": {"th": [x.th for x in d.steps], "en": [x.en for x in d.steps]},
            }
        )
    return out
