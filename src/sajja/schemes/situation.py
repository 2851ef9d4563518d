"""What the engine is asked about: a member's history, an event, and what was already paid this year.

These come from code (the claims service, the projection), so money here is integer satang, as in
the books. Cases files written in baht are converted by `cases`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Payment:
    paid_on: date
    satang: int


@dataclass(frozen=True)
class MemberHistory:
    """One member as the rules see them.

    Give either `paid_through` (as the contributions service derives it) or the `payments`
    themselves; payments win when both are given, and only payments made on or before the event
    count for it (paying up after the event does not make a member paid up at the event).
    """

    birth_date: date
    sex: str
    joined_on: date
    paid_through: date | None = None
    payments: tuple[Payment, ...] = ()
    died_on: date | None = None
    left_on: date | None = None
    reinstated_on: date | None = None


@dataclass(frozen=True)
class Event:
    """What happened: `kind` is an `EventKind` value; `nights` for stays, `level` for school grants."""

    kind: str
    date: date
    nights: int = 0
    level: str | None = None


@dataclass(frozen=True)
class Usage:
    """What one benefit already paid this member in the benefit year of the event."""

    claims: int = 0
    nights: int = 0
    satang: int = 0


NO_USAGE = Usage()
