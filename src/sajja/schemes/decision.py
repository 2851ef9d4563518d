"""What the engine answers: an amount per benefit, the reasons, and the steps that explain it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sajja.schemes.explain import Step
from sajja.schemes.reasons import Reason


class Status(StrEnum):
    PAID = "paid"
    REDUCED = "reduced"
    REFUSED = "refused"


def reason_labels(reasons: Iterable[Reason]) -> dict[str, dict[str, str]]:
    """Each coded reason with its Thai and English label, for readers of the JSON."""
    return {r.value: {"th": r.label("th"), "en": r.label("en")} for r in sorted(reasons)}


@dataclass(frozen=True)
class BenefitDecision:
    code: str
    name_th: str
    name_en: str
    category: str
    recipient: str
    amount: int
    reasons: frozenset[Reason]
    steps: tuple[Step, ...]
    reference: str = ""

    @property
    def status(self) -> Status:
        if self.amount == 0:
            return Status.REFUSED
        return Status.REDUCED if self.reasons else Status.PAID

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": {"th": self.name_th, "en": self.name_en},
            "category": self.category,
            "recipient": self.recipient,
            "amount_satang": self.amount,
            "status": self.status.value,
            "reasons": sorted(r.value for r in self.reasons),
            "reason_labels": reason_labels(self.reasons),
            "steps": [{"code": s.code, "th": s.th, "en": s.en} for s in self.steps],
            "reference": self.reference,
        }


@dataclass(frozen=True)
class Adjudication:
    """The answer for one event: every benefit the event may trigger, and the total."""

    event_kind: str
    event_date: date
    version_from: date | None
    decisions: tuple[BenefitDecision, ...]
    reasons: frozenset[Reason] = frozenset()
    steps: tuple[Step, ...] = ()
    closing: tuple[Step, ...] = field(default=())

    @property
    def total(self) -> int:
        return sum(d.amount for d in self.decisions)

    def amounts(self) -> dict[str, int]:
        return {d.code: d.amount for d in self.decisions}

    def all_reasons(self) -> frozenset[Reason]:
        return self.reasons.union(*(d.reasons for d in self.decisions))

    def lines(self, language: str = "th") -> list[str]:
        out = [s.text(language) for s in self.steps]
        for decision in self.decisions:
            out += [f"• {s.text(language)}" if i else s.text(language) for i, s in enumerate(decision.steps)]
        return out + [s.text(language) for s in self.closing]

    def explain(self, language: str = "th") -> str:
        return "\n".join(self.lines(language))

    def to_dict(self) -> dict[str, object]:
        return {
            "event": {"kind": self.event_kind, "date": self.event_date.isoformat()},
            "version_from": self.version_from.isoformat() if self.version_from else None,
            "total_satang": self.total,
            "reasons": sorted(r.value for r in self.reasons),
            "reason_labels": reason_labels(self.reasons),
            "benefits": [d.to_dict() for d in self.decisions],
            "explanation": {"th": self.lines("th"), "en": self.lines("en")},
        }
