"""Money and durations as written in scheme files, and as held in the models.

Scheme files are written for a committee: amounts in **baht** (`500`, `"1,234.50"`), durations in
words (`6 months`, `2 years`, `2 ปี`). The models hold **integer satang** and **whole months**, and
write them back the way they were read. Floats are refused: `12.5` in a YAML file arrives as the text
"12.5" (see `loading`), and a Python float is an error.

>>> to_satang(500), to_satang("1,234.50"), to_baht_text(123450), to_baht_text(50000)
(50000, 123450, '1234.50', 500)
>>> to_months("6 months"), to_months("2 ปี"), to_months("1 year 6 months"), to_months(15)
(6, 24, 18, 180)
>>> months_text(18), months_text(24)
('1 year 6 months', '2 years')
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer
from pydantic_core import PydanticCustomError

from sajja.core.money import MoneyError, parse_baht

_DURATION_PART = re.compile(r"(\d+)\s*(years?|yrs?|y|ปี|months?|m|เดือน)", re.IGNORECASE)


def invalid(code: str, th: str, en: str) -> PydanticCustomError:
    """A validation error carrying its message in Thai and English (read back by `errors`)."""
    return PydanticCustomError(code, "{en}", {"th": th, "en": en})


def to_satang(value: object) -> int:
    """An amount in baht (whole number or exact decimal text) as satang; never negative."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise invalid(
            "money_type",
            f'จำนวนเงินต้องเป็นตัวเลขบาท เช่น 500 หรือ "12.50" (ได้ {value!r})',
            f'an amount must be baht written as 500 or "12.50" (got {value!r})',
        )
    try:
        satang = parse_baht(value)
    except MoneyError:
        raise invalid("money_invalid", f"อ่านจำนวนเงินไม่ได้: {value!r}", f"not an amount: {value!r}") from None
    if satang < 0:
        raise invalid("negative_amount", f"จำนวนเงินติดลบ: {value}", f"negative amount: {value}")
    return satang


def to_baht_text(satang: int) -> int | str:
    """Satang written back as baht: a whole number, or text with two decimals."""
    baht, rest = divmod(satang, 100)
    return baht if rest == 0 else f"{baht}.{rest:02d}"


def to_months(value: object) -> int:
    """A duration ('6 months', '2 years', '2 ปี', or a whole number of years) as whole months."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise invalid("duration_type", f"ระยะเวลาไม่ถูกต้อง: {value!r}", f"not a duration: {value!r}")
    if isinstance(value, int):
        months = value * 12
    else:
        text = value.strip()
        parts = _DURATION_PART.findall(text)
        if not parts or _DURATION_PART.sub("", text).strip():
            raise invalid(
                "duration_invalid",
                f"อ่านระยะเวลาไม่ได้: {value!r} (เขียนเช่น '6 เดือน' หรือ '2 ปี')",
                f"not a duration: {value!r} (write e.g. '6 months' or '2 years')",
            )
        months = sum(
            int(n) * (1 if unit.lower() in ("m", "month", "months", "เดือน") else 12) for n, unit in parts
        )
    if months < 0:
        raise invalid("negative_duration", f"ระยะเวลาติดลบ: {value}", f"negative duration: {value}")
    return months


def months_text(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year" + ("s" if years > 1 else ""))
    if rest or not years:
        parts.append(f"{rest} month" + ("s" if rest != 1 else ""))
    return " ".join(parts)


def _positive(satang: int) -> int:
    if satang <= 0:
        raise invalid("not_positive", "ต้องมากกว่าศูนย์", "must be more than zero")
    return satang


Money = Annotated[int, BeforeValidator(to_satang), PlainSerializer(to_baht_text)]
"""Satang in the model; baht in the file."""

PositiveMoney = Annotated[
    int, BeforeValidator(_positive), BeforeValidator(to_satang), PlainSerializer(to_baht_text)
]
"""Satang, more than zero (a daily rate, a rate per night)."""

Months = Annotated[int, BeforeValidator(to_months), PlainSerializer(months_text)]
"""Whole months in the model; '2 years' in the file."""
