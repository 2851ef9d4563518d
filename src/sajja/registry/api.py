"""API routes of the registry (a django-ninja router mounted under /api/): the funds your roles reach and
their members; enrolling one takes an Idempotency-Key.

The routes carry no tag, and each keeps the operationId it had when it was written on the API itself
(`sajja_api_api_…`): the published OpenAPI description, and the clients generated from it, stay as they are.
"""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Query, Router

from sajja.api import schemas as s
from sajja.api.idempotency import KEY_HEADER, idempotent
from sajja.api.schemas import ERRORS
from sajja.registry import selectors as registry
from sajja.registry import services as enrolment

router = Router()


def _fund_out(fund) -> dict:
    return {
        "code": fund.code,
        "name_th": fund.name_th,
        "name_en": fund.name_en,
        "kind": fund.kind,
        "network": fund.network.code,
    }


def _member_out(user, member) -> dict:
    return {
        "number": member.number,
        "full_name": member.person.full_name,
        "national_id": registry.national_id_shown(user, member),
        "birth_date": member.person.birth_date,
        "sex": member.person.sex,
        "group": member.group.code if member.group else None,
        "joined_on": member.joined_on,
        "status": member.status,
    }


@router.get(
    "/funds",
    response={200: list[s.FundOut], **ERRORS},
    url_name="funds",
    operation_id="sajja_api_api_list_funds",
)
def list_funds(request):
    """The funds your roles reach."""
    return [_fund_out(f) for f in registry.funds_for(request.auth)]


@router.get(
    "/funds/{code}",
    response={200: s.FundOut, **ERRORS},
    url_name="fund",
    operation_id="sajja_api_api_get_fund",
)
def get_fund(request, code: str):
    return _fund_out(registry.fund_for(request.auth, code))


@router.get(
    "/funds/{code}/members",
    response={200: list[s.MemberOut], **ERRORS},
    url_name="members",
    operation_id="sajja_api_api_list_members",
)
def list_members(
    request,
    code: str,
    q: str = Query("", description="a name, a member number, or a 13-digit national ID"),
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0),
):
    """Members you may see: all of the fund's for its officers, only yourself for a member."""
    fund = registry.fund_for(request.auth, code)
    members = registry.members_for(request.auth, fund, q)[offset : offset + limit]
    return [_member_out(request.auth, m) for m in members]


@router.get(
    "/funds/{code}/members/{number}",
    response={200: s.MemberOut, **ERRORS},
    url_name="member",
    operation_id="sajja_api_api_get_member",
)
def get_member(request, code: str, number: str):
    fund = registry.fund_for(request.auth, code)
    return _member_out(request.auth, registry.member_for(request.auth, fund, number))


@router.post(
    "/funds/{code}/members",
    response={201: s.MemberOut, **ERRORS},
    url_name="enrol",
    operation_id="sajja_api_api_enrol_member",
)
def enrol_member(
    request, response: HttpResponse, code: str, payload: s.EnrolIn, idempotency_key: str | None = KEY_HEADER
):
    """Enrol a person (new or already known by national ID) as a member of the fund."""
    fund = registry.fund_for(request.auth, code, "manage_members")

    def write():
        data = enrolment.Enrolment(
            person=enrolment.PersonData(
                national_id=payload.national_id,
                title=payload.title,
                first_name=payload.first_name,
                last_name=payload.last_name,
                birth_date=payload.birth_date,
                sex=payload.sex,
                province_code=payload.province_code,
                district_code=payload.district_code,
                subdistrict_code=payload.subdistrict_code,
                moo=payload.moo,
                house_number=payload.house_number,
            ),
            joined_on=payload.joined_on,
            group_code=payload.group,
            beneficiaries=tuple(
                enrolment.BeneficiaryData(b.full_name, b.relationship, b.share_percent)
                for b in payload.beneficiaries
            ),
        )
        member = enrolment.enrol_member(request.auth, fund, data)
        return 201, _member_out(request.auth, member)

    return idempotent(request, response, payload.dict(), write)
