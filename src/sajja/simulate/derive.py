"""Derive the shipped assumption tables (`data/`) from the UN WPP extracts; run once, by hand.

    python -m sajja.simulate.derive ../shared/data

Nothing reads the extracts at run time: the derived CSV files are committed with the package and
say their source and licence in their header lines (`#`). The derivations are deliberately simple
and written here so anyone can redo them:

- mortality: WPP 2024 central death rates m(x) for the period 2020-2025, by sex, in age groups
  0, 1-4, 5-9, ..., 95-99, 100+; every single age takes its group's rate (constant force of mortality
  within the group) and the one-year death probability is q = 1 - exp(-m). Ages 100 to 109 take the
  100+ rate; at 110 q = 1 closes the table.
- age profile "thai-2020": WPP 2019 population of 2020 by sex and 5-year group, each group split
  evenly over its five single ages (100+ kept at age 100).
"""

from __future__ import annotations

import csv
import math
import sys
from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).parent / "data"
LICENCE = "United Nations, DESA, Population Division. World Population Prospects {}. Licence CC BY 3.0 IGO."
OMEGA = 110


def _group_start(label: str) -> int:
    return int(label.rstrip("+").split("-")[0])


def mortality_rows(source: Path) -> list[tuple[int, float, float]]:
    """(age, q male, q female) for ages 0..OMEGA from the 2020-2025 m(x) of the mx5 extract."""
    rates: dict[int, tuple[float, float]] = {}
    with open(source / "wpp2024_thailand_mx5.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["period"] == "2020-2025":
                rates[_group_start(row["age"])] = (float(row["mxM"]), float(row["mxF"]))
    starts = sorted(rates)
    rows = []
    for age in range(OMEGA + 1):
        group = max(s for s in starts if s <= age)
        m_male, m_female = rates[group]
        if age == OMEGA:
            rows.append((age, 1.0, 1.0))
        else:
            rows.append((age, 1 - math.exp(-m_male), 1 - math.exp(-m_female)))
    return rows


def profile_rows(source: Path) -> list[tuple[int, float, float]]:
    """(age, males, females) in thousands for single ages 0..100 in 2020."""
    by_sex: dict[str, dict[int, float]] = {"M": {}, "F": {}}
    with open(source / "wpp2019_thailand_pop5.csv", newline="") as f:
        for row in csv.DictReader(f):
            by_sex[row["sex"]][_group_start(row["age"])] = float(row["2020"])
    rows = []
    for age in range(101):
        width = 1 if age == 100 else 5
        group = 100 if age == 100 else age - age % 5
        rows.append((age, by_sex["M"][group] / width, by_sex["F"][group] / width))
    return rows


def write(
    path: Path, header: list[str], columns: list[str], rows: Iterable[tuple[int, float, float]], digits: int
) -> None:
    with open(path, "w", newline="") as f:
        for line in header:
            f.write(f"# {line}\n")
        out = csv.writer(f, lineterminator="\n")
        out.writerow(columns)
        for age, male, female in rows:
            out.writerow([age, f"{male:.{digits}g}", f"{female:.{digits}g}"])


def main(source: Path) -> None:
    write(
        DATA / "mortality_thailand.csv",
        [
            "One-year death probability q(x) by single age and sex, Thailand, period 2020-2025.",
            "Derived by sajja.simulate.derive from wpp2024_thailand_mx5.csv: q = 1 - exp(-m(x)), m(x) of",
            "the 5-year age group (0, 1-4, 5-9, ..., 100+) holding the age; q(110) = 1 closes the table.",
            LICENCE.format(2024),
        ],
        ["age", "male", "female"],
        mortality_rows(source),
        8,
    )
    write(
        DATA / "age_profile_thai-2020.csv",
        [
            "Population of Thailand in 2020 (thousands) by single age and sex: each 5-year group of",
            "wpp2019_thailand_pop5.csv split evenly over its ages (100+ at 100). Derived by sajja.simulate.derive.",
            LICENCE.format(2019),
        ],
        ["age", "male", "female"],
        profile_rows(source),
        8,
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
