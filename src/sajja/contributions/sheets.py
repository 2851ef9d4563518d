"""The meeting sheet: a group's members on one meeting date, what each owes, and what each paid.

The whole sheet posts as one batch. Each line's key names the group, the date and the member, so
sending the sheet again posts nothing more (and a changed amount is refused, not added).
"""

from __future__ import annotations

import datetime

from sajja.contributions.models import Channel, Receipt
from sajja.contributions.services import Recorded, record_payments
from sajja.contributions.validation import Payment
from sajja.core.errors import ValidationFailed
from sajja.core.ledger.checks import LedgerError


def sheet_key_prefix(group, day: datetime.date) -> str:
    return f"sheet:{group.pk}:{day.isoformat()}:"


def sheet_receipts(fund, group, day: datetime.date) -> list[Receipt]:
    """Receipts already issued from this sheet (contributions and fees), in number order."""
    rows = Receipt.objects.filter(
        fund=fund, entry__idempotency_key__startswith=sheet_key_prefix(group, day)
    ).select_related("member__person")
    return sorted(rows, key=lambda r: r.number)


def submit_sheet(
    actor,
    fund,
    group,
    day: datetime.date,
    amounts: dict[str, int],
    *,
    fees: dict[str, tuple[str, int]] | None = None,
    today=None,
) -> Recorded:
    """Record the sheet's payments (member number -> satang; blank lines left out) as one batch, with
    the fees ticked on it (member number -> (purpose, satang)), each with its own receipt."""
    fees = fees or {}
    numbers = set(group.members.values_list("number", flat=True))
    strangers = sorted(n for n in {*amounts, *fees} if n not in numbers)
    if strangers:
        raise ValidationFailed(
            [
                LedgerError(
                    "not_in_group",
                    f"สมาชิก {n} ไม่อยู่ในกลุ่ม {group.name}",
                    f"member {n} is not in group {group.code}",
                    f"member {n}",
                )
                for n in strangers
            ]
        )
    if not amounts and not fees:
        raise ValidationFailed(
            [LedgerError("empty_sheet", "ยังไม่ได้กรอกจำนวนเงิน", "no amount was filled in", "amounts")]
        )
    prefix = sheet_key_prefix(group, day)
    payments = [
        Payment(number, satang, day, Channel.CASH, "", f"{prefix}{number}")
        for number, satang in sorted(amounts.items())
    ]
    payments += [
        Payment(number, satang, day, Channel.CASH, "", f"{prefix}{number}:{purpose}", purpose)
        for number, (purpose, satang) in sorted(fees.items())
    ]
    return record_payments(
        actor,
        fund,
        payments,
        today=today,
        label=lambda p: f"member {payments[p.index].member}: {p.column}",
        action="contributions.sheet.submit",
    )
