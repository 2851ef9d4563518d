"""What a member would get today for each benefit, and why: the member's page and `scheme quote`.

Each benefit of the version in force is tried with a typical event on that day: one night for
benefits paid per night, one payment for pensions and allowances, the general amount (or the first
level) for school grants.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sajja.schemes.benefits import Benefit, DisabilityAllowance, EducationGrant, Pension, PerNight
from sajja.schemes.decision import BenefitDecision
from sajja.schemes.engine import decide, facts_for
from sajja.schemes.situation import NO_USAGE, Event, MemberHistory, Usage
from sajja.schemes.versions import Scheme

UNITS = {
    "event": ("ต่อครั้ง", "per event"),
    "night": ("ต่อคืน", "per night"),
    "monthly": ("ต่อเดือน", "a month"),
    "yearly": ("ต่อปี", "a year"),
}


@dataclass(frozen=True)
class Entitlement:
    decision: BenefitDecision
    unit: str

    @property
    def eligible(self) -> bool:
        return self.decision.amount > 0

    @property
    def amount(self) -> int:
        return self.decision.amount

    def unit_label(self, language: str = "th") -> str:
        th, en = UNITS[self.unit]
        return en if language.startswith("en") else th

    def explain(self, language: str = "th") -> str:
        return "\n".join(s.text(language) for s in self.decision.steps)


def _probe(benefit: Benefit, day: date) -> tuple[Event, str]:
    if isinstance(benefit, PerNight):
        return Event(benefit.event.value, day, nights=1), "night"
    if isinstance(benefit, Pension | DisabilityAllowance):
        return Event(benefit.event.value, day), benefit.frequency.value
    if isinstance(benefit, EducationGrant) and benefit.amount is None and benefit.levels:
        return Event(benefit.event.value, day, level=benefit.levels[0].level.value), "event"
    return Event(benefit.event.value, day), "event"


def entitlements(
    scheme: Scheme, member: MemberHistory, on: date, used: Mapping[str, Usage] | None = None
) -> list[Entitlement]:
    """One entry per benefit of the version in force on `on` (none before the first version)."""
    used = used or {}
    version = scheme.version_on(on)
    if version is None:
        return []
    out = []
    for benefit in version.benefits:
        event, unit = _probe(benefit, on)
        facts = facts_for(scheme, version, member, event)
        out.append(Entitlement(decide(benefit, facts, used.get(benefit.code, NO_USAGE)), unit))
    return out
