"""The two entries of money between a network's funds, one in each fund's books, built as pure records.

A remittance: the fund's expense (5301) paid from its bank or cash, the pool's income (4502) into its bank
or cash. A top-up: the pool's expense (5302), the fund's income (4501). Each pair moves the same amount,
so across the network the two sides cancel: the consolidated view leaves both out (selectors.py).
"""

from __future__ import annotations

import datetime

from sajja.cofunding.books import MONEY_ACCOUNTS
from sajja.core.ledger.chart import (
    REMITTANCES_PAID,
    REMITTANCES_RECEIVED,
    TOP_UPS_PAID,
    TOP_UPS_RECEIVED,
)
from sajja.core.ledger.records import Entry, Posting

KIND = "pooling"


def paid(day: datetime.date, memo: str, expense: str, amount: int, paid_from: str, key: str) -> Entry:
    return Entry(
        day, memo, (Posting(expense, amount), Posting(MONEY_ACCOUNTS[paid_from], -amount)), KIND, key
    )


def received(day: datetime.date, memo: str, income: str, amount: int, paid_into: str, key: str) -> Entry:
    return Entry(day, memo, (Posting(MONEY_ACCOUNTS[paid_into], amount), Posting(income, -amount)), KIND, key)


def remittance_entries(
    fund_code, pool_code, day, amount, paid_from, paid_into, memo, key
) -> tuple[Entry, Entry]:
    """(the fund's entry, the pool's entry)."""
    return (
        paid(day, f"{memo} ส่งกองทุน {pool_code}", REMITTANCES_PAID, amount, paid_from, f"pooling:remit:{key}"),
        received(
            day,
            f"{memo} จากกองทุน {fund_code}",
            REMITTANCES_RECEIVED,
            amount,
            paid_into,
            f"pooling:remit:{fund_code}:{key}",
        ),
    )


def top_up_entries(fund_code, pool_code, day, amount, paid_from, paid_into, memo, key) -> tuple[Entry, Entry]:
    """(the pool's entry, the fund's entry)."""
    return (
        paid(day, f"{memo} ให้กองทุน {fund_code}", TOP_UPS_PAID, amount, paid_from, f"pooling:top-up:{key}"),
        received(
            day,
            f"{memo} จากกองทุน {pool_code}",
            TOP_UPS_RECEIVED,
            amount,
            paid_into,
            f"pooling:top-up:{pool_code}:{key}",
        ),
    )
