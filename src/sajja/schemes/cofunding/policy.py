"""A co-funding policy: who matches the members' contributions, by how much, and on what conditions.

A policy is data with versions by fiscal year, as a scheme is: each version runs from `from_fy`
to `to_fy` (or, left open, until the next version begins); a change is a new version, never an edit.
Fiscal years are written in either era (2569 or 2026); ratios as whole numbers or exact decimal text
("0.5"), never floats; caps in baht, held as satang.

>>> policy = CofundingPolicy.model_validate({"code": "demo", "name_th": "ทดลอง", "name_en": "Demo",
...     "versions": [{"from_fy": 2569, "parties": [{"party": "members", "ratio": 1},
...                   {"party": "central_government", "ratio": "0.5", "cap_per_member": 365}]}]})
>>> v = policy.version_for(FiscalYear(2027))
>>> v.from_fy.be, v.rule_for(Party.CENTRAL_GOVERNMENT).ratio, v.rule_for(Party.CENTRAL_GOVERNMENT).cap_per_member
(2569, Decimal('0.5'), 36500)
>>> policy.version_for(FiscalYear(2025)) is None
True
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import Field, PlainSerializer, PlainValidator, model_validator

from sajja.schemes.cofunding.fiscal import FiscalYear, FiscalYearInvalid, parse_fiscal_year
from sajja.schemes.cofunding.parties import Party
from sajja.schemes.money import Money, Months, invalid
from sajja.schemes.parts import Code, Part

MAX_RATIO = 100  # a party giving more than 100 times what the members pay is a typing mistake


def to_ratio(value: object) -> Decimal:
    """A ratio to the members' contributions: 1, "0.5", "1.25"; never negative, never a float."""
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise invalid(
            "ratio_type",
            f'อัตราส่วนต้องเขียนเป็น 1 หรือ "0.5" (ได้ {value!r})',
            f'a ratio is written 1 or "0.5" (got {value!r})',
        )
    try:
        ratio = Decimal(str(value).strip())
    except InvalidOperation:
        raise invalid("ratio_invalid", f"อ่านอัตราส่วนไม่ได้: {value!r}", f"not a ratio: {value!r}") from None
    if not ratio.is_finite():
        raise invalid("ratio_invalid", f"อ่านอัตราส่วนไม่ได้: {value!r}", f"not a ratio: {value!r}")
    if ratio < 0:
        raise invalid("negative_ratio", f"อัตราส่วนติดลบ: {value}", f"negative ratio: {value}")
    if ratio > MAX_RATIO:
        raise invalid(
            "ratio_too_large",
            f"อัตราส่วน {value} เกิน {MAX_RATIO} เท่าของเงินสมาชิก",
            f"ratio {value} is more than {MAX_RATIO} times the members' money",
        )
    return ratio


def _ratio_text(ratio: Decimal) -> int | str:
    return int(ratio) if ratio == ratio.to_integral_value() else str(ratio.normalize())


def _to_fiscal_year(value: object) -> FiscalYear:
    if isinstance(value, FiscalYear):
        return value
    try:
        return parse_fiscal_year(value).fiscal_year
    except FiscalYearInvalid as exc:
        raise invalid("fiscal_year", exc.message_th, exc.message_en) from None


Ratio = Annotated[Decimal, PlainValidator(to_ratio), PlainSerializer(_ratio_text)]
"""A ratio to the members' paid contributions, exact; written 1 or "0.5"."""

FiscalYearField = Annotated[FiscalYear, PlainValidator(_to_fiscal_year), PlainSerializer(lambda fy: fy.be)]
"""A fiscal year written 2569 (Buddhist era) or 2026 (common era); written back in the Buddhist era."""

Percent = Annotated[int, Field(ge=0, le=100)]


class PartyRule(Part):
    """One party's share: `ratio` × what a counted member paid in the year, at most `cap_per_member`."""

    party: Party
    ratio: Ratio
    cap_per_member: Money | None = None
    """Satang per member per fiscal year; None: no cap."""


class Coverage(Part):
    """The share of the area the fund must reach: villages (หมู่บ้าน) of a tambon, communities (ชุมชน)
    of a municipality, in whole percent."""

    tambon: Percent = 50
    municipality: Percent = 20


class Thresholds(Part):
    """The fund-level rules a fund must meet for the government parties to match (see `rules`)."""

    min_fund_age: Months = 12
    """How long the fund must have run by 30 September, the end of the fiscal year ('1 year')."""
    registered: bool = True
    coverage_percent: Coverage = Coverage()
    min_basic_welfare_types: int = Field(default=3, ge=0, le=4)
    """Of the four basic types, birth, old age, sickness and death (`rules.BasicWelfare`)."""
    books_kept: bool = True
    """Every month of the fiscal year closed, and the audit chain intact."""


class PolicyVersion(Part):
    from_fy: FiscalYearField
    to_fy: FiscalYearField | None = None
    title_th: str = ""
    title_en: str = ""
    parties: tuple[PartyRule, ...] = Field(min_length=1)
    max_matched_years: int | None = Field(default=None, ge=1)
    """The most fiscal years one member may be matched; None: no limit."""
    thresholds: Thresholds = Thresholds()

    def rule_for(self, party: Party) -> PartyRule | None:
        return next((p for p in self.parties if p.party == party), None)

    def covers(self, fy: FiscalYear) -> bool:
        """Whether `fy` falls in this version's own years (an open version runs on without end)."""
        return self.from_fy <= fy and (self.to_fy is None or fy <= self.to_fy)

    def years_text(self, language: str = "th") -> str:
        last = "" if self.to_fy is None else str(self.to_fy.be)
        if not last:
            return f"{self.from_fy.be} onward" if language.startswith("en") else f"{self.from_fy.be} เป็นต้นไป"
        return f"{self.from_fy.be}-{last}"


class CofundingPolicy(Part):
    code: Code
    name_th: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    versions: tuple[PolicyVersion, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> CofundingPolicy:
        from sajja.schemes.cofunding.checks import check_policy
        from sajja.schemes.cofunding.errors import PolicyInvalid

        errors = check_policy(self)
        if errors:
            raise PolicyInvalid(errors)
        return self

    def name(self, language: str = "th") -> str:
        return self.name_en if language.startswith("en") else self.name_th

    def version_for(self, fy: FiscalYear) -> PolicyVersion | None:
        """The version in force in `fy`: the last one begun by then, unless it ended before; else None."""
        begun = [v for v in self.versions if v.from_fy <= fy]
        return begun[-1] if begun and begun[-1].covers(fy) else None
