"""API routes of pooling (a django-ninja router mounted under /api/): a network's pooling for a fiscal year
(the rule, what each fund owes and remitted, the top-ups, the consolidated accounts), and its two writes: a
remittance and a top-up. A fiscal year is read in either era (2569 or 2026). Every write takes an
Idempotency-Key; the key also keys the write itself, so a retry after the answer was lost still records
nothing twice. A role held in one of the network's funds answers 403; outside the network, 404."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Query, Router

from sajja.access.policy import network_for
from sajja.access.reasons import FUND_NOT_FOUND
from sajja.api.idempotency import KEY_HEADER, idempotent, key_of
from sajja.api.schemas import ERRORS
from sajja.cofunding.selectors import read_fiscal_year
from sajja.core import thai_dates
from sajja.pooling import reasons, selectors, services
from sajja.pooling import schemas as s
from sajja.pooling.models import Remittance, TopUp
from sajja.schemes.cofunding.fiscal import FiscalYear, ReadFiscalYear, fiscal_year_of

router = Router(tags=["pooling"])

FY_QUERY = "fiscal year: 2569 (Buddhist era) or 2026 (the common-era year it ends in); default: this one"


def _write_key(request) -> str:
    """The write's own key: the user's Idempotency-Key (two users' keys never meet)."""
    return f"api:{getattr(request.auth, 'pk', '')}:{key_of(request)}"


def fiscal_year_out(fy: FiscalYear, read: ReadFiscalYear | None = None) -> dict:
    out = {"be": fy.be, "ce": fy.ce, "start": fy.start, "end": fy.end}
    if read is not None:
        out |= {"read_as": read.era.value, "said_th": read.said("th"), "said_en": read.said("en")}
    return out


def rule_out(rule) -> dict | None:
    if rule is None:
        return None
    return {
        "from_fiscal_year": FiscalYear(rule.from_fiscal_year).be,
        "pool_fund": rule.pool_fund.code,
        "basis": rule.basis,
        "rate": rule.rate,
        "top_up_threshold": rule.top_up_threshold,
        "top_up_percent": rule.top_up_percent,
        "top_up_cap": rule.top_up_cap,
        "note": rule.note,
    }


def top_up_out(t: TopUp) -> dict:
    return {
        "id": t.pk,
        "fund": t.fund.code,
        "pool_fund": t.pool_fund.code,
        "claim": t.claim_id,
        "amount": t.amount,
        "paid_on": t.paid_on,
        "paid_from": t.paid_from,
        "paid_into": t.paid_into,
    }


def remittance_out(r: Remittance) -> dict:
    return {
        "id": r.pk,
        "fund": r.fund.code,
        "pool_fund": r.pool_fund.code,
        "fiscal_year": FiscalYear(r.fiscal_year).be,
        "due": r.due,
        "amount": r.amount,
        "paid_on": r.paid_on,
        "paid_from": r.paid_from,
        "paid_into": r.paid_into,
        "note": r.note,
        "out_entry": r.out_entry_id,
        "in_entry": r.in_entry_id,
    }


def year_out(year: selectors.PoolingYear, read: ReadFiscalYear | None = None) -> dict:
    """A network's pooling for the year, as the API and `sajja pooling status --format json` give it."""
    c = year.consolidated
    return {
        "network": year.network.code,
        "fiscal_year": fiscal_year_out(year.fiscal_year, read),
        "rule": rule_out(year.rule),
        "funds": [
            {
                "code": f.fund.code,
                "name_th": f.fund.name_th,
                "name_en": f.fund.name_en,
                "holds_pool": f.is_pool,
                "contributions": f.base.contributions,
                "surplus": f.base.surplus,
                "members": f.base.members,
                "due": f.due,
                "remitted": f.remitted,
                "outstanding": f.outstanding,
                "ahead": f.ahead,
                "topped_up": f.topped_up,
            }
            for f in year.funds
        ],
        "due": year.due,
        "remitted": year.remitted,
        "outstanding": year.outstanding,
        "top_ups": [top_up_out(t) for t in year.top_ups],
        "topped_up": year.topped_up,
        "consolidated": {
            "rows": [
                {
                    "code": r.code,
                    "name_th": r.name_th,
                    "name_en": r.name_en,
                    "kind": r.kind,
                    "amount": r.amount,
                    "inter_fund": r.inter_fund,
                }
                for r in c.rows
            ],
            "funds_income": c.funds_income,
            "funds_expenses": c.funds_expenses,
            "eliminated_income": c.eliminated_income,
            "eliminated_expenses": c.eliminated_expenses,
            "income": c.income,
            "expenses": c.expenses,
            "surplus": c.surplus,
            "matched": c.matched,
        },
    }


@router.get(
    "/networks/{network}/pooling",
    response={200: s.PoolingYearOut, **ERRORS},
    url_name="pooling-year",
    operation_id="sajja_pooling_api_year",
)
def get_year(request, network: str, fy: str | None = Query(None, description=FY_QUERY)):
    """The rule in force, each fund's base, due, remitted and outstanding, the top-ups of the year, and the
    network's consolidated income and expenses with the money between its funds eliminated."""
    found = network_for(request.auth, network, "view_pooling")
    read = read_fiscal_year(fy, "fy") if fy else None
    year = read.fiscal_year if read else fiscal_year_of(thai_dates.today())
    return year_out(selectors.pooling_year(found, year), read)


@router.post(
    "/networks/{network}/pooling/remittances",
    response={201: s.PoolingRemittanceOut, **ERRORS},
    url_name="pooling-remit",
    operation_id="sajja_pooling_api_remit",
)
def remit(
    request,
    response: HttpResponse,
    network: str,
    payload: s.PoolingRemitIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Money one of the network's funds sent to its pool for a fiscal year: an expense in the fund's books
    and income in the pool's, posted together. Refused: a fund of another network, the pool itself, no rule
    in force, money the fund does not hold."""
    found = network_for(request.auth, network, "manage_pooling")

    def write():
        fy = read_fiscal_year(payload.fiscal_year, "fiscal_year").fiscal_year
        fund = selectors.fund_by_code(payload.fund)
        if fund is None:
            raise FUND_NOT_FOUND.not_found("fund")
        row, _ = services.remit_to(
            request.auth,
            fund,
            found,
            fy,
            payload.amount,
            payload.paid_on,
            _write_key(request),
            paid_from=payload.paid_from,
            paid_into=payload.paid_into,
            note=payload.note,
        )
        return 201, remittance_out(row)

    return idempotent(request, response, payload.dict(), write)


@router.post(
    "/networks/{network}/pooling/top-ups",
    response={201: s.PoolingTopUpOut, **ERRORS},
    url_name="pooling-top-up",
    operation_id="sajja_pooling_api_top_up",
)
def top_up(
    request,
    response: HttpResponse,
    network: str,
    payload: s.PoolingTopUpIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """The pool pays back part of a paid claim of one of the network's funds (without an amount: the most
    the rule allows). One top-up per claim."""
    found = network_for(request.auth, network, "manage_pooling")

    def write():
        claim = selectors.network_claim(found, payload.claim)
        if claim is None:
            raise reasons.CLAIM_NOT_IN_NETWORK.invalid("claim", claim=payload.claim, network=found.code)
        row, _ = services.pay_top_up(
            request.auth,
            found,
            claim,
            payload.amount,
            payload.paid_on,
            _write_key(request),
            paid_from=payload.paid_from,
            paid_into=payload.paid_into,
        )
        return 201, top_up_out(row)

    return idempotent(request, response, payload.dict(), write)
