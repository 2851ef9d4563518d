"""`sajja audit verify`: walk the chain and the books, report the first broken record.

Checks, in order: each event's hash and its link to the one before, and the event at the chain's head
(so a deleted last event is found too); each entry's lines against the digest recorded when it was
posted, and each entry's balance; each audit event against the entries it recorded (and each entry
against an event the chain holds); each account's running totals against the sum of its lines; each
control account against its member sub-accounts.

When one line's amount was changed, the entry no longer balances, and the amount that balances it again
reproduces the digest recorded at posting: that names the exact line and the amount it was posted with.

Everything streams in batches, and the checks are bounded by the chain's head as read when they start,
so verify runs beside writers without taking their appends for tampering.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from django.db.models import Case, F, Sum, When
from django.db.models.functions import Coalesce

from sajja.audit.chain import ENTRIES_OBJECT, digest_of_entries, event_hash
from sajja.audit.models import GENESIS_HASH, AuditEvent, ChainHead
from sajja.core.ledger.records import Entry as EntryRecord
from sajja.core.ledger.records import Posting, entry_digest


class Problem(NamedTuple):
    record: str
    message: str


def verify_all(batch: int = 5000) -> list[Problem]:
    """Every problem found; the first one is the first broken record."""
    problems: list[Problem] = []
    for check in (verify_chain, verify_entries, verify_account_totals, verify_control_accounts):
        problems.extend(check(batch) if check in (verify_chain, verify_entries) else check())
        if problems:
            return problems
    return problems


def _head() -> tuple[int, str]:
    """The chain's head as committed now: every event up to it is committed too (they commit together),
    so checks bounded by it are not fooled by writers appending while verify runs."""
    head = ChainHead.objects.filter(pk=1).first()
    return (head.last_seq, head.last_hash) if head else (0, GENESIS_HASH)


def verify_chain(batch: int = 5000) -> Iterator[Problem]:
    head_seq, head_hash = _head()
    prev = GENESIS_HASH
    expected_seq = 1
    for ev in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch):
        name = f"audit event #{ev.seq}"
        if ev.seq != expected_seq:
            yield Problem(_event_range(expected_seq, ev.seq - 1), "missing from the chain")
        if ev.prev_hash != prev:
            yield Problem(name, "does not link to the event before it")
        h = event_hash(
            ev.prev_hash,
            ev.seq,
            ev.at,
            ev.actor_id,
            ev.action,
            ev.object_type,
            ev.object_id,
            ev.fund_id,
            ev.digest,
        )
        if h != ev.hash:
            yield Problem(name, "its content does not match its hash")
        elif ev.seq == head_seq and ev.hash != head_hash:
            yield Problem(name, "does not match the chain's head")
        prev, expected_seq = ev.hash, ev.seq + 1
    if head_seq >= expected_seq:
        yield Problem(_event_range(expected_seq, head_seq), "missing from the end of the chain")


def _event_range(first: int, last: int) -> str:
    return f"audit event #{first}" if first == last else f"audit events #{first}-#{last}"


def verify_entries(batch: int = 5000) -> Iterator[Problem]:
    """Each entry against its own digest and balance, then each event against the entries it recorded.

    Both passes stream in batches, so memory stays flat however large the books are.
    """
    yield from _verify_entry_digests(batch)
    yield from _verify_entry_events(batch)


def _verify_entry_digests(batch: int) -> Iterator[Problem]:
    from sajja.ledger.models import Entry, Line

    last_id = 0
    while True:
        entries = list(Entry.objects.filter(pk__gt=last_id).order_by("pk")[:batch])
        if not entries:
            break
        lines = defaultdict(list)
        for line_id, entry_id, code, amount in (
            Line.objects.filter(entry_id__gt=last_id, entry_id__lte=entries[-1].pk)
            .order_by("id")
            .values_list("id", "entry_id", "account__code", "amount")
        ):
            lines[entry_id].append((line_id, code, amount))
        last_id = entries[-1].pk
        for e in entries:
            own = lines[e.pk]
            record = EntryRecord(
                e.date, e.memo, tuple(Posting(c, a) for _, c, a in own), e.kind, e.idempotency_key
            )
            if entry_digest(record) != e.digest:
                yield _changed_entry(e, own, record)
            if not record.is_balanced:
                yield Problem(f"entry #{e.pk}", f"does not balance (off by {record.total} satang)")


def _verify_entry_events(batch: int) -> Iterator[Problem]:
    """Merge the events (by seq) with the entries grouped by the event that recorded them: each such
    event still digests its entries, and an event of kind ENTRIES_OBJECT still has entries."""
    from sajja.ledger.models import Entry

    head_seq, _ = _head()  # later events and their entries may still be committing: the next run sees them
    events = AuditEvent.objects.filter(seq__lte=head_seq).order_by("seq")
    events = iter(events.values_list("seq", "digest", "object_type").iterator(chunk_size=batch))
    rows = Entry.objects.filter(audit_seq__lte=head_seq).order_by("audit_seq", "id")
    rows = rows.values_list("audit_seq", "digest")
    event = next(events, None)
    for seq, group in groupby(rows.iterator(chunk_size=batch), key=itemgetter(0)):
        while event is not None and event[0] < seq:
            if event[2] == ENTRIES_OBJECT:
                yield Problem(f"audit event #{event[0]}", "the entries it recorded are missing")
            event = next(events, None)
        if event is None or event[0] != seq:
            yield Problem(f"audit event #{seq}", "recorded entries but is missing from the chain")
            continue
        if event[1] != digest_of_entries([digest for _, digest in group]):
            yield Problem(f"audit event #{seq}", "the entries it recorded have changed")
        event = next(events, None)
    while event is not None:
        if event[2] == ENTRIES_OBJECT:
            yield Problem(f"audit event #{event[0]}", "the entries it recorded are missing")
        event = next(events, None)
    # An entry naming an event past the head: legitimate if it committed since (its event and the head
    # commit with it), forged if it names an event past the head as read after seeing the entry.
    late = Entry.objects.filter(audit_seq__gt=head_seq).order_by("-audit_seq", "-id")
    late = list(late.values_list("pk", "audit_seq")[:batch])
    now_seq, _ = _head()
    for pk, seq in reversed(late):
        if seq > now_seq:
            yield Problem(f"entry #{pk}", f"names audit event #{seq}, which the chain does not hold")


def _changed_entry(entry, lines, record: EntryRecord) -> Problem:
    """Name the changed line if one line's amount was altered, else the entry with its line ids."""
    if record.total:
        for n, (line_id, code, amount) in enumerate(lines):
            posted = amount - record.total  # the amount that balances the entry again
            postings = record.postings[:n] + (Posting(code, posted),) + record.postings[n + 1 :]
            if entry_digest(record._replace(postings=postings)) == entry.digest:
                return Problem(
                    f"line #{line_id} of entry #{entry.pk}",
                    f"amount on account {code} is {amount} satang; {posted} satang was posted",
                )
    return Problem(f"entry #{entry.pk}" + _suspect_lines(lines), "its lines differ from what was posted")


def _suspect_lines(lines) -> str:
    return " (lines " + ", ".join(f"#{line_id}" for line_id, _, _ in lines) + ")" if lines else ""


def verify_account_totals() -> Iterator[Problem]:
    """Running totals equal the sum of the account's own lines (leaf accounts)."""
    from sajja.ledger.models import Account

    sums = (
        Account.objects.filter(is_control=False)
        .annotate(
            d=Coalesce(Sum(Case(When(lines__amount__gt=0, then=F("lines__amount")), default=0)), 0),
            c=Coalesce(Sum(Case(When(lines__amount__lt=0, then=-F("lines__amount")), default=0)), 0),
        )
        .values_list("pk", "fund__code", "code", "debit_total", "credit_total", "d", "c")
    )
    for pk, fund, code, debit, credit, d, c in sums.iterator():
        if (debit, credit) != (d, c):
            yield Problem(
                f"account #{pk} ({fund} {code})",
                f"stored totals {debit}/{credit} differ from its lines {d}/{c}",
            )


def verify_control_accounts() -> Iterator[Problem]:
    """A control account's totals equal the sum of its sub-accounts (the member sub-ledger reconciles)."""
    from sajja.ledger.models import Account

    rows = (
        Account.objects.filter(is_control=True)
        .annotate(d=Coalesce(Sum("children__debit_total"), 0), c=Coalesce(Sum("children__credit_total"), 0))
        .values_list("pk", "fund__code", "code", "debit_total", "credit_total", "d", "c")
    )
    for pk, fund, code, debit, credit, d, c in rows.iterator():
        if (debit, credit) != (d, c):
            yield Problem(
                f"account #{pk} ({fund} {code})",
                f"control totals {debit}/{credit} differ from its sub-ledger {d}/{c}",
            )
