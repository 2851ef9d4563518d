"""A scheme and its dated versions. A change of rules is a new version, never an edit of an old one.

The version in force on a day is the last one whose `effective_from` is on or before that day; before
the first version no rules are in force.

>>> scheme = Scheme.model_validate({"code": "demo", "name_th": "ทดลอง", "name_en": "Demo", "versions": [
...     {"effective_from": "2024-01-01"}, {"effective_from": "2025-06-01", "waiting_days": 90}]})
>>> from datetime import date
>>> scheme.version_on(date(2025, 5, 31)).waiting_days, scheme.version_on(date(2025, 6, 1)).waiting_days
(180, 90)
>>> scheme.version_on(date(2023, 12, 31)) is None
True
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from pydantic import Field, model_validator

from sajja.schemes.benefits import Benefit
from sajja.schemes.contributions import ContributionRules
from sajja.schemes.parts import CEDate, Code, Part
from sajja.schemes.vocabulary import BenefitYear, EventKind


class SchemeVersion(Part):
    effective_from: CEDate
    title_th: str = ""
    title_en: str = ""
    contributions: ContributionRules = ContributionRules()
    waiting_days: int = Field(default=180, ge=0)
    """Days from joining before any benefit may be claimed, unless a benefit sets its own."""
    benefit_year: BenefitYear = BenefitYear.CALENDAR
    benefits: tuple[Benefit, ...] = ()

    def benefits_for(self, kind: EventKind | str) -> tuple[Benefit, ...]:
        return tuple(b for b in self.benefits if b.event == kind)

    def benefit(self, code: str) -> Benefit | None:
        return next((b for b in self.benefits if b.code == code), None)

    def waiting_days_for(self, benefit: Benefit) -> int:
        own = benefit.conditions.waiting_days
        return self.waiting_days if own is None else own


class Scheme(Part):
    code: Code
    name_th: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    network: str = ""
    versions: tuple[SchemeVersion, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Scheme:
        from sajja.schemes.checks import check_scheme
        from sajja.schemes.errors import SchemeInvalid

        errors = check_scheme(self)
        if errors:
            raise SchemeInvalid(errors)
        return self

    def name(self, language: str = "th") -> str:
        return self.name_en if language.startswith("en") else self.name_th

    def index_on(self, day: date) -> int:
        """Index of the version in force on `day`, or -1 before the first version."""
        return bisect_right([v.effective_from for v in self.versions], day) - 1

    def version_on(self, day: date) -> SchemeVersion | None:
        index = self.index_on(day)
        return self.versions[index] if index >= 0 else None

    def benefit_codes(self) -> tuple[str, ...]:
        """Every benefit code used by any version, in first-seen order."""
        seen: dict[str, None] = {}
        for version in self.versions:
            for benefit in version.benefits:
                seen.setdefault(benefit.code, None)
        return tuple(seen)
