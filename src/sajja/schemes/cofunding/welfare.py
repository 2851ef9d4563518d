"""The basic welfare types a fund must provide to be matched: birth, old age, sickness and death.

The co-funding rule asks for "at least 3 basic welfare types". Sajja reads "basic" as the life cycle
the funds exist for, เกิด แก่ เจ็บ ตาย (from birth to death, MISSION.md): of the national reporting
categories (`sajja.schemes.vocabulary.Category`), `birth`, `elderly`, `sickness`, and `death` or
`funeral` (one type: a death benefit and a funeral grant are the same care). Education, housing,
disaster, occupation, tradition, disadvantaged and the others are welfare a fund may add; they do not
count toward the basic types. A type counts when the scheme version in force has at least one
benefit in its category.

>>> sorted(t.value for t in basic_welfare_of({Category.FUNERAL, Category.DEATH, Category.EDUCATION}))
['death']
>>> BasicWelfare.OLD_AGE.label("th"), BasicWelfare.OLD_AGE.label("en")
('แก่ (ผู้สูงอายุ)', 'old age')
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from sajja.schemes.cofunding.fiscal import FiscalYear
from sajja.schemes.versions import Scheme
from sajja.schemes.vocabulary import Category


class BasicWelfare(StrEnum):
    BIRTH = "birth"
    OLD_AGE = "old_age"
    SICKNESS = "sickness"
    DEATH = "death"

    def label(self, language: str = "th") -> str:
        th, en = _LABELS[self]
        return en if language.startswith("en") else th


_LABELS = {
    BasicWelfare.BIRTH: ("เกิด", "birth"),
    BasicWelfare.OLD_AGE: ("แก่ (ผู้สูงอายุ)", "old age"),
    BasicWelfare.SICKNESS: ("เจ็บ (เจ็บป่วย)", "sickness"),
    BasicWelfare.DEATH: ("ตาย (เสียชีวิต/ฌาปนกิจ)", "death and funeral"),
}

BASIC_WELFARE: dict[Category, BasicWelfare] = {
    Category.BIRTH: BasicWelfare.BIRTH,
    Category.ELDERLY: BasicWelfare.OLD_AGE,
    Category.SICKNESS: BasicWelfare.SICKNESS,
    Category.DEATH: BasicWelfare.DEATH,
    Category.FUNERAL: BasicWelfare.DEATH,
}
"""Which reporting categories count as which basic type; every other category counts as none."""


def basic_welfare_of(categories: Iterable[Category | str]) -> frozenset[BasicWelfare]:
    """The basic types among benefit categories, in any order, repeats and unknown words ignored."""
    return frozenset(BASIC_WELFARE[Category(c)] for c in categories if c in BASIC_WELFARE)


def welfare_categories(scheme: Scheme, fy: FiscalYear) -> frozenset[Category]:
    """The categories of the benefits in the scheme version in force at the end of the fiscal year
    (30 September, the day the matching is counted); none before the scheme's first version."""
    version = scheme.version_on(fy.end)
    return frozenset() if version is None else frozenset(b.category for b in version.benefits)
