"""A month of a fund's books: one value for what was an int (202601), a tuple ((2026, 1)) and a string.

People type months as "2026-01" or, as on every Thai form, with the Buddhist-era year ("2569-01"). Both
are understood; the books keep the common era.

>>> Month.parse("2569-01")
Month(year=2026, month=1)
>>> Month.parse("2026-01").label(), Month.parse("2026-01").label("en"), str(Month(2026, 1))
('ม.ค. 2569', 'Jan 2569 BE', '2026-01')
>>> Month.from_number(202612).next(), Month(2026, 1).previous()
(Month(year=2027, month=1), Month(year=2025, month=12))
>>> Month(2026, 2).last_day()
datetime.date(2026, 2, 28)
"""

from __future__ import annotations

import datetime
import re
from calendar import monthrange
from typing import NamedTuple

from sajja.core.thai_dates import common_era, format_period

_TEXT = re.compile(r"(\d{4})-(\d{1,2})")


class NotAMonth(ValueError):
    """Text that is not a month: `wrong` says what is wrong with it (shape, year or month)."""

    def __init__(self, text: str, wrong: str):
        self.text, self.wrong = text, wrong
        what = {"shape": "invalid period", "year": "year out of range in", "month": "invalid month in"}[wrong]
        super().__init__(f"{what} {text!r}" + (" (use YYYY-MM)" if wrong == "shape" else ""))


class Month(NamedTuple):
    """A calendar month in the common era; ordered, hashable, and equal to the (year, month) tuple."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """ "YYYY-MM" with a common-era year (1900-2200) or a Buddhist-era one (2400-2800), the one range
        every month typed into Sajja is read in; NotAMonth (a ValueError) says what is wrong.

        >>> Month.parse("2026-13")
        Traceback (most recent call last):
        ...
        sajja.core.month.NotAMonth: invalid month in '2026-13'
        """
        found = _TEXT.fullmatch(str(text).strip())
        if not found:
            raise NotAMonth(text, "shape")
        year, month = common_era(int(found[1])), int(found[2])
        if not 1 <= month <= 12:
            raise NotAMonth(text, "month")
        if year is None:
            raise NotAMonth(text, "year")
        return cls(year, month)

    @classmethod
    def of(cls, day: datetime.date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def from_number(cls, number: int) -> Month:
        """The YYYYMM integer the month-end tables store."""
        return cls(number // 100, number % 100)

    @property
    def number(self) -> int:
        return self.year * 100 + self.month

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    def last_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, monthrange(self.year, self.month)[1])

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def label(self, language: str = "th") -> str:
        return format_period(self.year, self.month, language)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
