"""Whether one fund's part of the audit chain is intact, cheaply enough to ask at every entitlement.

`sajja audit verify` walks the whole chain and every record of every fund (minutes on a national
database); the co-funding rule asks about one fund. This check reads only the fund's own events: each one's
keyed hash is computed again from what it records (a changed action, object, digest or time no longer
matches), and each one's link to the event before it (its `prev_hash`) is compared with that event's hash
(an event inserted, deleted or rewritten before it breaks the link). It does not compare the fund's
entries, receipts and records with the digests the events hold: that is `sajja audit verify`'s work, which
`sajja cofunding entitlement --verify` runs in full before it computes.

The hashes are computed by the chain's own `sajja.audit.chain.event_hash`; the events' times are read as the
database gives them and converted once for each distinct time (the events of one write share their time),
which is most of the cost otherwise: the 76,000 events of a 38,000-member fund are checked in about half a
second.
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from sajja.audit.chain import event_hash
from sajja.audit.models import GENESIS_HASH, AuditEvent

_CHUNK = 900  # ids in one IN (...) list: SQLite's limit on a query's parameters


def _moment(value: object, seen: dict[object, datetime.datetime]) -> datetime.datetime:
    """The event's time as the ORM would give it (aware), converted once per distinct value."""
    moment = seen.get(value)
    if moment is None:
        parsed = parse_datetime(value) if isinstance(value, str) else value  # SQLite gives text
        if not isinstance(parsed, datetime.datetime):
            raise ValueError(f"not a time: {value!r}")
        moment = seen[value] = (
            timezone.make_aware(parsed, datetime.UTC) if timezone.is_naive(parsed) else parsed
        )
    return moment


def _events(fund_id: int) -> list[tuple]:
    """The fund's events in order, as the database stores them (no per-row conversion)."""
    query = (
        AuditEvent.objects.filter(fund_id=fund_id)
        .order_by("seq")
        .values_list(
            "seq",
            "at",
            "actor_id",
            "action",
            "object_type",
            "object_id",
            "fund_id",
            "digest",
            "prev_hash",
            "hash",
        )
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def fund_chain_intact(fund) -> bool:
    """True when every audit event of the fund hashes to what it holds and links to the event before it."""
    rows = _events(fund.pk)
    hashes = {row[0]: row[9] for row in rows}
    outside = sorted({seq - 1 for seq in hashes if seq > 1 and seq - 1 not in hashes})
    for start in range(0, len(outside), _CHUNK):
        chunk = outside[start : start + _CHUNK]
        hashes.update(AuditEvent.objects.filter(seq__in=chunk).values_list("seq", "hash"))
    seen: dict[object, datetime.datetime] = {}
    for seq, at, actor_id, action, object_type, object_id, fund_id, digest, prev_hash, hash_ in rows:
        if prev_hash != (GENESIS_HASH if seq == 1 else hashes.get(seq - 1)):
            return False
        moment = _moment(at, seen)
        if (
            event_hash(prev_hash, seq, moment, actor_id, action, object_type, object_id, fund_id, digest)
            != hash_
        ):
            return False
    return True
