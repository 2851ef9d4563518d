"""The engine asked about real members: a claim's amount, a quote for an event, what a member would get
today. The rules decide; nothing here computes an amount of its own."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from sajja.schemes import Adjudication, Event, Reason, Scheme, Usage, adjudicate, entitlements
from sajja.schemes.benefits import Benefit
from sajja.schemes.explain import Baht, say
from sajja.schemes.vocabulary import EventKind
from sajja.welfare.history import member_history, nights_counted, usage
from sajja.welfare.selectors import require_scheme


@dataclass(frozen=True)
class Assessment:
    adjudication: Adjudication
    benefit: Benefit | None  # the benefit as the version in force defines it (None: not in that version)
    nights_counted: int

    @property
    def amount(self) -> int:
        return self.adjudication.total


def benefit_named(scheme: Scheme, code: str, day: datetime.date):
    """The benefit `code` of the version in force on `day`, else as the latest version defines it."""
    version = scheme.version_on(day)
    found = version.benefit(code) if version else None
    if found is not None:
        return found
    return next((v.benefit(code) for v in reversed(scheme.versions) if v.benefit(code)), None)


def _year_kind(scheme: Scheme, day: datetime.date) -> str:
    version = scheme.version_on(day) or scheme.versions[0]
    return version.benefit_year.value


def assess_claim(
    fund, member, code: str, day: datetime.date, nights: int = 0, level: str = "", before: int | None = None
) -> Assessment:
    """One benefit for one member and one event, with what earlier claims of this year already used."""
    scheme = require_scheme(fund)
    benefit = benefit_named(scheme, code, day)
    kind = benefit.event.value if benefit is not None else EventKind.OTHER.value
    used = usage(member, [code], day, _year_kind(scheme, day), before=before)
    result = adjudicate(scheme, member_history(member), Event(kind, day, nights, level or None), used)
    mine = tuple(d for d in result.decisions if d.code == code)
    if result.version_from is not None and not mine:
        # The version in force on the day has no such benefit (it came later, or was dropped).
        steps = (*result.steps[:1], say("no_benefit", event=EventKind(kind)))
        result = replace(
            result, decisions=(), reasons=frozenset({Reason.NO_BENEFIT}), steps=steps, closing=()
        )
        return Assessment(result, None, 0)
    result = replace(
        result, decisions=mine, closing=(say("total", amount=Baht(sum(d.amount for d in mine))),)
    )
    in_force = scheme.version_on(day)
    own = in_force.benefit(code) if in_force else None
    counted = nights_counted(own, nights, used.get(code, Usage()), result.total) if own else 0
    return Assessment(result, own, counted)


def quote(fund, member, kind: str, day: datetime.date, nights: int = 0, level: str = "") -> Adjudication:
    """Every benefit an event of `kind` would give the member, as the rules in force that day say."""
    scheme = require_scheme(fund)
    version = scheme.version_on(day)
    codes = [b.code for b in version.benefits_for(kind)] if version else []
    used = usage(member, codes, day, _year_kind(scheme, day))
    return adjudicate(scheme, member_history(member), Event(kind, day, nights, level or None), used)


def member_entitlements(fund, member, day: datetime.date):
    """What the member would get on `day` for each benefit of the version in force, and why."""
    scheme = require_scheme(fund)
    version = scheme.version_on(day)
    codes = [b.code for b in version.benefits] if version else []
    used = usage(member, codes, day, _year_kind(scheme, day))
    return entitlements(scheme, member_history(member), day, used)
