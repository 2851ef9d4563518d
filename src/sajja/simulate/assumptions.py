"""Assumptions of a projection, read from the tables shipped in `data/`, each with its source.

`Assumptions.default()` reads them; `with_overrides({...})` returns a copy where a scenario has
changed some of them (an unknown name, a negative rate or a probability over 1 is refused).

>>> a = Assumptions.default()
>>> round(float(a.death_probability(np.array([60]), np.array([2]))[0]), 4)
0.0147
>>> a.with_overrides({"leaving_rate": 0.05}).leaving_rate
0.05
>>> a.with_overrides({"leaving_rate": 1.5})
Traceback (most recent call last):
...
sajja.simulate.errors.SimulationError: leaving_rate: a probability must be between 0 and 1, not 1.5
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from sajja.simulate.errors import SimulationError

DATA = Path(__file__).parent / "data"
OMEGA = 110
FEMALE, MALE = 1, 2  # sex codes of sajja.schemes.batch.SEX_CODE


def _table(name: str) -> tuple[np.ndarray, np.ndarray]:
    """(male, female) columns of a shipped CSV table indexed by age; `#` lines are its header."""
    with open(DATA / name, newline="") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return np.array([float(r["male"]) for r in rows]), np.array([float(r["female"]) for r in rows])


@cache
def age_profile(name: str = "thai-2020") -> tuple[np.ndarray, np.ndarray]:
    """(males, females) by single age 0..100 of a named profile (relative weights)."""
    path = DATA / f"age_profile_{name}.csv"
    if not path.exists():
        known = sorted(p.stem.removeprefix("age_profile_") for p in DATA.glob("age_profile_*.csv"))
        raise SimulationError(
            f"unknown age profile {name!r}; known: {', '.join(known)}",
            f"ไม่รู้จักโครงสร้างอายุ {name!r}; ที่มี: {', '.join(known)}",
        )
    return _table(path.name)


@cache
def _defaults() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / "defaults.yaml").read_text())
    return data


def _bands(pairs: Iterable[Sequence[int | float | str]]) -> tuple[tuple[int, float], ...]:
    return tuple((int(a), float(r)) for a, r in pairs)


def _by_band(bands: tuple[tuple[int, float], ...], ages: np.ndarray) -> np.ndarray:
    starts = np.array([a for a, _ in bands])
    rates = np.array([r for _, r in bands])
    return rates[np.maximum(np.searchsorted(starts, ages, side="right") - 1, 0)]


def nights_pmf(mean: float, most: int) -> np.ndarray:
    """P(nights = k) for k = 0..most: 1 + Poisson(mean - 1), the tail folded into `most`.

    >>> p = nights_pmf(4.4, 30)
    >>> round(float(p.sum()), 12), float(p[0]), round(float((p * np.arange(31)).sum()), 3)
    (1.0, 0.0, 4.4)
    """
    lam = mean - 1
    k = np.arange(most)  # Poisson values 0..most-1 give nights 1..most
    log_p = -lam + k * math.log(lam) - np.array([math.lgamma(x + 1) for x in k]) if lam > 0 else None
    pois = np.exp(log_p) if log_p is not None else (k == 0).astype(float)
    pmf = np.zeros(most + 1)
    pmf[1:] = pois
    pmf[most] += max(1.0 - pois.sum(), 0.0)
    return pmf


@dataclass(frozen=True)
class Assumptions:
    """Everything a projection assumes besides the members and the scheme (rates per member-year)."""

    q_male: np.ndarray = field(repr=False)
    q_female: np.ndarray = field(repr=False)
    mortality_scale: float = 1.0
    admission_rate: tuple[tuple[int, float], ...] = ()
    stay_nights_mean: float = 4.4
    max_nights: int = 30
    fertility: tuple[tuple[int, float], ...] = ()
    birth_nights_mean: float = 2.5
    max_birth_nights: int = 10
    joining_rate: float = 0.02
    joiner_profile: str = "thai-2020"
    joiner_from_age: int = 0
    joiner_to_age: int = 59
    joiner_band: int = 10
    leaving_rate: float = 0.01
    investment_return: float = 0.015
    admin_cost: float = 0.10
    cofunding: bool = False
    cofunding_local_daily: float = 1.0
    cofunding_central_daily: float = 1.0
    daily_rate: float | None = None
    """Baht a day each member pays; None: the scheme's own rate."""
    sources: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def default(cls) -> Assumptions:
        d = _defaults()
        q_male, q_female = _table("mortality_thailand.csv")
        joiners = d["joiner_ages"]
        return cls(
            q_male=q_male,
            q_female=q_female,
            admission_rate=_bands(d["admission_rate"]["bands"]),
            stay_nights_mean=float(d["stay_nights_mean"]["value"]),
            max_nights=int(d["max_nights"]["value"]),
            fertility=_bands(d["fertility"]["bands"]),
            birth_nights_mean=float(d["birth_nights_mean"]["value"]),
            max_birth_nights=int(d["max_birth_nights"]["value"]),
            joining_rate=float(d["joining_rate"]["value"]),
            joiner_profile=joiners["profile"],
            joiner_from_age=int(joiners["from_age"]),
            joiner_to_age=int(joiners["to_age"]),
            joiner_band=int(joiners["band"]),
            leaving_rate=float(d["leaving_rate"]["value"]),
            investment_return=float(d["investment_return"]["value"]),
            admin_cost=float(d["admin_cost"]["value"]),
            cofunding_local_daily=float(d["cofunding_daily"]["local"]),
            cofunding_central_daily=float(d["cofunding_daily"]["central"]),
            sources={k: v["source"] for k, v in d.items()},
        ).check()

    def with_overrides(self, overrides: Mapping[str, Any]) -> Assumptions:
        """A copy with the named assumptions changed; bands are given as [[from_age, rate], ...]."""
        names = {f.name for f in fields(self)} - {"q_male", "q_female", "sources"}
        unknown = sorted(set(overrides) - names)
        if unknown:
            raise SimulationError(
                f"unknown assumption(s): {', '.join(unknown)}; known: {', '.join(sorted(names))}",
                f"ไม่รู้จักสมมติฐาน {', '.join(unknown)}; ที่มี: {', '.join(sorted(names))}",
            )
        values: dict[str, Any] = {
            k: _bands(v) if k in ("admission_rate", "fertility") else v for k, v in overrides.items()
        }
        return replace(self, **values).check()

    def key(self) -> tuple[object, ...]:
        """Everything that tells these assumptions apart, hashable (the tables as bytes)."""
        return tuple(
            v.tobytes() if isinstance(v, np.ndarray) else v
            for f in fields(self)
            if f.name != "sources"
            for v in (getattr(self, f.name),)
        )

    def check(self) -> Assumptions:
        probabilities = {
            "joining_rate": self.joining_rate,
            "leaving_rate": self.leaving_rate,
            "admin_cost": self.admin_cost,
            **{f"admission_rate from {a}": r for a, r in self.admission_rate},
            **{f"fertility from {a}": r for a, r in self.fertility},
        }
        for name, value in probabilities.items():
            if not 0 <= value <= 1:
                raise SimulationError(
                    f"{name}: a probability must be between 0 and 1, not {value}",
                    f"{name}: ความน่าจะเป็นต้องอยู่ระหว่าง 0 ถึง 1 ไม่ใช่ {value}",
                )
        for name in ("mortality_scale", "cofunding_local_daily", "cofunding_central_daily"):
            if getattr(self, name) < 0:
                raise SimulationError(
                    f"{name}: must not be negative, not {getattr(self, name)}",
                    f"{name}: ต้องไม่ติดลบ ไม่ใช่ {getattr(self, name)}",
                )
        if self.daily_rate is not None and self.daily_rate < 0:
            raise SimulationError(
                f"daily_rate: must not be negative, not {self.daily_rate}",
                f"daily_rate: อัตราสมทบต่อวันต้องไม่ติดลบ ไม่ใช่ {self.daily_rate}",
            )
        if self.investment_return <= -1:
            raise SimulationError(
                f"investment_return: must be above -1, not {self.investment_return}",
                f"investment_return: ผลตอบแทนการลงทุนต้องมากกว่า -1 ไม่ใช่ {self.investment_return}",
            )
        if self.stay_nights_mean < 1 or self.birth_nights_mean < 1:
            raise SimulationError(
                "stay_nights_mean and birth_nights_mean: a stay lasts at least 1 night",
                "stay_nights_mean และ birth_nights_mean: การนอนโรงพยาบาลแต่ละครั้งต้องอย่างน้อย 1 คืน",
            )
        if not 0 <= self.joiner_from_age <= self.joiner_to_age <= 100:
            raise SimulationError(
                "joiner_from_age..joiner_to_age: must be ages within 0..100, in order",
                "joiner_from_age..joiner_to_age: ต้องเป็นอายุระหว่าง 0 ถึง 100 โดยค่าแรกไม่เกินค่าหลัง",
            )
        if self.joiner_band < 1:
            raise SimulationError(
                f"joiner_band: must be at least 1 year, not {self.joiner_band}",
                f"joiner_band: ช่วงอายุของสมาชิกใหม่ต้องอย่างน้อย 1 ปี ไม่ใช่ {self.joiner_band}",
            )
        return self

    def death_probability(self, ages: np.ndarray, sexes: np.ndarray) -> np.ndarray:
        index = np.clip(ages, 0, OMEGA)
        q = np.where(sexes == FEMALE, self.q_female[index], self.q_male[index]) * self.mortality_scale
        return np.where(index >= OMEGA, 1.0, np.minimum(q, 1.0))

    def admission_probability(self, ages: np.ndarray) -> np.ndarray:
        """P(at least one admission in the year) = 1 - exp(-rate); the year's stays count as one."""
        p: np.ndarray = 1 - np.exp(-_by_band(self.admission_rate, ages))
        return p

    def birth_probability(self, ages: np.ndarray, sexes: np.ndarray) -> np.ndarray:
        return np.where(sexes == FEMALE, _by_band(self.fertility, ages), 0.0)

    def stay_pmf(self) -> np.ndarray:
        return nights_pmf(self.stay_nights_mean, self.max_nights)

    def birth_pmf(self) -> np.ndarray:
        return nights_pmf(self.birth_nights_mean, self.max_birth_nights)

    def joiner_cells(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(entry ages, sexes, probabilities) of a new member: age bands entered at their middle age."""
        males, females = age_profile(self.joiner_profile)
        ages, sexes, weights = [], [], []
        for start in range(self.joiner_from_age, self.joiner_to_age + 1, self.joiner_band):
            end = min(start + self.joiner_band, self.joiner_to_age + 1)
            for sex, column in ((FEMALE, females), (MALE, males)):
                ages.append((start + end - 1) // 2)
                sexes.append(sex)
                weights.append(column[start:end].sum())
        w = np.array(weights, dtype=float)
        return np.array(ages), np.array(sexes), w / w.sum()


def rates_from_history(members: list[int], joined: list[int], left: list[int]) -> dict[str, float]:
    """Joining and leaving rates from a fund's own years (members at each year's start, joiners and
    leavers in it, deaths not counted as leaving), as overrides for `Assumptions.with_overrides`.

    >>> rates_from_history([1000, 1050], [80, 60], [20, 30])
    {'joining_rate': 0.06829268292682927, 'leaving_rate': 0.024390243902439025}
    """
    if not len(members) == len(joined) == len(left) or not members:
        raise SimulationError(
            "members, joined and left must give the same years, at least one",
            "จำนวนสมาชิก สมาชิกเข้าใหม่ และสมาชิกที่ออก ต้องมีปีเดียวกันและอย่างน้อยหนึ่งปี",
        )
    exposure = sum(members)
    if exposure <= 0 or min(members) < 0 or min(joined) < 0 or min(left) < 0:
        raise SimulationError(
            "the fund's history must count members, joiners and leavers, none negative",
            "ประวัติของกองทุนต้องนับสมาชิก สมาชิกเข้าใหม่ และสมาชิกที่ออก โดยไม่ติดลบ",
        )
    return {"joining_rate": sum(joined) / exposure, "leaving_rate": sum(left) / exposure}
