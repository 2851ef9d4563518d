"""Enrolling a member and taking their entry fee at the same desk: one transaction, both or neither.

Where the fund's rules (those in force on the joining day) charge an entry fee, the treasurer usually
takes it when the member signs up. The fee gets its receipt like any payment (Dr cash or bank, Cr 4102
ค่าสมัครสมาชิก), numbered in the fund's one sequence. A member who pays later sees the fee as due on
their contributions page, with a button that takes it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from sajja.access.models import IdempotentRequest
from sajja.access.policy import require
from sajja.audit.services import serialise_audited_writes
from sajja.contributions.models import Purpose, Receipt
from sajja.contributions.rules import rule_book
from sajja.contributions.services import record_payment
from sajja.contributions.validation import Payment, fee_due
from sajja.core import thai_dates
from sajja.registry.models import Member
from sajja.registry.services import Enrolment, enrol_member

# Where a kept first answer came from: one enrolment form, whatever its address.
ROUTE = "web enrol member"


@dataclass(frozen=True)
class Enrolled:
    member: Member
    receipt: Receipt | None  # the entry fee's, when it was taken
    created: bool  # False: a form sent again, answered as the first time


def entry_fee_on(fund, joined_on: datetime.date) -> int:
    """Satang of the entry fee for a member joining on `joined_on` (0: the rules then charge none)."""
    return fee_due(rule_book(fund).on(joined_on), str(Purpose.ENTRY_FEE))


def enrol_taking_entry_fee(
    actor,
    fund,
    enrolment: Enrolment,
    *,
    channel: str | None,
    token: str = "",
    today: datetime.date | None = None,
) -> Enrolled:
    """Enrol the member and, when `channel` says how it was paid and the rules charge one, take the entry
    fee, dated today (or the joining day, if that is later). `token` (a form's one-time token) makes a
    retry return the first answer and write nothing; what is kept of it is the member's and the receipt's
    numbers only (no personal data), for the replay records' retention."""
    require(actor, fund, "manage_members")
    if channel:
        require(actor, fund, "post_entries")
    with transaction.atomic():
        serialise_audited_writes()  # a retry racing its first attempt waits here, then finds it
        IdempotentRequest.purge_expired()  # kept for the retention only: a form sent after it is a new one
        first = IdempotentRequest.objects.filter(user=actor, key=token).first() if token else None
        if first is not None:
            member = Member.objects.get(fund=fund, number=first.response["member"])
            number = first.response.get("receipt")
            receipt = Receipt.objects.get(fund=fund, number=number) if number else None
            return Enrolled(member, receipt, False)
        member = enrol_member(actor, fund, enrolment)
        fee = entry_fee_on(fund, enrolment.joined_on)
        receipt = None
        if channel and fee:
            day = max(today or thai_dates.today(), enrolment.joined_on)
            payment = Payment(
                member.number,
                fee,
                day,
                channel,
                "",
                f"enrol:{member.pk}:{Purpose.ENTRY_FEE}",
                str(Purpose.ENTRY_FEE),
            )
            receipt = record_payment(actor, fund, payment, today=today)
        if token:
            IdempotentRequest.objects.create(
                user=actor,
                key=token,
                route=ROUTE,
                request_digest="",
                status=201,
                response={"member": member.number, "receipt": receipt.number if receipt else None},
            )
        return Enrolled(member, receipt, True)
