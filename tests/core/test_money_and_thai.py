"""Money as integer satang, read and written as baht; Thai national IDs; dates in the Buddhist era."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sajja.core.money import MoneyError, format_baht, format_number, parse_baht
from sajja.core.thai_dates import buddhist_year, format_period, format_thai_date
from sajja.core.thai_id import InvalidNationalId, format_national_id, mask_national_id, normalize_national_id

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


# --- parse_baht ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "satang"),
    [
        ("1,234.50", 123450),
        ("1234.5", 123450),
        ("1,234,567.89", 123456789),
        ("0.01", 1),
        ("30", 3000),
        ("  30.00  ", 3000),
        ("-12.30", -1230),
        ("+5", 500),
        ("12 บาท", 1200),
        ("1,234.50 บาท", 123450),
        ("๑,๒๓๔.๕๐", 123450),
        ("๓๖๕", 36500),
        ("1.500", 150),  # trailing zeros are not a fraction of a satang
        (30, 3000),
        (Decimal("12.34"), 1234),
    ],
)
def test_parse_baht_reads_separators_thai_digits_and_units(text, satang):
    assert parse_baht(text) == satang
    assert type(parse_baht(text)) is int


@pytest.mark.parametrize("text", ["0.001", "1.005", "12.345", Decimal("0.125"), "๐.๐๐๕"])
def test_parse_baht_refuses_fractions_of_a_satang(text):
    with pytest.raises(MoneyError, match="fraction of a satang"):
        parse_baht(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "1,50",
        "1,2,3",
        "12,34.00",
        "1 234",
        "1.2.3",
        "1e3",
        "--5",
        "บาท",
        "1,234,56",
        ".5",
        "5.",
    ],
)
def test_parse_baht_refuses_what_is_not_an_amount(text):
    """A misplaced comma is refused, not guessed at: "1,50" could mean 1.50 or 150 baht."""
    with pytest.raises(MoneyError, match="not an amount"):
        parse_baht(text)


@pytest.mark.parametrize("value", [1.5, 0.1 + 0.2, float("nan"), True, False])
def test_parse_baht_refuses_floats_and_booleans(value):
    with pytest.raises(
        MoneyError, match="not an amount" if isinstance(value, bool) else "floats are never money"
    ):
        parse_baht(value)


# --- format_number and format_baht ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("satang", "number"),
    [
        (0, "0.00"),
        (1, "0.01"),
        (-5, "-0.05"),
        (3000, "30.00"),
        (123450, "1,234.50"),
        (-123456789, "-1,234,567.89"),
        (10**14, "1,000,000,000,000.00"),
    ],
)
def test_format_number_and_format_baht(satang, number):
    assert format_number(satang) == number
    assert format_baht(satang) == f"{number} บาท"


@pytest.mark.parametrize("value", [1.5, Decimal("1"), "100", True, None])
def test_format_number_takes_only_integer_satang(value):
    with pytest.raises(MoneyError, match="satang must be an integer"):
        format_number(value)


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_format_and_parse_round_trip_for_any_integer_satang(satang):
    assert parse_baht(format_number(satang)) == satang
    assert parse_baht(format_baht(satang)) == satang
    assert parse_baht(format_number(satang).translate(THAI)) == satang


@given(st.integers(min_value=-(10**15), max_value=10**15), st.integers(min_value=1, max_value=9))
def test_any_third_decimal_is_refused(satang, extra):
    text = f"{format_number(satang)}{extra}"  # one digit past the satang
    with pytest.raises(MoneyError, match="fraction of a satang"):
        parse_baht(text)


# --- national IDs --------------------------------------------------------------------------------


def test_national_id_formats():
    assert normalize_national_id("1-1014-00000-00-6") == "1101400000006"
    assert normalize_national_id("๑ ๑๐๑๔ ๐๐๐๐๐ ๐๐ ๖") == "1101400000006"
    assert format_national_id("1101400000006") == "1-1014-00000-00-6"
    assert mask_national_id("1101400000006") == "1-1014-xxxxx-xx-6"


def test_a_wrong_check_digit_says_so_in_thai_and_english():
    with pytest.raises(InvalidNationalId) as caught:
        normalize_national_id("1101400000001")
    assert caught.value.code == "invalid_national_id"
    assert "เลขตรวจสอบ (หลักที่ 13) ไม่ตรง" in caught.value.message_th
    assert "check" in caught.value.message_en.lower()


# --- Buddhist-era dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "th", "en"),
    [
        (datetime.date(2026, 11, 26), "26 พ.ย. 2569", "26 Nov 2569 BE"),
        (datetime.date(2026, 1, 1), "1 ม.ค. 2569", "1 Jan 2569 BE"),
        (datetime.date(2024, 2, 29), "29 ก.พ. 2567", "29 Feb 2567 BE"),
        (datetime.date(2025, 12, 31), "31 ธ.ค. 2568", "31 Dec 2568 BE"),
    ],
)
def test_dates_are_shown_in_the_buddhist_era(day, th, en):
    assert format_thai_date(day) == th
    assert format_thai_date(day, language="en") == en
    assert format_thai_date(day, language="en-gb") == en


def test_a_datetime_is_shown_as_its_date_in_thailand():
    assert format_thai_date(datetime.datetime(2026, 4, 13, 23, 59)) == "13 เม.ย. 2569"
    # 20:00 UTC on 31 December is already 03:00 on 1 January in Bangkok
    new_year = datetime.datetime(2025, 12, 31, 20, 0, tzinfo=datetime.UTC)
    assert format_thai_date(new_year) == "1 ม.ค. 2569"
    assert format_thai_date(new_year, language="en") == "1 Jan 2569 BE"


def test_periods_are_month_and_buddhist_year():
    assert format_period(2026, 1) == "ม.ค. 2569"
    assert format_period(2025, 12, language="en") == "Dec 2568 BE"
    assert buddhist_year(2026) == 2569


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2400, 12, 31)))
def test_the_year_shown_is_always_the_common_era_year_plus_543(day):
    day_text, month_text, year_text = format_thai_date(day).split(" ")
    assert int(year_text) == day.year + 543
    assert int(day_text) == day.day
    assert format_period(day.year, day.month) == f"{month_text} {year_text}"
