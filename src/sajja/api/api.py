"""Routes of the API. Handlers parse, call a selector or a service, and shape the answer."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from sajja.api import schemas as s
from sajja.api.auth import TokenAuth
from sajja.api.idempotency import idempotent
from sajja.core.errors import DomainError, ValidationFailed
from sajja.core.ledger.checks import LedgerError
from sajja.core.ledger.records import Entry as EntryRecord
from sajja.core.ledger.records import Posting
from sajja.ledger import selectors as books
from sajja.ledger import services as ledger
from sajja.ledger.models import Entry
from sajja.registry import selectors as registry
from sajja.registry import services as enrolment

api = NinjaAPI(
    title="Sajja API",
    version="1",
    auth=TokenAuth(),
    urls_namespace="api",
    description="Community welfare funds (1 baht a day). Amounts are integer satang.",
)

ERRORS = {400: s.ErrorOut, 403: s.ErrorOut, 404: s.ErrorOut, 409: s.ErrorOut}


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError):
    items = [
        {"code": e.code, "where": e.where, "message_th": e.message_th, "message_en": e.message_en}
        for e in getattr(exc, "errors", [])
    ]
    body = {"code": exc.code, "message_th": exc.message_th, "message_en": exc.message_en, "errors": items}
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(NinjaValidationError)
def invalid_request(request: HttpRequest, exc: NinjaValidationError):
    items = [
        {
            "code": e.get("type", "invalid"),
            "where": ".".join(str(p) for p in e.get("loc", [])),
            "message_th": "ข้อมูลไม่ถูกต้อง",
            "message_en": e.get("msg", "invalid"),
        }
        for e in exc.errors
    ]
    body = {
        "code": "invalid",
        "message_th": "ข้อมูลที่ส่งมาไม่ถูกต้อง",
        "message_en": "invalid request",
        "errors": items,
    }
    return api.create_response(request, body, status=422)


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


def _entry_out(entry: Entry) -> dict:
    return {
        "id": entry.pk,
        "date": entry.date,
        "memo": entry.memo,
        "kind": entry.kind,
        "idempotency_key": entry.idempotency_key,
        "reverses": entry.reverses_id,
        "lines": [{"account": line.account.code, "amount": line.amount} for line in books.entry_lines(entry)],
    }


@api.get("/funds", response=list[s.FundOut], url_name="funds")
def list_funds(request):
    return [_fund_out(f) for f in registry.funds_for(request.auth)]


@api.get("/funds/{code}", response={200: s.FundOut, **ERRORS}, url_name="fund")
def get_fund(request, code: str):
    return _fund_out(registry.fund_for(request.auth, code))


@api.get("/funds/{code}/members", response={200: list[s.MemberOut], **ERRORS}, url_name="members")
def list_members(request, code: str, q: str = "", limit: int = 100, offset: int = 0):
    fund = registry.fund_for(request.auth, code)
    members = registry.members_for(request.auth, fund, q)[offset : offset + min(limit, 500)]
    return [_member_out(request.auth, m) for m in members]


@api.get("/funds/{code}/members/{number}", response={200: s.MemberOut, **ERRORS}, url_name="member")
def get_member(request, code: str, number: str):
    fund = registry.fund_for(request.auth, code)
    return _member_out(request.auth, registry.member_for(request.auth, fund, number))


@api.post("/funds/{code}/members", response={201: s.MemberOut, **ERRORS}, url_name="enrol")
def enrol_member(request, code: str, payload: s.EnrolIn):
    fund = registry.fund_for(request.auth, code)

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

    return idempotent(request, payload.dict(), write)


@api.get("/funds/{code}/accounts", response={200: list[s.AccountOut], **ERRORS}, url_name="accounts")
def list_accounts(request, code: str):
    fund = registry.fund_for(request.auth, code)
    return list(books.accounts_for(request.auth, fund))


@api.get("/funds/{code}/entries", response={200: list[s.EntryOut], **ERRORS}, url_name="entries")
def list_entries(request, code: str, limit: int = 50, offset: int = 0):
    fund = registry.fund_for(request.auth, code)
    entries = books.entries_for(request.auth, fund)[offset : offset + min(limit, 500)]
    return [_entry_out(e) for e in entries]


@api.get("/funds/{code}/entries/{entry_id}", response={200: s.EntryOut, **ERRORS}, url_name="entry")
def get_entry(request, code: str, entry_id: int):
    fund = registry.fund_for(request.auth, code)
    return _entry_out(books.entry_for(request.auth, fund, entry_id))


@api.post(
    "/funds/{code}/entries", response={201: s.EntryOut, 200: s.EntryOut, **ERRORS}, url_name="post-entry"
)
def post_entry(request, code: str, payload: s.EntryIn):
    """Post a balanced entry. The Idempotency-Key header is required and becomes the entry's key."""
    fund = registry.fund_for(request.auth, code)
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        raise ValidationFailed([_missing_key()])
    for n, line in enumerate(payload.lines, start=1):
        if bool(line.debit) == bool(line.credit):
            raise ValidationFailed([_one_side(n)])
    record = EntryRecord(
        payload.date,
        payload.memo,
        tuple(Posting(line.account, line.debit - line.credit) for line in payload.lines),
        payload.kind,
        key,
    )

    def write():
        result = ledger.post_entries(request.auth, fund, [record])
        return (200 if result.replayed else 201), _entry_out(Entry.objects.get(pk=result.entry_ids[0]))

    return idempotent(request, payload.dict(), write)


@api.post(
    "/funds/{code}/entries/{entry_id}/reverse", response={201: s.EntryOut, **ERRORS}, url_name="reverse"
)
def reverse_entry(request, code: str, entry_id: int, payload: s.ReverseIn):
    fund = registry.fund_for(request.auth, code)
    entry = books.entry_for(request.auth, fund, entry_id)

    def write():
        day = payload.date or datetime.date.today()
        reversal = ledger.reverse_entry(request.auth, entry, day, key=f"reverse:{entry.pk}")
        return 201, _entry_out(reversal)

    return idempotent(request, payload.dict(), write)


@api.get("/funds/{code}/trial-balance", response={200: s.TrialBalanceOut, **ERRORS}, url_name="trial-balance")
def get_trial_balance(request, code: str, period: str = ""):
    fund = registry.fund_for(request.auth, code)
    as_of = books.period_end(*books.parse_period(period)) if period else None
    report = books.trial_balance(request.auth, fund, as_of)
    return {
        "fund": fund.code,
        "as_of": as_of,
        "total_debit": report.total_debit,
        "total_credit": report.total_credit,
        "balanced": report.is_balanced,
        "rows": [r.__dict__ for r in report.rows],
    }


@api.post(
    "/funds/{code}/periods/{period}/close", response={200: s.PeriodOut, **ERRORS}, url_name="close-period"
)
def close_period(request, code: str, period: str):
    fund = registry.fund_for(request.auth, code)
    year, month = books.parse_period(period)

    def write():
        closed = ledger.close_period(request.auth, fund, year, month)
        return 200, {"fund": fund.code, "period": f"{year}-{month:02d}", "closed_at": closed.closed_at}

    return idempotent(request, {"period": period}, write)


def _missing_key() -> LedgerError:
    return LedgerError(
        "idempotency_key_required",
        "ต้องส่งหัวข้อ Idempotency-Key",
        "the Idempotency-Key header is required",
        "Idempotency-Key",
    )


def _one_side(n: int) -> LedgerError:
    return LedgerError(
        "one_side_per_line",
        "แต่ละบรรทัดต้องมีเดบิตหรือเครดิตอย่างใดอย่างหนึ่ง (มากกว่าศูนย์)",
        "each line needs either a debit or a credit above zero",
        f"lines.{n}",
    )


__all__ = ["api"]
