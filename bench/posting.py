"""Bulk posting vs. a per-row ORM loop over the same 100,000 two-line contribution entries."""

from __future__ import annotations

import datetime
import time

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sajja.access.policy import SYSTEM
from sajja.core.ledger.chart import CASH, member_account_code
from sajja.core.ledger.records import Entry, Posting, entry_digest
from sajja.ledger.models import Account, Line
from sajja.ledger.models import Entry as EntryRow
from sajja.ledger.services import open_fund_books, post_entries
from sajja.registry.models import Fund, Network

MEMBERS = 1000


def _fund(code: str) -> Fund:
    network, _ = Network.objects.get_or_create(code="bench", defaults={"name_th": "bench"})
    fund = Fund.objects.create(network=network, code=code, name_th=code)
    open_fund_books(fund)
    control = Account.objects.get(fund=fund, code="4101")
    Account.objects.bulk_create(
        Account(
            fund=fund,
            code=member_account_code(f"{m:06d}"),
            name_th=f"member {m}",
            kind="income",
            parent=control,
        )
        for m in range(1, MEMBERS + 1)
    )
    return fund


def _entries(n: int) -> list[Entry]:
    start = datetime.date(2026, 1, 1)
    return [
        Entry(
            start + datetime.timedelta(days=i % 300),
            "contribution",
            (Posting(CASH, 3000), Posting(member_account_code(f"{i % MEMBERS + 1:06d}"), -3000)),
            "contribution",
            f"bench:{i}",
        )
        for i in range(n)
    ]


def bulk(n: int) -> float:
    fund = _fund("bench-bulk")
    entries = _entries(n)
    started = time.perf_counter()
    post_entries(SYSTEM, fund, entries)
    return time.perf_counter() - started


def per_row(n: int) -> float:
    """The naive way: one ORM save per entry and per line, one UPDATE per account touched."""
    fund = _fund("bench-rows")
    entries = _entries(n)
    accounts = {a.code: a for a in Account.objects.filter(fund=fund)}
    started = time.perf_counter()
    with transaction.atomic():
        for e in entries:
            row = EntryRow.objects.create(
                fund=fund,
                date=e.date,
                period=e.date.year * 100 + e.date.month,
                memo=e.memo,
                kind=e.kind,
                idempotency_key=e.key,
                digest=entry_digest(e),
                audit_seq=0,
                created_at=timezone.now(),
            )
            for p in e.postings:
                account = accounts[p.account]
                Line.objects.create(entry=row, account=account, amount=p.amount)
                side = "debit_total" if p.amount > 0 else "credit_total"
                Account.objects.filter(pk=account.pk).update(**{side: F(side) + abs(p.amount)})
                if account.parent_id:
                    Account.objects.filter(pk=account.parent_id).update(**{side: F(side) + abs(p.amount)})
    return time.perf_counter() - started
