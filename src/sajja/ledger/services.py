"""Every write to the books. One path posts entries, for one entry or a hundred thousand: validated
with the pure checks, idempotent by key, set-based, in one transaction with its audit event."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.chain import ENTRIES_OBJECT, digest_of_entries
from sajja.audit.records import CLOSED_PERIOD, digest_of_record
from sajja.audit.services import next_seq, record, serialise_audited_writes
from sajja.core import thai_dates
from sajja.core.errors import DomainError, Problem, ValidationFailed
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
from sajja.ledger import guards, reasons, storage
from sajja.ledger.models import Account, ClosedPeriod, Entry, Line
from sajja.ledger.selectors import period_end
from sajja.ledger.storage import Found, Lines, Referring, Storage
from sajja.reasons import Both
from sajja.registry.models import Fund

# Entries checked, digested and given at a time by a write taken ahead (one statement's worth).
_AHEAD_ROWS = 4000


@dataclass(frozen=True)
class PostingResult:
    """What a posting call did: ids of the entries (new or found by key), and how many were new."""

    entry_ids: list[int]
    posted: int
    seals: list[str] = field(default_factory=list)  # the referring rows' seals, in their order
    warnings: list[Problem] = field(default_factory=list)  # what a guard (guards.py) says of the new entries

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


@dataclass(frozen=True)
class _Call:
    """One post_entries call: who posts what, in which fund."""

    actor: object
    fund: Fund
    entries: list[EntryRecord]
    reverses: dict[str, int]  # key of a reversal -> id of the entry it reverses
    action: str
    referring: Referring | None
    authorised_by: int | None = None


@dataclass(frozen=True)
class _Books:
    """The fund's books as the entries are checked against them: its accounts (code -> (id, parent's id),
    control accounts left out), the checks of a new entry, those of a retry, and the entries' digests (a
    reversal's names the entry it reverses)."""

    accounts: dict[str, tuple[int, int | None]]
    check: BatchChecker
    replay_check: BatchChecker
    digest_of: BatchDigests


def post_entries(
    actor,
    fund,
    entries: Iterable[EntryRecord],
    *,
    reverses: dict[str, int] | None = None,
    action: str = "ledger.entries.post",
    referring: Referring | None = None,
    authorised_by: int | None = None,
    right: str = "post_entries",
) -> PostingResult:
    """Post many entries at once, all or nothing: check → replays → audit → write.

    Every entry needs an idempotency key, unique in the fund. Keys already posted with the same
    content are returned as they are; a key posted with other content refuses the whole call,
    naming what differs. Inserts and account totals are written with a few set-based statements.

    `referring`, if given, holds the rows of another table that refer to the batch's entries (a payment's
    receipts), each naming its entry by its place in the batch (new, or posted before); they are written in
    the same write, after the entries, and stand or fall with them. No audit event records them here (the
    caller records one after this call returns, with the seals the result carries).

    The new entries are judged by the guards other areas set (guards.py): one may refuse them, or warn;
    `authorised_by` names what allows what a guard would refuse (a meetings resolution's id).

    `right` is the capability the poster must hold in the fund: the bookkeepers' `post_entries`, unless an
    area's own act posts under its own right (money between a network's funds, recorded by the network's
    coordinator in both funds' books: sajja.pooling).
    """
    require(actor, fund, right)
    call = _Call(actor, fund, list(entries), reverses or {}, action, referring, authorised_by)  # walked twice
    key_errors = _check_keys(call.entries)
    # The write inside the transaction: all it was given has been written before the transaction ends.
    with transaction.atomic(), storage.writing(len(call.entries)) as store:
        serialise_audited_writes()  # a retry racing its first attempt waits here, then finds it
        books = _books(fund, call.reverses)
        ahead = _take_ahead(store, call, key_errors)  # before the keys are looked up: see _take_ahead
        existing = store.existing(
            fund.pk, [e.key for n, e in enumerate(call.entries, 1) if n not in key_errors]
        )
        if ahead is not None and (done := _post_ahead(store, call, books, existing, *ahead)) is not None:
            return done
        digests = _check(call, books, key_errors)  # while the keys are looked up
        found = existing()
        new = _replays(call, books, key_errors, digests, found)
        judged = guards.judge(actor, fund, [e for e, _ in new], authorised_by)
        event = _audit(call, new)
        return _write(store, call, books, new, event, found, judged)


def _books(fund, reverses: dict[str, int]) -> _Books:
    accounts = {
        code: (pk, parent_id)
        for code, pk, parent_id, is_control in Account.objects.filter(fund=fund).values_list(
            "code", "pk", "parent_id", "is_control"
        )
        if not is_control
    }
    closed = {
        (p // 100, p % 100) for p in ClosedPeriod.objects.filter(fund=fund).values_list("period", flat=True)
    }
    ctx = LedgerContext(accounts=frozenset(accounts), closed_periods=frozenset(closed))
    # A retry of an entry already posted is checked for its content, not for the period: it was posted
    # while the period was open, and a retry after the close must still get the first answer.
    replay_ctx = LedgerContext(accounts=ctx.accounts)
    return _Books(accounts, BatchChecker(ctx), BatchChecker(replay_ctx), BatchDigests(reverses))


def _check(call: _Call, books: _Books, key_errors) -> list[str] | None:
    """Check: every entry's digest if every key is well formed and every entry passes the checks (judged
    for the batch at once), or None (then each entry is judged on its own, with the replays)."""
    if key_errors or not books.check.all_pass(call.entries):
        return None
    return books.digest_of.many(call.entries)


def _replays(call: _Call, books: _Books, key_errors, digests, found: dict[str, Found]) -> list:
    """Replays: the new entries, each with its digest. A retry (its key posted before) is checked for its
    content only and must carry its first content; raises ValidationFailed naming every problem."""
    if digests is not None and not found:  # all new, all well: one pass
        new = list(zip(call.entries, digests, strict=True))
    else:
        new, errors = _judge_each(
            call.entries, key_errors, found, books.check, books.replay_check, books.digest_of
        )
        if errors:
            raise ValidationFailed(errors)
    _check_reversals(call.fund, new, call.reverses)
    return new


def _audit(call: _Call, new: list[tuple[EntryRecord, str]]):
    """The audit event of the new entries (none when nothing is new): its digest is that of their digests,
    and its object type says it records entries, so `audit verify` can tell when they are gone."""
    if not new:
        return None
    digest = digest_of_entries([d for _, d in new])
    return record(call.actor, call.action, ENTRIES_OBJECT, call.fund.pk, fund_id=call.fund.pk, digest=digest)


def _write(
    store: Storage, call: _Call, books: _Books, new, event, found: dict[str, Found], judged: guards.Judged
) -> PostingResult:
    """The new entries under ids taken now, marked with their event, their lines and account totals, what
    the guards write once they have ids, then the rows referring to the batch's entries."""
    new_ids = store.allocate_entry_ids(len(new)) if new else []
    if new:
        author = getattr(call.actor, "pk", None)
        store.insert_entries(call.fund.pk, author, event.seq, event.at, new, new_ids, call.reverses)
        lines = _lines([e for e, _ in new], new_ids, books.accounts)
        assert lines is not None  # known: the checks passed
        store.insert_lines(lines)
        judged.written(new_ids)
    if len(new) == len(call.entries):  # all new: the ids are the batch's, in its order
        batch_ids = new_ids
    else:
        ids = {key: f.id for key, f in found.items()} | {
            e.key: pk for (e, _), pk in zip(new, new_ids, strict=True)
        }
        batch_ids = [ids[e.key] for e in call.entries]
    seals = store.insert_referring(call.referring, batch_ids) if call.referring is not None else []
    return PostingResult(batch_ids, len(new), seals, judged.warnings)


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
        elif first.digest != (
            digest if first.reverses_id is None else _retry_digest(entry, first, digest_of)
        ):
            errors.append(_conflict(n, entry, first.id))
    return new, errors


def _retry_digest(entry: EntryRecord, first: Found, digest_of: BatchDigests) -> str:
    """A retry of a reversal names the entry it reverses as the first posting did, unless it names
    another (then its digest differs, and the retry is refused)."""
    return digest_of(entry) if digest_of.reverses(entry.key) else entry_digest(entry, first.reverses_id)


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
            errors[n] = reasons.KEY_REQUIRED.problem(f"entry {n}", limit=KEY_MAX)
        elif entry.key in seen:
            errors[n] = reasons.KEY_REPEATED.problem(f"entry {n} [{entry.key}]", key=entry.key)
        else:
            seen.add(entry.key)
    return errors


def _conflict(n: int, entry: EntryRecord, existing_id: int) -> Problem:
    first = entry_record(Entry.objects.get(pk=existing_id))
    fields = ", ".join(describe_difference(first, entry))
    return reasons.KEY_REUSED.problem(f"entry {n} [{entry.key}]", key=entry.key, fields=fields)


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
            raise reasons.REVERSED_ENTRY_NOT_FOUND.invalid(f"entry [{entry.key}]")
        if original.reverses_id:
            raise reasons.REVERSAL_OF_REVERSAL.conflict(f"entry #{pk}")
        if pk in done or pk in seen:
            raise reasons.ALREADY_REVERSED.conflict(f"entry #{pk}")
        seen.add(pk)
        mirror = sorted((code, -amount) for code, amount in lines[pk])
        if sorted((p.account, p.amount) for p in entry.postings) != mirror:
            raise reasons.NOT_A_MIRROR.invalid(f"entry [{entry.key}]", entry=pk)


def _take_ahead(store: Storage, call: _Call, key_errors) -> tuple[int, list[int]] | None:
    """The audit number and entry ids of a write taken ahead, when the storage overlaps its work with ours:
    taken before the keys are looked up (a query waits for what the write was given before it), so that
    the entries can be given as soon as they are checked. Not for reversals (checked against the books
    first), a batch with a bad key, an empty call, or entries a guard judges (before anything is given)."""
    if (
        not store.overlaps
        or not call.entries
        or key_errors
        or call.reverses
        or guards.concerned(call.entries)
    ):
        return None
    return next_seq(), store.allocate_entry_ids(len(call.entries))


def _post_ahead(
    store: Storage, call: _Call, books: _Books, existing, seq: int, ids: list[int]
) -> PostingResult | None:
    """Check and write, then audit: a batch whose keys are all new, written while it is checked. The
    entries are checked, digested and given a few thousand at a time, marked with the audit event's number
    taken ahead (the event, whose digest covers them all, is recorded last); then their lines, account
    totals and the rows referring to them. Any entry that fails its checks refuses the batch, and the
    refusal rolls back what was given. None, with nothing given, if a key was posted before, an account is
    unknown or an amount is not whole satang: the pipeline answers then (retries, or the checks' own words)."""
    lines = _lines(call.entries, ids, books.accounts)  # made while the keys are looked up
    if lines is None or existing():
        return None
    entries, author = call.entries, getattr(call.actor, "pk", None)
    digest_of, digests, now = BatchDigests(), [], timezone.now()
    for start in range(0, len(entries), _AHEAD_ROWS):
        chunk = entries[start : start + _AHEAD_ROWS]
        if not books.check.all_pass(chunk):
            _, errors = _judge_each(entries, {}, {}, books.check, books.check, digest_of)
            if errors:
                raise ValidationFailed(errors)
        chunk_digests = digest_of.many(chunk)
        digests += chunk_digests
        pairs = list(zip(chunk, chunk_digests, strict=True))
        store.insert_entries(call.fund.pk, author, seq, now, pairs, ids[start : start + _AHEAD_ROWS], {})
    store.insert_lines(lines)
    seals = store.insert_referring(call.referring, ids) if call.referring is not None else []
    # The entries' author and time are the event's: `audit verify` compares them.
    digest = digest_of_entries(digests)
    event = record(
        call.actor, call.action, ENTRIES_OBJECT, call.fund.pk, fund_id=call.fund.pk, digest=digest, at=now
    )
    if event.seq != seq:  # cannot happen under the chain's lock; the entries would name another event
        raise RuntimeError(f"the audit event took number {event.seq}, not {seq} as its entries say")
    return PostingResult(ids, len(entries), seals)


def _lines(entries: list[EntryRecord], ids: list[int], accounts) -> Lines | None:
    """Each entry's lines under its id, and each account's totals (with its parent's), or None if an
    account is unknown or an amount is not a whole number of satang.

    Entries with equal postings (a batch built from templates, or entries alike) share their lines: the
    postings themselves are the key, each distinct one is resolved once, and the totals count how many
    entries carry it. (An amount equal to a whole one but of another type, 3000.0 beside 3000, shares the
    whole one's lines here; the checks, run on every entry before anything is written, refuse it.)"""
    try:
        uses = Counter([tuple(e.postings) for e in entries])
    except TypeError:  # an account or amount that cannot be a key is no account or amount: the checks say so
        return None
    resolved: dict[tuple, list[tuple[int, int]]] = {}
    for postings in uses:
        if any(p.account not in accounts or type(p.amount) is not int for p in postings):
            return None  # the checks will say what is wrong
        resolved[postings] = [(accounts[a][0], amount) for a, amount in postings]
    rows = [
        (pk, account_id, amount)
        for pk, e in zip(ids, entries, strict=True)
        for account_id, amount in resolved[tuple(e.postings)]
    ]
    debits: dict[int, int] = defaultdict(int)
    credits: dict[int, int] = defaultdict(int)
    for postings, n in uses.items():
        for account, amount in postings:
            account_id, parent_id = accounts[account]
            side = debits if amount > 0 else credits
            side[account_id] += abs(amount) * n
            if parent_id:
                side[parent_id] += abs(amount) * n
    totals = [(a, debits.get(a, 0), credits.get(a, 0)) for a in sorted(debits.keys() | credits.keys())]
    return Lines(rows, totals)


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
        raise reasons.REVERSAL_OF_REVERSAL.conflict()
    mirror = entry_record(entry).reversed_on(on_date, key=key)
    return post_entry(actor, entry.fund, mirror, reverses=entry)


def close_period(actor, fund, year: int, month: int, *, today: datetime.date | None = None) -> ClosedPeriod:
    """Close a month of the books. Closing a closed month changes nothing and returns it."""
    require(actor, fund, "close_period")
    if not (1 <= month <= 12 and 2000 <= year <= 2200):
        invalid = reasons.PERIOD_OUT_OF_RANGE
        raise DomainError(*invalid.words(year=year, month=month), code=invalid.code, where="period")
    _check_closable(fund, year, month, today or thai_dates.today())
    period = year * 100 + month
    with transaction.atomic():
        serialise_audited_writes()
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
    said = Both(format_period(year, month), f"{year}-{month:02d}")
    if last >= today:
        opens = last + datetime.timedelta(days=1)
        raise reasons.MONTH_NOT_ENDED.invalid("period", month=said, opens=_day(opens))
    founded = fund.founded_on
    if founded and last < founded:
        raise reasons.BEFORE_FOUNDING.invalid("period", founded=_day(founded), month=said)


def _day(day: datetime.date) -> Both:
    return Both(format_thai_date(day), day.isoformat())
