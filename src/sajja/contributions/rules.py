"""The contribution rules a fund applies when it records payments and closes a month.

The rules come from the fund's own scheme (sajja.welfare keeps its published versions): the version in
force on the day asked about. A fund without a scheme, or a day before its first version, gets the
defaults of the pure scheme package (1 baht a day, payments in whole days).

`rules_for(fund, on=day)` answers for one day; bulk paths (an import, a meeting sheet, the month-end
close) read the whole book once with `rule_book(fund)` and ask it for each day without more queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from sajja.core import thai_dates
from sajja.schemes.contributions import ContributionRules
from sajja.schemes.periods import paid_through
from sajja.schemes.versions import Scheme


@dataclass(frozen=True)
class FundRules:
    """The rules in force: the scheme's contribution rules, and which version set them (None: defaults)."""

    contributions: ContributionRules
    version: int | None = None  # the scheme version's number (from 1), None for the defaults
    effective_from: datetime.date | None = None

    @property
    def daily_rate(self) -> int:
        return self.contributions.daily_rate

    @property
    def whole_days_only(self) -> bool:
        return self.contributions.whole_days_only

    @property
    def future_days_allowed(self) -> int:
        return self.contributions.future_days_allowed

    def allows_amount(self, satang: int) -> bool:
        return self.contributions.allows_amount(satang)

    def latest_date(self, today: datetime.date) -> datetime.date:
        """The latest day a payment recorded on `today` may be dated."""
        return today + datetime.timedelta(days=self.future_days_allowed)


DEFAULT_RULES = FundRules(ContributionRules())


@dataclass(frozen=True)
class RuleBook:
    """Every version of a fund's contribution rules, read once: asking it costs no query.

    Days are bought at the rate in force on each day: when the daily rate changes, the days before the
    change keep the price they had, so a new rate never moves what a member already paid for.

    >>> from sajja.schemes import load_scheme_data
    >>> book = RuleBook(load_scheme_data({"code": "x", "name_th": "x", "name_en": "x", "versions": [
    ...     {"effective_from": "2025-01-01"},
    ...     {"effective_from": "2026-01-01", "contributions": {"daily_rate": 2}}]}))
    >>> book.on(datetime.date(2026, 3, 1)).version, book.on(datetime.date(2024, 3, 1)).version
    (2, None)
    >>> book.paid_through(datetime.date(2025, 12, 30), 600)  # 2 days at 1 baht, then 2 at 2 baht
    datetime.date(2026, 1, 2)
    >>> book.cost(datetime.date(2025, 12, 31), datetime.date(2026, 1, 2))
    500
    """

    scheme: Scheme | None

    def on(self, day: datetime.date) -> FundRules:
        if self.scheme is None:
            return DEFAULT_RULES
        index = self.scheme.index_on(day)
        if index < 0:
            return DEFAULT_RULES
        version = self.scheme.versions[index]
        return FundRules(version.contributions, index + 1, version.effective_from)

    @cached_property
    def _eras(self) -> list[tuple[datetime.date, int]]:
        """(first day, daily rate) of each stretch of days with one rate, oldest first."""
        eras = [(datetime.date.min, DEFAULT_RULES.daily_rate)]
        for v in self.scheme.versions if self.scheme else ():
            if v.contributions.daily_rate != eras[-1][1]:
                eras.append((v.effective_from, v.contributions.daily_rate))
        return eras

    def paid_through(self, start: datetime.date, satang: int) -> datetime.date:
        """The last day covered by `satang` paid for days from `start` (the day before it if nothing)."""
        eras = self._eras
        if len(eras) == 1:
            return paid_through(start, satang, eras[0][1])
        day, left = start, max(satang, 0)
        for n, (_, rate) in enumerate(eras):
            end = eras[n + 1][0] if n + 1 < len(eras) else None  # the era's first day after it
            if end is not None and end <= day:
                continue
            days = left // rate
            if end is None or days < (end - day).days:
                return day + datetime.timedelta(days=days - 1)
            left -= (end - day).days * rate
            day = end
        raise AssertionError("the last era has no end")

    def cost(self, first: datetime.date, last: datetime.date) -> int:
        """Satang that pay for every day from `first` to `last` (0 when `last` is before `first`)."""
        eras = self._eras
        if len(eras) == 1:
            return max((last - first).days + 1, 0) * eras[0][1]
        total = 0
        for n, (begin, rate) in enumerate(eras):
            end = eras[n + 1][0] - datetime.timedelta(days=1) if n + 1 < len(eras) else datetime.date.max
            lo, hi = max(first, begin), min(last, end)
            if lo <= hi:
                total += ((hi - lo).days + 1) * rate
        return total


def rule_book(fund) -> RuleBook:
    """The fund's contribution rules for every day (two queries; the parsed scheme is cached)."""
    from sajja.welfare.selectors import scheme_of

    return RuleBook(scheme_of(fund))


def rules_for(fund, on: datetime.date | None = None) -> FundRules:
    """The rules in force for `fund` on `on` (today when not given)."""
    return rule_book(fund).on(on or thai_dates.today())


def paid_through_date(rules: FundRules, joined_on: datetime.date, paid_satang: int) -> datetime.date:
    """The last day covered by what the member paid since joining (the day before joining if nothing)."""
    return paid_through(joined_on, paid_satang, rules.daily_rate)
