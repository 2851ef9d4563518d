"""API routes of co-funding (a django-ninja router mounted under /api/): a fiscal year's entitlement, its
request, money received and refunded against it, and the fund's money by source. A fiscal year in the path
is read in either era (2569 or 2026). Every write takes an Idempotency-Key; the key also keys the write
itself, so a retry after the answer was lost still records nothing twice."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Query, Router

from sajja.access.policy import require
from sajja.api.idempotency import KEY_HEADER, idempotent, key_of
from sajja.api.schemas import ERRORS
from sajja.cofunding import schemas as s
from sajja.cofunding import selectors, services, services_money, shapes
from sajja.cofunding.selectors_sources import money_by_source_for, welfare_by_source_for
from sajja.registry.selectors import fund_for

router = Router(tags=["cofunding"])

FY_PATH = "fiscal year: 2569 (Buddhist era) or 2026 (the common-era year it ends in)"


def _write_key(request) -> str:
    """The write's own key: the user's Idempotency-Key (two users' keys never meet)."""
    return f"api:{getattr(request.auth, 'pk', '')}:{key_of(request)}"


@router.get(
    "/funds/{code}/cofunding/{fy}/entitlement",
    response={200: s.CofundingEntitlementOut, **ERRORS},
    url_name="cofunding-entitlement",
)
def get_entitlement(
    request, code: str, fy: str, members: bool = Query(False, description="list every member's line")
):
    """Who counts for the year, why the others do not, what each party owes, and each fund-level rule
    with its reason. Before 30 September it is provisional (`provisional: true`)."""
    fund = fund_for(request.auth, code)
    computed = selectors.entitlement_for(request.auth, fund, fy)
    return shapes.entitlement_out(computed, lines=members)


@router.post(
    "/funds/{code}/cofunding/{fy}/request",
    response={201: s.CofundingRequestOut, **ERRORS},
    url_name="cofunding-request",
)
def make_request(
    request,
    response: HttpResponse,
    code: str,
    fy: str,
    payload: s.CofundingRequestIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Request the year's co-funding: the entitlement as computed now, recorded with a receivable per
    party. Refused before the year is over, or when a fund-level rule is not met (each named)."""
    fund = fund_for(request.auth, code)
    require(request.auth, fund, "request_cofunding")

    def write():
        made, _ = services.request(fund, fy, request.auth, _write_key(request), due_on=payload.due_on)
        return 201, shapes.request_out(made)

    return idempotent(request, response, {"fy": fy, **payload.dict()}, write)


@router.get(
    "/funds/{code}/cofunding/{fy}/request",
    response={200: s.CofundingRequestOut, **ERRORS},
    url_name="cofunding-request-detail",
)
def get_request(request, code: str, fy: str):
    """The year's request as it was made, and each party's standing: requested, received, outstanding,
    overpaid and refunded."""
    fund = fund_for(request.auth, code)
    return shapes.request_out(selectors.request_for(request.auth, fund, fy))


@router.post(
    "/funds/{code}/cofunding/{fy}/receipts",
    response={201: s.CofundingReceiptDone, **ERRORS},
    url_name="cofunding-receipt",
)
def receive(
    request,
    response: HttpResponse,
    code: str,
    fy: str,
    payload: s.CofundingReceiptIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Money a party paid against the year's request: it settles what the party owed (in part or in
    full); more than that is kept as an overpayment, to refund."""
    fund = fund_for(request.auth, code)
    require(request.auth, fund, "receive_cofunding")

    def write():
        made = selectors.request_for(request.auth, fund, fy)
        row, _ = services_money.receive(
            made,
            payload.party,
            payload.amount,
            payload.received_on,
            request.auth,
            _write_key(request),
            into=payload.into,
            note=payload.note,
        )
        return 201, {"receipt": shapes.receipt_out(row, made.due_on), "request": shapes.request_out(made)}

    return idempotent(request, response, {"fy": fy, **payload.dict()}, write)


@router.post(
    "/funds/{code}/cofunding/{fy}/refunds",
    response={201: s.CofundingRefundDone, **ERRORS},
    url_name="cofunding-refund",
)
def refund(
    request,
    response: HttpResponse,
    code: str,
    fy: str,
    payload: s.CofundingRefundIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Give back to a party what it paid more than it owed."""
    fund = fund_for(request.auth, code)
    require(request.auth, fund, "receive_cofunding")

    def write():
        made = selectors.request_for(request.auth, fund, fy)
        row, _ = services_money.refund(
            made,
            payload.party,
            payload.amount,
            payload.refunded_on,
            request.auth,
            _write_key(request),
            paid_from=payload.paid_from,
            note=payload.note,
        )
        return 201, {"refund": shapes.refund_out(row), "request": shapes.request_out(made)}

    return idempotent(request, response, {"fy": fy, **payload.dict()}, write)


@router.get(
    "/funds/{code}/money-by-source",
    response={200: s.CofundingMoneyOut, **ERRORS},
    url_name="cofunding-sources",
)
def get_money_by_source(
    request, code: str, fy: str | None = Query(None, description=f"{FY_PATH}: the welfare paid in that year")
):
    """The fund's money by where it came from (members, each co-funding party, donations, other), and the
    welfare it paid by source: the method is in `method_th` / `method_en`."""
    fund = fund_for(request.auth, code)
    first = last = read = None
    if fy:
        read = selectors.read_fiscal_year(fy, "fy")
        first, last = read.fiscal_year.start, read.fiscal_year.end
    money = money_by_source_for(request.auth, fund, last)
    welfare = welfare_by_source_for(request.auth, fund, first, last)
    out = shapes.money_out(money, welfare)
    if read is not None:
        out["fiscal_year"] = shapes.fiscal_year_out(read.fiscal_year, read)
    return out
