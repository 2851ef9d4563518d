"""What the bulk paths write comes back as it was sent, on SQLite and PostgreSQL alike, whichever way the
rows travel (bound row by row, or packed as one JSON text); and the books' one-time links (an entry
reversed once, a receipt cancelled once) are still enforced by the database itself."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from sajja.ledger.bulk import insert_rows
from sajja.ledger.models import Entry

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 26)


def _rows(n: int) -> list[tuple]:
    memos = ["เงินสัจจะ สมาชิก 000001 (เงินสด)", 'it\'s "quoted" \\ and \t tabbed', "", "x" * 300]
    return [
        (
            9000 + i,
            connection.ops.adapt_datefield_value(DAY - datetime.timedelta(days=i)),
            202611,
            memos[i % len(memos)],
            "contribution",
            f"bulk:{i}",
            "d" * 64,
            None,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("packed", [False, True])
def test_rows_come_back_as_they_were_sent(own, packed):
    sent = _rows(7)
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        insert_rows(
            cursor,
            Entry._meta.db_table,
            ["id", "date", "period", "memo", "kind", "idempotency_key", "digest", "reverses_id"],
            sent,
            {"fund_id": own.pk, "audit_seq": 0, "created_by_id": None, "created_at": now.isoformat()},
            packed=packed,
        )
    back = list(
        Entry.objects.filter(fund=own, idempotency_key__startswith="bulk:")
        .order_by("id")
        .values_list("id", "date", "period", "memo", "kind", "idempotency_key", "digest", "reverses_id")
    )
    assert back == [(r[0], DAY - datetime.timedelta(days=i), *r[2:]) for i, r in enumerate(sent)]
    assert {e.created_at for e in Entry.objects.filter(pk__in=[r[0] for r in sent])} == {now}
    assert set(Entry.objects.filter(pk__in=[r[0] for r in sent]).values_list("created_by_id", flat=True)) == {
        None
    }


def _entry(fund, key: str, reverses=None) -> Entry:
    return Entry.objects.create(
        fund=fund,
        date=DAY,
        period=202611,
        memo="m",
        kind="general",
        idempotency_key=key,
        digest="d",
        audit_seq=0,
        created_at=timezone.now(),
        reverses=reverses,
    )


def test_an_entry_is_reversed_once_at_most_by_the_database_itself(own):
    """The unique index covers only the reversals: any number of entries reverse nothing."""
    original = _entry(own, "a")
    _entry(own, "b")
    _entry(own, "c")
    _entry(own, "r1", reverses=original)
    with pytest.raises(IntegrityError), transaction.atomic():
        _entry(own, "r2", reverses=original)
    assert original.reversed_by.idempotency_key == "r1"
    assert Entry.objects.get(idempotency_key="b").reversed_by is None
