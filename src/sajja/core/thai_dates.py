"""Dates on screen are in the Buddhist era (พ.ศ. = CE + 543).

>>> import datetime
>>> format_thai_date(datetime.date(2026, 11, 26))
'26 พ.ย. 2569'
>>> format_thai_date(datetime.date(2026, 11, 26), language="en")
'26 Nov 2569 BE'
>>> format_period(2026, 1)
'ม.ค. 2569'
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

BE_OFFSET = 543
THAILAND = ZoneInfo("Asia/Bangkok")
MONTHS_TH = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def buddhist_year(year: int) -> int:
    return year + BE_OFFSET


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
