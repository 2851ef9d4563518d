"""Every built-in template loads, labels its figures, round-trips, and passes its committee cases."""

from __future__ import annotations

import pytest
import yaml

from sajja.schemes import (
    load_scheme_text,
    load_template,
    run_case_file,
    scheme_to_yaml,
    template_names,
    template_path,
)
from sajja.schemes.vocabulary import Category

NAMES = ["codi", "lampang", "nakhon", "songkhla", "trat"]


def test_the_five_templates_are_there():
    assert template_names() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_templates_cases_pass(name):
    results = run_case_file(template_path(name).with_name(f"{name}_cases.yaml"))
    assert len(results) >= 30
    failures = {r.name: [d.en for d in r.differences] for r in results if not r.passed}
    assert failures == {}


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_is_labelled_with_its_source_or_as_an_example(name):
    scheme = load_template(name)
    assert "example" in scheme.reference
    for version in scheme.versions:
        assert version.reference and version.contributions.reference
        assert "waiting_days" in version.references
        for benefit in version.benefits:
            assert "example" in benefit.reference and "placeholder" not in benefit.reference, benefit.code
            assert isinstance(benefit.category, Category)


@pytest.mark.parametrize("name", NAMES)
def test_templates_round_trip_through_yaml(name):
    scheme = load_template(name)
    again = load_scheme_text(scheme_to_yaml(scheme))
    assert again == scheme


def test_network_templates_cite_the_founding_note_and_share_the_example_schedule():
    schedule = load_template("codi").versions[0]
    for name in ("songkhla", "lampang", "trat", "nakhon"):
        scheme = load_template(name)
        assert "GotoKnow note 13599" in scheme.note
        version = scheme.versions[0]
        for benefit in version.benefits:
            assert benefit == schedule.benefit(benefit.code)
    raw = yaml.safe_load(template_path("songkhla").read_text(encoding="utf-8"))
    assert "38,000 members" in raw["note"]


def test_the_mission_example_schedule_in_satang():
    version = load_template("songkhla").versions[0]
    funeral = version.benefit("funeral")
    assert [(t.start, t.end, t.amount) for t in funeral.tiers] == [
        (6, 24, 300_000),
        (24, 48, 600_000),
        (48, 72, 800_000),
        (72, 96, 1_000_000),
        (96, 180, 1_500_000),
        (180, None, 2_000_000),
    ]
    hospital = version.benefit("hospital")
    assert (hospital.rate, hospital.max_nights_per_year, hospital.conditions.max_amount_per_year) == (
        10_000,
        20,
        200_000,
    )
    assert version.contributions.amount_for("monthly") == 3_000
    assert version.contributions.amount_for("yearly") == 36_500
    pension = version.benefit("old_age_pension")
    assert (pension.from_age, pension.required_months()) == (60, 120)


def test_each_network_template_takes_contributions_the_way_its_network_collects_them():
    """Songkhla's tambon funds take the daily pledge in any amount; Lampang's groups and Nakhon's
    village funds collect a month or a year; Trat's savings groups deduct a month at a time."""
    rules = {name: load_template(name).versions[0].contributions for name in NAMES}
    week, month, year = 700, 3_000, 36_500
    assert rules["songkhla"].allows_amount(week) and rules["songkhla"].allows_amount(4_500)
    for name in ("lampang", "nakhon"):
        assert rules[name].allows_amount(month) and rules[name].allows_amount(year)
        assert not rules[name].allows_amount(week)
    assert rules["trat"].allows_amount(month) and rules["trat"].allows_amount(2 * month)
    assert not rules["trat"].allows_amount(year)
    assert rules["trat"].grace_days == 30 < rules["codi"].grace_days == 90
