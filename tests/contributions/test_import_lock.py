"""A large import checks its file with no lock held: another fund's write never waits for the check, and
the keys of the file are looked up through the entry's (fund, key) index, never a scan of receipts."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sajja.access.policy import SYSTEM
from sajja.contributions import imports, services
from sajja.contributions.imports import ImportRefused, import_payments
from sajja.contributions.models import Receipt
from sajja.contributions.reading import read_payments
from sajja.contributions.services import record_payment, recorded_keys
from sajja.contributions.validation import Payment
from tests.contributions.factories import TODAY, csv_bytes, row_counts
from tests.factories import enrol

ROWS = 100_000
FEW_SECONDS = 3.0


def _big_file(rows: int, bad_last: bool) -> bytes:
    """`rows` payments of two members over 2026 (each row its own day and amount, no repeats)."""
    table = [["member", "date", "amount"]]
    start = datetime.date(2026, 1, 1)
    for i in range(rows):
        table.append(
            [
                f"00000{1 + i % 2}",
                (start + datetime.timedelta(days=i // 2 % 300)).isoformat(),
                str(1 + i // 600),
            ]
        )
    if bad_last:
        table[-1] = ["000099", "2026-11-16", "30"]  # nobody of that number
    return csv_bytes(table)


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_a_refused_large_file_never_makes_another_funds_write_wait(
    own, own_member, foreign, foreign_member, monkeypatch
):
    """A 100,000-row file whose last row is bad is refused, writing nothing; while it is being checked,
    a payment to another fund (another thread, its own connection) is recorded within a few seconds."""
    enrol(own, "3100600123468", first_name="บุญมา", sex="M")
    data = _big_file(ROWS, bad_last=True)
    waited: list[float] = []
    others: list[threading.Thread] = []
    check = services.load_context

    def other_funds_payment():
        started = time.perf_counter()
        try:
            payment = Payment("000001", 3000, datetime.date(2026, 11, 16), key="other")
            record_payment(SYSTEM, foreign, payment, today=TODAY)
            waited.append(time.perf_counter() - started)
        finally:
            connection.close()

    def checking(*args, **kwargs):
        """The import's check of its rows: another fund pays meanwhile, and is waited for (a while)."""
        if not others:
            others.append(threading.Thread(target=other_funds_payment))
            others[0].start()
            others[0].join(timeout=2 * FEW_SECONDS)
        return check(*args, **kwargs)

    before = row_counts()
    monkeypatch.setattr(services, "load_context", checking)
    monkeypatch.setattr(imports, "load_context", checking, raising=False)
    started = time.perf_counter()
    with pytest.raises(ImportRefused) as refused:
        import_payments(SYSTEM, own, "big.csv", data, today=TODAY)
    took = time.perf_counter() - started
    others[0].join(timeout=60)
    assert [(r.row, r.code) for r in refused.value.report] == [(ROWS + 1, "unknown_member")]
    assert waited and waited[0] < FEW_SECONDS, f"another fund's write waited {waited} (import: {took:.1f} s)"
    after = row_counts()
    assert after["receipts"] == before["receipts"] + 1  # the other fund's payment alone
    assert Receipt.objects.filter(fund=own).count() == 0


def _plan_of(sql: str) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")  # tables this small are scanned whatever the index
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def _index(table: str, columns: list[str]) -> str:
    """The name the database gives the index over these columns (SQLite names a unique constraint's
    index itself: sqlite_autoindex_TABLE_N)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for row in cursor.execute(f"PRAGMA index_list({table})").fetchall():
                name = row[1]
                if [r[2] for r in cursor.execute(f"PRAGMA index_info('{name}')").fetchall()] == columns:
                    return name
        for name, about in connection.introspection.get_constraints(cursor, table).items():
            if about["columns"] == columns and (about["index"] or about["unique"]):
                return name
    raise AssertionError(f"no index on {table} {columns}")


@pytest.mark.django_db(transaction=True)
def test_keys_are_looked_up_through_the_entrys_fund_key_index(own, own_member, treasurer):
    """The query plan of the lookup of recorded keys names the entry's (fund, key) unique index, and
    never walks the fund's receipts (the receipt's fund index, or a scan)."""
    rows = [["member", "date", "amount"]] + [["000001", f"2026-11-{1 + d:02d}", "30"] for d in range(20)]
    data = csv_bytes(rows)
    import_payments(treasurer, own, "nov.csv", data, today=TODAY)
    keys = [p.key for _, p in read_payments("nov.csv", data).rows]
    with CaptureQueriesContext(connection) as queries:
        found = recorded_keys(own, keys)
    assert len(found) == 20
    plans = "\n".join(_plan_of(q["sql"]) for q in queries.captured_queries)
    assert _index("ledger_entry", ["fund_id", "idempotency_key"]) in plans, plans
    assert _index("contributions_receipt", ["fund_id", "number"]) not in plans, plans
    assert "SCAN contributions_receipt" not in plans.replace("SCAN contributions_receipt USING", ""), plans
    assert "Seq Scan on contributions_receipt" not in plans, plans
