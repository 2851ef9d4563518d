"""`sajja audit verify`: walk the chain and the books, report the first broken record.

Checks, in order: each event's hash and its link to the one before; each entry's lines against the
digest recorded when it was posted, and each entry's balance; each audit event against the entries it
recorded; each account's running totals against the sum of its lines; each control account against its
member sub-accounts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import Case, F, Sum, When
from django.db.models.functions import Coalesce

from sajja.audit.chain import digest_of_entries, event_hash
from sajja.audit.models import GENESIS_HASH, AuditEvent
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


def verify_chain(batch: int = 5000) -> Iterator[Problem]:
    prev = GENESIS_HASH
    expected_seq = 1
    for ev in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch):
        name = f"audit event #{ev.seq}"
        if ev.seq != expected_seq:
            yield Problem(f"audit event #{expected_seq}", "missing from the chain")
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
        prev, expected_seq = ev.hash, ev.seq + 1


def verify_entries(batch: int = 5000) -> Iterator[Problem]:
    from sajja.ledger.models import Entry, Line

    by_event: dict[int, list[str]] = defaultdict(list)
    last_id = 0
    while True:
        entries = list(Entry.objects.filter(pk__gt=last_id).order_by("pk")[:batch])
        if not entries:
            break
        last_id = entries[-1].pk
        lines = defaultdict(list)
        for line_id, entry_id, code, amount in (
            Line.objects.filter(entry__in=entries)
            .order_by("id")
            .values_list("id", "entry_id", "account__code", "amount")
        ):
            lines[entry_id].append((line_id, code, amount))
        for e in entries:
            own = lines[e.pk]
            record = EntryRecord(
                e.date, e.memo, tuple(Posting(c, a) for _, c, a in own), e.kind, e.idempotency_key
            )
            if entry_digest(record) != e.digest:
                yield Problem(f"entry #{e.pk}" + _suspect_lines(own), "its lines differ from what was posted")
            if not record.is_balanced:
                yield Problem(f"entry #{e.pk}", f"does not balance (off by {record.total} satang)")
            by_event[e.audit_seq].append(e.digest)
    events = AuditEvent.objects.filter(seq__in=list(by_event)).values_list("seq", "digest")
    recorded = dict(events)
    for seq, digests in sorted(by_event.items()):
        if recorded.get(seq) != digest_of_entries(digests):
            yield Problem(f"audit event #{seq}", "the entries it recorded have changed")


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
