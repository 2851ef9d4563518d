"""The Thai fiscal year: 1 October to 30 September, named by the year it ends in.

The government writes it in the Buddhist era: fiscal year 2569 runs from 1 October 2025 to 30 September
2026. A year may be typed either way; a number from 2400 is read as the Buddhist era, a smaller one as
the common-era year the fiscal year ends in (so "2026" is fiscal year 2569 too), and the answer says
which era was read so that a page or the command line can say so.

>>> fy = FiscalYear(2026)
>>> fy.be, fy.ce, fy.start, fy.end
(2569, 2026, datetime.date(2025, 10, 1), datetime.date(2026, 9, 30))
>>> fy.label("th"), fy.label("en")
('ปีงบประมาณ พ.ศ. 2569', 'FY 2569 BE (1 Oct 2025 - 30 Sep 2026)')
>>> fiscal_year_of(date(2025, 9, 30)).be, fiscal_year_of(date(2025, 10, 1)).be
(2568, 2569)
>>> parse_fiscal_year("2569").fiscal_year == parse_fiscal_year(2026).fiscal_year == fy
True
>>> parse_fiscal_year(" 2569 ").said("en")
'FY 2569 BE (1 Oct 2025 - 30 Sep 2026), read as a Buddhist-era year'
>>> parse_fiscal_year("26")
Traceback (most recent call last):
...
sajja.schemes.cofunding.fiscal.FiscalYearInvalid: ปีงบประมาณ '26' ไม่ใช่ปี พ.ศ. (2400-2800) หรือ ค.ศ. (1900-2200) / fiscal year '26' is neither a Buddhist-era (2400-2800) nor a common-era (1900-2200) year
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from sajja.core.errors import DomainError
from sajja.core.thai_dates import (
    BUDDHIST_ERA_YEARS,
    COMMON_ERA_YEARS,
    MONTHS_EN,
    buddhist_year,
    common_era,
    format_period,
    format_thai_date,
)

FIRST_MONTH = 10  # October
_YEAR = re.compile(r"\d{1,6}")  # \d takes Thai digits too: ๒๕๖๙ is 2569


class FiscalYearInvalid(DomainError):
    """A fiscal year that cannot be read; the message says what was typed and what is expected."""

    code = "fiscal_year_invalid"


@dataclass(frozen=True, order=True)
class FiscalYear:
    """A Thai fiscal year, held as the common-era year it ends in (`FiscalYear(2026)` is FY 2569)."""

    ce: int

    def __post_init__(self) -> None:
        if type(self.ce) is not int or self.ce not in COMMON_ERA_YEARS:
            raise FiscalYearInvalid(
                f"ปีงบประมาณต้องเป็นปี ค.ศ. ที่สิ้นสุด (1900-2200) ได้ {self.ce!r}",
                f"a fiscal year is held as the common-era year it ends in (1900-2200), got {self.ce!r}",
            )

    @property
    def be(self) -> int:
        return buddhist_year(self.ce)

    @property
    def start(self) -> date:
        return date(self.ce - 1, FIRST_MONTH, 1)

    @property
    def end(self) -> date:
        return date(self.ce, FIRST_MONTH - 1, 30)

    @property
    def cutoff(self) -> date:
        """30 September of the year before: the last day a member may join and count for this year.

        >>> FiscalYear(2026).cutoff
        datetime.date(2025, 9, 30)
        """
        return self.start - timedelta(days=1)

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> tuple[tuple[int, int], ...]:
        """The twelve (year, month) periods, October first.

        >>> FiscalYear(2026).months()[0], FiscalYear(2026).months()[-1]
        ((2025, 10), (2026, 9))
        """
        return tuple(
            (self.ce - 1, m) if m >= FIRST_MONTH else (self.ce, m)
            for m in (*range(FIRST_MONTH, 13), *range(1, FIRST_MONTH))
        )

    def previous(self) -> FiscalYear:
        return FiscalYear(self.ce - 1)

    def next(self) -> FiscalYear:
        return FiscalYear(self.ce + 1)

    def span(self, language: str = "th") -> str:
        """'1 ต.ค. 2568 - 30 ก.ย. 2569' in Thai (Buddhist era); '1 Oct 2025 - 30 Sep 2026' in English."""
        if language.startswith("en"):  # English readers get the common era beside the BE label
            return " - ".join(f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}" for d in (self.start, self.end))
        return f"{format_thai_date(self.start)} - {format_thai_date(self.end)}"

    def label(self, language: str = "th") -> str:
        if language.startswith("en"):
            return f"FY {self.be} BE ({self.span('en')})"
        return f"ปีงบประมาณ พ.ศ. {self.be}"

    def month_label(self, period: tuple[int, int], language: str = "th") -> str:
        return format_period(period[0], period[1], language)


def fiscal_year_of(day: date) -> FiscalYear:
    """The fiscal year holding `day`: from 1 October a day belongs to the next year's fiscal year."""
    return FiscalYear(day.year + 1 if day.month >= FIRST_MONTH else day.year)


class Era(StrEnum):
    BUDDHIST = "be"
    COMMON = "ce"

    def label(self, language: str = "th") -> str:
        english = {"be": "a Buddhist-era year", "ce": "a common-era year"}
        thai = {"be": "ปี พ.ศ.", "ce": "ปี ค.ศ. ที่ปีงบประมาณสิ้นสุด"}
        return english[self.value] if language.startswith("en") else thai[self.value]


class ReadFiscalYear(NamedTuple):
    """A fiscal year as typed, and the era it was read in."""

    fiscal_year: FiscalYear
    era: Era

    def said(self, language: str = "th") -> str:
        """What was understood, to show back: 'ปีงบประมาณ พ.ศ. 2569 (อ่านเป็นปี พ.ศ.)'."""
        if language.startswith("en"):
            return f"{self.fiscal_year.label('en')}, read as {self.era.label('en')}"
        return f"{self.fiscal_year.label('th')} ({self.fiscal_year.span('th')}, อ่านเป็น{self.era.label('th')})"


def parse_fiscal_year(value: object) -> ReadFiscalYear:
    """A fiscal year typed in either era: 2569 / "2569" (Buddhist era) or 2026 / "2026" (common era,
    the year it ends in). Anything else is a `FiscalYearInvalid` saying what was typed."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FiscalYearInvalid(
            f"ปีงบประมาณต้องเป็นตัวเลขปี เช่น 2569 (ได้ {value!r})",
            f"a fiscal year is a year number such as 2569 (got {value!r})",
        )
    if isinstance(value, str):
        text = value.strip()
        if not _YEAR.fullmatch(text):
            raise FiscalYearInvalid(
                f"อ่านปีงบประมาณไม่ได้: {value!r} (เขียนเช่น 2569 หรือ 2026)",
                f"not a fiscal year: {value!r} (write e.g. 2569 or 2026)",
            )
        number = int(text)
    else:
        number = value
    year = common_era(number)
    if year is None:
        first_be, last_be = BUDDHIST_ERA_YEARS[0], BUDDHIST_ERA_YEARS[-1]
        first_ce, last_ce = COMMON_ERA_YEARS[0], COMMON_ERA_YEARS[-1]
        raise FiscalYearInvalid(
            f"ปีงบประมาณ '{value}' ไม่ใช่ปี พ.ศ. ({first_be}-{last_be}) หรือ ค.ศ. ({first_ce}-{last_ce})",
            f"fiscal year '{value}' is neither a Buddhist-era ({first_be}-{last_be}) "
            f"nor a common-era ({first_ce}-{last_ce}) year",
        )
    return ReadFiscalYear(FiscalYear(year), Era.BUDDHIST if number in BUDDHIST_ERA_YEARS else Era.COMMON)
