"""API routes of pension batches: generate the month's pensions, then verify, approve and pay them."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router

from sajja.access.policy import require
from sajja.api.idempotency import KEY_HEADER, idempotent
from sajja.api.schemas import ERRORS
from sajja.registry.selectors import fund_for
from sajja.welfare import schemas as s
from sajja.welfare.claims.shapes import claim_out
from sajja.welfare.pensions import services as pensions

# The operation ids of the API's description were made from this router's first home,
# sajja.welfare.api_pensions: kept, so that clients generated from it go on working.
router = Router(tags=["welfare"])

# --- pension batches --------------------------------------------------------------------------------


def _batch_out(fund, batch: str) -> dict:
    claims = list(pensions.batch_claims(fund, batch).select_related("entered_by", "verified_by", "version"))
    return {
        "batch": batch,
        "digest": pensions.batch_digest(fund, batch),
        "total": sum(c.amount for c in claims),
        "claims": [claim_out(c) for c in claims],
    }


def _result_out(batch: str, result) -> dict:
    return {
        "batch": batch,
        "done": result.done,
        "skipped": [{"claim": c, "why": w} for c, w in result.skipped],
    }


@router.post(
    "/funds/{code}/pensions",
    response={201: s.BatchOut, **ERRORS},
    url_name="pension-generate",
    operation_id="sajja_welfare_api_pensions_generate",
)
def generate(
    request, response: HttpResponse, code: str, payload: s.PensionIn, idempotency_key: str | None = KEY_HEADER
):
    """Enter the pensions due on `day` as one batch (running it again enters nothing more)."""
    fund = fund_for(request.auth, code)
    require(request.auth, fund, "enter_claims")

    def write():
        pensions.generate_pensions(request.auth, fund, payload.day)
        return 201, _batch_out(fund, pensions.batch_name(payload.day))

    return idempotent(request, response, payload.dict(), write)


@router.get(
    "/funds/{code}/pensions/{batch}",
    response={200: s.BatchOut, **ERRORS},
    url_name="pension-batch",
    operation_id="sajja_welfare_api_pensions_get_batch",
)
def get_batch(request, code: str, batch: str):
    fund = fund_for(request.auth, code)
    require(request.auth, fund, "view_claims")
    return _batch_out(fund, batch)


def _batch_action(request, response, code, batch, capability, payload: dict, act):
    fund = fund_for(request.auth, code)
    require(request.auth, fund, capability)
    return idempotent(request, response, payload, lambda: (200, _result_out(batch, act(fund))))


@router.post(
    "/funds/{code}/pensions/{batch}/verify",
    response={200: s.BatchResultOut, **ERRORS},
    url_name="pension-verify",
    operation_id="sajja_welfare_api_pensions_verify_batch",
)
def verify_batch(
    request,
    response: HttpResponse,
    code: str,
    batch: str,
    payload: s.BatchDigestIn,
    idempotency_key: str | None = KEY_HEADER,
):
    return _batch_action(
        request,
        response,
        code,
        batch,
        "verify_claims",
        payload.dict(),
        lambda f: pensions.verify_batch(request.auth, f, batch, payload.digest),
    )


@router.post(
    "/funds/{code}/pensions/{batch}/approve",
    response={200: s.BatchResultOut, **ERRORS},
    url_name="pension-approve",
    operation_id="sajja_welfare_api_pensions_approve_batch",
)
def approve_batch(
    request,
    response: HttpResponse,
    code: str,
    batch: str,
    payload: s.BatchDigestIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Approve every verified claim of the batch as you saw it (its `digest`)."""
    return _batch_action(
        request,
        response,
        code,
        batch,
        "approve_claims",
        payload.dict(),
        lambda f: pensions.approve_batch(request.auth, f, batch, payload.digest),
    )


@router.post(
    "/funds/{code}/pensions/{batch}/pay",
    response={200: s.BatchResultOut, **ERRORS},
    url_name="pension-pay",
    operation_id="sajja_welfare_api_pensions_pay_batch",
)
def pay_batch(
    request,
    response: HttpResponse,
    code: str,
    batch: str,
    payload: s.PayIn,
    idempotency_key: str | None = KEY_HEADER,
):
    return _batch_action(
        request,
        response,
        code,
        batch,
        "pay_claims",
        payload.dict(),
        lambda f: pensions.pay_batch(request.auth, f, batch, payload.source, payload.date),
    )
