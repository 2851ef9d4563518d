"""Helpers of the contributions tests: row counts that prove nothing (or exactly what) was written."""

from __future__ import annotations

import datetime

import pytest

from sajja.audit.models import AuditEvent
from sajja.contributions.models import Receipt
from sajja.ledger.models import Entry, Line

TODAY = datetime.date(2026, 11, 26)


def row_counts() -> dict[str, int]:
    return {
        "entries": Entry.objects.count(),
        "lines": Line.objects.count(),
        "receipts": Receipt.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


@pytest.fixture
def today():
    return TODAY
