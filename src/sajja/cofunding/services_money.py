"""Money received against a request, and an overpayment refunded: each checked whole first (a refusal names
its field and writes nothing), then posted in one transaction behind the write lock with its record and its
audit event, idempotent by its key (books.py says what each posts).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.records import digest_of_record
from sajja.audit.services import record, serialise_audited_writes
from sajja.cofunding import reasons
from sajja.cofunding.books import MONEY_ACCOUNTS, receipt_entry, refund_entry
from sajja.cofunding.models import CofundingReceipt, CofundingRefund, CofundingRequest
from sajja.cofunding.records import RECEIPT, REFUND
from sajja.cofunding.selectors import standing_of
from sajja.cofunding.writing import NOTE_LIMIT, actor_id, baht_said, checked_key, day_said, ledger_key
from sajja.core import thai_dates
from sajja.core.errors import Problem, ValidationFailed
from sajja.core.ledger.checks import control_character
from sajja.core.ledger.records import MAX_AMOUNT
from sajja.core.money import format_baht
from sajja.core.thai_dates import format_period
from sajja.ledger.models import Account, ClosedPeriod
from sajja.ledger.services import post_entries
from sajja.reasons import Both
from sajja.schemes.cofunding import FiscalYear, Party

# --- money received and refunded -------------------------------------------------------------------


def _party(
    value: object, request_row: CofundingRequest, *, owing: bool
) -> tuple[Party | None, list[Problem]]:
    """The party named, if the request asked it for money (or, `owing` False, named it at all)."""
    asked = {
        p: amount
        for p, amount in request_row.parties.values_list("party", "amount")
        if p != Party.MEMBERS.value and (amount > 0 or not owing)
    }
    if isinstance(value, str) and value.strip() in asked:
        return Party(value.strip()), []
    names = Both(", ".join(Party(p).label("th") for p in asked) or "-", ", ".join(asked) or "-")
    return None, [reasons.PARTY_NOT_IN_REQUEST.problem("party", party=str(value), parties=names)]


def _money_problems(
    amount: object,
    day: object,
    where: str,
    request_row,
    account: object,
    account_where: str,
    note: object,
    today,
) -> list[Problem]:
    """Every problem with an amount, its day (not in the future, not before the request, in an open month),
    the bank or cash box it goes into or comes from, and its note."""
    problems: list[Problem] = []
    if type(amount) is not int or not 0 < amount <= MAX_AMOUNT:
        problems.append(reasons.AMOUNT_INVALID.problem("amount", max=MAX_AMOUNT))
    if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
        problems.append(reasons.DAY_IN_FUTURE.problem(where, day=str(day)))
    elif day > today:
        problems.append(reasons.DAY_IN_FUTURE.problem(where, day=day_said(day)))
    elif day < request_row.requested_on:
        problems.append(
            reasons.RECEIVED_BEFORE_REQUEST.problem(
                where, day=day_said(day), requested=day_said(request_row.requested_on)
            )
        )
    elif ClosedPeriod.objects.filter(fund_id=request_row.fund_id, period=day.year * 100 + day.month).exists():
        month = Both(format_period(day.year, day.month), f"{day.year}-{day.month:02d}")
        problems.append(reasons.MONTH_CLOSED.problem(where, month=month))
    if account not in MONEY_ACCOUNTS:
        problems.append(reasons.ACCOUNT_INVALID.problem(account_where, into=str(account)))
    if not isinstance(note, str) or len(note) > NOTE_LIMIT or control_character(note):
        problems.append(reasons.NOTE_TOO_LONG.problem("note", limit=NOTE_LIMIT))
    return problems


def receive(
    request_row: CofundingRequest,
    party: object,
    amount: int,
    received_on: datetime.date,
    by,
    key: str,
    *,
    into: str = "bank",
    note: str = "",
    today: datetime.date | None = None,
) -> tuple[CofundingReceipt, bool]:
    """Money `party` paid against the request: what it still owed is settled (all or part of it: a party
    may pay less, and pay the rest later); any more than that (a party paying twice) is recorded as an
    overpayment, a liability until it is refunded. (The receipt, whether it is new.)"""
    fund = request_row.fund
    require(by, fund, "receive_cofunding")
    today = today or thai_dates.today()
    key, problems = checked_key(key)
    named, wrong = _party(party, request_row, owing=True)
    problems += wrong + _money_problems(
        amount, received_on, "received_on", request_row, into, "into", note, today
    )
    if problems:
        raise ValidationFailed(problems)
    assert named is not None
    with transaction.atomic():
        serialise_audited_writes()
        first = CofundingReceipt.objects.filter(fund=fund, key=key).first()
        if first is not None:
            same = (first.request_id, first.party, first.amount, first.received_on, first.into, first.note)
            if same == (request_row.pk, named.value, amount, received_on, into, note):
                return first, False
            raise reasons.KEY_REUSED.conflict("key", key=key)
        standing = standing_of(request_row, named)
        assert standing is not None
        applied = min(amount, max(standing.outstanding, 0))
        year = FiscalYear(request_row.fiscal_year)
        memo = f"รับเงินสมทบ{named.label('th')} {year.label('th')} ตามคำขอเลขที่ {request_row.pk}"
        if amount > applied:
            memo += f" (รับเกิน {format_baht(amount - applied)} ต้องคืน)"
        entry = receipt_entry(named, amount, applied, into, received_on, memo, ledger_key("receipt", key))
        row = _posted(
            by, request_row, entry, RECEIPT, "cofunding.receive", "cofunding.receipt",
            party=named.value, amount=amount, note=note, key=key,
            applied=applied, overpaid=amount - applied, received_on=received_on, into=into,
        )  # fmt: skip
        return row, True


def refund(
    request_row: CofundingRequest,
    party: object,
    amount: int,
    refunded_on: datetime.date,
    by,
    key: str,
    *,
    paid_from: str = "bank",
    note: str = "",
    today: datetime.date | None = None,
) -> tuple[CofundingRefund, bool]:
    """Give back to `party` (all or part of) what it paid more than it owed. (The refund, whether it is new.)"""
    fund = request_row.fund
    require(by, fund, "receive_cofunding")
    today = today or thai_dates.today()
    key, problems = checked_key(key)
    named, wrong = _party(party, request_row, owing=False)
    problems += wrong + _money_problems(
        amount, refunded_on, "refunded_on", request_row, paid_from, "paid_from", note, today
    )
    if problems:
        raise ValidationFailed(problems)
    assert named is not None
    with transaction.atomic():
        serialise_audited_writes()
        first = CofundingRefund.objects.filter(fund=fund, key=key).first()
        if first is not None:
            same = (
                first.request_id,
                first.party,
                first.amount,
                first.refunded_on,
                first.paid_from,
                first.note,
            )
            if same == (request_row.pk, named.value, amount, refunded_on, paid_from, note):
                return first, False
            raise reasons.KEY_REUSED.conflict("key", key=key)
        standing = standing_of(request_row, named)
        left = standing.to_refund if standing else 0
        if amount > left:
            raise reasons.NOTHING_TO_REFUND.conflict(
                "amount",
                party=Both(named.label("th"), named.label("en")),
                left=baht_said(left),
                amount=baht_said(amount),
            )
        account = Account.objects.get(fund=fund, code=MONEY_ACCOUNTS[paid_from])
        if account.balance < amount:
            raise reasons.INSUFFICIENT_FUNDS.conflict(
                "paid_from",
                account=Both(account.name_th, account.name_en),
                balance=baht_said(account.balance),
                amount=baht_said(amount),
            )
        year = FiscalYear(request_row.fiscal_year)
        memo = f"คืนเงินสมทบที่รับเกินให้{named.label('th')} {year.label('th')} ตามคำขอเลขที่ {request_row.pk}"
        entry = refund_entry(amount, paid_from, refunded_on, memo, ledger_key("refund", key))
        row = _posted(
            by, request_row, entry, REFUND, "cofunding.refund", "cofunding.refund",
            party=named.value, amount=amount, note=note, key=key,
            refunded_on=refunded_on, paid_from=paid_from,
        )  # fmt: skip
        return row, True


def _posted(by, request_row: CofundingRequest, entry, kind, action: str, entry_action: str, **fields):
    """Post the money's entry, keep its row (a receipt or a refund, by `kind`) and audit it: the steps
    both share, inside the caller's transaction."""
    fund = request_row.fund
    posted = post_entries(by, fund, [entry], action=entry_action)
    row = kind.get_model().objects.create(
        fund=fund,
        request=request_row,
        entry_id=posted.entry_ids[0],
        recorded_by_id=actor_id(by),
        recorded_at=timezone.now(),
        **fields,
    )
    record(by, action, kind.object_type, row.pk, fund_id=fund.pk, digest=digest_of_record(kind, row.pk))
    return row
