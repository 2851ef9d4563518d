"""The books' side of a paid claim: the benefit's expense account by category, against cash, the bank,
or a payable that the beneficiary collects later.

>>> expense_account("funeral"), expense_account("sickness"), expense_account("housing")
('5104', '5102', '5108')
"""

from __future__ import annotations

import datetime

from sajja.core.ledger.records import Entry, Posting
from sajja.welfare.reasons import SOURCE_ACCOUNTS, PaySource

# National reporting categories (sajja.schemes.vocabulary.Category) -> the standard chart's 51xx.
EXPENSE_BY_CATEGORY = {
    "birth": "5101",
    "sickness": "5102",
    "elderly": "5103",
    "death": "5104",
    "funeral": "5104",
    "disadvantaged": "5105",
    "education": "5106",
    "disaster": "5107",
}
OTHER_BENEFITS = "5108"


def expense_account(category: str) -> str:
    return EXPENSE_BY_CATEGORY.get(category, OTHER_BENEFITS)


def claim_key(claim_pk: int) -> str:
    """The payout's idempotency key in the fund's books: one payout per claim, ever."""
    return f"welfare:claim:{claim_pk}"


def payout_entry(claim, source: PaySource, day: datetime.date) -> Entry:
    memo = f"สวัสดิการ{claim.benefit_name_th} สมาชิก {claim.member.number} (คำขอ #{claim.pk})"
    amount = claim.amount
    return Entry(
        day,
        memo[:300],
        (Posting(expense_account(claim.category), amount), Posting(SOURCE_ACCOUNTS[source], -amount)),
        "benefit",
        claim_key(claim.pk),
    )
