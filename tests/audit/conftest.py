"""Fixtures of the audit tests: a fund with posted books, a treasurer, and `audit verify` to run."""

from __future__ import annotations

import datetime

import pytest

from sajja.access.models import Role
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.models import Entry as EntryRow
from sajja.ledger.services import post_entries, post_entry, reverse_entry
from tests.factories import contribution, user_with


@pytest.fixture
def treasurer_of_own(own):
    return user_with(Role.TREASURER, "audit-treasurer", fund=own)


@pytest.fixture
def books(own, own_member, treasurer_of_own):
    """A contribution, a batch of two entries (one with three lines), and a reversal."""
    first = post_entry(treasurer_of_own, own, contribution("c-1"))
    post_entries(
        treasurer_of_own,
        own,
        [
            # 600 baht: the 120 baht of stationery below stays within the fund's limit on administration
            contribution("c-2", day=datetime.date(2025, 3, 16), satang=60000),
            Entry(
                datetime.date(2025, 3, 20),
                'ค่าเครื่องเขียน "ประชุม" & bank fee',
                (Posting("5201", 12000), Posting("1101", -10000), Posting("1102", -2000)),
                "expense",
                "x-1",
            ),
        ],
    )
    reverse_entry(treasurer_of_own, first, datetime.date(2025, 2, 20), "c-1-rev")
    return {
        "first": first,
        "batch": list(EntryRow.objects.filter(fund=own, idempotency_key__in=["c-2", "x-1"]).order_by("pk")),
    }
