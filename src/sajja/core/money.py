"""Money is an integer number of satang (1 baht = 100 satang). Never a float.

>>> parse_baht("1,234.50")
123450
>>> format_baht(123450)
'1,234.50 บาท'
>>> format_baht(-5)
'-0.05 บาท'
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

SATANG_PER_BAHT = 100
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Digits, optionally grouped by commas in threes ("1,234,567"), then optional decimals.
_AMOUNT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


class MoneyError(ValueError):
    """An amount that is not a whole number of satang, or not a number at all."""


def parse_baht(text: str | int | Decimal) -> int:
    """Read an amount in baht ("1,234.50", "๑๒", 30) and return satang.

    Thousands separators (in groups of three) and Thai digits are accepted; a misplaced comma ("1,50")
    is refused rather than guessed at, and so are fractions of a satang and floats.
    """
    if isinstance(text, float):
        raise MoneyError(f"floats are never money: {text!r}")
    if isinstance(text, bool):
        raise MoneyError(f"not an amount: {text!r}")
    if isinstance(text, int):
        return text * SATANG_PER_BAHT
    raw = str(text).strip().translate(_THAI_DIGITS).removesuffix("บาท").strip()
    if not _AMOUNT.match(raw):
        raise MoneyError(f"not an amount: {text!r}")
    try:
        value = Decimal(raw.replace(",", "")) * SATANG_PER_BAHT
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only decimals
        raise MoneyError(f"not an amount: {text!r}") from exc
    if value != value.to_integral_value():
        raise MoneyError(f"fraction of a satang: {text!r}")
    return int(value)


def format_number(satang: int) -> str:
    """Satang as a baht figure with thousands separators and two decimals: 123450 -> '1,234.50'."""
    if not isinstance(satang, int) or isinstance(satang, bool):
        raise MoneyError(f"satang must be an integer, got {satang!r}")
    sign = "-" if satang < 0 else ""
    baht, rest = divmod(abs(satang), SATANG_PER_BAHT)
    return f"{sign}{baht:,}.{rest:02d}"


def format_baht(satang: int, language: str = "th") -> str:
    """Satang as shown on screen: '1,234.50 บาท', or '1,234.50 baht' in English."""
    return f"{format_number(satang)} {'baht' if language.startswith('en') else 'บาท'}"
