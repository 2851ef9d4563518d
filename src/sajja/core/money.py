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
_AMOUNT = re.compile(r"^[+-]?\d+(\.\d+)?$")


class MoneyError(ValueError):
    """An amount that is not a whole number of satang, or not a number at all."""


def parse_baht(text: str | int | Decimal) -> int:
    """Read an amount in baht ("1,234.50", "๑๒", 30) and return satang.

    Thousands separators and Thai digits are accepted; fractions of a satang are refused.
    """
    if isinstance(text, bool):
        raise MoneyError("not an amount")
    if isinstance(text, int):
        return text * SATANG_PER_BAHT
    raw = str(text).strip().translate(_THAI_DIGITS).replace(",", "").replace(" ", "")
    raw = raw.removesuffix("บาท")
    if not _AMOUNT.match(raw):
        raise MoneyError(f"not an amount: {text!r}")
    try:
        value = Decimal(raw) * SATANG_PER_BAHT
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


def format_baht(satang: int) -> str:
    """Satang as shown on screen: '1,234.50 บาท'."""
    return f"{format_number(satang)} บาท"
