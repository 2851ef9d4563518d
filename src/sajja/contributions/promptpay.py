"""The fund's PromptPay ID, and the QR code a member scans to pay their contribution."""

from __future__ import annotations

import segno
from django.db import transaction
from django.utils import timezone
from stdnum.th import tin

from sajja.access.policy import require
from sajja.audit.records import PROMPTPAY, digest_of_record
from sajja.audit.services import record, serialise_audited_writes
from sajja.contributions.models import FundPromptPay
from sajja.contributions.reasons import PROMPTPAY_CHECK_DIGIT
from sajja.core.errors import Problem, ValidationFailed
from sajja.core.promptpay import PromptPayError, promptpay_payload, receiver


def set_promptpay_id(actor, fund, promptpay_id: str) -> FundPromptPay:
    """Set (or change) the fund's PromptPay ID; setting the same ID again writes nothing."""
    require(actor, fund, "post_entries")
    try:
        who = receiver(promptpay_id)
    except PromptPayError as exc:
        raise ValidationFailed(
            [Problem("invalid_promptpay_id", exc.message_th, exc.message_en, "promptpay_id")]
        ) from None
    if who.kind == "national_id" and not tin.is_valid(who.value):
        raise ValidationFailed([_checksum_error(promptpay_id)])
    value = who.value if who.kind != "phone" else "0" + who.value[4:]
    with transaction.atomic():
        serialise_audited_writes()
        current = FundPromptPay.objects.filter(fund=fund).first()
        if current and current.promptpay_id == value:
            return current
        row, _ = FundPromptPay.objects.update_or_create(
            fund=fund,
            defaults={
                "promptpay_id": value,
                "set_by_id": getattr(actor, "pk", None),
                "set_at": timezone.now(),
            },
        )
        # The event names the fund; its digest covers the ID as stored (audit.records.PROMPTPAY).
        record(
            actor,
            "contributions.promptpay.set",
            PROMPTPAY.object_type,
            fund.pk,
            fund_id=fund.pk,
            digest=digest_of_record(PROMPTPAY, row.pk),
        )
        return row


def _checksum_error(promptpay_id: str) -> Problem:
    """A citizen or tax ID mistyped: a QR made from it would send members' money to nobody (or to a
    stranger), so the fund's ID is checked where the payload format itself does not."""
    return PROMPTPAY_CHECK_DIGIT.problem("promptpay_id", id=promptpay_id)


def checksum_warning(promptpay_id: str) -> str | None:
    """For the command line: a warning where a 13-digit ID fails its check digit, else None."""
    try:
        who = receiver(promptpay_id)
    except PromptPayError:
        return None
    if who.kind == "national_id" and not tin.is_valid(who.value):
        error = _checksum_error(promptpay_id)
        return f"{error.message_th} / {error.message_en}"
    return None


def promptpay_id_of(fund) -> str | None:
    row = FundPromptPay.objects.filter(fund=fund).first()
    return row.promptpay_id if row else None


def payment_qr(fund, amount: int | None) -> tuple[str, str] | None:
    """(payload, inline SVG) of the QR code paying the fund `amount` satang (any amount if None or 0)."""
    promptpay_id = promptpay_id_of(fund)
    if promptpay_id is None:
        return None
    payload = promptpay_payload(promptpay_id, amount or None)
    return payload, segno.make(payload, error="m").svg_inline(scale=4, border=2)
