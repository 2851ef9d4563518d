"""The limit on administration costs: at most 20 % of the fund (the national rule, MISSION.md's governance:
"administration costs at most 20% of the fund"), or the fund's own limit, judged per fiscal year.

"The fund" is read as the money the fund has to run on in the fiscal year: what it held at the start of
the year (its net assets: cash, bank and receivables less what it owes, on 30 September before) and all
that came in during the year so far (contributions, fees, co-funding, donations, interest, and capital
such as an opening balance). The administration costs are
the fiscal year's debits to the administration accounts (52xx) net of reversals. An expense that takes the
year's costs past the limit is refused unless a committee resolution allows it; one that takes them past
`WARN_AT` of the limit posts with a warning.

>>> base = 100_000_00  # 100,000 baht
>>> judge_admin_cost(base, spent=10_000_00, adding=5_000_00, limit_percent=20).verdict
<AdminVerdict.WITHIN: 'within'>
>>> judge_admin_cost(base, spent=10_000_00, adding=7_000_00, limit_percent=20).verdict
<AdminVerdict.NEAR: 'near'>
>>> cost = judge_admin_cost(base, spent=10_000_00, adding=10_000_01, limit_percent=20)
>>> cost.verdict, cost.ceiling, cost.after, cost.over
(<AdminVerdict.PAST: 'past'>, 2000000, 2000001, 1)
>>> judge_admin_cost(base, spent=30_000_00, adding=-1_000_00, limit_percent=20).verdict  # a reversal lowers
<AdminVerdict.WITHIN: 'within'>
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DEFAULT_LIMIT_PERCENT = 20
WARN_AT = 0.8  # of the limit: the warning starts at 16 % of the fund under the national 20 %
ADMIN_ACCOUNT_PREFIX = "52"  # the chart's administration group (5201 administration, and any 52xx)


class AdminVerdict(StrEnum):
    WITHIN = "within"
    NEAR = "near"  # past WARN_AT of the limit: posted, with a warning
    PAST = "past"  # past the limit: refused unless a resolution allows it


def is_admin_account(code: str) -> bool:
    """An account of the administration group (5201, or another 52xx a fund keeps)."""
    return code.startswith(ADMIN_ACCOUNT_PREFIX)


@dataclass(frozen=True)
class AdminCost:
    """A fiscal year's administration costs against the limit, with the amount being posted."""

    base: int  # satang: the fund's money in the fiscal year
    spent: int  # satang: the year's administration costs already posted
    adding: int  # satang: what the new entries add (negative for a reversal)
    limit_percent: int

    @property
    def ceiling(self) -> int:
        """The most the year's administration may cost, in satang (rounded down)."""
        return max(self.base, 0) * self.limit_percent // 100

    @property
    def after(self) -> int:
        return self.spent + self.adding

    @property
    def over(self) -> int:
        """How far the year's costs go past the ceiling with the new entries (0 when within)."""
        return max(self.after - self.ceiling, 0)

    @property
    def percent_after(self) -> float | None:
        """The year's costs with the new entries, as a percentage of the fund's money."""
        return 100 * self.after / self.base if self.base > 0 else None

    @property
    def verdict(self) -> AdminVerdict:
        if self.adding <= 0 or self.after <= self.ceiling * WARN_AT:
            return AdminVerdict.WITHIN
        return AdminVerdict.NEAR if self.after <= self.ceiling else AdminVerdict.PAST


def judge_admin_cost(base: int, *, spent: int, adding: int, limit_percent: int) -> AdminCost:
    return AdminCost(base, spent, adding, limit_percent)
