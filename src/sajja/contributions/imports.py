"""Importing a payments file: read it whole, check it whole, then post it in one transaction.

A file with any bad row is refused whole, with a report naming every bad row (file, row, column,
value, reason in Thai and English); nothing of it is kept.

The file is read and checked before the write lock is taken, with no transaction open: a large file
never makes another fund's write wait while it is checked. Under the lock only what may have changed
since is looked at again (what this fund's writes in between touched); when it touched the file, the
file is checked again there, so what was checked is always what is posted.

A row's idempotency key is the file's digest (an HMAC under the server's key: rows may hold national
IDs) and the row's place in it: the same file sent again posts nothing. A row identical to a payment
already recorded (same member, day, amount, purpose, channel and paper receipt number, or none), or to an
earlier row of the same file, is a possible duplicate: the file is held, each such row named with the
earlier receipt (or row), until the treasurer confirms them (they are real second payments) or skips
them. A row with its own paper receipt number is never a duplicate of one with another number.

The held answer carries a token, the digest of what it reported (each held row and the receipt or row
it may repeat): the decision is sent with it, and stands only for that report. If the possible
duplicates found when the decision comes (or under the lock, just before posting) are not those, the
file is held again with the new report, and nothing is written. The command line, which decides in the
same run, gives no token: its decision stands for what the check finds, and the lock's re-check must find
the same.

A file that says what an earlier file said (the same rows: the same digest) posts nothing, and says so:
imported on which day, with which receipts, and how to record its rows as new payments anyway (the
members really paid the same again): the decision `confirm` with the token of that answer. They are then
keyed as the content's next copy (`file:DIGEST~2:N`, `~3`...), so that copy too is recognised if sent
again; the token names the copy, so a confirmation sent twice records it once.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import hmac
import json
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.models import AuditEvent, ChainHead
from sajja.audit.services import serialise_audited_writes
from sajja.contributions.models import Receipt
from sajja.contributions.reading import CellProblem, FileRefused, ReadFile, read_payments, server_digest_key
from sajja.contributions.reasons import FILE_TOO_LARGE
from sajja.contributions.rules import rule_book
from sajja.contributions.services import (
    Checked,
    Recorded,
    load_context,
    member_infos,
    post_checked,
    receipts_like,
    recorded_keys,
)
from sajja.contributions.validation import (
    FEES,
    MemberInfo,
    Payment,
    PaymentProblem,
    check_payments,
    find_member,
)
from sajja.core import thai_dates
from sajja.core.errors import Conflict, Problem, ValidationFailed
from sajja.core.money import format_baht, format_number
from sajja.core.thai_dates import format_thai_date
from sajja.ledger.models import ClosedPeriod, Entry

MAX_BYTES = 20 * 1024 * 1024
# said when a decision came for other possible duplicates than those found now (see ImportHeld.changed)
CHANGED_TH = (
    "รายการที่อาจซ้ำไม่ใช่ชุดที่ตัดสินใจไว้ (มีการบันทึกหรือยกเลิกรายการอื่นในระหว่างนั้น หรือเป็นไฟล์อื่น)"
    " จึงยังไม่ได้บันทึกอะไร โปรดตรวจดูรายการที่อาจซ้ำชุดใหม่แล้วตัดสินใจอีกครั้ง"
)
CHANGED_EN = (
    "the possible duplicates are not those the decision was made on (payments were recorded or cancelled"
    " meanwhile, or this is another file), so nothing was recorded: look at the new list and decide again"
)
CONFIRM, SKIP = "confirm", "skip"  # what to do with the possible duplicates of a held file
DECISIONS = (CONFIRM, SKIP)
CANCEL_ACTION = "contributions.receipt.cancel"


@dataclass(frozen=True)
class ReportLine:
    file: str
    row: int
    column: str
    value: str
    code: str
    message_th: str
    message_en: str


class ImportRefused(ValidationFailed):
    """The file was refused whole; `report` lists every bad row."""

    def __init__(self, report: list[ReportLine]):
        self.report = report
        super().__init__(
            [
                Problem(
                    r.code,
                    r.message_th,
                    r.message_en,
                    f"{r.file}: row {r.row}"
                    + (f", column {r.column}" if r.column else "")
                    + (f" ({r.value})" if r.value else ""),
                )
                for r in report
            ]
        )


class ImportHeld(ImportRefused):
    """Nothing wrong with the file but rows that may repeat payments already recorded: it is held (nothing
    written) until it is sent again with the treasurer's decision, confirm or skip, and `token`; `report`
    names each such row and the receipt (or the row of the file) it may repeat. `changed`: a decision was
    sent, but for other possible duplicates than these (found since): it decided nothing."""

    status = Conflict.status
    code = "possible_duplicates"

    def __init__(self, report: list[ReportLine], token: str, changed: bool = False):
        super().__init__(report)
        self.token = token
        self.changed = changed


@dataclass(frozen=True)
class Duplicate:
    """A row that may repeat a payment: `receipt` is the earlier receipt's number, or `row` the earlier
    row of the same file."""

    index: int  # which payment of the file (from 0)
    receipt: int | None = None
    row: int | None = None


@dataclass(frozen=True)
class Earlier:
    """The same file (the same rows) imported before: its latest copy, when, with which receipts, and the
    token that records the rows as new payments (the content's next copy) with the decision confirm."""

    on: datetime.date
    receipts: list[int]
    copy: int  # how many times this content was recorded (1: once)
    token: str


@dataclass(frozen=True)
class Imported:
    """What an import did: `recorded` the rows posted (and those posted before by the same file), with
    `skipped` the file's rows not posted (possible duplicates skipped, now or when the file was first
    imported) and `confirmed` the possible duplicates recorded as new payments. `earlier`: the same file
    was imported before and nothing was posted now (see `already_imported_text`)."""

    recorded: Recorded
    rows: int  # rows of the file
    skipped: list[int] = field(default_factory=list)  # rows of the file, as numbered there
    confirmed: int = 0
    earlier: Earlier | None = None

    already_imported_on = property(lambda self: self.earlier.on if self.earlier else None)
    already_receipts = property(lambda self: self.earlier.receipts if self.earlier else [])
    token = property(lambda self: self.earlier.token if self.earlier else None)

    count = property(lambda self: self.recorded.count)
    created = property(lambda self: self.recorded.created)
    total = property(lambda self: self.recorded.total)
    entry_ids = property(lambda self: self.recorded.entry_ids)
    receipts = property(lambda self: self.recorded.receipts)
    fund_id = property(lambda self: self.recorded.fund_id)


def _line(name: str, p: CellProblem) -> ReportLine:
    return ReportLine(name, p.row, p.column, p.value, p.code, p.message_th, p.message_en)


def import_payments(
    actor,
    fund,
    name: str,
    data: bytes,
    *,
    today: datetime.date | None = None,
    phases: dict | None = None,
    duplicates: str | None = None,
    token: str | None = None,
) -> Imported:
    """Import a CSV or XLSX file of payments, all or nothing: read and check it with no lock held, then
    post it under the audit chain's lock, having looked again at what may have changed in between.
    `duplicates` ("confirm" or "skip") is the treasurer's word on rows that may repeat payments already
    recorded; without it such a file is held (ImportHeld). `token` is the held answer's (or the earlier
    import's) token the word answers: with another report now, the file is held again. Without a token
    (the command line) the word stands for what this call finds, and never records a file imported
    before anew. `phases`, if given, gets the seconds spent reading, checking and posting (for `make bench`)."""
    require(actor, fund, "post_entries")
    if duplicates not in (None, *DECISIONS):
        raise ValueError(f"duplicates must be one of {DECISIONS}, not {duplicates!r}")
    started = time.perf_counter()
    read = read_file(name, data)
    read_at = time.perf_counter()
    plan = plan_import(fund, name, read, today, duplicates, token)
    checked_at = time.perf_counter()
    result = post_plan(actor, fund, plan)
    if phases is not None:
        phases.update(
            parse=read_at - started, validate=checked_at - read_at, post=time.perf_counter() - checked_at
        )
    return result


def read_file(name: str, data: bytes) -> ReadFile:
    """The file's rows, or the whole file refused (too large, unreadable, no header...)."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            [ReportLine(name, 0, "", "", FILE_TOO_LARGE.code, *FILE_TOO_LARGE.words(mb=MAX_BYTES // 2**20))]
        )
    try:
        return read_payments(name, data, key=server_digest_key())
    except FileRefused as refused:
        raise ImportRefused([_line(name, refused.problem)]) from None


@dataclass(frozen=True)
class Seen:
    """Where the database stood when the checks began (read before them): the audit chain's last event
    and the fund's last receipt number. Writers append both in the order they take the chain's lock."""

    seq: int
    receipt: int

    @classmethod
    def now(cls, fund) -> Seen:
        seq = ChainHead.objects.filter(pk=1).values_list("last_seq", flat=True).first() or 0
        last = Receipt.objects.filter(fund=fund).order_by("-number").values_list("number", flat=True).first()
        return cls(seq, last or 0)


@dataclass
class Plan:
    """A file checked against the fund: what to post, and what the checks relied on."""

    name: str
    read: ReadFile
    today: datetime.date | None
    day: datetime.date  # the day the rules were read for
    decision: str | None
    token: str | None  # the report the decision stands for (checked again under the lock)
    seen: Seen
    checked: Checked  # the payments to post (the skipped rows left out), their members, the retries
    skipped: list[int]  # rows of the file
    confirmed: int
    members: dict[int, MemberInfo]  # the members the file names (by id), as checked
    closed: frozenset
    scheme: object
    head: str  # the file's keys without the row (`file:DIGEST`): every copy's keys start with it
    earlier: Earlier | None  # the same file imported before: nothing posted now
    books: frozenset[str]  # paper receipt numbers the posted rows carry
    fee_payers: frozenset[tuple[int, str]]
    contents: frozenset[tuple]  # what each new row says (see _content)


def _content(p: Payment, member: MemberInfo) -> tuple:
    """What makes two payments the same one: the member (however the file names them), day, amount,
    purpose, channel and paper receipt number (or none)."""
    return (member.pk, p.paid_on, p.amount, p.purpose, p.channel, p.book_number)


def plan_import(
    fund, name: str, read: ReadFile, today=None, decision: str | None = None, token: str | None = None
) -> Plan:
    """Every row checked against the fund (members, dates, closed months, receipt numbers, rows posted
    before, possible duplicates), with no lock held; any bad row refuses the file with the whole report,
    and undecided possible duplicates hold it (as do a decision whose `token` is another report's)."""
    seen = Seen.now(fund)  # before anything the checks read
    day = thai_dates.today()
    payments = [p for _, p in read.rows]
    ctx = load_context(fund, payments, today)
    copy, done = _latest_copy(fund, payments)
    found: dict[str, MemberInfo | None] = {}
    members = [
        found[p.member] if p.member in found else found.setdefault(p.member, find_member(ctx, p.member))
        for p in payments
    ]
    head = payments[0].key.rsplit(":", 1)[0] if payments else ""
    # the possible duplicates if the rows were recorded now (as the content's next copy), and their token
    duplicates = _duplicates(payments, members)
    reported = _token(fund, head, copy + 1, duplicates, read)
    earlier, stale = None, False
    if copy and not (decision == CONFIRM and token == reported):
        # the same file imported before: it posted all its rows but those skipped then, and posts nothing
        # more (they stay skipped); its rows are recorded anew only when confirmed with this answer's token
        earlier = _earlier(fund, copy, done, reported)
        payments = [dataclasses.replace(p, key=_copy_key(p.key, copy)) for p in payments]
        duplicates = []
    else:
        if copy:  # confirmed with the token: the rows recorded anew, as the next copy
            payments = [dataclasses.replace(p, key=_copy_key(p.key, copy + 1)) for p in payments]
            done = {}
        if decision is not None and token is not None and token != reported and duplicates:
            decision, stale = None, True  # a decision on another report decides nothing: held again
    skip = {n for n, p in enumerate(payments) if p.key not in done} if done else set()
    if decision == SKIP:
        skip.update(d.index for d in duplicates)
    keep = [n for n in range(len(payments)) if n not in skip]
    kept = [payments[n] for n in keep]
    retries = {i: done[kept[i].key] for i in range(len(kept)) if kept[i].key in done}
    problems, kept_members = check_payments(kept, ctx, retries)
    if decision is None:
        # a row repeating a receipt with its paper number is named as a possible duplicate, not as
        # a used paper number: skipped, it is no problem; confirmed, the number is refused as used
        repeats = {d.index for d in duplicates if d.receipt is not None and payments[d.index].book_number}
        problems = [
            p for p in problems if not (p.error.code == "duplicate_receipt" and keep[p.index] in repeats)
        ]
    report = [_line(name, p) for p in read.problems] + _problem_lines(name, read, keep, problems)
    held = _duplicate_lines(name, read, duplicates) if decision is None else []
    if report:
        raise ImportRefused(sorted(report + held, key=lambda r: (r.row, r.column)))
    if held:
        raise ImportHeld(held, reported, changed=stale)
    used = {m.pk: m for m in kept_members if m is not None}
    new = [n for n in range(len(kept)) if n not in retries]
    new_members = {n: _checked_member(kept_members[n]) for n in new}
    return Plan(
        name=name,
        read=read,
        today=today,
        day=day,
        decision=decision,
        # the command line's decision (no token) stands for the report found now, never for recording a
        # file imported before anew: the re-check under the lock must find the same report
        token=token if token is not None or earlier is not None else reported,
        seen=seen,
        checked=Checked(kept, kept_members, done),
        skipped=[read.rows[n][0] for n in sorted(skip)],
        confirmed=len(duplicates) if decision == CONFIRM else 0,
        members=used,
        closed=ctx.closed_periods,
        scheme=ctx.book.scheme if ctx.book is not None else None,
        head=head,
        earlier=earlier,
        books=frozenset(kept[n].book_number for n in new if kept[n].book_number),
        fee_payers=frozenset((new_members[n].pk, kept[n].purpose) for n in new if kept[n].purpose in FEES),
        contents=frozenset(_content(kept[n], new_members[n]) for n in new),
    )


def _checked_member(member: MemberInfo | None) -> MemberInfo:
    """A new row's member: a row naming no member is refused by the checks, so never None here."""
    if member is None:
        raise RuntimeError("a payment that passed the checks names no member")
    return member


def _copy_key(key: str, copy: int) -> str:
    """A row's key in the content's copy `copy` (1: the file's own key `file:DIGEST:N`; then
    `file:DIGEST~2:N`...): rows confirmed as new payments again are keyed apart from the earlier ones."""
    if copy == 1:
        return key
    head, row = key.rsplit(":", 1)
    return f"{head}~{copy}:{row}"


def _latest_copy(fund, payments: list[Payment]) -> tuple[int, dict]:
    """How many times this content was recorded (0: never) and what the latest copy's keys recorded
    (looked up by key, through the entry's (fund, key) index: one lookup per copy, and one more)."""
    copy, done = 0, {}
    while payments:
        found = recorded_keys(fund, [_copy_key(p.key, copy + 1) for p in payments])
        if not found:
            break
        copy, done = copy + 1, found
    return copy, done


def _earlier(fund, copy: int, done: dict, token: str) -> Earlier:
    """When the latest copy was imported (its first entry's creation, the local day) and its receipts."""
    created = (
        Entry.objects.filter(fund=fund, idempotency_key=min(done))
        .values_list("created_at", flat=True)
        .first()
    )
    on = timezone.localdate(created) if created is not None else thai_dates.today()
    return Earlier(on, sorted(first.receipt for first in done.values()), copy, token)


def _token(fund, head: str, copy: int, duplicates: list[Duplicate], read: ReadFile) -> str:
    """The digest of a report of possible duplicates: the fund, the file (its keyed digest), the copy its
    rows would be recorded as, and each held row with the receipt (or the row of the file) it may repeat.
    A decision sent with it stands for that report only."""
    said = [
        fund.pk,
        head,
        copy,
        [
            [read.rows[d.index][0], d.receipt, read.rows[d.row][0] if d.row is not None else None]
            for d in duplicates
        ],
    ]
    text = json.dumps(said, separators=(",", ":")).encode()
    return hmac.new(server_digest_key(), b"duplicates-token\x00" + text, hashlib.sha256).hexdigest()[:32]


def receipt_ranges(numbers: list[int]) -> str:
    """Receipt numbers as runs: [1, 2, 3, 7] -> "1–3, 7"."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def already_imported_text(result: Imported, how_th: str = "", how_en: str = "") -> tuple[str, str]:
    """What to tell the treasurer when the file was imported before (Thai, English), or ("", "").
    `how_th`/`how_en`: how to record the rows as new payments from where they are (page, API, CLI)."""
    earlier = result.earlier
    if earlier is None:
        return "", ""
    numbers = receipt_ranges(earlier.receipts)
    plural = "s" if len(earlier.receipts) != 1 else ""
    times_th = f" (บันทึกเนื้อหานี้แล้ว {earlier.copy} ครั้ง)" if earlier.copy > 1 else ""
    times_en = f" (this content was recorded {earlier.copy} times)" if earlier.copy > 1 else ""
    th = (
        f"ไฟล์นี้นำเข้าแล้วเมื่อ {format_thai_date(earlier.on)} (ใบเสร็จเลขที่ {numbers}){times_th}"
        " จึงไม่ได้บันทึกอะไรเพิ่ม ถ้ารายการเหล่านี้เป็นการชำระเงินครั้งใหม่จริง (สมาชิกชำระซ้ำอีกครั้ง)"
        " ให้ยืนยันเพื่อบันทึกเป็นการชำระใหม่" + (f": {how_th}" if how_th else "")
    )
    en = (
        f"this file was already imported on {earlier.on:%Y-%m-%d} (receipt{plural} {numbers}){times_en},"
        " so nothing was recorded now; if these are new payments (the members really paid again),"
        " confirm them to record them as new payments" + (f": {how_en}" if how_en else "")
    )
    return th, en


def check_file(
    fund, name: str, read: ReadFile, today=None, decision: str | None = None, token: str | None = None
) -> Checked:
    """The file checked (see plan_import): the payments to post."""
    return plan_import(fund, name, read, today, decision, token).checked


def _duplicates(payments: list[Payment], members: list[MemberInfo | None]) -> list[Duplicate]:
    """Rows that say what a payment already recorded says (its receipt not cancelled), or what an earlier
    row of the file says (rows with no paper receipt number: a number given twice is refused anyway)."""
    contents = [_content(p, m) if m is not None else None for p, m in zip(payments, members, strict=True)]
    earlier = receipts_like(
        {(m.pk, p.paid_on) for p, m in zip(payments, members, strict=True) if m is not None}
    )
    first: dict[tuple, int] = {}
    found = []
    for n, content in enumerate(contents):
        if content is None:
            continue
        if content in earlier:
            found.append(Duplicate(n, receipt=earlier[content]))
        elif not content[-1] and content in first:
            found.append(Duplicate(n, row=first[content]))
        first.setdefault(content, n)
    return found


def _duplicate_lines(name: str, read: ReadFile, duplicates: list[Duplicate]) -> list[ReportLine]:
    lines = []
    for d in duplicates:
        row, p = read.rows[d.index]
        said_th = f"{p.member}, {format_baht(p.amount)}, {format_thai_date(p.paid_on)}"
        said_en = f"{p.member}, {format_number(p.amount)} baht, {p.paid_on:%Y-%m-%d}"
        if d.receipt is not None:
            th = f"อาจซ้ำกับใบเสร็จเลขที่ {d.receipt} ที่บันทึกไว้แล้ว ({said_th})"
            en = f"may repeat receipt {d.receipt}, already recorded ({said_en})"
            value = str(d.receipt)
        elif d.row is not None:
            earlier = read.rows[d.row][0]
            th = f"อาจซ้ำกับแถว {earlier} ของไฟล์นี้ ({said_th})"
            en = f"may repeat row {earlier} of this file ({said_en})"
            value = ""
        else:  # _duplicates names the one or the other
            raise ValueError(f"possible duplicate {d} names neither an earlier receipt nor an earlier row")
        lines.append(
            ReportLine(
                name,
                row,
                "",
                value,
                "possible_duplicate",
                th + ": ถ้าสมาชิกชำระซ้ำจริง ให้ยืนยันรายการที่อาจซ้ำ ถ้าไม่ใช่ ให้ข้ามรายการเหล่านี้",
                en + ": confirm the possible duplicates if the member really paid again, or skip them",
            )
        )
    return lines


def _problem_lines(
    name: str, read: ReadFile, keep: list[int], problems: list[PaymentProblem]
) -> list[ReportLine]:
    headers = {**{"date": "date", "receipt": "receipt"}, **read.columns}
    lines = []
    for problem in problems:
        row, payment = read.rows[keep[problem.index]]
        shown = (
            payment.paid_on.isoformat()
            if problem.column == "date"
            else format_number(problem.value)  # in baht, as the file has it: -30.00, not -3000 satang
            if problem.column == "amount" and type(problem.value) is int
            else str(problem.value)
        )
        lines.append(
            ReportLine(
                name,
                row,
                headers.get(problem.column, problem.column),
                shown,
                problem.error.code,
                problem.error.message_th,
                problem.error.message_en,
            )
        )
    return lines


def post_plan(actor, fund, plan: Plan) -> Imported:
    """Post a checked file under the audit chain's lock. If this fund was written since the checks
    began in a way that touches the file, it is checked again here before anything is posted, the
    decision standing for the report it was made on: other possible duplicates hold the file again."""
    require(actor, fund, "post_entries")
    with transaction.atomic():
        head = serialise_audited_writes()
        if not still_valid(fund, plan, head.last_seq):
            plan = plan_import(fund, plan.name, plan.read, plan.today, plan.decision, plan.token)
        recorded = post_checked(actor, fund, plan.checked, "contributions.payments.import")
    return Imported(recorded, len(plan.read.rows), plan.skipped, plan.confirmed, plan.earlier)


def still_valid(fund, plan: Plan, last_seq: int) -> bool:
    """Whether what the checks read still holds, looked at cheaply under the lock: nothing was written
    since (the audit chain's head), or nothing of this fund, or what was (receipts since the last seen,
    the members the file names, closed months, the scheme) touches none of the file's rows."""
    seen = plan.seen
    if last_seq == seen.seq:
        return True
    events = AuditEvent.objects.filter(seq__gt=seen.seq).filter(Q(fund_id=fund.pk) | Q(fund_id__isnull=True))
    actions = set(events.values_list("action", flat=True))
    if not actions:
        return True  # only other funds were written
    if CANCEL_ACTION in actions:
        return False  # a receipt cancelled: a possible duplicate, a fee paid may be undone
    new = Receipt.objects.filter(fund=fund, number__gt=seen.receipt).values_list(
        "member_id", "paid_on", "amount", "purpose", "channel", "book_number", "entry_id"
    )
    entry_ids = []
    for member_id, paid_on, amount, purpose, channel, book_number, entry_id in new:
        if (
            (book_number and book_number in plan.books)
            or (member_id, purpose) in plan.fee_payers
            or (member_id, paid_on, amount, purpose, channel, book_number) in plan.contents
        ):
            return False
        entry_ids.append(entry_id)
    for chunk in range(0, len(entry_ids), 2000):
        keys = Entry.objects.filter(pk__in=entry_ids[chunk : chunk + 2000]).values_list(
            "idempotency_key", flat=True
        )
        mine = (f"{plan.head}:", f"{plan.head}~")
        if any(key.startswith(mine) for key in keys):
            return False  # the same file (a copy of its content) posted meanwhile
    closed = {
        (p // 100, p % 100) for p in ClosedPeriod.objects.filter(fund=fund).values_list("period", flat=True)
    }
    if closed != plan.closed:
        return False
    if member_infos(list(plan.members)) != plan.members:
        return False
    # the rules in force (read for today's date) and the scheme's versions as checked
    return rule_book(fund).scheme is plan.scheme and thai_dates.today() == plan.day
