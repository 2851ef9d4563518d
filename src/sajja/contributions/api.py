"""API routes of the contributions area (a django-ninja router mounted under /api/).

Amounts are integer satang; dates are ISO (common era).
"""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from ninja import Router, Schema
from pydantic import Field, StrictInt

from sajja.api.api import ERRORS, KEY_HEADER
from sajja.api.idempotency import idempotent, key_of
from sajja.contributions import selectors, services
from sajja.contributions.models import Channel
from sajja.contributions.promptpay import payment_qr
from sajja.contributions.validation import Payment
from sajja.contributions.words import thai_words
from sajja.registry.selectors import fund_for

router = Router(tags=["contributions"])


class PaymentIn(Schema):
    member: str = Field(..., max_length=32, description="member number or 13-digit national ID")
    amount: StrictInt = Field(..., description="satang")
    date: datetime.date
    channel: Channel = Channel.CASH
    receipt: str = Field("", max_length=32, description="number of a paper receipt, if any")


class ReceiptOut(Schema):
    number: int
    member: str
    date: datetime.date
    amount: int
    amount_words: str
    channel: str
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
    receipts: list[ReceiptOut]


def _receipt_out(r) -> dict:
    return {
        "number": r.number,
        "member": r.member.number,
        "date": r.paid_on,
        "amount": r.amount,
        "amount_words": thai_words(r.amount),
        "channel": r.channel,
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
        "receipts": [_receipt_out(r) for r in s.receipts],
    }


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
    key = f"api:{key_of(request)}"

    def write():
        payment = Payment(
            payload.member, payload.amount, payload.date, payload.channel, payload.receipt.strip(), key
        )
        receipt = services.record_payment(request.auth, fund, payment)
        return 201, _receipt_out(receipt)

    return idempotent(request, response, payload.dict(), write)


@router.get("/funds/{code}/receipts/{number}", response={200: ReceiptOut, **ERRORS}, url_name="receipt")
def get_receipt(request, code: str, number: int):
    """One receipt (a member: only their own)."""
    fund = fund_for(request.auth, code)
    return _receipt_out(selectors.receipt_for(request.auth, fund, number))
