"""Appending to the audit chain. Called inside the caller's transaction, so the event and the write
it records commit or roll back together."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from sajja.audit.chain import digest_of, event_hash
from sajja.audit.models import AuditEvent, ChainHead


def serialise_audited_writes() -> ChainHead:
    """Take the audit chain's one head for the rest of the transaction, and return it: every audited
    write, in every fund, queues here behind the one before, until that one commits or rolls back. On
    PostgreSQL the head's row is locked (`FOR UPDATE`); on SQLite the transaction already holds the
    database's write lock (it began IMMEDIATE). docs/design.md, "The write lock", says what this costs."""
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        ChainHead.objects.get_or_create(pk=1)
        head = ChainHead.objects.select_for_update().get(pk=1)
    return head


def next_seq() -> int:
    """The sequence number the next event recorded in this transaction will take: no other writer can
    take it first (the head's row is locked on PostgreSQL; on SQLite every write transaction begins
    IMMEDIATE, holding the database's write lock). A bulk write marks its rows with it before its event,
    whose digest covers them all, can be made."""
    return serialise_audited_writes().last_seq + 1


def record(
    actor, action: str, obj_type: str, obj_id, *, fund_id=None, data=None, digest: str | None = None, at=None
):
    """Append one event. `data` is digested, not stored: pass ids, not personal details. `at`: the time
    the write's rows carry, when they were written ahead of the event (now, otherwise)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the write's transaction")
    head = serialise_audited_writes()
    digests = {obj_id: digest or digest_of(data)}
    (event,) = _chained(head, actor, action, obj_type, digests, fund_id, at or timezone.now())
    event.save(force_insert=True)
    ChainHead.objects.filter(pk=1).update(last_seq=event.seq, last_hash=event.hash)
    return event


def record_many(actor, action: str, obj_type: str, digests: dict, *, fund_id=None) -> list[AuditEvent]:
    """Append one event per object (object id -> digest, in that order), written together: the same
    chain as as many `record` calls, with one insert. Receivers of post_save hear of each event."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record_many must run inside the write's transaction")
    if not digests:
        return []
    head = serialise_audited_writes()
    events = _chained(head, actor, action, obj_type, digests, fund_id, timezone.now())
    seq, prev = events[-1].seq, events[-1].hash
    AuditEvent.objects.bulk_create(events, batch_size=500)
    ChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=prev)
    for event in events:
        post_save.send(
            sender=AuditEvent,
            instance=event,
            created=True,
            update_fields=None,
            raw=False,
            using=event._state.db,
        )
    return events


def _chained(head, actor, action: str, obj_type: str, digests: dict, fund_id, at) -> list[AuditEvent]:
    """The events (unsaved) that follow the chain's head, one per object, each hashed on the one before."""
    seq, prev, actor_id = head.last_seq, head.last_hash, getattr(actor, "pk", None)
    events = []
    for obj_id, digest in digests.items():
        seq += 1
        h = event_hash(prev, seq, at, actor_id, action, obj_type, obj_id, fund_id, digest)
        events.append(
            AuditEvent(
                seq=seq,
                at=at,
                actor_id=actor_id,
                action=action,
                object_type=obj_type,
                object_id=str(obj_id),
                fund_id=fund_id,
                digest=digest,
                prev_hash=prev,
                hash=h,
            )
        )
        prev = h
    return events
