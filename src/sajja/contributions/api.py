"""API routes of the contributions area (a django-ninja router mounted under /api/).

Amounts are integer satang; dates are ISO (common era).
"""

from __future__ import annotations

import datetime
import hashlib

from django.http import HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field, StrictInt

from sajja.api.idempotency import KEY_HEADER, idempotent, key_of
from sajja.api.schemas import ERRORS
from sajja.contributions import arrears, report_rows, selectors, services
from sajja.contributions.collection import MAX_MONTHS, collection_report, months_between
from sajja.contributions.exports import XLSX
from sajja.contributions.imports import MAX_BYTES, import_payments
from sajja.contributions.models import Channel, Purpose
from sajja.contributions.promptpay import payment_qr
from sajja.contributions.validation import Payment
from sajja.contributions.words import thai_words
from sajja.core.errors import ValidationFailed
from sajja.core.ledger.checks import LedgerError
from sajja.core.ledger.records import KEY_MAX
from sajja.ledger.selectors import parse_period
from sajja.registry.selectors import fund_for

router = Router(tags=["contributions"])


class PaymentIn(Schema):
    member: str = Field(..., max_length=32, description="member number or 13-digit national ID")
    amount: StrictInt = Field(..., description="satang")
    date: datetime.date
    channel: Channel = Channel.CASH
    receipt: str = Field("", max_length=32, description="number of a paper receipt, if any")
    purpose: Purpose = Field(
        Purpose.CONTRIBUTION, description="contribution, or a fee: entry_fee, reinstatement_fee"
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
                    "properties": {"file": {"type": "string", "format": "binary"}},
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
    rows: int
    created: int = Field(..., description="receipts issued by this import")
    already: int = Field(..., description="rows imported before (by this or an earlier file): nothing posted")
    total: int = Field(..., description="satang, every row of the file")
    receipts: list[int] = Field(..., description="numbers of the receipts, in the file's order")


def _uploaded(request, name: str) -> tuple[str, bytes]:
    """The file sent: a multipart form's `file` field, or else the request's body itself (named by
    `name`). One byte past the size limit is read, so that the import can refuse the file as too large."""
    if request.content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationFailed(
                [
                    LedgerError(
                        "file_required", "ต้องแนบไฟล์ในช่อง file", "send the file in the field `file`", "file"
                    )
                ]
            )
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
    idempotency_key: str | None = KEY_HEADER,
):
    """Import a payments file (member, date, amount, channel, receipt), all or nothing: as a multipart
    form's `file`, or as the request body itself with `?name=FILE.csv|.xlsx`. A file with any bad row is
    refused whole (400), every bad row listed in `errors` (where: file, row, column, value); rows
    imported before post nothing again."""
    fund = fund_for(request.auth, code, "post_entries")
    key_of(request)
    name, data = _uploaded(request, name)

    def write():
        result = import_payments(request.auth, fund, name, data)
        return 201, {
            "file": name,
            "rows": result.count,
            "created": result.created,
            "already": result.count - result.created,
            "total": result.total,
            "receipts": services.receipt_numbers(fund, result.entry_ids),
        }

    return idempotent(request, response, {"file": name, "sha256": hashlib.sha256(data).hexdigest()}, write)


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
        raise ValidationFailed(
            [
                LedgerError(
                    "range_backwards", "เดือน to ต้องไม่ก่อนเดือน from", "`to` must not come before `from`", "to"
                )
            ]
        )
    if len(months_between(start, end)) > MAX_MONTHS:
        raise ValidationFailed(
            [
                LedgerError(
                    "range_too_long",
                    f"แสดงได้ไม่เกิน {MAX_MONTHS} เดือนต่อครั้ง",
                    f"at most {MAX_MONTHS} months at a time",
                    "to",
                )
            ]
        )
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
                "total": report_rows.tally_out(m.total),
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
