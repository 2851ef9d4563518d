"""API routes of the books (a django-ninja router mounted under /api/): accounts, entries, the trial
balance, reversing an entry and closing a month. Every write takes an Idempotency-Key.

The routes carry no tag, and each keeps the operationId it had when it was written on the API itself
(`sajja_api_api_…`): the published OpenAPI description, and the clients generated from it, stay as they are.
"""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Query, Router

from sajja.api import schemas as s
from sajja.api.fields import year_month
from sajja.api.idempotency import KEY_HEADER, idempotent, key_of
from sajja.api.schemas import ERRORS
from sajja.core import thai_dates
from sajja.core.errors import Problem, ValidationFailed
from sajja.core.ledger.records import Entry as EntryRecord
from sajja.core.ledger.records import Posting
from sajja.ledger import reasons
from sajja.ledger import selectors as books
from sajja.ledger import services as ledger
from sajja.ledger.models import Entry
from sajja.registry.selectors import fund_for

router = Router()


def _entry_out(entry: Entry) -> dict:
    return {
        "id": entry.pk,
        "date": entry.date,
        "memo": entry.memo,
        "kind": entry.kind,
        "idempotency_key": entry.idempotency_key,
        "reverses": entry.reverses_id,
        "lines": [{"account": line.account.code, "amount": line.amount} for line in _lines(entry)],
    }


def _lines(entry: Entry):
    """The entry's lines, from the list's prefetch when there is one (no query per entry)."""
    if "lines" in getattr(entry, "_prefetched_objects_cache", {}):
        return entry.lines.all()
    return books.entry_lines(entry)


@router.get(
    "/funds/{code}/accounts",
    response={200: list[s.AccountOut], **ERRORS},
    url_name="accounts",
    operation_id="sajja_api_api_list_accounts",
)
def list_accounts(request, code: str):
    """The general ledger's accounts with their running totals (members' sub-accounts roll up into 4101)."""
    fund = fund_for(request.auth, code)
    return list(books.accounts_for(request.auth, fund))


@router.get(
    "/funds/{code}/entries",
    response={200: list[s.EntryOut], **ERRORS},
    url_name="entries",
    operation_id="sajja_api_api_list_entries",
)
def list_entries(request, code: str, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)):
    """Entries, newest first."""
    fund = fund_for(request.auth, code)
    entries = books.entries_for(request.auth, fund).prefetch_related("lines__account")[
        offset : offset + limit
    ]
    return [_entry_out(e) for e in entries]


@router.get(
    "/funds/{code}/entries/{entry_id}",
    response={200: s.EntryOut, **ERRORS},
    url_name="entry",
    operation_id="sajja_api_api_get_entry",
)
def get_entry(request, code: str, entry_id: int):
    fund = fund_for(request.auth, code)
    return _entry_out(books.entry_for(request.auth, fund, entry_id))


@router.post(
    "/funds/{code}/entries",
    response={201: s.EntryOut, 200: s.EntryOut, **ERRORS},
    url_name="post-entry",
    operation_id="sajja_api_api_post_entry",
)
def post_entry(
    request, response: HttpResponse, code: str, payload: s.EntryIn, idempotency_key: str | None = KEY_HEADER
):
    """Post a balanced entry. The Idempotency-Key becomes the entry's key in the fund's books.

    201: posted. 200: an entry with this key and the same content was already in the books (posted by
    another client or user): it is returned and nothing is written.
    """
    fund = fund_for(request.auth, code, "post_entries")
    key = key_of(request)
    problems = [
        _one_side(n) for n, line in enumerate(payload.lines, start=1) if bool(line.debit) == bool(line.credit)
    ]
    if problems:
        raise ValidationFailed(problems)
    record = EntryRecord(
        payload.date,
        payload.memo,
        tuple(Posting(line.account, line.debit - line.credit) for line in payload.lines),
        payload.kind,
        key,
    )

    def write():
        result = ledger.post_entries(request.auth, fund, [record], authorised_by=payload.authorised_by)
        entry = books.entry_for(request.auth, fund, result.entry_ids[0])
        warnings = [w._asdict() for w in result.warnings]
        return (200 if result.replayed else 201), _entry_out(entry) | {"warnings": warnings}

    return idempotent(request, response, payload.dict(), write)


@router.post(
    "/funds/{code}/entries/{entry_id}/reverse",
    response={201: s.EntryOut, **ERRORS},
    url_name="reverse",
    operation_id="sajja_api_api_reverse_entry",
)
def reverse_entry(
    request,
    response: HttpResponse,
    code: str,
    entry_id: int,
    payload: s.ReverseIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Post the mirror of an entry (dated `date`, today if none). The entry itself stays."""
    fund = fund_for(request.auth, code, "post_entries")
    entry = books.entry_for(request.auth, fund, entry_id)

    def write():
        done = getattr(entry, "reversed_by", None)
        if done is not None:
            raise reasons.ALREADY_REVERSED_BY.conflict(f"entry #{entry.pk}", entry=entry.pk, reversal=done.pk)
        day = payload.date or thai_dates.today()
        reversal = ledger.reverse_entry(request.auth, entry, day, key=f"reverse:{entry.pk}")
        return 201, _entry_out(reversal)

    return idempotent(request, response, payload.dict(), write)


@router.get(
    "/funds/{code}/trial-balance",
    response={200: s.TrialBalanceOut, **ERRORS},
    url_name="trial-balance",
    operation_id="sajja_api_api_get_trial_balance",
)
def get_trial_balance(
    request,
    code: str,
    period: str = Query("", description="YYYY-MM: as of the end of that month; empty: now"),
):
    fund = fund_for(request.auth, code)
    as_of = books.period_end(*year_month(period)) if period else None
    report = books.trial_balance(request.auth, fund, as_of)
    return {
        "fund": fund.code,
        "as_of": as_of,
        "total_debit": report.total_debit,
        "total_credit": report.total_credit,
        "balanced": report.is_balanced,
        "rows": [r.__dict__ for r in report.rows],
    }


@router.post(
    "/funds/{code}/periods/{period}/close",
    response={200: s.PeriodOut, **ERRORS},
    url_name="close-period",
    operation_id="sajja_api_api_close_period",
)
def close_period(
    request, response: HttpResponse, code: str, period: str, idempotency_key: str | None = KEY_HEADER
):
    """Close a month (YYYY-MM): nothing more posts into it. Closing a closed month changes nothing."""
    fund = fund_for(request.auth, code, "close_period")
    year, month = year_month(period)

    def write():
        closed = ledger.close_period(request.auth, fund, year, month)
        return 200, {"fund": fund.code, "period": f"{year}-{month:02d}", "closed_at": closed.closed_at}

    return idempotent(request, response, {"period": f"{year}-{month:02d}"}, write)


def _one_side(n: int) -> Problem:
    return reasons.ONE_SIDE_PER_LINE.problem(f"lines.{n}")
