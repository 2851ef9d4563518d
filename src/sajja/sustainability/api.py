"""API of the sustainability area: a fund's or a network's stored projection, and asking for a new one.

Reading never projects: it returns what the background worker stored. Asking queues the projection
(202) and is idempotent like every API write (Idempotency-Key).
"""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router

from sajja.access.policy import network_for
from sajja.api.idempotency import KEY_HEADER, idempotent
from sajja.api.schemas import ERRORS
from sajja.registry.models import Fund
from sajja.registry.selectors import fund_for
from sajja.sustainability import schemas as s
from sajja.sustainability import selectors, services

router = Router(tags=["sustainability"])

PERCENTILE_KEYS = ("reserve_p5", "reserve_p25", "reserve_p50", "reserve_p75", "reserve_p95")
SERIES = ("ruin_probability", *PERCENTILE_KEYS, "funds")


def _result(row) -> dict | None:
    if row is None:
        return None
    summary = row.summary or {}
    return {
        "id": row.pk,
        "computed_at": row.finished_at,
        "digest": row.digest,
        "years": row.years,
        "paths": row.paths,
        "seed": row.seed,
        "start_year": row.start_year,
        "inputs": row.inputs,
        "indicators": {k: v for k, v in summary.items() if k not in SERIES},
        "percentiles": {k.removeprefix("reserve_"): summary[k] for k in PERCENTILE_KEYS if k in summary},
        "ruin_probability": summary.get("ruin_probability", []),
        "fixes": {**(row.fixes or {}), **({"funds": summary["funds"]} if "funds" in summary else {})} or None,
        "scenarios": row.scenarios,
    }


def _out(user, body) -> dict:
    st = selectors.projection_state(user, body)
    pending, failed = st.pending, st.failed
    return {
        "fund": body.code if isinstance(body, Fund) else None,
        "network": None if isinstance(body, Fund) else body.code,
        "status": st.status,
        "stale": st.stale,
        "computed_at": st.done.finished_at if st.done else None,
        "result": _result(st.done),
        "pending": None
        if pending is None
        else {
            "id": pending.pk,
            "status": pending.status,
            "reason": pending.reason,
            "requested_at": pending.requested_at,
            "started_at": pending.started_at,
        },
        "failed": None
        if failed is None
        else {
            "id": failed.pk,
            "finished_at": failed.finished_at,
            "message_th": failed.error_th,
            "message_en": failed.error_en,
        },
    }


def _queued(row) -> dict:
    return {
        "id": row.pk,
        "status": row.status,
        "reason": row.reason,
        "requested_at": row.requested_at,
        "started_at": row.started_at,
    }


@router.get(
    "/funds/{code}/sustainability", response={200: s.ProjectionOut, **ERRORS}, url_name="fund-sustainability"
)
def fund_projection(request, code: str):
    """The fund's stored projection, where its next one stands, and whether it is out of date."""
    return _out(request.auth, fund_for(request.auth, code))


@router.post(
    "/funds/{code}/sustainability/recompute",
    response={202: s.RequestOut, **ERRORS},
    url_name="fund-sustainability-recompute",
)
def fund_recompute(request, response: HttpResponse, code: str, idempotency_key: str | None = KEY_HEADER):
    """Queue the fund's projection (treasurer, committee, administrator); the worker computes it."""
    fund = fund_for(request.auth, code)
    return idempotent(
        request, response, {}, lambda: (202, _queued(services.request_recompute(request.auth, fund)))
    )


@router.get(
    "/networks/{network}/sustainability",
    response={200: s.ProjectionOut, **ERRORS},
    url_name="network-sustainability",
)
def network_projection(request, network: str):
    """The network's stored projection (its funds side by side and together)."""
    return _out(request.auth, network_for(request.auth, network, "view_projection"))


@router.post(
    "/networks/{network}/sustainability/recompute",
    response={202: s.RequestOut, **ERRORS},
    url_name="network-sustainability-recompute",
)
def network_recompute(
    request, response: HttpResponse, network: str, idempotency_key: str | None = KEY_HEADER
):
    """Queue the network's projection (coordinator, administrator)."""
    body = network_for(request.auth, network, "view_projection")
    return idempotent(
        request, response, {}, lambda: (202, _queued(services.request_recompute(request.auth, body)))
    )
