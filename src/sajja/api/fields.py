"""Parsers of the values the API takes in a path or a query, shared by the areas' routers: each refusal
is a 400 in the error shape that names its field."""

from __future__ import annotations

import re

from sajja.core.errors import Problem, ValidationFailed
from sajja.ledger.selectors import parse_period


def year_month(text: str) -> tuple[int, int]:
    """'2026-01' (or the Buddhist-era '2569-01') as (year, month); anything else is a 400 naming `period`.

    Stricter than the books' own reading: two digits for the month, a year from 2000 to 2200.
    """
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if match and 1 <= int(match[2]) <= 12:
        year, month = parse_period(text)
        if 2000 <= year <= 2200:
            return year, month
    raise ValidationFailed(
        [
            Problem(
                "invalid_period",
                f"งวดไม่ถูกต้อง: {text!r} (ใช้ปี-เดือน เช่น 2026-01)",
                f"invalid period {text!r} (use YYYY-MM, e.g. 2026-01)",
                "period",
            )
        ]
    )
