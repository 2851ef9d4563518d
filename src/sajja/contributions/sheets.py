"""The meeting sheet: a group's members on one meeting date, what each owes, and what each paid.

The whole sheet posts as one batch. Each line's key names the group, the date and the member, so
sending the sheet again posts nothing more (and a changed amount is refused, not added). A line whose
receipt was cancelled is open again: its next key counts the cancellations, so the member can pay anew.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable

from sajja.contributions.models import Channel, Purpose, Receipt
from sajja.contributions.reasons import EMPTY_SHEET, NOT_IN_GROUP
from sajja.contributions.services import Recorded, record_payments
from sajja.contributions.validation import Payment
from sajja.core.errors import ValidationFailed
from sajja.reasons import Both


def sheet_key_prefix(group, day: datetime.date) -> str:
    return f"sheet:{group.pk}:{day.isoformat()}:"


def sheet_receipts(fund, group, day: datetime.date) -> list[Receipt]:
    """Receipts issued from this sheet (contributions and fees) and not cancelled, in number order."""
    rows = Receipt.objects.filter(
        fund=fund, entry__idempotency_key__startswith=sheet_key_prefix(group, day), cancelled_on__isnull=True
    )
    return sorted(rows.select_related("member__person"), key=lambda r: r.number)


def _line_keys(fund, group, day: datetime.date) -> Callable[[str, str], str]:
    """The key of a member's line (a contribution, or a fee by its purpose): the first time the group,
    the date and the member; after each receipt of that line was cancelled, a new one (#2, #3...)."""
    prefix = sheet_key_prefix(group, day)
    cancelled = Counter(
        (r.member.number, r.purpose)
        for r in Receipt.objects.filter(
            fund=fund, entry__idempotency_key__startswith=prefix, cancelled_on__isnull=False
        ).select_related("member")
    )

    def key(number: str, purpose: str) -> str:
        base = f"{prefix}{number}" if purpose == Purpose.CONTRIBUTION else f"{prefix}{number}:{purpose}"
        again = cancelled[(number, purpose)]
        return f"{base}#{again + 1}" if again else base

    return key


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
        named = Both(group.name, group.code)
        raise ValidationFailed(
            [NOT_IN_GROUP.problem(f"member {n}", member=n, group=named) for n in strangers]
        )
    if not amounts and not fees:
        raise EMPTY_SHEET.invalid("amounts")
    key = _line_keys(fund, group, day)
    payments = [
        Payment(number, satang, day, str(Channel.CASH), "", key(number, str(Purpose.CONTRIBUTION)))
        for number, satang in sorted(amounts.items())
    ]
    payments += [
        Payment(number, satang, day, str(Channel.CASH), "", key(number, purpose), purpose)
        for number, (purpose, satang) in sorted(fees.items())
    ]
    return record_payments(
        actor,
        fund,
        payments,
        today=today,
        label=lambda p: payments[p.index].member,  # the sheet's line: its message says what is wrong
        action="contributions.sheet.submit",
    )
