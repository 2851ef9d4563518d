"""API routes of the contributions area (a django-ninja router mounted under /api/).

Amounts are integer satang; dates are ISO (common era).
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Literal

from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field, StrictInt

from sajja.api.idempotency import KEY_HEADER, idempotent, key_of
from sajja.api.schemas import ERRORS
from sajja.contributions import arrears, reasons, report_rows, selectors, services
from sajja.contributions.collection import MAX_MONTHS, collection_report, months_between
from sajja.contributions.exports import XLSX
from sajja.contributions.imports import (
    CHANGED_EN,
    CHANGED_TH,
    DECISIONS,
    MAX_BYTES,
    ImportHeld,
    already_imported_text,
    plan_import,
    post_plan,
    read_file,
)
from sajja.contributions.models import Channel, Purpose
from sajja.contributions.promptpay import payment_qr
from sajja.contributions.validation import Payment
from sajja.contributions.words import thai_words
from sajja.core.errors import ValidationFailed
from sajja.core.ledger.records import KEY_MAX
from sajja.ledger.selectors import parse_period
from sajja.registry.selectors import fund_for

router = Router(tags=["contributions"])


class PaymentIn(Schema):
    member: str = Field(..., max_length=32, description="member number or 13-digit national ID")
    amount: StrictInt = Field(..., description="satang")
    date: datetime.date
    # Channel(member) is the member itself, typed (to mypy, without Django's stubs, a member is its tuple)
    channel: Channel = Channel(Channel.CASH)
    receipt: str = Field("", max_length=32, description="number of a paper receipt, if any")
    purpose: Purpose = Field(
        Purpose(Purpose.CONTRIBUTION), description="contribution, or a fee: entry_fee, reinstatement_fee"
    )


class ReceiptOut(Schema):
    number: int
    member: str
    date: datetime.date
    amount: int
    amount_words: str
    channel: str
    purpose: str
    book_number: str
    entry: int
    received_by: str
    cancelled_on: datetime.date | None
    cancel_reason: str
    cancel_entry: int | None


class StatementOut(Schema):
    member: str
    joined_on: datetime.date
    status: str
    as_of: datetime.date
    paid_total: int
    paid_through: datetime.date | None
    arrears: int
    standing: str
    due_month_end: int = Field(..., description="satang to be paid through the end of this month")
    promptpay_payload: str | None = Field(
        None, description="QR payload paying the fund that amount, if it has PromptPay"
    )
    entry_fee_due: int = Field(
        0, description="satang: the fund's entry fee, while the member has not paid it"
    )
    reinstatement_fee_due: int = Field(
        0, description="satang: while the member is lapsed and has not paid it"
    )
    receipts: list[ReceiptOut]


def _receipt_out(r) -> dict:
    return {
        "number": r.number,
        "member": r.member.number,
        "date": r.paid_on,
        "amount": r.amount,
        "amount_words": thai_words(r.amount),
        "channel": r.channel,
        "purpose": r.purpose,
        "book_number": r.book_number,
        "entry": r.entry_id,
        "received_by": r.received_by_name,
        "cancelled_on": r.cancelled_on,
        "cancel_reason": r.cancel_reason,
        "cancel_entry": r.cancel_entry_id,
    }


@router.get(
    "/funds/{code}/members/{number}/contributions",
    response={200: StatementOut, **ERRORS},
    url_name="member-statement",
)
def member_statement(request, code: str, number: str):
    """A member's contributions: paid in total, paid-through date, arrears today, standing, receipts."""
    fund = fund_for(request.auth, code)
    s = selectors.statement_for(request.auth, fund, number)
    st = s.standing
    qr = None if s.member.status in selectors.ENDED else payment_qr(fund, s.due_month_end)
    return {
        "member": s.member.number,
        "joined_on": s.member.joined_on,
        "status": s.member.status,
        "as_of": st.as_of,
        "paid_total": st.paid_total,
        "paid_through": st.paid_through if st.paid_total > 0 else None,
        "arrears": st.arrears,
        "standing": st.standing,
        "due_month_end": s.due_month_end,
        "promptpay_payload": qr[0] if qr else None,
        "entry_fee_due": s.entry_fee_due,
        "reinstatement_fee_due": s.reinstatement_fee_due,
        "receipts": [_receipt_out(r) for r in s.receipts],
    }


def _payment_key(key: str) -> str:
    """The payment's ledger key for a request's Idempotency-Key: the key itself behind "api:", or, where
    that would pass the ledger's limit (the header may be as long as the limit), its digest."""
    keyed = f"api:{key}"
    return keyed if len(keyed) <= KEY_MAX else f"api:sha256:{hashlib.sha256(key.encode()).hexdigest()}"


@router.post("/funds/{code}/payments", response={201: ReceiptOut, **ERRORS}, url_name="record-payment")
def record_payment(
    request,
    response: HttpResponse,
    code: str,
    payload: PaymentIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Record a member's payment and issue its receipt. The Idempotency-Key is the payment's key."""
    fund = fund_for(request.auth, code, "post_entries")
    key = _payment_key(key_of(request))

    def write():
        payment = Payment(
            payload.member,
            payload.amount,
            payload.date,
            payload.channel,
            payload.receipt.strip(),
            key,
            payload.purpose,
        )
        receipt = services.record_payment(request.auth, fund, payment)
        return 201, _receipt_out(receipt)

    return idempotent(request, response, payload.dict(), write)


@router.get("/funds/{code}/receipts/{number}", response={200: ReceiptOut, **ERRORS}, url_name="receipt")
def get_receipt(request, code: str, number: int):
    """One receipt (a member: only their own)."""
    fund = fund_for(request.auth, code)
    return _receipt_out(selectors.receipt_for(request.auth, fund, number))


IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "duplicates": {"type": "string", "enum": ["confirm", "skip"]},
                        "duplicates_token": {"type": "string", "maxLength": 64},
                    },
                    "required": ["file"],
                }
            },
            "text/csv": {"schema": {"type": "string", "format": "binary"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


class ImportOut(Schema):
    file: str
    rows: int = Field(..., description="rows recorded: new receipts and rows this file posted before")
    created: int = Field(..., description="receipts issued by this import")
    already: int = Field(..., description="rows this same file posted before: nothing posted again")
    skipped: list[int] = Field(
        [],
        description="rows of the file left out (as numbered in the file): possible duplicates skipped, now"
        " or when this file was first imported",
    )
    confirmed: int = Field(0, description="possible duplicates recorded as new payments (duplicates=confirm)")
    total: int = Field(..., description="satang, the rows recorded")
    receipts: list[int] = Field(..., description="numbers of the receipts, in the file's order")
    already_imported_on: datetime.date | None = Field(
        None,
        description="this file (the same rows) was imported before, on this day, and nothing was recorded"
        " now: if its rows are new payments, send it again with duplicates=confirm and `duplicates_token`",
    )
    already_imported_receipts: list[int] = Field(
        [], description="the receipts of that earlier import (of its latest copy)"
    )
    duplicates_token: str | None = Field(
        None, description="the token that records this file's rows as new payments (with duplicates=confirm)"
    )
    warning_th: str | None = Field(None, description="what to tell the treasurer (the file imported before)")
    warning_en: str | None = None


# A held file's answer is a 409 in the one error shape; its token travels in this header (and is named
# in the messages), so that the decision sent with it stands for that report only.
TOKEN_HEADER = "Duplicates-Token"


def _uploaded(request, name: str) -> tuple[str, bytes]:
    """The file sent: a multipart form's `file` field, or else the request's body itself (named by
    `name`). One byte past the size limit is read, so that the import can refuse the file as too large."""
    if request.content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            raise reasons.FILE_REQUIRED.invalid("file")
        return upload.name, upload.read(MAX_BYTES + 1)
    return name, request.read(MAX_BYTES + 1)


@router.post(
    "/funds/{code}/payments/import",
    response={201: ImportOut, **ERRORS},
    url_name="import-payments",
    openapi_extra=IMPORT_BODY,
)
def import_payments_file(
    request,
    response: HttpResponse,
    code: str,
    name: str = Query(
        "payments.csv", description="the file's name when the body is the file itself (.csv or .xlsx)"
    ),
    duplicates: Literal["confirm", "skip"] | None = Query(
        None,
        description="rows that repeat a payment already recorded (same member, day, amount, purpose, channel"
        " and paper receipt number or none), or an earlier row of the file, are possible duplicates: without"
        " this the file is held (409, each such row named with the earlier receipt); `confirm` records them"
        " as new payments, `skip` leaves them out. Sent with `duplicates_token` (also as form fields)",
    ),
    duplicates_token: str | None = Query(
        None,
        max_length=64,
        description="the token of the answer the decision is about (a 409's header Duplicates-Token, or a"
        " 201's `duplicates_token` for a file imported before): required with `duplicates`. If the possible duplicates are no longer those it names, the"
        " file is held again (409) and nothing is written",
    ),
    idempotency_key: str | None = KEY_HEADER,
):
    """Import a payments file (member, date, amount, channel, receipt), all or nothing: as a multipart
    form's `file`, or as the request body itself with `?name=FILE.csv|.xlsx`. A file with any bad row is
    refused whole (400), every bad row listed in `errors` (where: file, row, column, value); a file with
    possible duplicates is held (409, code `possible_duplicate`, its token in the header Duplicates-Token
    and in the messages) until sent again with `duplicates` and that `duplicates_token`. The same file sent again posts nothing and says when it was
    imported (`already_imported_on`, `warning_en`); its rows are recorded anew only with
    duplicates=confirm and the answer's token. The file is checked before the write lock is taken."""
    fund = fund_for(request.auth, code, "post_entries")
    key_of(request)
    name, data = _uploaded(request, name)
    decision, token = _decision(request, duplicates, duplicates_token)
    try:
        # read and checked with no lock held (a retry of a kept answer is checked too: all retries then)
        plan = plan_import(fund, name, read_file(name, data), decision=decision, token=token)
        request_said: dict[str, str | None] = {"file": name, "sha256": hashlib.sha256(data).hexdigest()}
        if decision:
            request_said.update(duplicates=decision, duplicates_token=token)
        return idempotent(request, response, request_said, lambda: _post(request, fund, name, plan))
    except ImportHeld as held:
        response[TOKEN_HEADER] = held.token
        return Status(409, _held_body(held))


def _decision(request, duplicates: str | None, token: str | None) -> tuple[str | None, str | None]:
    """The treasurer's decision and the token it answers, from the query or a multipart form's fields;
    a decision without its token is refused (it would stand for whatever is found when it comes)."""
    if request.content_type == "multipart/form-data":
        duplicates = duplicates or request.POST.get("duplicates") or None
        token = token or request.POST.get("duplicates_token") or None
    if duplicates is not None and duplicates not in DECISIONS:
        raise reasons.INVALID_DUPLICATES.invalid("duplicates")
    if token is not None and len(token) > 64:
        raise reasons.TOKEN_TOO_LONG.invalid("duplicates_token")
    if duplicates is not None and not token:
        raise reasons.DUPLICATES_TOKEN_REQUIRED.invalid("duplicates_token")
    return duplicates, token


def _held_body(held: ImportHeld) -> dict:
    rows = len(held.report)
    th = (
        f"ไฟล์ถูกพักไว้: {rows} แถวอาจซ้ำกับรายการที่บันทึกแล้ว ไม่ได้บันทึกอะไร ส่งใหม่พร้อม"
        f" duplicates=confirm (ชำระซ้ำจริง) หรือ duplicates=skip (ข้ามแถวเหล่านั้น) และ duplicates_token={held.token}"
    )
    en = (
        f"the file is held: {rows} row{'s' if rows != 1 else ''} may repeat payments already recorded and"
        " nothing was recorded; send it again with duplicates=confirm (real second payments) or"
        f" duplicates=skip (leave them out), and duplicates_token={held.token}"
    )
    if held.changed:
        th, en = f"{CHANGED_TH}. {th}", f"{CHANGED_EN}. {en}"
    return {
        "code": held.code,
        "message_th": th,
        "message_en": en,
        "errors": [
            {"code": e.code, "where": e.where, "message_th": e.message_th, "message_en": e.message_en}
            for e in held.errors
        ],
    }


def _post(request, fund, name: str, plan) -> tuple[int, dict]:
    result = post_plan(request.auth, fund, plan)
    warning_th = warning_en = None
    if result.earlier is not None:
        how = f"duplicates=confirm&duplicates_token={result.token}"
        warning_th, warning_en = already_imported_text(
            result, f"ส่งไฟล์เดิมอีกครั้งพร้อม {how}", f"send the same file again with {how}"
        )
    return 201, {
        "file": name,
        "rows": result.count,
        "created": result.created,
        "already": result.count - result.created,
        "skipped": result.skipped,
        "confirmed": result.confirmed,
        "total": result.total,
        "receipts": services.receipt_numbers(fund, result.entry_ids),
        "already_imported_on": result.already_imported_on,
        "already_imported_receipts": result.already_receipts,
        "duplicates_token": result.token,
        "warning_th": warning_th,
        "warning_en": warning_en,
    }


class TallyOut(Schema):
    group: str | None = Field(
        None, description="the group's code (null: the month's total, or members without a group)"
    )
    name: str | None
    members: int
    expected: int = Field(..., description="satang")
    collected: int = Field(..., description="satang")
    paying: int
    in_arrears: int
    lapsed: int
    cancelled_earlier: int = Field(
        ...,
        description="satang of earlier months' receipts cancelled in this month: the reversal is in this "
        "month's books, so `collected` is that much below the month's own receipts",
    )


class MonthOut(Schema):
    period: str
    total: TallyOut
    groups: list[TallyOut]


class CollectionOut(Schema):
    fund: str
    first: str
    last: str
    as_of: datetime.date
    months: list[MonthOut]


def _month_range(first: str, last: str) -> tuple[int, int]:
    """`from` and `to` as YYYYMM, each refusal naming its parameter: a range backwards or longer than
    the report shows is refused, not read as another range."""
    months = []
    for name, text in (("from", first), ("to", last)):
        try:
            year, month = parse_period(text)
        except ValidationFailed as bad:
            raise ValidationFailed([e._replace(where=name) for e in bad.errors]) from None
        months.append(year * 100 + month)
    start, end = months
    if end < start:
        raise reasons.RANGE_BACKWARDS.invalid("to")
    if len(months_between(start, end)) > MAX_MONTHS:
        raise reasons.RANGE_TOO_LONG.invalid("to", limit=MAX_MONTHS)
    return start, end


@router.get(
    "/funds/{code}/contributions/collection",
    response={200: CollectionOut, **ERRORS},
    url_name="collection-report",
)
def collection(
    request,
    code: str,
    first: str = Query(
        ..., alias="from", description="first month, YYYY-MM (a Buddhist-era year is read too)"
    ),
    last: str = Query(..., alias="to", description="last month, YYYY-MM; at most 24 months from `from`"),
):
    """Expected and collected contributions per group and month, with members paying and in arrears."""
    fund = fund_for(request.auth, code)
    report = collection_report(request.auth, fund, *_month_range(first, last))

    def period(p: int) -> str:
        return f"{p // 100}-{p % 100:02d}"

    return {
        "fund": fund.code,
        "first": period(report.first),
        "last": period(report.last),
        "as_of": report.as_of,
        "months": [
            {
                "period": period(m.period),
                "total": report_rows.tally_out(report_rows.month_total(m)),
                "groups": [report_rows.tally_out(t) for t in m.groups],
            }
            for m in report.months
        ],
    }


class BehindOut(Schema):
    member: str
    name: str
    group: str | None
    standing: str = Field(..., description="in_arrears or lapsed")
    paid_through: datetime.date | None = Field(None, description="none when nothing was ever paid")
    days_unpaid: int
    to_pay: int = Field(..., description="satang that cover the member through the end of this month")


@router.get(
    "/funds/{code}/contributions/behind",
    response={200: list[BehindOut], **ERRORS},
    url_name="members-behind",
)
def members_behind(request, code: str):
    """Members in arrears or lapsed today, by group code, the longest behind first."""
    fund = fund_for(request.auth, code)
    return [
        {
            "member": r.member.number,
            "name": r.member.person.full_name,
            "group": r.member.group.code if r.member.group else None,
            "standing": r.standing.standing,
            "paid_through": r.standing.paid_through if r.standing.paid_total > 0 else None,
            "days_unpaid": r.days_unpaid,
            "to_pay": r.owed,
        }
        for r in arrears.members_behind(request.auth, fund)
    ]
