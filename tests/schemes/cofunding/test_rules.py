"""The fund-level rules, each at its boundary: a year of running, coverage of the area, books and audit chain,
registration, and the basic welfare types. Each says pass or fail and why, in Thai and English, with figures."""

from __future__ import annotations

from datetime import date

import pytest

from sajja.schemes import load_template
from sajja.schemes.cofunding import RULES, FiscalYear, FundFacts, Thresholds, check_fund, welfare_categories
from sajja.schemes.cofunding.rules import (
    audit_chain,
    basic_welfare,
    books_closed,
    coverage,
    fund_age,
    registered,
)
from sajja.schemes.vocabulary import Category
from tests.schemes.cofunding.helpers import FY2569, NATIONAL, fund

NATIONAL_RULES = NATIONAL.versions[0].thresholds


def test_a_fund_founded_on_30_september_has_run_exactly_one_year_at_the_end_of_the_fiscal_year():
    result = fund_age(fund(founded_on=date(2025, 9, 30)), FY2569, NATIONAL_RULES)
    assert result.passed
    assert result.figures["months"] == 12
    assert (
        result.message("en")
        == "founded 30 Sep 2568 BE: run 1 year at 30 Sep 2569 BE (at least 1 year needed)"
    )


def test_a_fund_founded_one_day_later_is_one_day_short_and_says_when_it_reaches_a_year():
    result = fund_age(fund(founded_on=date(2025, 10, 1)), FY2569, NATIONAL_RULES)
    assert not result.passed
    assert result.message("en") == (
        "founded 1 Oct 2568 BE: run 11 months at 30 Sep 2569 BE, short of 1 year (reached on 1 Oct 2569 BE)"
    )
    assert "ยังไม่ครบ 1 ปี" in result.message("th") and "1 ต.ค. 2569" in result.message("th")


def test_a_fund_founded_after_the_year_ends_or_with_no_founding_date_has_not_run_a_year():
    assert not fund_age(fund(founded_on=date(2026, 10, 1)), FY2569, NATIONAL_RULES).passed
    missing = fund_age(fund(founded_on=None), FY2569, NATIONAL_RULES)
    assert not missing.passed and "not recorded" in missing.message("en")


def test_a_fund_founded_on_29_february_reaches_its_ages_as_the_schemes_count_anniversaries():
    leap_founded = fund(founded_on=date(2024, 2, 29))
    # one year is reached on 1 March 2025: inside FY 2568, after the end of FY 2567
    assert not fund_age(leap_founded, FiscalYear(2024), NATIONAL_RULES).passed
    assert fund_age(leap_founded, FiscalYear(2025), NATIONAL_RULES).passed
    # seven months are reached on 29 September 2024, the day before FY 2567 ends
    assert fund_age(leap_founded, FiscalYear(2024), Thresholds(min_fund_age="7 months")).passed
    assert not fund_age(leap_founded, FiscalYear(2024), Thresholds(min_fund_age="8 months")).passed


def test_a_fund_founded_on_31_march_reaches_six_months_on_1_october_as_september_has_no_31st():
    six_months = Thresholds(min_fund_age="6 months")
    assert not fund_age(fund(founded_on=date(2026, 3, 31)), FY2569, six_months).passed
    assert fund_age(fund(founded_on=date(2026, 3, 30)), FY2569, six_months).passed


@pytest.mark.parametrize(
    ("kind", "total", "covered", "passed", "english"),
    [
        ("tambon", 14, 7, True, "covers 7 of 14 villages (50 %), at least 50 % needed"),
        ("tambon", 14, 6, False, "covers 6 of 14 villages (43 %), at least 50 % needed"),
        ("tambon", 10, 5, True, "covers 5 of 10 villages (50 %), at least 50 % needed"),
        ("tambon", 10, 4, False, "covers 4 of 10 villages (40 %), at least 50 % needed"),
        ("municipality", 10, 2, True, "covers 2 of 10 communities (20 %), at least 20 % needed"),
        ("municipality", 10, 1, False, "covers 1 of 10 communities (10 %), at least 20 % needed"),
        ("municipality", 25, 5, True, "covers 5 of 25 communities (20 %), at least 20 % needed"),
        ("municipality", 25, 4, False, "covers 4 of 25 communities (16 %), at least 20 % needed"),
    ],
)
def test_coverage_at_exactly_the_threshold_passes_and_one_village_short_fails(
    kind, total, covered, passed, english
):
    result = coverage(
        fund(kind=kind, villages_total=total, villages_with_members=covered), FY2569, NATIONAL_RULES
    )
    assert result.passed is passed
    assert result.message("en") == english
    assert result.figures == {
        "covered": covered,
        "total": total,
        "needed_percent": 50 if kind == "tambon" else 20,
    }


def test_coverage_in_thai_counts_villages_or_communities():
    tambon = coverage(fund(villages_total=14, villages_with_members=6), FY2569, NATIONAL_RULES)
    assert tambon.message("th") == "ครอบคลุม 6 จาก 14 หมู่บ้าน (43 %) ต้องอย่างน้อย 50 %"
    town = coverage(
        fund(kind="municipality", villages_total=10, villages_with_members=2), FY2569, NATIONAL_RULES
    )
    assert town.message("th") == "ครอบคลุม 2 จาก 10 ชุมชน (20 %) ต้องอย่างน้อย 20 %"


def test_a_share_just_under_the_threshold_is_never_shown_rounded_up_to_it():
    result = coverage(fund(villages_total=400, villages_with_members=199), FY2569, NATIONAL_RULES)
    assert not result.passed
    assert "(49.7 %)" in result.message("en")


def test_coverage_fails_clearly_when_the_villages_are_not_recorded_or_the_kind_has_no_threshold():
    none_recorded = coverage(fund(villages_total=0, villages_with_members=0), FY2569, NATIONAL_RULES)
    assert not none_recorded.passed and "not recorded" in none_recorded.message("en")
    provincial = coverage(fund(kind="provincial"), FY2569, NATIONAL_RULES)
    assert not provincial.passed and "'provincial'" in provincial.message("en")


def test_more_villages_with_members_than_villages_is_a_mistake_in_the_facts():
    with pytest.raises(ValueError, match="villages with members"):
        fund(villages_total=5, villages_with_members=6)


def test_books_are_kept_when_every_month_of_the_fiscal_year_is_closed():
    assert books_closed(fund(), FY2569, NATIONAL_RULES).passed
    last_month_open = fund(months_closed=frozenset(FY2569.months()[:-1]))
    result = books_closed(last_month_open, FY2569, NATIONAL_RULES)
    assert not result.passed
    assert result.message("th") == "ยังไม่ปิดบัญชี 1 เดือน: ก.ย. 2569"
    assert result.message("en") == "1 month(s) not closed: Sep 2569 BE"
    assert result.figures["missing"] == ((2026, 9),)


def test_months_closed_in_another_fiscal_year_do_not_count():
    result = books_closed(fund(months_closed=frozenset(FY2569.previous().months())), FY2569, NATIONAL_RULES)
    assert not result.passed and "12 month(s) not closed" in result.message("en")


def test_a_broken_audit_chain_fails_and_says_what_to_run():
    assert audit_chain(fund(), FY2569, NATIONAL_RULES).passed
    broken = audit_chain(fund(chain_intact=False), FY2569, NATIONAL_RULES)
    assert not broken.passed and "audit verify" in broken.message("en") and "ไม่สมบูรณ์" in broken.message("th")


def test_an_unregistered_fund_fails_registration():
    assert registered(fund(), FY2569, NATIONAL_RULES).passed
    assert registered(fund(registered=False), FY2569, NATIONAL_RULES).message("th") == "กองทุนยังไม่ได้จดทะเบียน"


def test_three_basic_welfare_types_pass_and_death_with_funeral_count_as_one():
    three = fund(welfare_categories=frozenset({Category.BIRTH, Category.SICKNESS, Category.DEATH}))
    assert basic_welfare(three, FY2569, NATIONAL_RULES).passed
    one = fund(
        welfare_categories=frozenset({Category.DEATH, Category.FUNERAL, Category.EDUCATION, Category.HOUSING})
    )
    result = basic_welfare(one, FY2569, NATIONAL_RULES)
    assert not result.passed
    assert result.message("en") == ("provides 1 basic welfare type(s) (death and funeral), at least 3 needed")


def test_the_codi_template_provides_the_basic_welfare_types():
    categories = welfare_categories(load_template("codi"), FY2569)
    assert basic_welfare(fund(welfare_categories=categories), FY2569, NATIONAL_RULES).passed
    assert (
        welfare_categories(load_template("codi"), FiscalYear(2020)) == frozenset()
    )  # before its first version


def test_a_threshold_the_policy_switches_off_passes_as_not_required():
    off = Thresholds(
        min_fund_age="0 months",
        registered=False,
        books_kept=False,
        min_basic_welfare_types=0,
        coverage_percent={"tambon": 0},
    )
    bare = FundFacts(
        founded_on=None, registered=False, kind="tambon", villages_total=0, villages_with_members=0
    )
    results = check_fund(bare, FY2569, off)
    assert all(r.passed for r in results)
    assert {r.message("en") for r in results} == {"not required by this policy"}


def test_every_rule_runs_from_one_list_and_a_failure_does_not_hide_the_next():
    results = check_fund(fund(founded_on=None, registered=False, chain_intact=False), FY2569, NATIONAL_RULES)
    assert [r.code for r in results] == [
        "fund_age",
        "registered",
        "coverage",
        "books_closed",
        "audit_chain",
        "basic_welfare",
    ]
    assert len(results) == len(RULES)
    assert [r.passed for r in results] == [False, False, True, True, False, True]
    assert all(r.message_th and r.message_en for r in results)
