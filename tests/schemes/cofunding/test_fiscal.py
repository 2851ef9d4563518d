"""The Thai fiscal year runs 1 October to 30 September and may be typed in either era; the answer says which."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sajja.schemes.cofunding import Era, FiscalYear, FiscalYearInvalid, fiscal_year_of, parse_fiscal_year


def test_fiscal_year_2569_runs_from_1_october_2025_to_30_september_2026():
    fy = FiscalYear(2026)
    assert (fy.be, fy.ce, fy.start, fy.end) == (2569, 2026, date(2025, 10, 1), date(2026, 9, 30))
    assert fy.cutoff == date(2025, 9, 30)
    assert fy.label("th") == "ปีงบประมาณ พ.ศ. 2569"
    assert fy.label("en") == "FY 2569 BE (1 Oct 2025 - 30 Sep 2026)"
    assert fy.span("th") == "1 ต.ค. 2568 - 30 ก.ย. 2569"


def test_30_september_closes_one_fiscal_year_and_1_october_opens_the_next():
    assert fiscal_year_of(date(2025, 9, 30)).be == 2568
    assert fiscal_year_of(date(2025, 10, 1)).be == 2569
    assert date(2025, 9, 30) not in FiscalYear(2026)
    assert date(2025, 10, 1) in FiscalYear(2026)
    assert date(2026, 9, 30) in FiscalYear(2026)


def test_a_fiscal_year_holding_29_february_has_366_days_and_the_day_belongs_to_it():
    leap = fiscal_year_of(date(2024, 2, 29))
    assert leap.be == 2567
    assert (leap.end - leap.start).days + 1 == 366
    assert (FiscalYear(2026).end - FiscalYear(2026).start).days + 1 == 365


def test_the_twelve_months_run_october_to_september():
    months = FiscalYear(2026).months()
    assert len(months) == 12
    assert months[:3] == ((2025, 10), (2025, 11), (2025, 12))
    assert months[3] == (2026, 1) and months[-1] == (2026, 9)


@pytest.mark.parametrize(
    ("typed", "era"),
    [
        ("2569", Era.BUDDHIST),
        (2569, Era.BUDDHIST),
        ("2026", Era.COMMON),
        (2026, Era.COMMON),
        (" 2569\n", Era.BUDDHIST),
    ],
)
def test_a_year_typed_in_either_era_is_the_same_fiscal_year_and_says_which_era_it_read(typed, era):
    read = parse_fiscal_year(typed)
    assert read.fiscal_year == FiscalYear(2026)
    assert read.era is era
    assert "2569" in read.said("th") and "2569" in read.said("en")


def test_what_was_read_is_said_back_in_thai_and_english():
    assert parse_fiscal_year("2026").said("en") == (
        "FY 2569 BE (1 Oct 2025 - 30 Sep 2026), read as a common-era year"
    )
    assert parse_fiscal_year("2569").said("th") == (
        "ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 - 30 ก.ย. 2569, อ่านเป็นปี พ.ศ.)"
    )


def test_thai_digits_are_read_as_the_year_they_write():
    assert parse_fiscal_year("๒๕๖๙").fiscal_year == FiscalYear(2026)


@pytest.mark.parametrize(
    "nonsense",
    ["", "abc", "25", "69", "2569.0", "-2569", "2,569", "ปี 2569", "2300", "3000", "1234567", 0, 12, 9999],
)
def test_nonsense_is_refused_in_thai_and_english_naming_what_was_typed(nonsense):
    with pytest.raises(FiscalYearInvalid) as caught:
        parse_fiscal_year(nonsense)
    error = caught.value
    assert error.code == "fiscal_year_invalid"
    assert str(nonsense).strip() in error.message_th
    assert str(nonsense).strip() in error.message_en


@pytest.mark.parametrize("wrong_type", [None, True, 2569.0, [2569]])
def test_a_value_that_is_not_a_year_number_is_refused(wrong_type):
    with pytest.raises(FiscalYearInvalid, match="year number"):
        parse_fiscal_year(wrong_type)


def test_a_fiscal_year_is_held_in_the_common_era_only():
    with pytest.raises(FiscalYearInvalid):
        FiscalYear(2569)


def test_fiscal_years_follow_each_other_without_gap():
    fy = FiscalYear(2026)
    assert fy.next().start == fy.end + timedelta(days=1)
    assert fy.previous().end == fy.start - timedelta(days=1)
    assert fy.previous() < fy < fy.next()


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2199, 9, 30)))
def test_every_day_belongs_to_exactly_the_fiscal_year_of_it(day):
    fy = fiscal_year_of(day)
    assert day in fy
    assert day not in fy.next() and day not in fy.previous()
    assert parse_fiscal_year(fy.be).fiscal_year == parse_fiscal_year(str(fy.ce)).fiscal_year == fy
