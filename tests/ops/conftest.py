"""Fixtures of the command-line tests: a fund with a few months of books whose totals are known (in
tests/ops/factories.py)."""

from __future__ import annotations

import datetime

import pytest

from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import close_period, post_entries, post_entry, reverse_entry
from tests.factories import enrol
from tests.ops.factories import COFUNDING_MEMO, EXPENSE_MEMO, monthly_contribution


@pytest.fixture
def books(own, own_member):
    """Two members; an opening balance; January and February contributions; an expense whose memo has
    quotes, a backslash and Thai; a mistaken March contribution, reversed and posted again; co-funding
    receivable; January closed."""
    enrol(own, "3100600123450", first_name="บุญมี", last_name="ทองคำ", sex="M")
    opening = Entry(
        datetime.date(2025, 1, 5),
        "ยอดยกมา (opening balance)",
        (Posting("1102", 500000), Posting("3101", -500000)),
        "opening",
        "open",
    )
    post_entries(
        SYSTEM,
        own,
        [
            opening,
            *(
                monthly_contribution(f"c{month}-{n}", datetime.date(2025, month, 16), f"00000{n}")
                for month in (1, 2)
                for n in (1, 2)
            ),
        ],
    )
    post_entry(
        SYSTEM,
        own,
        Entry(
            datetime.date(2025, 2, 20),
            EXPENSE_MEMO,
            (Posting("5201", 12050), Posting("1101", -12050)),
            "expense",
            "exp-1",
        ),
    )
    mistake = post_entry(
        SYSTEM, own, monthly_contribution("c3-1", datetime.date(2025, 3, 16), "000001", 300000)
    )
    reversal = reverse_entry(SYSTEM, mistake, datetime.date(2025, 3, 17), "c3-1-rev")
    post_entry(SYSTEM, own, monthly_contribution("c3-1b", datetime.date(2025, 3, 17), "000001"))
    post_entry(
        SYSTEM,
        own,
        Entry(
            datetime.date(2025, 3, 31),
            COFUNDING_MEMO,
            (Posting("1201", 100000), Posting("4201", -100000)),
            "cofunding",
            "cf-1",
        ),
    )
    close_period(SYSTEM, own, 2025, 1)
    return {"fund": own, "mistake": mistake, "reversal": reversal}
