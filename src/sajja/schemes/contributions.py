"""Contribution rules: what a member pays, and when they count as paid up, in arrears or lapsed.

Amounts in a scheme file are in baht; the model holds satang. A member's standing on a day follows
from their paid-through date (rule 7 of `periods`): up to `grace_days` unpaid days they are paid up,
past that in arrears (benefits that need paid-up contributions are refused), past `lapse_after_days`
lapsed (membership has ended: every benefit is refused until reinstatement).

>>> rules = ContributionRules.model_validate({"daily_rate": 1, "grace_days": 30, "lapse_after_days": 180})
>>> rules.daily_rate, rules.amount_for("monthly"), rules.amount_for("yearly")
(100, 3000, 36500)
>>> from datetime import date
>>> [rules.standing(date(2025, 1, 31), date(2025, m, 1)).value for m in (2, 3, 4, 8)]
['paid_up', 'paid_up', 'in_arrears', 'lapsed']

A fund says which amounts it takes: with `whole_days_only` an amount buys whole days (a multiple of
the daily rate); without `advance` among the frequencies, only whole periods of an allowed frequency.
`future_days_allowed` says how far after today a payment may be dated (0: not in the future).

>>> rules.allows_amount(4500), rules.allows_amount(4550)
(True, False)
>>> monthly = ContributionRules.model_validate({"frequencies": ["monthly", "yearly"]})
>>> monthly.allows_amount(6000), monthly.allows_amount(4500), monthly.allows_amount(36500)
(True, False, True)
>>> rules.lapses_on(date(2025, 1, 31))
datetime.date(2025, 7, 31)
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from pydantic import Field

from sajja.schemes.money import Money, PositiveMoney
from sajja.schemes.parts import Part
from sajja.schemes.periods import unpaid_days
from sajja.schemes.vocabulary import PaymentFrequency

_DAYS_PER = {
    PaymentFrequency.DAILY: 1,
    PaymentFrequency.WEEKLY: 7,
    PaymentFrequency.MONTHLY: 30,
    PaymentFrequency.YEARLY: 365,
}


class Standing(StrEnum):
    PAID_UP = "paid_up"
    IN_ARREARS = "in_arrears"
    LAPSED = "lapsed"


class Reinstatement(Part):
    """How a lapsed member comes back.

    With `pay_arrears` the member pays every unpaid day and keeps their paid membership; without it
    they start anew: paid membership is counted from the reinstatement day. Either way benefits wait
    `waiting_days` from that day.
    """

    allowed: bool = True
    fee: Money = 0
    pay_arrears: bool = True
    waiting_days: int = Field(default=0, ge=0)

    @property
    def fresh_start(self) -> bool:
        """Whether a lapsed member comes back without paying the days they missed."""
        return self.allowed and not self.pay_arrears


class ContributionRules(Part):
    daily_rate: PositiveMoney = 100
    frequencies: tuple[PaymentFrequency, ...] = tuple(PaymentFrequency)
    weekly_amount: Money | None = None
    monthly_amount: Money | None = None
    yearly_amount: Money | None = None
    entry_fee: Money = 0
    grace_days: int = Field(default=30, ge=0)
    lapse_after_days: int = Field(default=365, ge=1)
    reinstatement: Reinstatement = Reinstatement()
    whole_days_only: bool = True
    """An amount must buy whole days: a multiple of the daily rate."""
    future_days_allowed: int = Field(default=0, ge=0)
    """How many days after today a payment may be dated (0: today at the latest)."""

    def allows_amount(self, satang: int) -> bool:
        """Whether one payment of `satang` is an amount the fund takes (see the module's rules)."""
        if satang <= 0 or (self.whole_days_only and satang % self.daily_rate):
            return False
        if PaymentFrequency.ADVANCE in self.frequencies:
            return True
        return any(satang % amount == 0 for f in self.frequencies if (amount := self.amount_for(f)))

    def lapses_on(self, paid_to: date) -> date:
        """The first day on which a member paid through `paid_to` counts as lapsed."""
        return paid_to + timedelta(days=self.lapse_after_days + 1)

    def amount_for(self, frequency: str) -> int | None:
        """The usual payment for one period of `frequency` (None for 'advance': any amount)."""
        freq = PaymentFrequency(frequency)
        if freq is PaymentFrequency.ADVANCE:
            return None
        fixed = {
            PaymentFrequency.WEEKLY: self.weekly_amount,
            PaymentFrequency.MONTHLY: self.monthly_amount,
            PaymentFrequency.YEARLY: self.yearly_amount,
        }.get(freq)
        return fixed if fixed is not None else self.daily_rate * _DAYS_PER[freq]

    def standing(self, paid_to: date, day: date) -> Standing:
        unpaid = unpaid_days(paid_to, day)
        if unpaid > self.lapse_after_days:
            return Standing.LAPSED
        if unpaid > self.grace_days:
            return Standing.IN_ARREARS
        return Standing.PAID_UP

    def arrears(self, paid_to: date, day: date) -> int:
        """Satang a member owes on `day` to be paid through it (0 when paid up to or beyond it)."""
        return max(unpaid_days(paid_to, day), 0) * self.daily_rate

    def reinstatement_cost(self, paid_to: date, day: date) -> int:
        """Satang a lapsed member pays on `day` to come back: the fee, plus the arrears if required."""
        owed = self.arrears(paid_to, day) if self.reinstatement.pay_arrears else 0
        return self.reinstatement.fee + owed
