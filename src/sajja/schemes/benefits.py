"""The kinds of benefit a scheme can pay. `kind` picks one; an unknown kind is an error.

| kind                   | pays                                                  | example                    |
| ---------------------- | ----------------------------------------------------- | -------------------------- |
| `lump_sum`             | a fixed amount per event                              | birth grant, disaster      |
| `per_night`            | a rate per night, capped per event and per year       | hospital, mother's nights  |
| `membership_tiered`    | an amount by tier of paid membership                  | death / funeral benefit    |
| `pension`              | a recurring amount from an age, tiered by membership  | old-age pension            |
| `education_grant`      | an amount per claim, optionally by school level       | scholarship                |
| `disability_allowance` | a recurring amount                                    | disability allowance       |

>>> from pydantic import TypeAdapter
>>> b = TypeAdapter(Benefit).validate_python({"code": "birth_grant", "kind": "lump_sum", "event": "birth",
...     "name_th": "รับขวัญบุตร", "name_en": "Birth grant", "amount": 500})
>>> type(b).__name__, b.amount, b.category.value
('LumpSum', 50000, 'birth')
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from sajja.schemes.conditions import Conditions
from sajja.schemes.explain import duration_text
from sajja.schemes.money import Money, Months, PositiveMoney
from sajja.schemes.parts import Code, Part
from sajja.schemes.periods import in_tier
from sajja.schemes.vocabulary import Category, EventKind, Frequency, Level

KINDS = ("lump_sum", "per_night", "membership_tiered", "pension", "education_grant", "disability_allowance")


class Tier(Part):
    """Paid membership in [from, to) pays `amount`; the last tier may be open (`to` left out)."""

    start: Months = Field(alias="from")
    end: Months | None = Field(default=None, alias="to")
    amount: Money

    def label(self, language: str = "th") -> str:
        low = duration_text(self.start, language)
        if self.end is None:
            return f"{low} or more" if language.startswith("en") else f"{low} ขึ้นไป"
        high = duration_text(self.end, language)
        return f"{low} to under {high}" if language.startswith("en") else f"{low} ถึงก่อน {high}"


class LevelAmount(Part):
    level: Level
    amount: Money


class BenefitBase(Part):
    code: Code
    name_th: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    event: EventKind
    category: Category = None  # type: ignore[assignment]  # filled from `event` when left out
    conditions: Conditions = Conditions()

    @model_validator(mode="before")
    @classmethod
    def _default_category(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("category") is None and data.get("event") in set(EventKind):
            data = {**data, "category": Category.for_event(EventKind(data["event"])).value}
        return data

    def name(self, language: str = "th") -> str:
        return self.name_en if language.startswith("en") else self.name_th

    def claims_limit(self) -> int | None:
        return self.conditions.max_claims_per_year


class LumpSum(BenefitBase):
    kind: Literal["lump_sum"]
    amount: Money


class PerNight(BenefitBase):
    kind: Literal["per_night"]
    rate: PositiveMoney
    max_nights_per_event: int | None = Field(default=None, ge=1)
    max_nights_per_year: int | None = Field(default=None, ge=1)
    max_amount_per_event: Money | None = None


class Tiered(BenefitBase):
    tiers: tuple[Tier, ...] = Field(min_length=1)

    def tier_for(self, months: int) -> Tier | None:
        return next((t for t in self.tiers if in_tier(months, t.start, t.end)), None)


class MembershipTiered(Tiered):
    kind: Literal["membership_tiered"]


class Pension(Tiered):
    kind: Literal["pension"]
    from_age: int = Field(ge=0, le=150)
    min_paid_membership: Months | None = None
    """None: the start of the first tier."""
    frequency: Frequency = Frequency.YEARLY

    def required_months(self) -> int:
        return self.tiers[0].start if self.min_paid_membership is None else self.min_paid_membership

    def claims_limit(self) -> int | None:
        own = self.conditions.max_claims_per_year
        return self.frequency.per_year if own is None else min(own, self.frequency.per_year)


class EducationGrant(BenefitBase):
    kind: Literal["education_grant"]
    amount: Money | None = None
    levels: tuple[LevelAmount, ...] = ()

    def amount_for(self, level: Level | None) -> int | None:
        """The grant for `level`: its own amount if listed, else the general amount (None: no grant)."""
        listed = next((x.amount for x in self.levels if x.level == level), None)
        return listed if listed is not None else self.amount


class DisabilityAllowance(BenefitBase):
    kind: Literal["disability_allowance"]
    amount: Money
    frequency: Frequency = Frequency.MONTHLY

    def claims_limit(self) -> int | None:
        own = self.conditions.max_claims_per_year
        return self.frequency.per_year if own is None else min(own, self.frequency.per_year)


Benefit = Annotated[
    LumpSum | PerNight | MembershipTiered | Pension | EducationGrant | DisabilityAllowance,
    Field(discriminator="kind"),
]
