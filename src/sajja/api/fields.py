"""Parsers of the values the API takes in a path or a query, shared by the areas' routers: each refusal
is a 400 in the error shape that names its field."""

from __future__ import annotations

from sajja.api.reasons import INVALID_PERIOD
from sajja.core.month import Month, NotAMonth


def year_month(text: str) -> Month:
    """'2026-01' (or the Buddhist-era '2569-01') as its Month; anything else is a 400 naming `period`."""
    try:
        return Month.parse(text)
    except NotAMonth:
        raise INVALID_PERIOD.invalid("period", text=repr(text)) from None
