"""Each account's running totals rebuilt from what the books hold, beside the totals the account keeps.

Posting keeps `debit_total` and `credit_total` on every account as it goes (services.post_entries); these
rebuild them from scratch, in one query each, for `sajja audit verify` to compare: a leaf account's from its
own lines (debits are the positive amounts, credits the negative ones), a control account's from its
sub-accounts (the member sub-ledger).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import Case, F, Sum, When
from django.db.models.functions import Coalesce

from sajja.ledger.models import Account


class AccountTotals(NamedTuple):
    """One account's totals as kept (`debit`, `credit`) and as rebuilt, in satang."""

    account_id: int
    fund_code: str
    code: str
    debit: int
    credit: int
    rebuilt_debit: int
    rebuilt_credit: int


def totals_from_lines() -> Iterator[AccountTotals]:
    """Every leaf account (not a control account), its totals rebuilt from its own lines."""
    rows = (
        Account.objects.filter(is_control=False)
        .annotate(
            d=Coalesce(Sum(Case(When(lines__amount__gt=0, then=F("lines__amount")), default=0)), 0),
            c=Coalesce(Sum(Case(When(lines__amount__lt=0, then=-F("lines__amount")), default=0)), 0),
        )
        .values_list("pk", "fund__code", "code", "debit_total", "credit_total", "d", "c")
    )
    for row in rows.iterator():
        yield AccountTotals(*row)


def totals_from_sub_accounts() -> Iterator[AccountTotals]:
    """Every control account, its totals rebuilt from the totals its sub-accounts keep."""
    rows = (
        Account.objects.filter(is_control=True)
        .annotate(d=Coalesce(Sum("children__debit_total"), 0), c=Coalesce(Sum("children__credit_total"), 0))
        .values_list("pk", "fund__code", "code", "debit_total", "credit_total", "d", "c")
    )
    for row in rows.iterator():
        yield AccountTotals(*row)
