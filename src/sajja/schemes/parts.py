"""The base of every part of a scheme: immutable, strict about unknown fields, and referenced.

Any figure may carry the regulation or resolution that set it, OpenFisca-style: write
`amount: {value: 500, reference: "มติที่ประชุมใหญ่ 2568 ข้อ 4"}` instead of `amount: 500`. The value
goes where it belongs and the reference is kept in `references` under the field's name; `reference`
and `note` on the part itself describe the whole part.

>>> class Grant(Part):
...     amount: int
>>> g = Grant.model_validate({"amount": {"value": 5, "reference": "rule 4"}})
>>> g.amount, g.references
(5, {'amount': 'rule 4'})
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from sajja.core.thai_dates import BE_OFFSET
from sajja.schemes.money import invalid

_FIGURE_KEYS = frozenset({"value", "reference", "note"})

Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
"""A short identifier in lower case: `birth_grant`, `songkhla`."""


def _common_era(day: date) -> date:
    if day.year >= 2400:
        raise invalid(
            "buddhist_year",
            f"ปี {day.year} ดูเหมือนเป็นปี พ.ศ.: ให้เขียนปี ค.ศ. ({day.year - BE_OFFSET})",
            f"{day.year} looks like a Buddhist-era year: write the common-era year ({day.year - BE_OFFSET})",
        )
    return day


CEDate = Annotated[date, AfterValidator(_common_era)]
"""A date written in the common era, as YAML writes dates (a Buddhist-era year is refused)."""


class Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    reference: str = ""
    note: str = ""
    references: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _unwrap_figures(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        refs = data.get("references", {})
        refs = dict(refs) if isinstance(refs, dict) else refs
        out = {}
        for key, value in data.items():
            if isinstance(value, dict) and "value" in value and set(value) <= _FIGURE_KEYS:
                out[key] = value["value"]
                if value.get("reference") and isinstance(refs, dict):
                    refs[key] = value["reference"]
            else:
                out[key] = value
        if refs:
            out["references"] = refs
        return out

    def reference_for(self, field: str) -> str:
        """The reference of one figure, else the part's own reference."""
        return self.references.get(field, self.reference)
