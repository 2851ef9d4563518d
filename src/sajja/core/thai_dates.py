"""Dates on screen are in the Buddhist era (พ.ศ. = CE + 543).

>>> import datetime
>>> format_thai_date(datetime.date(2026, 11, 26))
'26 พ.ย. 2569'
>>> format_thai_date(datetime.date(2026, 11, 26), language="en")
'26 Nov 2569 BE'
>>> format_period(2026, 1)
'ม.ค. 2569'
>>> common_era(2569), common_era(2026), common_era(3000)
(2026, 2026, None)
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

BE_OFFSET = 543
THAILAND = ZoneInfo("Asia/Bangkok")
MONTHS_TH = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# The years a date may carry: common era 1900-2200, or Buddhist era 2400-2800 (1857-2257 CE). Between
# and beyond them a year is a typing mistake, not a date anyone in a fund means.
COMMON_ERA_YEARS = range(1900, 2201)
BUDDHIST_ERA_YEARS = range(2400, 2801)


def buddhist_year(year: int) -> int:
    return year + BE_OFFSET


def common_era(year: int) -> int | None:
    """The common-era year of a year typed either way, or None where it is neither (the one rule)."""
    if year in BUDDHIST_ERA_YEARS:
        return year - BE_OFFSET
    if year in COMMON_ERA_YEARS:
        return year
    return None


def in_common_era(day: datetime.date) -> datetime.date:
    """The day with its year in the common era, typed either way; ValueError where the year is neither.

    >>> in_common_era(datetime.date(2569, 1, 5)), in_common_era(datetime.date(2026, 1, 5))
    (datetime.date(2026, 1, 5), datetime.date(2026, 1, 5))
    """
    year = common_era(day.year)
    if year is None:
        raise ValueError(f"the year {day.year} is neither a common-era nor a Buddhist-era year")
    return day if year == day.year else day.replace(year=year)


def parse_day(text: str) -> datetime.date:
    """YYYY-MM-DD, typed with a common-era or a Buddhist-era year; ValueError says what is wrong.

    >>> parse_day("2568-08-01"), parse_day("2025-08-01")
    (datetime.date(2025, 8, 1), datetime.date(2025, 8, 1))
    >>> parse_day("2025-02-30")
    Traceback (most recent call last):
    ...
    ValueError: not a date: '2025-02-30'
    """
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if not match:
        raise ValueError(f"not a date: {text!r} (write YYYY-MM-DD, e.g. 2025-08-01)")
    year, month, day = (int(g) for g in match.groups())
    year_ce = common_era(year)
    if year_ce is None:
        raise ValueError(f"not a date: {text!r} (the year is neither common-era nor Buddhist-era)")
    try:
        return datetime.date(year_ce, month, day)
    except ValueError:
        raise ValueError(f"not a date: {text!r}") from None


def today() -> datetime.date:
    """The fund's day: the date in Thailand, whatever the server's own clock zone."""
    return datetime.datetime.now(THAILAND).date()


def format_thai_date(day: datetime.date, language: str = "th") -> str:
    """The day in the Buddhist era; a moment in time (an aware datetime) is shown as its date in Thailand."""
    if isinstance(day, datetime.datetime):
        day = (day.astimezone(THAILAND) if day.tzinfo is not None else day).date()
    if language.startswith("en"):
        return f"{day.day} {MONTHS_EN[day.month - 1]} {buddhist_year(day.year)} BE"
    return f"{day.day} {MONTHS_TH[day.month - 1]} {buddhist_year(day.year)}"


def format_period(year: int, month: int, language: str = "th") -> str:
    names = MONTHS_EN if language.startswith("en") else MONTHS_TH
    suffix = " BE" if language.startswith("en") else ""
    return f"{names[month - 1]} {buddhist_year(year)}{suffix}"
