"""What a user hands the command line: a scenario file and an age-profile file, read and checked.

A scenario file (YAML or JSON) changes a projection; every key is optional, any other is refused:

    name: songkhla at 2 baht with co-funding
    template: songkhla           # another scheme (a template name) for the same members
    assumptions:                 # any assumption of `Assumptions` (see docs/projections.md)
      daily_rate: 2.0
      cofunding: true
    caps:                        # benefit code: most baht per claim
      old_age_pension: 1500

An age-profile file is a CSV of member counts by single age: `age,male,female` (lines starting
with `#` are comments), e.g. a fund's own register summarised.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

from sajja.core import safe_yaml
from sajja.simulate.assumptions import FEMALE, MALE
from sajja.simulate.errors import SimulationError
from sajja.simulate.population import Population
from sajja.simulate.scenarios import Scenario

SCENARIO_KEYS = ("name", "template", "assumptions", "caps")


def read_scenario(path: str | Path) -> Scenario:
    """The scenario of a YAML or JSON file; unknown keys, bad values and unknown benefits are refused
    when it is built (`Scenario.build`), which the caller does before running anything."""
    path = Path(path)
    try:
        data = safe_yaml.load(safe_yaml.read_file(path))[0]  # no aliases, bounded: see safe_yaml
    except OSError as exc:
        raise SimulationError(
            f"cannot read scenario {path}: {exc.strerror}", f"อ่านไฟล์สถานการณ์ {path} ไม่ได้"
        ) from None
    except safe_yaml.YamlRefused as exc:
        line = f" (line {exc.line})" if exc.line else ""
        raise SimulationError(
            f"scenario {path} is not YAML or JSON{line}: {exc.message_en}",
            f"ไฟล์สถานการณ์ {path} ไม่ใช่ YAML หรือ JSON{line}: {exc.message_th}",
        ) from None
    if not isinstance(data, dict):
        raise SimulationError(
            f"scenario {path}: expected a mapping of {', '.join(SCENARIO_KEYS)}",
            f"ไฟล์สถานการณ์ {path}: ต้องเป็นรายการ {', '.join(SCENARIO_KEYS)}",
        )
    unknown = sorted(set(data) - set(SCENARIO_KEYS))
    if unknown:
        raise SimulationError(
            f"scenario {path}: unknown key(s) {', '.join(unknown)}; known: {', '.join(SCENARIO_KEYS)}",
            f"ไฟล์สถานการณ์ {path}: ไม่รู้จัก {', '.join(unknown)}; ที่มี: {', '.join(SCENARIO_KEYS)}",
        )
    for key in ("assumptions", "caps"):
        if not isinstance(data.get(key) or {}, dict):
            raise SimulationError(
                f"scenario {path}: {key} must be a mapping", f"ไฟล์สถานการณ์ {path}: {key} ต้องเป็นรายการ"
            )
    return Scenario(
        name=str(data.get("name") or path.stem),
        scheme=data.get("template") or "",
        overrides=dict(data.get("assumptions") or {}),
        caps=dict(data.get("caps") or {}),
    )


def read_age_profile(path: str | Path, members: int | None = None) -> Population:
    """New members with the counts of an `age,male,female` CSV; they must sum to `members` if given."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SimulationError(
            f"cannot read age profile {path}: {exc.strerror}", f"อ่านไฟล์โครงสร้างอายุ {path} ไม่ได้"
        ) from None
    rows = list(
        csv.DictReader(io.StringIO("".join(x for x in text.splitlines(True) if not x.startswith("#"))))
    )
    try:
        ages = [int(r["age"]) for r in rows]
        males = [int(r["male"]) for r in rows]
        females = [int(r["female"]) for r in rows]
    except (KeyError, TypeError, ValueError):
        raise SimulationError(
            f"age profile {path}: expected columns age,male,female of whole numbers",
            f"ไฟล์โครงสร้างอายุ {path}: ต้องมีคอลัมน์ age,male,female เป็นจำนวนเต็ม",
        ) from None
    n = len(ages)
    return Population.from_cells(
        ages + ages,
        [MALE] * n + [FEMALE] * n,
        np.zeros(2 * n, dtype=np.int64),
        males + females,
        members=members,
    )
