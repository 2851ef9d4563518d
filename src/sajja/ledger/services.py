"""Every write to the books. One path posts entries, for one entry or a hundred thousand: validated
with the pure checks, idempotent by key, set-based, in one transaction with its audit event."""

from __future__ import annotations

import datetime
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.chain import ENTRIES_OBJECT, digest_of_entries
from sajja.audit.records import CLOSED_PERIOD, digest_of_record
from sajja.audit.services import lock_chain, next_seq, record
from sajja.core import thai_dates
from sajja.core.errors import Conflict, DomainError, Problem, ValidationFailed
from sajja.core.ledger.chart import MEMBER_CONTRIBUTIONS, STANDARD_CHART, member_account_code
from sajja.core.ledger.checks import BatchChecker, LedgerContext, control_character
from sajja.core.ledger.records import (
    KEY_MAX,
    AccountKind,
    BatchDigests,
    Posting,
    describe_difference,
    entry_digest,
)
from sajja.core.ledger.records import Entry as EntryRecord
from sajja.core.thai_dates import format_period, format_thai_date
from sajja.ledger.bulk import Statements, add_to_columns, bulk_write, insert_rows
from sajja.ledger.models import Account, ClosedPeriod, Entry, Line
from sajja.ledger.selectors import period_end

# Entries checked, digested and given to SQLite at a time by a bulk write (one statement's worth).
_AHEAD_ROWS = 4000

# Gives the rows of other tables that refer to a posting's entries: (statements, the batch's entry ids).
Referring = Callable[[Statements, list[int]], None]


@dataclass(frozen=True)
class PostingResult:
    """What a posting call did: ids of the entries (new or found by key), and how many were new."""

    entry_ids: list[int]
    posted: int

    @property
    def replayed(self) -> bool:
        return self.posted == 0


def open_fund_books(fund) -> None:
    """Create the fund's chart of accounts from the standard template (once)."""
    if Account.objects.filter(fund=fund).exists():
        return
    Account.objects.bulk_create(
        Account(
            fund=fund, code=t.code, name_th=t.name_th, name_en=t.name_en, kind=t.kind, is_control=t.is_control
        )
        for t in STANDARD_CHART
    )


def open_member_account(member) -> Account:
    """The member's sub-account under the contributions control account."""
    control = Account.objects.get(fund_id=member.fund_id, code=MEMBER_CONTRIBUTIONS)
    account, _ = Account.objects.get_or_create(
        fund_id=member.fund_id,
        code=member_account_code(member.number),
        defaults=dict(
            name_th=f"สมาชิก {member.number}",
            name_en=f"Member {member.number}",
            kind=AccountKind.INCOME,
            parent=control,
            member=member,
        ),
    )
    return account


def _error_where(n: int, entry: EntryRecord, error: Problem) -> Problem:
    where = f"entry {n} [{entry.key}]" + (f" {error.where}" if error.where else "")
    return error._replace(where=where)


def post_entry(actor, fund, entry: EntryRecord, *, reverses: Entry | None = None) -> Entry:
    """Post one balanced entry; a retry with the same key returns the first entry and posts nothing."""
    result = post_entries(actor, fund, [entry], reverses={entry.key: reverses.pk} if reverses else None)
    return Entry.objects.get(pk=result.entry_ids[0])


def post_entries(
    actor,
    fund,
    entries: Iterable[EntryRecord],
    *,
    reverses: dict[str, int] | None = None,
    action: str = "ledger.entries.post",
    referring: Referring | None = None,
) -> PostingResult:
    """Post many entries at once, all or nothing.

    Every entry needs an idempotency key, unique in the fund. Keys already posted with the same
    content are returned as they are; a key posted with other content refuses the whole call,
    naming what differs. Inserts and account totals are written with a few set-based statements.

    `referring(statements, ids)`, if given, gives the rows of other tables that refer to the entries (a
    payment's receipt) in the same write: it is called once, with the ids of the batch's entries in its
    order (new, or posted before), possibly before the new ones are written (foreign keys are checked at
    commit) and before their audit event is recorded, so it gives rows and records no event of its own
    (the caller records one after this call returns). What it gives stands or falls with the entries.
    """
    require(actor, fund, "post_entries")
    entries = list(entries)  # any iterable: it is walked more than once
    return _post(actor, fund, entries, reverses or {}, action, referring)


def _post(
    actor,
    fund,
    entries: list[EntryRecord],
    reverses: dict[str, int],
    action: str,
    referring: Referring | None,
) -> PostingResult:
    """post_entries' work: check every entry, find the keys posted before, insert the new ones."""
    key_errors = _check_keys(entries)
    # The bulk write inside the transaction: its statements have all run before the transaction ends.
    with transaction.atomic(), bulk_write(len(entries)) as statements:
        lock_chain()  # serialises writers: a retry racing the first attempt waits, then finds it
        accounts = {
            code: (pk, parent_id)
            for code, pk, parent_id, is_control in Account.objects.filter(fund=fund).values_list(
                "code", "pk", "parent_id", "is_control"
            )
            if not is_control
        }
        closed = {
            (p // 100, p % 100)
            for p in ClosedPeriod.objects.filter(fund=fund).values_list("period", flat=True)
        }
        ctx = LedgerContext(accounts=frozenset(accounts), closed_periods=frozenset(closed))
        # A retry of an entry already posted is checked for its content, not for the period: it was
        # posted while the period was open, and a retry after the close must still get the first answer.
        replay_ctx = LedgerContext(accounts=ctx.accounts)
        check, replay_check = BatchChecker(ctx), BatchChecker(replay_ctx)
        digest_of = BatchDigests(reverses)  # a reversal's digest names the entry it reverses
        # A bulk write takes its audit number and ids before its keys are looked up behind (any query
        # of this thread waits for what runs behind), so that its rows can be written ahead.
        # (Not for reversals, which are checked against the books first, nor for an empty call.)
        write_ahead = statements.behind and entries and not key_errors and not reverses
        ahead = (next_seq(), _allocate_entry_ids(len(entries))) if write_ahead else None
        # The keys are looked up while the entries are checked and digested (behind, on a bulk write).
        existing = _existing(
            statements, fund, [e.key for n, e in enumerate(entries, start=1) if n not in key_errors]
        )
        if ahead is not None:
            done = _write_ahead(
                statements,
                actor,
                fund,
                entries,
                accounts,
                action,
                referring,
                check,
                existing,
                *ahead,
            )
            if done is not None:
                return done
        all_pass = not key_errors and check.all_pass(entries)
        digests = digest_of.many(entries) if all_pass else []
        found = existing()
        if all_pass and not found:  # all new, all well: one pass
            new, errors = list(zip(entries, digests, strict=True)), []
        else:
            new, errors = _judge_each(entries, key_errors, found, check, replay_check, digest_of)
        if errors:
            raise ValidationFailed(errors)
        if new:
            _check_reversals(fund, new, reverses)
            # The event's object type says it records entries, so `audit verify` can tell when they are gone.
            event = record(
                actor,
                action,
                ENTRIES_OBJECT,
                fund.pk,
                fund_id=fund.pk,
                digest=digest_of_entries([d for _, d in new]),
            )
            new_ids = _allocate_entry_ids(len(new))
            _insert(statements, fund, actor, new, new_ids, reverses, event.seq, event.at)
            made = _line_rows([e for e, _ in new], new_ids, accounts)  # known: the checks passed
            assert made is not None
            _insert_lines(statements, *made)
            if len(new) < len(entries):
                found.update({e.key: (pk, d, None) for (e, d), pk in zip(new, new_ids, strict=True)})
        # all new: the ids are the batch's, in its order
        batch_ids = new_ids if new and len(new) == len(entries) else [found[e.key][0] for e in entries]
        if referring is not None:
            referring(statements, batch_ids)
        return PostingResult(batch_ids, len(new))


def _judge_each(entries, key_errors, found, check, replay_check, digest_of) -> tuple[list, list[Problem]]:
    """Each entry judged on its own: the new ones with their digests, and every error, naming its entry.
    A retry (its key found) is checked for its content only, and must carry the first content."""
    errors: list[Problem] = []
    new = []
    for n, entry in enumerate(entries, start=1):
        if n in key_errors:
            errors.append(key_errors[n])
            errors += [_error_where(n, entry, e) for e in check(entry)]
            continue
        first = found.get(entry.key)
        problems = replay_check(entry) if first else check(entry)
        if problems:
            errors += [_error_where(n, entry, e) for e in problems]
            continue
        digest = digest_of(entry)
        if first is None:
            new.append((entry, digest))
        elif first[1] != (digest if first[2] is None else _retry_digest(entry, first[2], digest_of)):
            errors.append(_conflict(n, entry, first[0]))
    return new, errors


def _retry_digest(entry: EntryRecord, reversed_id: int, digest_of: BatchDigests) -> str:
    """A retry of a reversal names the entry it reverses as the first posting did, unless it names
    another (then its digest differs, and the retry is refused)."""
    return digest_of(entry) if digest_of.reverses(entry.key) else entry_digest(entry, reversed_id)


def _check_keys(entries: list[EntryRecord]) -> dict[int, Problem]:
    """Every entry carries its own idempotency key: present, not too long, once per batch.

    Returns the problem of each entry (numbered from 1) whose key is wrong."""
    keys = [entry.key for entry in entries]
    if (
        all(type(key) is str for key in keys)
        and all(map(str.strip, keys))  # none empty or blank
        and max(map(len, keys), default=0) <= KEY_MAX
        and control_character("".join(keys)) is None
        and len(set(keys)) == len(keys)
    ):
        return {}  # all well, judged for the whole batch at once; otherwise each key is judged below
    errors: dict[int, Problem] = {}
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        if (
            not isinstance(entry.key, str)
            or not entry.key.strip()
            or len(entry.key) > KEY_MAX
            or control_character(entry.key) is not None
        ):
            errors[n] = Problem(
                "key_required",
                f"ต้องมีรหัสป้องกันการบันทึกซ้ำ (1-{KEY_MAX} ตัวอักษร ไม่มีอักขระควบคุม)",
                f"an idempotency key of 1-{KEY_MAX} characters (no control characters) is required",
                f"entry {n}",
            )
        elif entry.key in seen:
            errors[n] = Problem(
                "key_repeated",
                f"รหัส {entry.key} ซ้ำในชุดเดียวกัน",
                f"key {entry.key} appears twice in one batch",
                f"entry {n} [{entry.key}]",
            )
        else:
            seen.add(entry.key)
    return errors


def _existing(statements: Statements, fund, keys: list[str]) -> Callable[[], dict[str, tuple[int, str]]]:
    """Entries already posted under these keys: key -> (id, digest, id of the entry it reverses), when the
    returned function is called.
    One statement however many keys: on SQLite they travel as one JSON text (its parameters are capped,
    and the ORM's query building for 50 chunks cost more than the queries), on PostgreSQL as one array."""
    if not keys:
        return dict
    table = Entry._meta.db_table
    keys_in = (
        "SELECT value FROM json_each(%s)" if connection.vendor == "sqlite" else "SELECT unnest(%s::text[])"
    )
    sql = (
        f"SELECT idempotency_key, id, digest, reverses_id FROM {table}"
        f" WHERE fund_id = %s AND idempotency_key IN ({keys_in})"
    )
    params = [fund.pk, json.dumps(keys) if connection.vendor == "sqlite" else keys]
    rows = statements.fetchall(sql, params)
    return lambda: {k: (pk, d, r) for k, pk, d, r in rows()}


def _conflict(n: int, entry: EntryRecord, existing_id: int) -> Problem:
    first = entry_record(Entry.objects.get(pk=existing_id))
    fields = ", ".join(describe_difference(first, entry))
    return Problem(
        "key_reused",
        f"รหัส {entry.key} ถูกใช้แล้วกับรายการอื่น (ต่างกันที่ {fields})",
        f"key {entry.key} was already used for a different entry (differs in {fields})",
        f"entry {n} [{entry.key}]",
    )


def _reversal_error(code: str, th: str, en: str, entry: EntryRecord) -> ValidationFailed:
    return ValidationFailed([Problem(code, th, en, f"entry [{entry.key}]")])


def _check_reversals(fund, new: list[tuple[EntryRecord, str]], reverses: dict[str, int]) -> None:
    """A reversal names an entry of this fund that is not itself a reversal, is not reversed yet, and
    mirrors its lines exactly."""
    pairs = [(e, reverses[e.key]) for e, _ in new if e.key in reverses]
    if not pairs:
        return
    targets = [pk for _, pk in pairs]
    originals = {o.pk: o for o in Entry.objects.filter(fund=fund, pk__in=targets)}
    lines: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for entry_id, code, amount in Line.objects.filter(entry_id__in=list(originals)).values_list(
        "entry_id", "account__code", "amount"
    ):
        lines[entry_id].append((code, amount))
    done = set(Entry.objects.filter(reverses_id__in=list(originals)).values_list("reverses_id", flat=True))
    seen: set[int] = set()
    for entry, pk in pairs:
        original = originals.get(pk)
        if original is None:
            raise _reversal_error(
                "unknown_entry", "ไม่พบรายการที่จะกลับรายการ", "entry to reverse not found", entry
            )
        if original.reverses_id:
            raise Conflict(
                "รายการกลับรายการแล้ว กลับซ้ำไม่ได้",
                "a reversal cannot itself be reversed",
                code="reversal_of_reversal",
                where=f"entry #{pk}",
            )
        if pk in done or pk in seen:
            raise Conflict(
                "รายการนี้ถูกกลับรายการไปแล้ว",
                "this entry has already been reversed",
                code="already_reversed",
                where=f"entry #{pk}",
            )
        seen.add(pk)
        mirror = sorted((code, -amount) for code, amount in lines[pk])
        if sorted((p.account, p.amount) for p in entry.postings) != mirror:
            raise _reversal_error(
                "not_a_mirror",
                f"รายการกลับต้องมีบรรทัดตรงข้ามกับรายการ #{pk} ทุกบรรทัด",
                f"a reversal must mirror every line of entry #{pk}",
                entry,
            )


def _allocate_entry_ids(n: int) -> list[int]:
    """Reserve n entry ids, so lines can be inserted with executemany right after their entries."""
    table = Entry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)", [n]
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # we hold the write lock
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + n))


def _write_ahead(
    statements: Statements,
    actor,
    fund,
    entries,
    accounts,
    action,
    referring,
    check,
    existing,
    seq: int,
    ids: list[int],
) -> PostingResult | None:
    """A bulk write whose keys are all new, posted while SQLite writes it: the entries are checked,
    digested and given a few thousand at a time, marked with the audit event's number taken ahead (the
    event, whose digest covers them all, is recorded last); then their lines, account totals and the
    rows referring to them. Any entry that fails its checks refuses the batch, and the refusal rolls back
    what was given. None, with nothing given, if a key was posted before, an account is unknown or an
    amount is not whole satang: the general path answers then (retries, or the checks' own words)."""
    made = _line_rows(entries, ids, accounts)  # made while the keys are looked up
    if made is None or existing():
        return None
    digest_of, digests, now = BatchDigests(), [], timezone.now()
    for start in range(0, len(entries), _AHEAD_ROWS):
        chunk = entries[start : start + _AHEAD_ROWS]
        if not check.all_pass(chunk):
            _, errors = _judge_each(entries, {}, {}, check, check, digest_of)
            if errors:
                raise ValidationFailed(errors)
        chunk_digests = digest_of.many(chunk)
        digests += chunk_digests
        pairs = list(zip(chunk, chunk_digests, strict=True))
        _insert(statements, fund, actor, pairs, ids[start : start + _AHEAD_ROWS], {}, seq, now)
    _insert_lines(statements, *made)
    if referring is not None:
        referring(statements, list(ids))
    # The entries' author and time are the event's: `audit verify` compares them.
    event = record(
        actor, action, ENTRIES_OBJECT, fund.pk, fund_id=fund.pk, digest=digest_of_entries(digests), at=now
    )
    if event.seq != seq:  # cannot happen under the chain's lock; the entries would name another event
        raise RuntimeError(f"the audit event took number {event.seq}, not {seq} as its entries say")
    return PostingResult(ids, len(entries))


def _insert(
    statements: Statements, fund, actor, new, ids: list[int], reverses, audit_seq: int, now=None
) -> None:
    """The new entries' rows, under the ids taken for them, in the batch's order, all made at `now`
    (the time of the audit event that records them, which `audit verify` compares, as their author
    with the event's actor and their fund with the event's)."""
    ops = connection.ops
    now = ops.adapt_datetimefield_value(now or timezone.now())
    # A batch spans few dates: each is adapted once, with its period, not once per row.
    days = {d: (ops.adapt_datefield_value(d), d.year * 100 + d.month) for d in {e.date for e, _ in new}}
    entry_rows = [
        (pk, *days[e.date], e.memo, e.kind, e.key, digest, reverses.get(e.key))
        for pk, (e, digest) in zip(ids, new, strict=True)
    ]
    insert_rows(
        statements,
        Entry._meta.db_table,
        ["id", "date", "period", "memo", "kind", "idempotency_key", "digest", "reverses_id"],
        entry_rows,
        {
            "fund_id": fund.pk,
            "audit_seq": audit_seq,
            "created_by_id": getattr(actor, "pk", None),
            "created_at": now,
        },
    )


def _line_rows(entries: list[EntryRecord], ids: list[int], accounts) -> tuple[list, list] | None:
    """Each entry's lines under its id, and each account's totals (with its parent's), or None if an
    account is unknown or an amount is not a whole number of satang.

    A batch built from templates shares postings objects: each one's accounts are resolved once (it is
    kept, so that its id stays its own), and the account totals count how many entries carry it."""
    resolved: dict[int, tuple[list[tuple[int, int]], tuple]] = {}
    for e in entries:
        if id(e.postings) not in resolved:
            if any(p.account not in accounts or type(p.amount) is not int for p in e.postings):
                return None  # the checks will say what is wrong
            resolved[id(e.postings)] = ([(accounts[a][0], amount) for a, amount in e.postings], e.postings)
    line_rows = [
        (pk, account_id, amount)
        for pk, e in zip(ids, entries, strict=True)
        for account_id, amount in resolved[id(e.postings)][0]
    ]
    uses = Counter(id(e.postings) for e in entries)
    debits: dict[int, int] = defaultdict(int)
    credits: dict[int, int] = defaultdict(int)
    for key, (_, postings) in resolved.items():
        for account, amount in postings:
            account_id, parent_id = accounts[account]
            side = debits if amount > 0 else credits
            side[account_id] += abs(amount) * uses[key]
            if parent_id:
                side[parent_id] += abs(amount) * uses[key]
    totals = [(a, debits.get(a, 0), credits.get(a, 0)) for a in sorted(debits.keys() | credits.keys())]
    return line_rows, totals


def _insert_lines(statements: Statements, line_rows: list, totals: list) -> None:
    insert_rows(statements, Line._meta.db_table, ["entry_id", "account_id", "amount"], line_rows)
    add_to_columns(statements, Account._meta.db_table, ["debit_total", "credit_total"], totals)


def entry_record(entry: Entry) -> EntryRecord:
    """The stored entry as the pure record it was posted from."""
    postings = tuple(
        Posting(code, amount)
        for code, amount in entry.lines.order_by("id").values_list("account__code", "amount")
    )
    return EntryRecord(entry.date, entry.memo, postings, entry.kind, entry.idempotency_key)


def reverse_entry(actor, entry: Entry, on_date: datetime.date, key: str) -> Entry:
    """Post the mirror of an entry. The original stays; both are shown, linked."""
    require(actor, entry.fund, "post_entries")
    if entry.reverses_id:
        raise Conflict(
            "รายการกลับรายการแล้ว กลับซ้ำไม่ได้",
            "a reversal cannot itself be reversed",
            code="reversal_of_reversal",
        )
    mirror = entry_record(entry).reversed_on(on_date, key=key)
    return post_entry(actor, entry.fund, mirror, reverses=entry)


def close_period(actor, fund, year: int, month: int, *, today: datetime.date | None = None) -> ClosedPeriod:
    """Close a month of the books. Closing a closed month changes nothing and returns it."""
    require(actor, fund, "close_period")
    if not (1 <= month <= 12 and 2000 <= year <= 2200):
        raise DomainError(
            f"งวดไม่ถูกต้อง: {year}-{month} (ปี ค.ศ. 2000-2200 เดือน 1-12)",
            f"invalid period {year}-{month} (year 2000-2200, month 1-12)",
            code="invalid_period",
            where="period",
        )
    _check_closable(fund, year, month, today or thai_dates.today())
    period = year * 100 + month
    with transaction.atomic():
        lock_chain()
        existing = ClosedPeriod.objects.filter(fund=fund, period=period).first()
        if existing:
            return existing
        closed = ClosedPeriod.objects.create(
            fund=fund, period=period, closed_at=timezone.now(), closed_by_id=getattr(actor, "pk", None)
        )
        # The event names the month ("FUND:PERIOD"); its digest covers the row (audit.records).
        record(
            actor,
            "ledger.period.close",
            CLOSED_PERIOD.object_type,
            f"{fund.pk}:{period}",
            fund_id=fund.pk,
            digest=digest_of_record(CLOSED_PERIOD, closed.pk),
        )
        return closed


def _check_closable(fund, year: int, month: int, today: datetime.date) -> None:
    """A month is closed once it has ended, and not before the fund was founded: closing the month under
    way would refuse every payment of its remaining days for good (a close is never undone), and a
    month before the fund is a slip of the keyboard that would lock nothing real."""
    last = period_end(year, month)
    if last >= today:
        opens = last + datetime.timedelta(days=1)
        raise ValidationFailed(
            [
                Problem(
                    "month_not_ended",
                    f"เดือน {format_period(year, month)} ยังไม่สิ้นสุด: ปิดงวดได้ตั้งแต่ {format_thai_date(opens)}",
                    f"the month {year}-{month:02d} has not ended: it can be closed from {opens.isoformat()}",
                    "period",
                )
            ]
        )
    founded = fund.founded_on
    if founded and last < founded:
        raise ValidationFailed(
            [
                Problem(
                    "before_founding",
                    f"กองทุนก่อตั้งเมื่อ {format_thai_date(founded)}: เดือน {format_period(year, month)} อยู่ก่อนนั้น",
                    f"the fund was founded on {founded.isoformat()}: {year}-{month:02d} is before it",
                    "period",
                )
            ]
        )
