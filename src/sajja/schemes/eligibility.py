"""Who may claim: the conditions of a benefit checked for one member and one event (scalar engine).

Every failing condition is reported, each as a coded reason and a step a member can read. The
vectorised engine (`vector`) implements the same checks over arrays, in the same order.

Days at the edges: an event on the joining day is covered (subject to the waiting period); an event
on the day the member left is not (membership ended that day); an event on the day of death is (a
stay that ends in death, the death itself); anything after the death is not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sajja.schemes.benefits import Benefit, EducationGrant, Pension, PerNight, Tiered
from sajja.schemes.explain import Duration, Step, say
from sajja.schemes.periods import waiting_ends
from sajja.schemes.reasons import Reason
from sajja.schemes.situation import Event, MemberHistory, Usage
from sajja.schemes.versions import SchemeVersion
from sajja.schemes.vocabulary import Level, Sex


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about a member on the day of an event."""

    version: SchemeVersion
    member: MemberHistory
    event: Event
    coverage_start: date
    paid_through: date
    unpaid_days: int
    paid_months: int
    age: int


def min_age(benefit: Benefit) -> int | None:
    limits = [x for x in (benefit.conditions.min_age, getattr(benefit, "from_age", None)) if x is not None]
    return max(limits) if limits else None


def min_months(benefit: Benefit) -> int | None:
    limits = [benefit.conditions.min_paid_membership]
    if isinstance(benefit, Pension):
        limits.append(benefit.required_months())
    known = [x for x in limits if x is not None]
    return max(known) if known else None


def level_of(event: Event) -> Level | None:
    return Level(event.level) if event.level in set(Level) else None


@dataclass(frozen=True)
class Claim:
    """One benefit asked for by one member for one event: what every condition looks at."""

    benefit: Benefit
    facts: Facts
    used: Usage


class Refusal(NamedTuple):
    reason: Reason
    params: dict[str, object]


# A condition yields the refusals it finds, or an explaining step when it is met in a way worth saying
# (the waiting period is over). `refused` holds the reasons found by the conditions before it.
Condition = Callable[[Claim, list[Reason]], Iterator[Refusal | Step]]


def _refuse(reason: Reason, **params: object) -> Refusal:
    return Refusal(reason, params)


def membership_dates(c: Claim, refused: list[Reason]) -> Iterator[Refusal | Step]:
    m, day = c.facts.member, c.facts.event.date
    if day < m.joined_on:
        yield _refuse(Reason.NOT_YET_MEMBER, date=m.joined_on)
    if m.left_on is not None and day >= m.left_on:
        yield _refuse(Reason.LEFT_FUND, date=m.left_on)
    if m.died_on is not None and m.died_on < day:
        yield _refuse(Reason.DECEASED, date=m.died_on)


def waiting_period(c: Claim, refused: list[Reason]) -> Iterator[Refusal | Step]:
    m, day = c.facts.member, c.facts.event.date
    wait = c.facts.version.waiting_days_for(c.benefit)
    eligible_from = waiting_ends(m.joined_on, wait)
    if m.joined_on <= day < eligible_from:
        yield _refuse(Reason.WAITING_PERIOD, days=wait, date=eligible_from)
    elif wait and day >= eligible_from:
        yield say("waiting_ok", days=wait, date=eligible_from)


def reinstatement_waiting(c: Claim, refused: list[Reason]) -> Iterator[Refusal | Step]:
    back, wait = c.facts.member.reinstated_on, c.facts.version.contributions.reinstatement.waiting_days
    if back is not None and back <= c.facts.event.date < back + timedelta(days=wait):
        yield _refuse(Reason.REINSTATEMENT_WAITING, since=back, days=wait, date=back + timedelta(days=wait))


def contributions_paid(c: Claim, refused: list[Reason]) -> Iterator[Refusal | Step]:
    unpaid, rules = c.facts.unpaid_days, c.facts.version.contributions
    if unpaid > rules.lapse_after_days:
        yield _refuse(Reason.LAPSED, days=unpaid, limit=rules.lapse_after_days)
    elif c.benefit.conditions.paid_up and unpaid > rules.grace_days:
        yield _refuse(Reason.IN_ARREARS, days=unpaid, grace=rules.grace_days)


def age(c: Claim, refused: list[Reason]) -> Iterator[Refusal | Step]:
    youngest, oldest = min_age(c.benefit), c.benefit.conditions.max_age
    if youngest is not None and c.facts.age < youngest:
        yield _refuse(Reason.TOO_YOUNG, age=c.facts.age, limit=youngest)
    if oldest is not None and c.facts.age > oldest:
        yield _refuse(Reason.TOO_OLD, age=c.facts.age, limit=oldest)


def sex(c: Claim, refused: list[Reason]) -> Iterator[Refusal | Step]:
    wanted = c.benefit.conditions.sex
    if wanted is not None and c.facts.member.sex != wanted.value:
        yield _refuse(Reason.WRONG_SEX, sex=Sex(wanted))


def paid_membership(c: Claim, refused: list[Reason]) -> Iterator[Refusal | Step]:
    need = min_months(c.benefit)
    if need is not None and c.facts.paid_months < need:
        yield _refuse(Reason.SHORT_MEMBERSHIP, have=Duration(c.facts.paid_months), need=Duration(need))


def claims_left(c: Claim, refused: list[Reason]) -> Iterator[Refusal | Step]:
    limit = c.benefit.claims_limit()
    if limit is not None and c.used.claims >= limit:
        yield _refuse(Reason.MAX_CLAIMS, limit=limit)


def nights(c: Claim, refused: list[Reason]) -> Iterator[Refusal | Step]:
    if isinstance(c.benefit, PerNight) and c.facts.event.nights < 1:
        yield _refuse(Reason.NO_NIGHTS)


def first_tier(c: Claim, refused: list[Reason]) -> Iterator[Refusal | Step]:
    benefit, months = c.benefit, c.facts.paid_months
    # one reason is enough for one shortfall: a membership too short is not also below the first tier
    if (
        isinstance(benefit, Tiered)
        and benefit.tier_for(months) is None
        and Reason.SHORT_MEMBERSHIP not in refused
    ):
        yield _refuse(Reason.BELOW_FIRST_TIER, have=Duration(months), need=Duration(benefit.tiers[0].start))


def education_level(c: Claim, refused: list[Reason]) -> Iterator[Refusal | Step]:
    level = level_of(c.facts.event)
    if isinstance(c.benefit, EducationGrant) and c.benefit.amount_for(level) is None:
        yield _refuse(
            Reason.LEVEL_NOT_COVERED, level=level if level is not None else str(c.facts.event.level)
        )


# In this order, which the vectorised engine (`vector`) follows too.
CONDITIONS: tuple[Condition, ...] = (
    membership_dates,
    waiting_period,
    reinstatement_waiting,
    contributions_paid,
    age,
    sex,
    paid_membership,
    claims_left,
    nights,
    first_tier,
    education_level,
)


def check(benefit: Benefit, facts: Facts, used: Usage) -> tuple[list[Reason], list[Step]]:
    """Every failing condition of `benefit` for `facts`, as reasons and explaining steps."""
    claim = Claim(benefit, facts, used)
    reasons: list[Reason] = []
    steps: list[Step] = []
    for condition in CONDITIONS:
        for found in condition(claim, reasons):
            if isinstance(found, Refusal):
                reasons.append(found.reason)
                steps.append(say(found.reason.value, **found.params))
            else:
                steps.append(found)
    return reasons, steps
