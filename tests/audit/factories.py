"""Helpers of the audit tests: what the chain hashes of an event and what an entry's digest covers,
written out independently of sajja.audit; how to defer foreign keys while editing rows behind its back."""

from __future__ import annotations

import hashlib

from sajja.audit.models import AuditEvent
from sajja.ledger.models import Entry as EntryRow

# deferring foreign-key checks to the commit, per database vendor (a tampering edit may break them for a while)
DEFER_FK = {"sqlite": "PRAGMA defer_foreign_keys = ON", "postgresql": "SET CONSTRAINTS ALL DEFERRED"}


def event_fields(ev: AuditEvent, prev: str | None = None) -> bytes:
    """What the chain hashes of an event, written out independently: the previous hash (`prev`, or the one
    the event names) and the event's own fields."""
    fields = [
        ev.prev_hash if prev is None else prev,
        str(ev.seq),
        ev.at.isoformat(),
        "" if ev.actor_id is None else str(ev.actor_id),
        ev.action,
        ev.object_type,
        ev.object_id,
        "" if ev.fund_id is None else str(ev.fund_id),
        ev.digest,
    ]
    return "|".join(fields).encode()


def entry_digest(row: EntryRow) -> str:
    """The canonical form, written out independently: date, kind, memo, then account and amount per
    line, then the idempotency key (and for a reversal the id of the entry reversed, after the group
    separator 0x1D), joined by the ASCII record (0x1E) and unit (0x1F) separators."""
    parts = [row.date.isoformat(), row.kind, row.memo]
    parts += [
        f"{code}\x1f{amount}"
        for code, amount in row.lines.order_by("id").values_list("account__code", "amount")
    ]
    parts += [row.idempotency_key] + ([f"\x1d{row.reverses_id}"] if row.reverses_id else [])
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()
