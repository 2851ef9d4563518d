"""Every write of the contributions area: payments with their receipts, and cancelling a receipt.

A batch of payments (one, a meeting sheet, a whole file) is checked whole, then posted with one call
to the ledger's bulk path; receipts are numbered in the same transaction, so numbers have no gaps.
A payment's idempotency key is its entry's key: a retry returns the first receipt and writes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.chain import RECEIPT_OBJECT, RECEIPTS_OBJECT, digest_of_entries
from sajja.audit.services import record, serialise_audited_writes
from sajja.contributions import reasons
from sajja.contributions.models import (
    Channel,
    Purpose,
    Receipt,
    cancellation_digest,
    receipt_prefix,
    receipt_tail,
)
from sajja.contributions.rules import rule_book
from sajja.contributions.validation import (
    Context,
    FirstPayment,
    MemberInfo,
    Payment,
    PaymentProblem,
    check_payments,
    fee_settled,
    find_member,
    member_number,
    national_id_digits,
)
from sajja.core import thai_dates
from sajja.core.errors import Conflict, Problem, ValidationFailed
from sajja.core.ledger.chart import BANK, CASH, ENTRY_FEES, REINSTATEMENT_FEES, member_account_code
from sajja.core.ledger.records import Entry as EntryRecord
from sajja.core.ledger.records import Posting
from sajja.ledger.bulk import bulk_write
from sajja.ledger.models import ClosedPeriod, Entry
from sajja.ledger.services import post_entries, reverse_entry
from sajja.ledger.storage import Referring
from sajja.registry.crypto import national_id_hash
from sajja.registry.models import Member

_CHUNK = 2000
# The words of each channel in a memo, by its value.
CHANNEL_WORDS: dict[str, str] = {
    str(Channel.CASH): "เงินสด",
    str(Channel.BANK_TRANSFER): "โอนเงิน",
    str(Channel.PROMPTPAY): "พร้อมเพย์",
    str(Channel.SAVINGS_DEDUCTION): "หักบัญชีกลุ่มสัจจะ",
}


@dataclass(frozen=True)
class Recorded:
    """What a batch did: its entries (in the batch's order), how many receipts were new, the total."""

    fund_id: int
    entry_ids: list[int]
    created: int  # receipts issued by this call (0: all were retries)
    total: int  # satang, the whole batch

    @property
    def count(self) -> int:
        return len(self.entry_ids)

    @property
    def receipts(self) -> list[Receipt]:
        """The batch's receipts, in its order (read when asked: a file's may be many)."""
        rows = Receipt.objects.filter(fund_id=self.fund_id, entry_id__in=self.entry_ids).select_related(
            "member"
        )
        by_entry = {r.entry_id: r for r in rows}
        return [by_entry[e] for e in self.entry_ids]


def debit_account(channel: str) -> str:
    """Cash stays in the cash box; every other channel reaches the fund's bank account."""
    return CASH if channel == Channel.CASH else BANK


# Where each fee is credited, and the words of its memo.
FEE_ACCOUNTS: dict[str, tuple[str, str]] = {
    str(Purpose.ENTRY_FEE): (ENTRY_FEES, "ค่าสมัครสมาชิก"),
    str(Purpose.REINSTATEMENT_FEE): (REINSTATEMENT_FEES, "ค่าธรรมเนียมกลับเข้าเป็นสมาชิก"),
}


def payment_entry(p: Payment, number: str) -> EntryRecord:
    """A contribution credits the member's sub-account (it buys days); a fee the fund's fee income,
    so it never counts towards the member's paid-through date."""
    channel = CHANNEL_WORDS.get(p.channel, p.channel)
    if p.purpose in FEE_ACCOUNTS:
        credit, words = FEE_ACCOUNTS[p.purpose]
        memo = f"{words} สมาชิก {number} ({channel})"
    else:
        memo, credit = f"เงินสัจจะ สมาชิก {number} ({channel})", member_account_code(number)
    postings = (Posting(debit_account(p.channel), p.amount), Posting(credit, -p.amount))
    return EntryRecord(p.paid_on, memo, postings, str(p.purpose), p.key)


def _entries(payments: list[Payment], numbers: list[str]) -> list[EntryRecord]:
    """payment_entry for each payment; a file repeats the same member, channel and amount many times,
    so the memo and the postings of each such kind of payment are made once and shared (they are immutable)."""
    shared: dict[tuple, EntryRecord] = {}
    records = []
    make = tuple.__new__  # the record's fields in order, without its Python-level constructor
    for p, number in zip(payments, numbers, strict=True):
        model = shared.get((number, p.channel, p.amount, p.purpose))
        if model is None:
            model = shared[(number, p.channel, p.amount, p.purpose)] = payment_entry(p, number)
        records.append(make(EntryRecord, (p.paid_on, model.memo, model.postings, model.kind, p.key)))
    return records


def load_context(fund, payments: list[Payment], today: datetime.date | None = None) -> Context:
    """What the checks need, read with a few queries whatever the number of payments: a small batch
    reads only the members it names, a large one the whole fund's list at once."""
    hashes: dict[str, str] = {}  # national ID digits -> their hash
    numbers = set()
    for ref in {p.member for p in payments}:  # a file names each member many times: look once
        digits = national_id_digits(ref)
        if digits:
            hashes.setdefault(digits, national_id_hash(digits))
        else:
            numbers.add(member_number(ref))
    rows = Member.objects.filter(fund=fund)
    if len(numbers) + len(hashes) <= _CHUNK:
        rows = rows.filter(Q(number__in=numbers) | Q(person__national_id_hash__in=list(hashes.values())))
    by_number, by_hash = {}, {}
    # the people's table is joined only when the payments name members by national ID
    columns = ["pk", "number", "status", "joined_on", "status_since"]
    columns += ["person__national_id_hash"] if hashes else []
    for pk, number, status, joined_on, status_since, *id_hash in rows.values_list(*columns):
        by_number[number] = MemberInfo(pk, number, status, joined_on, status_since)
        if id_hash:
            by_hash[id_hash[0]] = by_number[number]
    by_national_id = {digits: by_hash[h] for digits, h in hashes.items() if h in by_hash}
    closed = {
        (p // 100, p % 100) for p in ClosedPeriod.objects.filter(fund=fund).values_list("period", flat=True)
    }
    wanted = sorted({p.book_number for p in payments if p.book_number})
    used = set()
    for chunk in _chunks(wanted):
        # "not blank" lets the database use the partial unique index of paper numbers
        rows = Receipt.objects.filter(fund=fund, book_number__in=chunk).exclude(book_number="")
        used.update(rows.values_list("book_number", flat=True))
    book = rule_book(fund)
    ctx = Context(
        rules=book.on(thai_dates.today()),
        today=today or thai_dates.today(),
        by_number=by_number,
        by_national_id=by_national_id,
        closed_periods=frozenset(closed),
        book_numbers_used=frozenset(used),
        book=book,
    )
    return replace(ctx, fees_paid=_fees_paid(fund, ctx, payments))


def _fees_paid(fund, ctx: Context, payments: list[Payment]) -> frozenset[tuple[int, str]]:
    """(member id, fee) for the fees that the batch's fee payers already paid: the entry fee ever, the
    reinstatement fee since they lapsed (receipts not cancelled). No query when the batch has no fee."""
    payers = {
        m
        for p in payments
        if p.purpose in FEE_ACCOUNTS
        for m in [find_member(ctx, p.member)]
        if m is not None
    }
    paid: set[tuple[int, str]] = set()
    for chunk in _chunks(sorted(payers)):
        rows = Receipt.objects.filter(
            fund=fund,
            purpose__in=list(FEE_ACCOUNTS),
            cancelled_on__isnull=True,
            member_id__in=[m.pk for m in chunk],
        ).values_list("member_id", "purpose", "paid_on")
        since = {m.pk: m.status_since for m in chunk}
        paid.update(
            (member_id, purpose)
            for member_id, purpose, day in rows
            if fee_settled(purpose, day, since[member_id])
        )
    return frozenset(paid)


def _chunks(values: list) -> list[list]:
    """Lists of at most _CHUNK values: SQLite caps the parameters of one statement."""
    return [values[start : start + _CHUNK] for start in range(0, len(values), _CHUNK)]


def recorded_keys(fund, keys: list[str]) -> dict[str, FirstPayment]:
    """Payments already recorded under these keys: key -> what its receipt says. The keys are looked up
    through the entry's (fund, key) unique index, their receipts through the receipt's unique entry: a
    batch of keys never reads the rest of the fund's receipts."""
    found: dict[str, FirstPayment] = {}
    for chunk in _chunks(keys):
        entries = dict(
            Entry.objects.filter(fund=fund, idempotency_key__in=chunk)
            .order_by()
            .values_list("pk", "idempotency_key")
        )
        if not entries:
            continue
        rows = (
            Receipt.objects.filter(entry_id__in=list(entries))
            .order_by()
            .values_list(
                "entry_id",
                "number",
                "member__number",
                "amount",
                "paid_on",
                "channel",
                "purpose",
                "book_number",
            )
        )
        found.update((entries[entry_id], FirstPayment(*first)) for entry_id, *first in rows)
    return found


def receipts_like(days: set[tuple[int, datetime.date]]) -> dict[tuple, int]:
    """The receipts (not cancelled) of these members on these days, through the (member, paid_on) index:
    (member id, day, amount, purpose, channel, paper number) -> the receipt's number (the first one)."""
    by_member: dict[int, list[datetime.date]] = {}
    for member_id, day in days:
        by_member.setdefault(member_id, []).append(day)
    found: dict[tuple, int] = {}
    for chunk in _chunks(sorted(by_member)):
        first = min(min(by_member[m]) for m in chunk)
        last = max(max(by_member[m]) for m in chunk)
        rows = (
            Receipt.objects.filter(member_id__in=chunk, paid_on__gte=first, paid_on__lte=last)
            .filter(cancelled_on__isnull=True)
            .order_by()
            .values_list("member_id", "paid_on", "amount", "purpose", "channel", "book_number", "number")
        )
        for *content, number in rows:
            if (content[0], content[1]) in days:
                content = tuple(content)
                found[content] = min(number, found.get(content, number))
    return found


def member_infos(pks: list[int]) -> dict[int, MemberInfo]:
    """The members with these ids as the checks see them (by primary key, a few queries)."""
    found: dict[int, MemberInfo] = {}
    for chunk in _chunks(sorted(pks)):
        rows = (
            Member.objects.filter(pk__in=chunk)
            .order_by()
            .values_list("pk", "number", "status", "joined_on", "status_since")
        )
        found.update((row[0], MemberInfo(*row)) for row in rows)
    return found


def receipt_numbers(fund, entry_ids: list[int]) -> list[int]:
    """The receipt number of each entry, in the same order (a few queries, however many)."""
    numbers = {}
    for chunk in _chunks(entry_ids):
        numbers.update(
            Receipt.objects.filter(fund=fund, entry_id__in=chunk).values_list("entry_id", "number")
        )
    return [numbers[e] for e in entry_ids]


def _refusal(problems: list[PaymentProblem], label) -> ValidationFailed:
    errors = [Problem(p.error.code, p.error.message_th, p.error.message_en, label(p)) for p in problems]
    refused = ValidationFailed(errors)
    if all(e.code == "key_reused" for e in errors):
        refused.status = Conflict.status  # nothing wrong with the payment but its key: it clashes
    return refused


def _default_label(p: PaymentProblem) -> str:
    return p.column if p.index == 0 else f"payment {p.index + 1}: {p.column}"


@dataclass(frozen=True)
class Checked:
    """A batch of payments checked against the fund: who each one names, and which were recorded before
    (key -> what their receipt says). Valid only in the transaction that checked it."""

    payments: list[Payment]
    members: list[MemberInfo | None]
    done: dict[str, FirstPayment]


def check_batch(
    fund, payments: list[Payment], today: datetime.date | None = None
) -> tuple[Checked, list[PaymentProblem]]:
    """Every payment checked (retries only found, not checked again), with a few queries in all."""
    done = recorded_keys(fund, [p.key for p in payments])
    ctx = load_context(fund, payments, today)
    problems, members = check_payments(
        payments, ctx, {n: done[p.key] for n, p in enumerate(payments) if p.key in done}
    )
    return Checked(payments, members, done), problems


def record_payments(
    actor,
    fund,
    payments: list[Payment],
    *,
    today: datetime.date | None = None,
    label=_default_label,
    action: str = "contributions.payments.record",
) -> Recorded:
    """Record payments with their receipts, all or nothing; retries (keys already recorded) are
    returned as they are. Any bad payment refuses the whole batch, naming each problem."""
    require(actor, fund, "post_entries")
    with transaction.atomic():
        serialise_audited_writes()
        checked, problems = check_batch(fund, list(payments), today)
        if problems:
            raise _refusal(problems, label)
        return post_checked(actor, fund, checked, action)


def post_checked(actor, fund, checked: Checked, action: str) -> Recorded:
    """Post a batch checked in this same transaction, under the audit chain's lock (nothing can have
    changed since): one call to the ledger's bulk path, the receipts numbered on from the fund's last."""
    require(actor, fund, "post_entries")
    with bulk_write(len(checked.payments)):  # the ledger's write and the receipts share it
        return _post_checked(actor, fund, checked, action)


def _post_checked(actor, fund, checked: Checked, action: str) -> Recorded:
    payments, members, done = checked.payments, checked.members, checked.done
    # A retry said what its first payment said (check_retry): its member is the first one's.
    records = _entries(
        payments,
        [m.number if m is not None else done[p.key].member for m, p in zip(members, payments, strict=True)],
    )
    # Numbered on from the fund's last receipt, read before the write (the chain's lock is held).
    start = (Receipt.objects.filter(fund=fund).aggregate(m=Max("number"))["m"] or 0) + 1
    issued = [n for n, p in enumerate(payments) if p.key not in done]  # the payments given a receipt now
    receipts = _receipts(actor, fund, payments, members, issued, start) if issued else None
    # Written in the ledger's write, so that SQLite writes them while the entries are checked.
    result = post_entries(actor, fund, records, action="contributions.payments.post", referring=receipts)
    if issued:
        # The event names the fund's numbers it issued and digests the receipts' own digests: `audit
        # verify` finds a receipt changed, deleted or added behind the services' back.
        record(
            actor,
            action,
            RECEIPTS_OBJECT,
            f"{fund.pk}:{start}-{start + len(issued) - 1}",
            fund_id=fund.pk,
            digest=digest_of_entries(result.seals),
        )
    return Recorded(fund.pk, result.entry_ids, len(issued), sum(p.amount for p in payments))


# Stands for the entry's id in receipt_tail: nothing before the id there (numbers, a day, codes) holds it.
_ENTRY_ID_HERE = "\x00"


def _receipts(actor, fund, payments, members, issued: list[int], start: int) -> Referring:
    """The receipts of the payments `issued` (their places in the batch), numbered from `start` in its
    order, as rows referring to their entries; each is sealed with its digest (receipt_prefix +
    receipt_tail, its entry's id included), which the ledger writes once the id is known."""
    ops = connection.ops
    days = {day: ops.adapt_datefield_value(day) for day in {payments[n].paid_on for n in issued}}
    issued_at, received_by, name = timezone.now(), getattr(actor, "pk", None), _actor_name(actor)
    prefix = receipt_prefix(fund.pk, received_by, name, issued_at)
    rows, seals = [], []
    for number, n in enumerate(issued, start=start):
        p, member = payments[n], members[n].pk
        rows.append((number, member, days[p.paid_on], p.amount, p.channel, p.purpose, p.book_number))
        tail = receipt_tail(
            number, member, p.paid_on, p.amount, p.channel, p.purpose, p.book_number, _ENTRY_ID_HERE
        )
        before, _, after = tail.partition(_ENTRY_ID_HERE.encode())
        seals.append((prefix + before, after))
    return Referring(
        table=Receipt._meta.db_table,
        columns=("number", "member_id", "paid_on", "amount", "channel", "purpose", "book_number"),
        rows=rows,
        entries=issued,
        constants={
            "fund_id": fund.pk,
            "received_by_id": received_by,
            "received_by_name": name,
            "issued_at": ops.adapt_datetimefield_value(issued_at),
            "cancel_reason": "",
        },
        entry_column="entry_id",
        seal_column="digest",
        seals=seals,
    )


def record_payment(actor, fund, payment: Payment, *, today: datetime.date | None = None) -> Receipt:
    """Record one payment and issue its receipt; a retry with the same key returns the first receipt."""
    return record_payments(actor, fund, [payment], today=today).receipts[0]


def _actor_name(actor) -> str:
    if getattr(actor, "is_system", False):
        return "ระบบ (system)"
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return (full or getattr(actor, "username", ""))[:150]


def cancel_receipt(actor, receipt: Receipt, on_date: datetime.date, reason: str) -> Receipt:
    """Cancel a receipt: its entry is reversed on `on_date`; the receipt stays, marked. Once only."""
    require(actor, receipt.fund, "post_entries")
    reason = reason.strip()
    if not reason:
        raise reasons.REASON_REQUIRED.invalid("reason")
    with transaction.atomic():
        serialise_audited_writes()
        receipt = Receipt.objects.select_related("fund", "entry").get(pk=receipt.pk)
        if receipt.is_cancelled:
            raise reasons.RECEIPT_CANCELLED.conflict("receipt", number=receipt.number)
        reversal = reverse_entry(actor, receipt.entry, on_date, key=f"cancel-receipt:{receipt.pk}")
        Receipt.objects.filter(pk=receipt.pk).update(
            cancelled_on=on_date, cancel_reason=reason[:200], cancel_entry=reversal
        )
        receipt.refresh_from_db()
        # The cancellation is a later write to the receipt: its own event digests it, as stored.
        record(
            actor,
            "contributions.receipt.cancel",
            RECEIPT_OBJECT,
            receipt.pk,
            fund_id=receipt.fund_id,
            digest=cancellation_digest(receipt),
        )
        return receipt


__all__ = ["Payment", "Recorded", "cancel_receipt", "record_payment", "record_payments"]
