"""Which funds need attention first, and why: small rules over a fund's figures, listed in one place.

Each rule looks at one fund's `Figures` and answers a `Flag` (a coded reason with its values and a
weight) or nothing. A fund's flags are ranked by weight; funds are ranked by the sum of their weights,
then by how little they collected last month. The thresholds are here, named, so that a page, the API
and the command line say the same thing:

- a month that ended more than CLOSE_GRACE_DAYS ago is not closed (the books' month is not locked);
- last month's collections are below COLLECTIONS_FLOOR % of what was expected;
- ARREARS_CEILING % or more of the members were in arrears at the latest month-end close;
- the stored projection gives RISK_CEILING or more probability of running out;
- co-funding requested of a party is still outstanding more than COFUNDING_GRACE_DAYS after the request's
  due date (any fiscal year's request: by default a request is due at the end of the fiscal year it is
  made in, when the year claimed has already moved on);
- the figures are not current (not worked out yet this month).

A fiscal year not requested is shown, never flagged: whether the fund could have requested it (its
entitlement, member by member, and the policy's fund-level rules) is the co-funding pages' to work out,
one fund at a time, and no grouped query of the roll-up says it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sajja.core.money import format_baht
from sajja.core.month import Month
from sajja.core.thai_dates import format_thai_date
from sajja.reasons import Both, Reason
from sajja.rollup import reasons
from sajja.rollup.figures import Figures

CLOSE_GRACE_DAYS = 15
COLLECTIONS_FLOOR = 80  # percent of expected
ARREARS_CEILING = 25  # percent of the members with a standing
RISK_CEILING = 0.5  # probability of running out
COFUNDING_GRACE_DAYS = 90  # days after a co-funding request's due date


@dataclass(frozen=True)
class Flag:
    reason: Reason
    weight: int
    values: dict[str, Any]

    @property
    def code(self) -> str:
        return self.reason.code

    def words(self) -> tuple[str, str]:
        """(Thai, English)."""
        return self.reason.words(**self.values)


@dataclass(frozen=True)
class Situation:
    """What the rules need besides the figures: the month in progress, and where the figures came from."""

    month: Month
    standing_period: int | None = None  # the latest month-end close
    latest_closed: int | None = None  # the latest month whose books are closed
    as_of: Any = None  # the day the figures were worked out (None: never)
    cofunding_due: Any = None  # the earliest due date of co-funding still owed long after it


def _month(number: int | None) -> Both:
    if number is None:
        return Both("ยังไม่มี", "none")
    m = Month.from_number(number)
    return Both(m.label("th"), m.label("en"))


def months_not_closed(f: Figures, s: Situation) -> Flag | None:
    if not f.months_unclosed:
        return None
    values = {"months": f.months_unclosed, "latest": _month(s.latest_closed)}
    return Flag(reasons.MONTHS_NOT_CLOSED, 3 + min(f.months_unclosed, 3), values)


def collections_low(f: Figures, s: Situation) -> Flag | None:
    share = f.last_month_percent
    if share is None or share >= COLLECTIONS_FLOOR:
        return None
    values = {"percent": share, "month": _month(s.month.previous().number), "floor": COLLECTIONS_FLOOR}
    return Flag(reasons.COLLECTIONS_LOW, 3 if share < COLLECTIONS_FLOOR / 2 else 2, values)


def arrears_high(f: Figures, s: Situation) -> Flag | None:
    share = f.arrears_percent
    if share is None or share < ARREARS_CEILING:
        return None
    values = {"percent": share, "month": _month(s.standing_period), "ceiling": ARREARS_CEILING}
    return Flag(reasons.ARREARS_HIGH, 2, values)


def risk_high(f: Figures, s: Situation) -> Flag | None:
    if f.ruin_probability is None or f.ruin_probability < RISK_CEILING:
        return None
    values = {"percent": round(100 * f.ruin_probability), "ceiling": round(100 * RISK_CEILING)}
    return Flag(reasons.RISK_HIGH, 2, values)


def cofunding_overdue(f: Figures, s: Situation) -> Flag | None:
    if not f.cofunding_overdue or s.cofunding_due is None:
        return None
    values = {
        "amount": Both(format_baht(f.cofunding_overdue, "th"), format_baht(f.cofunding_overdue, "en")),
        "day": Both(format_thai_date(s.cofunding_due, "th"), format_thai_date(s.cofunding_due, "en")),
        "days": COFUNDING_GRACE_DAYS,
    }
    return Flag(reasons.COFUNDING_OVERDUE, 2, values)


def not_current(f: Figures, s: Situation) -> Flag | None:
    if not f.funds_not_current:
        return None
    if s.as_of is None:
        return Flag(reasons.NEVER_WORKED_OUT, 1, {})
    day = Both(format_thai_date(s.as_of, "th"), format_thai_date(s.as_of, "en"))
    return Flag(reasons.NOT_CURRENT, 1, {"day": day})


RULES: tuple[Callable[[Figures, Situation], Flag | None], ...] = (
    months_not_closed,
    collections_low,
    arrears_high,
    risk_high,
    cofunding_overdue,
    not_current,
)


def flags_of(f: Figures, s: Situation) -> list[Flag]:
    """Every rule's flag for one fund, the heaviest first."""
    found = [flag for rule in RULES if (flag := rule(f, s)) is not None]
    return sorted(found, key=lambda flag: -flag.weight)


def urgency(f: Figures, flags: Iterable[Flag]) -> tuple:
    """A sort key: the most urgent first (heaviest flags, then the lowest collections last month)."""
    weight = sum(flag.weight for flag in flags)
    share = f.last_month_percent
    return (-weight, 101 if share is None else share)
