"""API routes of claims: entry to payout, and their evidence files (on the welfare router)."""

from __future__ import annotations

import base64
import binascii
import hashlib

from django.http import FileResponse, HttpResponse
from ninja import Query, Router

from sajja.api.idempotency import KEY_HEADER, idempotent, key_of
from sajja.api.schemas import ERRORS, ErrorOut
from sajja.registry.selectors import fund_for, member_for
from sajja.welfare import reasons, selectors
from sajja.welfare import schemas as s
from sajja.welfare.claims import services
from sajja.welfare.claims.evidence import attach_evidence, evidence_for
from sajja.welfare.claims.shapes import claim_in, claim_out, evidence_out

# The operation ids of the API's description were made from this router's first home,
# sajja.welfare.api_claims: kept, so that clients generated from it go on working.
router = Router(tags=["welfare"])

# --- claims -----------------------------------------------------------------------------------------


@router.get(
    "/funds/{code}/claims",
    response={200: list[s.ClaimOut], **ERRORS},
    url_name="claims",
    operation_id="sajja_welfare_api_claims_list_claims",
)
def list_claims(
    request, code: str, status: str = "", limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
):
    """Claims, newest first: all of the fund's for its officers, their own for a member."""
    fund = fund_for(request.auth, code)
    claims = selectors.claims_for(request.auth, fund, status).select_related(
        "entered_by", "verified_by", "version"
    )[offset : offset + limit]
    return [claim_out(c) for c in claims]


@router.get(
    "/funds/{code}/claims/{claim_id}",
    response={200: s.ClaimOut, **ERRORS},
    url_name="claim",
    operation_id="sajja_welfare_api_claims_get_claim",
)
def get_claim(request, code: str, claim_id: int):
    return claim_out(claim_in(request, code, claim_id)[1])


@router.post(
    "/funds/{code}/claims",
    response={201: s.ClaimOut, 200: s.ClaimOut, **ERRORS},
    url_name="claim-enter",
    operation_id="sajja_welfare_api_claims_enter",
)
def enter(
    request, response: HttpResponse, code: str, payload: s.ClaimIn, idempotency_key: str | None = KEY_HEADER
):
    """Enter a claim (a treasurer for any member, a member for themself). The rules compute its amount.

    201: entered. 200: this claim was already entered with the same one-time key: it is returned."""
    fund = fund_for(request.auth, code)
    key = key_of(request)

    def write():
        member = member_for(request.auth, fund, payload.member)
        data = services.ClaimData(
            payload.benefit, payload.event_date, payload.nights, payload.level, payload.details
        )
        claim, created = services.enter_claim(request.auth, fund, member, data, token=f"api:{key}")
        return (201 if created else 200), claim_out(claim)

    return idempotent(request, response, payload.dict(), write)


def _action(request, response, code, claim_id, capability, payload: dict, act):
    fund, claim = claim_in(request, code, claim_id, capability)

    def write():
        return 200, claim_out(act(claim))

    return idempotent(request, response, payload, write)


@router.post(
    "/funds/{code}/claims/{claim_id}/amend",
    response={200: s.ClaimOut, **ERRORS},
    url_name="claim-amend",
    operation_id="sajja_welfare_api_claims_amend",
)
def amend(
    request,
    response: HttpResponse,
    code: str,
    claim_id: int,
    payload: s.AmendIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Change an open claim: computed again, and its verification and approvals must be given again."""
    fund, claim = claim_in(request, code, claim_id)
    data = services.ClaimData(
        payload.benefit, payload.event_date, payload.nights, payload.level, payload.details
    )
    return idempotent(
        request,
        response,
        payload.dict(),
        lambda: (200, claim_out(services.amend_claim(request.auth, claim, data))),
    )


@router.post(
    "/funds/{code}/claims/{claim_id}/verify",
    response={200: s.ClaimOut, **ERRORS},
    url_name="claim-verify",
    operation_id="sajja_welfare_api_claims_verify",
)
def verify(
    request, response: HttpResponse, code: str, claim_id: int, idempotency_key: str | None = KEY_HEADER
):
    return _action(
        request,
        response,
        code,
        claim_id,
        "verify_claims",
        {},
        lambda c: services.verify_claim(request.auth, c),
    )


@router.post(
    "/funds/{code}/claims/{claim_id}/approve",
    response={200: s.ClaimOut, **ERRORS},
    url_name="claim-approve",
    operation_id="sajja_welfare_api_claims_approve",
)
def approve(
    request,
    response: HttpResponse,
    code: str,
    claim_id: int,
    payload: s.ApproveIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Approve the claim's content as you saw it (its `digest`). Two committee members must approve."""
    return _action(
        request,
        response,
        code,
        claim_id,
        "approve_claims",
        payload.dict(),
        lambda c: services.approve_claim(request.auth, c, payload.digest),
    )


@router.post(
    "/funds/{code}/claims/{claim_id}/reject",
    response={200: s.ClaimOut, **ERRORS},
    url_name="claim-reject",
    operation_id="sajja_welfare_api_claims_reject",
)
def reject(
    request,
    response: HttpResponse,
    code: str,
    claim_id: int,
    payload: s.RejectIn,
    idempotency_key: str | None = KEY_HEADER,
):
    return _action(
        request,
        response,
        code,
        claim_id,
        "reject_claims",
        payload.dict(),
        lambda c: services.reject_claim(request.auth, c, payload.reason, payload.note),
    )


@router.post(
    "/funds/{code}/claims/{claim_id}/pay",
    response={200: s.ClaimOut, **ERRORS},
    url_name="claim-pay",
    operation_id="sajja_welfare_api_claims_pay",
)
def pay(
    request,
    response: HttpResponse,
    code: str,
    claim_id: int,
    payload: s.PayIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Pay an approved claim: posts benefit expense (51xx) against cash, bank or a payable (2101)."""
    return _action(
        request,
        response,
        code,
        claim_id,
        "pay_claims",
        payload.dict(),
        lambda c: services.pay_claim(request.auth, c, payload.source, payload.date),
    )


@router.post(
    "/funds/{code}/claims/{claim_id}/evidence",
    response={201: s.EvidenceOut, **ERRORS},
    url_name="claim-evidence-add",
    operation_id="sajja_welfare_api_claims_add_evidence",
)
def add_evidence(
    request,
    response: HttpResponse,
    code: str,
    claim_id: int,
    payload: s.EvidenceIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Attach a file (PDF, JPEG or PNG, base64). The claim goes back to verification: its content changed.

    Size limit: `SAJJA_EVIDENCE_MAX_BYTES` (5 MB unless set) of the file itself; past it, 400 `file_too_big`.
    The request body may be as large as that file in base64 and more: a body past the server's limit is
    413 `too_large`. A body not of this shape (a field missing, a name past 200 characters) is 422."""
    fund, claim = claim_in(request, code, claim_id)
    try:
        data = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise reasons.FILE_NOT_BASE64.invalid("content_base64") from None
    digest = {"name": payload.name, "sha256": hashlib.sha256(data).hexdigest()}
    return idempotent(
        request,
        response,
        digest,
        lambda: (201, evidence_out(attach_evidence(request.auth, claim, payload.name, data))),
    )


@router.get(
    "/funds/{code}/claims/{claim_id}/evidence/{evidence_id}",
    response={404: ErrorOut, 401: ErrorOut},
    url_name="claim-evidence-file",
    operation_id="sajja_welfare_api_claims_get_evidence",
)
def get_evidence(request, code: str, claim_id: int, evidence_id: int):
    """The file itself, for those who may see the claim."""
    fund, claim = claim_in(request, code, claim_id)
    evidence, path = evidence_for(claim, evidence_id)
    response = FileResponse(path.open("rb"), content_type=evidence.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
