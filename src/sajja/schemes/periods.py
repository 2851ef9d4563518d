"""Boundary semantics of scheme rules, defined once for the whole of Sajja.

Dates are whole days. Every rule below is used by the scalar engine, and `periods_np` implements the
same rules over NumPy arrays; tests prove the two agree.

1. **Waiting period.** A member who joined on day J with a waiting period of W days may claim for an
   event on day J + W or later. Joined 1 Jan 2025, 180 days: eligible from 30 Jun 2025.

   >>> waiting_ends(date(2025, 1, 1), 180)
   datetime.date(2025, 6, 30)

2. **Coverage bought by contributions.** Contributions buy days: days covered = satang paid // daily rate
   (whole days; the remainder is a credit toward the next day). Coverage starts on the joining day, so
   the paid-through date (the last covered day) is J + days - 1, or the day before J when nothing is
   paid. 30 baht covers 30 days, not a calendar month; 365 baht covers 365 days. The entry fee buys
   nothing.

   >>> days_covered(3_000, 100), days_covered(3_050, 100)
   (30, 30)
   >>> paid_through(date(2025, 1, 1), 36_500, 100)
   datetime.date(2025, 12, 31)
   >>> paid_through(date(2025, 1, 1), 0, 100)
   datetime.date(2024, 12, 31)

3. **Anniversaries.** N months after day S are reached on the same day of the month N months later;
   when that month has no such day (the 31st, 29 February), on the 1st of the following month: a
   period that starts on 31 January has run one month when 1 March begins. N years are 12N months,
   so a period that starts on 29 February 2024 reaches one year on 1 March 2025.

   >>> anniversary(date(2024, 2, 29), 12), anniversary(date(2025, 1, 31), 1)
   (datetime.date(2025, 3, 1), datetime.date(2025, 3, 1))
   >>> whole_months(date(2024, 2, 29), date(2025, 2, 28)), whole_months(date(2024, 2, 29), date(2025, 3, 1))
   (11, 12)

4. **Paid membership** counts contributions paid, not calendar time: the whole months from the start
   of coverage (the joining day, or the reinstatement day when a reinstated member starts anew) to
   the event, counting only covered days, so the count stops at paid-through + 1. "N years of paid
   membership" are therefore reached ON the Nth anniversary of the start of coverage, provided every
   day before it is paid for.

   >>> paid_months(date(2020, 3, 1), date(2025, 2, 28), on=date(2025, 3, 1))
   60
   >>> paid_months(date(2020, 3, 1), date(2025, 2, 27), on=date(2025, 3, 1))
   59
   >>> paid_months(date(2020, 3, 1), date(2030, 1, 1), on=date(2025, 2, 28))
   59

5. **Age** is the whole years since birth, reached on the birthday (born 29 February: on 1 March in a
   common year). An age limit "from 60" includes the 60th birthday; "up to 70" includes every day
   until the 71st birthday.

   >>> age_on(date(1964, 2, 29), date(2024, 2, 28)), age_on(date(1964, 2, 29), date(2025, 3, 1))
   (59, 61)

6. **Tiers** by paid membership are half-open: a tier "from 4 to 6 years" holds 4 years exactly and
   stops the day 6 years are reached; that day belongs to the next tier.

   >>> in_tier(48, 48, 72), in_tier(71, 48, 72), in_tier(72, 48, 72), in_tier(500, 180, None)
   (True, True, False, True)

7. **Standing.** Unpaid days on day D are D - paid-through. Up to the grace period the member is paid
   up; past it, in arrears; past the lapse limit, lapsed. Paid through 31 January with 30 days of
   grace: paid up on 2 March (30 unpaid days), in arrears on 3 March.

   >>> unpaid_days(date(2025, 1, 31), date(2025, 3, 2)), unpaid_days(date(2025, 1, 31), date(2025, 1, 1))
   (30, -30)

8. **Benefit year** for "per year" caps: the calendar year, or the Thai fiscal year 1 October - 30
   September (named by the year it ends in, as the government does).

   >>> benefit_year(date(2025, 10, 1), "fiscal"), benefit_year(date(2025, 10, 1), "calendar")
   ((datetime.date(2025, 10, 1), datetime.date(2026, 9, 30)), (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)))
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def waiting_ends(joined: date, waiting_days: int) -> date:
    """The first day on which a member who joined on `joined` may claim."""
    return joined + timedelta(days=waiting_days)


def days_covered(satang: int, daily_rate: int) -> int:
    """Whole days bought by `satang` at `daily_rate` satang a day."""
    return max(satang, 0) // daily_rate


def paid_through(start: date, satang: int, daily_rate: int) -> date:
    """The last day covered when `satang` are paid from `start` at one rate."""
    return start + timedelta(days=days_covered(satang, daily_rate) - 1)


def anniversary(start: date, months: int) -> date:
    """The day on which `months` whole months since `start` are reached."""
    years, month0 = divmod(start.month - 1 + months, 12)
    year, month = start.year + years, month0 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day <= last:
        return date(year, month, start.day)
    return date(year, month, last) + ONE_DAY


def whole_months(start: date, end: date) -> int:
    """Whole months from `start` reached by `end` (0 when `end` is not after `start`)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months if anniversary(start, months) <= end else months - 1


def paid_months(start: date, paid_to: date, on: date) -> int:
    """Whole months of paid membership on day `on`: coverage from `start`, paid through `paid_to`."""
    return whole_months(start, min(on, paid_to + ONE_DAY))


def age_on(birth: date, day: date) -> int:
    """Age in whole years on `day`."""
    return whole_months(birth, day) // 12


def in_tier(months: int, start: int, end: int | None) -> bool:
    """Whether `months` of paid membership fall in the tier [start, end)."""
    return start <= months and (end is None or months < end)


def unpaid_days(paid_to: date, day: date) -> int:
    """Days on `day` since the last covered day (negative when paid in advance)."""
    return (day - paid_to).days


def benefit_year(day: date, kind: str = "calendar") -> tuple[date, date]:
    """First and last day of the benefit year holding `day`: 'calendar' or Thai 'fiscal' (Oct-Sep)."""
    if kind == "fiscal":
        start_year = day.year if day.month >= 10 else day.year - 1
        return date(start_year, 10, 1), date(start_year + 1, 9, 30)
    return date(day.year, 1, 1), date(day.year, 12, 31)
