"""The shipped assumption tables: their sources, their derivation, and refusals of bad values."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from sajja.simulate import Assumptions, Population, SimulationError, age_profile
from sajja.simulate.assumptions import DATA, FEMALE, MALE

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "sajja" / "simulate"


def test_tables_ship_inside_the_package_with_source_and_licence():
    assert DATA == PACKAGE / "data"
    for name in ("mortality_thailand.csv", "age_profile_thai-2020.csv"):
        header = [line for line in (DATA / name).read_text().splitlines() if line.startswith("#")]
        text = " ".join(header)
        assert "World Population Prospects" in text and "CC BY 3.0 IGO" in text
    assert "CC BY 3.0 IGO" in (DATA / "SOURCES.md").read_text()
    sources = Assumptions.default().sources
    assert len(sources) >= 10 and all(sources.values())


def test_no_module_reads_the_shared_folder_at_run_time():
    for path in PACKAGE.glob("*.py"):
        if path.name != "derive.py":
            assert "shared/" not in path.read_text() and '"shared"' not in path.read_text(), path


def test_mortality_is_one_minus_exp_minus_m_of_the_age_group():
    # WPP 2024, Thailand, 2020-2025: m(60-64) = 0.01478725 (male), 0.00693577 (female); m(0) male 0.0077325.
    a = Assumptions.default()
    q = a.death_probability(np.array([60, 64, 60, 0, 110]), np.array([MALE, MALE, FEMALE, MALE, FEMALE]))
    expected = [1 - math.exp(-0.01478725)] * 2 + [1 - math.exp(-0.00693577), 1 - math.exp(-0.0077325), 1.0]
    assert q.tolist() == pytest.approx(expected, rel=1e-6)
    assert (np.diff(a.q_male[60:]) >= 0).all()  # never falls with age past 60


def test_age_profile_matches_the_2020_population():
    males, females = age_profile("thai-2020")
    # WPP 2019, Thailand, 2020: males 0-4 = 1,850.417 thousand, split over five ages.
    assert males[0:5].sum() == pytest.approx(1850.417)
    assert 65_000 < males.sum() + females.sum() < 72_000  # about 69.8 million people
    with pytest.raises(SimulationError, match="unknown age profile"):
        age_profile("mars-2020")


def test_admissions_births_and_nights_follow_the_listed_figures():
    a = Assumptions.default()
    assert a.admission_probability(np.array([30, 70])).tolist() == pytest.approx(
        [1 - math.exp(-0.13), 1 - math.exp(-0.22)]
    )
    ages = np.arange(0, 60)
    total_fertility = a.birth_probability(ages, np.full(ages.size, FEMALE)).sum()
    assert total_fertility == pytest.approx(1.2)
    assert a.birth_probability(np.array([30]), np.array([MALE]))[0] == 0
    pmf = a.stay_pmf()
    assert pmf.sum() == pytest.approx(1) and (pmf * np.arange(pmf.size)).sum() == pytest.approx(4.4, abs=1e-6)


def test_a_scenario_overrides_any_assumption_and_bad_values_are_refused():
    a = Assumptions.default().with_overrides({"admission_rate": [[0, 0.5]], "investment_return": 0.03})
    assert a.admission_rate == ((0, 0.5),) and a.investment_return == 0.03
    bad = [
        ({"leaving_rate": -0.1}, "between 0 and 1"),
        ({"fertility": [[15, 1.5]]}, "between 0 and 1"),
        ({"daily_rate": -1}, "must not be negative"),
        ({"interest": 0.02}, "unknown assumption"),
        ({"stay_nights_mean": 0.5}, "at least 1 night"),
    ]
    for overrides, message in bad:
        with pytest.raises(SimulationError, match=message):
            Assumptions.default().with_overrides(overrides)


def test_synthetic_members_sum_to_the_count_and_bad_cells_are_refused():
    p = Population.synthetic(38_000)
    assert p.members == 38_000
    with pytest.raises(SimulationError, match="not the 10 stated"):
        Population.from_cells([30, 40], [1, 2], [0, 0], [4, 5], members=10)
    with pytest.raises(SimulationError, match="must not be negative"):
        Population.from_cells([30], [1], [0], [-1])
    registered = Population.from_members([30, 30, 61], [1, 1, 2], [2, 2, 12])
    assert registered.count.tolist() == [2, 1] and registered.members == 3


def test_the_derivation_script_reproduces_the_shipped_tables(tmp_path):
    shared = PACKAGE.parents[3] / "shared" / "data"
    if not shared.exists():  # a clone without the extracts: check the shipped table's own consistency
        rows = list(csv.reader(line for line in (DATA / "mortality_thailand.csv").open() if line[0] != "#"))
        assert rows[0] == ["age", "male", "female"] and len(rows) == 112
        return
    from sajja.simulate import derive

    assert derive.mortality_rows(shared)[60][1] == pytest.approx(Assumptions.default().q_male[60])
    assert derive.profile_rows(shared)[0][1] == pytest.approx(age_profile()[0][0])
