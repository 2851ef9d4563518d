"""Helpers for the ledger's tests: row counts to prove that nothing (or exactly what) was written."""

from __future__ import annotations

import pytest
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


@pytest.fixture
def member_account(own_member) -> str:
    """The code of the own fund's first member's sub-account (4101-000001)."""
    return own_member.accounts.get().code
