"""A fund's members grouped in cells: (age, sex, whole years of paid membership) → how many.

Ages and years are counted at the start of the first projected year. A synthetic fund spreads N
members over a named age profile by largest remainders, so the counts sum to N exactly.

>>> p = Population.synthetic(1000, from_age=20, to_age=79)
>>> p.members, int(p.age.min()), int(p.age.max())
(1000, 20, 79)
>>> Population.from_cells([30], [1], [0], [5], members=6)
Traceback (most recent call last):
...
sajja.simulate.errors.SimulationError: the cells hold 5 members, not the 6 stated
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from sajja.simulate.assumptions import FEMALE, MALE, OMEGA, age_profile
from sajja.simulate.errors import SimulationError


def largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to `weights` that sum to `total`.

    >>> largest_remainder(np.array([1.0, 1.0, 1.0]), 10).tolist()
    [4, 3, 3]
    """
    share = weights / weights.sum() * total
    whole: np.ndarray = np.floor(share).astype(np.int64)
    order = np.argsort(-(share - whole), kind="stable")
    whole[order[: total - whole.sum()]] += 1
    return whole


@dataclass(frozen=True)
class Population:
    age: np.ndarray
    sex: np.ndarray
    years: np.ndarray
    count: np.ndarray

    @property
    def members(self) -> int:
        return int(self.count.sum())

    @classmethod
    def from_cells(
        cls, age: ArrayLike, sex: ArrayLike, years: ArrayLike, count: ArrayLike, members: int | None = None
    ) -> Population:
        age, sex, years, count = (np.asarray(x, dtype=np.int64) for x in (age, sex, years, count))
        if not age.shape == sex.shape == years.shape == count.shape:
            raise SimulationError(
                "age, sex, years and count must have the same length",
                "อายุ เพศ จำนวนปีที่เป็นสมาชิก และจำนวนคน ต้องมีจำนวนรายการเท่ากัน",
            )
        if (count < 0).any() or (years < 0).any() or (age < 0).any() or (age > OMEGA).any():
            raise SimulationError(
                f"counts and years must not be negative; ages must be within 0..{OMEGA}",
                f"จำนวนคนและจำนวนปีต้องไม่ติดลบ อายุต้องอยู่ระหว่าง 0 ถึง {OMEGA}",
            )
        if not np.isin(sex, (FEMALE, MALE)).all():
            raise SimulationError("sex must be 1 (F) or 2 (M)", "เพศต้องเป็น 1 (หญิง) หรือ 2 (ชาย)")
        if members is not None and int(count.sum()) != members:
            raise SimulationError(
                f"the cells hold {int(count.sum())} members, not the {members} stated",
                f"โครงสร้างอายุรวมได้ {int(count.sum())} คน ไม่ใช่ {members} คนตามที่ระบุ",
            )
        keep = count > 0
        return cls(age[keep], sex[keep], years[keep], count[keep])

    @classmethod
    def from_members(cls, ages: ArrayLike, sexes: ArrayLike, years: ArrayLike) -> Population:
        """Cells from one row per member (a fund's register)."""
        table = np.stack([np.asarray(x, dtype=np.int64) for x in (ages, sexes, years)], axis=1)
        if table.size == 0:
            raise SimulationError("a fund without members cannot be projected", "กองทุนที่ไม่มีสมาชิกคาดการณ์ไม่ได้")
        cells, count = np.unique(table, axis=0, return_counts=True)
        return cls.from_cells(cells[:, 0], cells[:, 1], cells[:, 2], count)

    @classmethod
    def synthetic(
        cls, members: int, profile: str = "thai-2020", from_age: int = 0, to_age: int = 100, years: int = 0
    ) -> Population:
        """`members` new members (`years` of paid membership) with the ages of `profile`."""
        if members < 1:
            raise SimulationError(
                f"members must be at least 1, not {members}", f"จำนวนสมาชิกต้องอย่างน้อย 1 คน ไม่ใช่ {members}"
            )
        if not 0 <= from_age <= to_age <= 100:
            raise SimulationError(
                "from_age..to_age must be ages within 0..100, in order",
                "ช่วงอายุต้องอยู่ระหว่าง 0 ถึง 100 โดยค่าแรกไม่เกินค่าหลัง",
            )
        males, females = age_profile(profile)
        ages = np.arange(from_age, to_age + 1)
        weights = np.concatenate([females[ages], males[ages]])
        count = largest_remainder(weights, members)
        sex = np.repeat([FEMALE, MALE], ages.size)
        return cls.from_cells(np.tile(ages, 2), sex, np.full(sex.size, years), count)
