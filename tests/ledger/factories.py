"""Helpers of the ledger's tests: row counts that prove nothing (or exactly what) was written, SQLite's page
cache, an account by its code, and work run at once in several threads."""

from __future__ import annotations

import threading

from django.db import connection

from sajja.access.models import IdempotentRequest
from sajja.audit.models import AuditEvent
from sajja.ledger.models import Account, ClosedPeriod, Entry, Line
from sajja.registry.models import Member, Person

COUNTED = {
    "entries": Entry,
    "lines": Line,
    "audit_events": AuditEvent,
    "closed_periods": ClosedPeriod,
    "people": Person,
    "members": Member,
    "accounts": Account,
    "api_requests": IdempotentRequest,
}
THREADS = 8


def row_counts() -> dict[str, int]:
    """How many rows each table the books touch holds now."""
    return {name: model.objects.count() for name, model in COUNTED.items()}


def cache_size() -> int | None:
    """SQLite's page cache setting now (a bulk write must put it back); None elsewhere."""
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        return cursor.fetchone()[0]


def account(fund, code: str) -> Account:
    return Account.objects.get(fund=fund, code=code)


def run_together(work, n: int = THREADS) -> list:
    """Run `work(i)` in n threads released at once; return their results, re-raising any failure."""
    barrier = threading.Barrier(n)
    results: list = [None] * n
    failures: list[BaseException] = []

    def target(i: int):
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            failures.append(exc)
        finally:
            connection.close()  # each thread has its own connection; close it before the test's teardown

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    if failures:
        raise failures[0]
    return results
