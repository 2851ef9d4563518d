"""The contribution rules a fund applies when it records payments.

Every reader of the rules goes through `rules_for(fund)`: today it gives the defaults of the pure
scheme package (1 baht a day, payments in whole days); when funds keep their own scheme in the
database this one function is pointed at it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sajja.schemes.contributions import ContributionRules
from sajja.schemes.periods import paid_through


@dataclass(frozen=True)
class FundRules:
    contributions: ContributionRules
    whole_days_only: bool = True  # an amount must buy whole days (a multiple of the daily rate)
    future_days_allowed: int = 0  # how far ahead of today a payment may be dated

    @property
    def daily_rate(self) -> int:
        return self.contributions.daily_rate


DEFAULT_RULES = FundRules(ContributionRules())


def rules_for(fund) -> FundRules:
    """The rules in force for `fund` (the scheme package's defaults until funds keep their own)."""
    return DEFAULT_RULES


def paid_through_date(rules: FundRules, joined_on: datetime.date, paid_satang: int) -> datetime.date:
    """The last day covered by what the member paid since joining (the day before joining if nothing)."""
    return paid_through(joined_on, paid_satang, rules.daily_rate)
