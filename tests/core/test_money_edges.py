"""Amounts as a member reads them, in either language the interface speaks.

| satang  | Thai            | English           |
| ------- | --------------- | ----------------- |
| 3000    | 30.00 บาท       | 30.00 baht        |
| -5      | -0.05 บาท       | -0.05 baht        |
| 123450  | 1,234.50 บาท    | 1,234.50 baht     |
"""

from __future__ import annotations

import pytest

from sajja.core.money import MoneyError, format_baht, parse_baht


@pytest.mark.parametrize(
    ("satang", "thai", "english"),
    [
        (3000, "30.00 บาท", "30.00 baht"),
        (-5, "-0.05 บาท", "-0.05 baht"),
        (123450, "1,234.50 บาท", "1,234.50 baht"),
    ],
)
def test_an_amount_is_shown_in_baht_in_thai_and_in_english(satang, thai, english):
    assert format_baht(satang, "th") == thai
    assert format_baht(satang, "en") == english
    assert format_baht(satang, "en-gb") == english  # any English variant


def test_thai_is_the_language_when_none_is_named():
    assert format_baht(3000) == "30.00 บาท"


@pytest.mark.parametrize("value", [1.5, 0.1 + 0.2, float("nan")])
def test_a_float_is_refused_as_never_money(value):
    with pytest.raises(MoneyError) as refused:
        parse_baht(value)
    assert str(refused.value) == f"floats are never money: {value!r}"


@pytest.mark.parametrize("value", [True, False])
def test_a_yes_or_no_is_not_an_amount(value):
    with pytest.raises(MoneyError) as refused:
        parse_baht(value)
    assert str(refused.value) == f"not an amount: {value!r}"


@pytest.mark.parametrize("text", ["1,50", "abc", "๑,๕๐ บาท"])
def test_text_that_is_not_an_amount_is_quoted_back_as_typed(text):
    with pytest.raises(MoneyError) as refused:
        parse_baht(text)
    assert str(refused.value) == f"not an amount: {text!r}"
