"""The contributions part of the demo: this month's meeting in one group of Khuan Lang, with receipts.

The demo's books already hold every member's monthly contribution to October 2026 as plain entries;
November's are recorded here the way a treasurer does: one group's meeting sheet on the 16th (the
Songkhla network's meeting day), and one member of another group paying November by PromptPay.
"""

from __future__ import annotations

import datetime

from sajja.access.policy import SYSTEM
from sajja.contributions.models import Channel
from sajja.contributions.services import record_payment
from sajja.contributions.sheets import submit_sheet
from sajja.contributions.validation import Payment
from sajja.registry.demo import TODAY
from sajja.registry.models import Fund

FUND = "songkhla-khuanlang"
MEETING = datetime.date(2026, 11, 16)


def extend(rng) -> list[tuple[str, str, str]]:
    fund = Fund.objects.filter(code=FUND).first()
    if fund is None:
        return []
    group = fund.groups.order_by("code").first()
    members = list(group.members.filter(joined_on__lte=MEETING).order_by("number"))
    amounts = {m.number: 3000 for m in members if rng.random() < 0.85}  # most of the group came
    if amounts:
        submit_sheet(SYSTEM, fund, group, MEETING, amounts, today=TODAY)
    other = fund.members.exclude(group=group).order_by("number").first()
    if other is not None:
        payment = Payment(
            other.number, 3000, datetime.date(2026, 11, 20), str(Channel.PROMPTPAY), "", "demo:promptpay-nov"
        )
        record_payment(SYSTEM, fund, payment, today=TODAY)
    return []
