"""Builders of the command-line tests: a member's monthly contribution, and the memos and totals of the
books of tests/ops/conftest.py, known in advance."""

from __future__ import annotations

import datetime

from sajja.core.ledger.records import Entry, Posting

EXPENSE_MEMO = 'ค่าถ่ายเอกสาร "ประชุมใหญ่" \\ ใบเสร็จ #12'
COFUNDING_MEMO = 'เงินสมทบ อบต. "งวด 1"'

# (debit, credit) in satang per general-ledger account: everything, and as of the end of February 2025
EXPECTED_ALL = {
    "1101": (315000, 312050),
    "1102": (500000, 0),
    "1201": (100000, 0),
    "3101": (0, 500000),
    "4101": (300000, 315000),
    "4201": (0, 100000),
    "5201": (12050, 0),
}
EXPECTED_FEBRUARY = {
    "1101": (12000, 12050),
    "1102": (500000, 0),
    "3101": (0, 500000),
    "4101": (0, 12000),
    "5201": (12050, 0),
}


def monthly_contribution(key: str, day: datetime.date, member: str, satang: int = 3000) -> Entry:
    """A member's contribution for the month of `day`, into the cash account (not posted)."""
    return Entry(
        day,
        f"สัจจะ {day:%Y-%m} สมาชิก {member}",
        (Posting("1101", satang), Posting(f"4101-{member}", -satang)),
        "contribution",
        key,
    )
