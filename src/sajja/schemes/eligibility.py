"""Who may claim: the conditions of a benefit checked for one member and one event (scalar engine).

Every failing condition is reported, each as a coded reason and a step a member can read. The
vectorised engine (`vector`) implements the same checks over arrays, in the same order.

Days at the edges: an event on the joining day is covered (subject to the waiting period); an event
on the day the member left is not (membership ended that day); an event on the day of death is (a
stay that ends in death, the death itself); anything after the death is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

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


def check(benefit: Benefit, facts: Facts, used: Usage) -> tuple[list[Reason], list[Step]]:
    """Every failing condition of `benefit` for `facts`, as reasons and explaining steps."""
    f, m, ev, v = facts, facts.member, facts.event, facts.version
    cond, rules = benefit.conditions, v.contributions
    reasons: list[Reason] = []
    steps: list[Step] = []

    def refuse(reason: Reason, **params: object) -> None:
        reasons.append(reason)
        steps.append(say(reason.value, **params))

    if ev.date < m.joined_on:
        refuse(Reason.NOT_YET_MEMBER, date=m.joined_on)
    if m.left_on is not None and ev.date >= m.left_on:
        refuse(Reason.LEFT_FUND, date=m.left_on)
    if m.died_on is not None and m.died_on < ev.date:
        refuse(Reason.DECEASED, date=m.died_on)
    wait = v.waiting_days_for(benefit)
    eligible_from = waiting_ends(m.joined_on, wait)
    if m.joined_on <= ev.date < eligible_from:
        refuse(Reason.WAITING_PERIOD, days=wait, date=eligible_from)
    elif wait and ev.date >= eligible_from:
        steps.append(say("waiting_ok", days=wait, date=eligible_from))
    back, back_wait = m.reinstated_on, rules.reinstatement.waiting_days
    if back is not None and back <= ev.date < back + timedelta(days=back_wait):
        refuse(
            Reason.REINSTATEMENT_WAITING, since=back, days=back_wait, date=back + timedelta(days=back_wait)
        )
    if f.unpaid_days > rules.lapse_after_days:
        refuse(Reason.LAPSED, days=f.unpaid_days, limit=rules.lapse_after_days)
    elif cond.paid_up and f.unpaid_days > rules.grace_days:
        refuse(Reason.IN_ARREARS, days=f.unpaid_days, grace=rules.grace_days)
    youngest = min_age(benefit)
    if youngest is not None and f.age < youngest:
        refuse(Reason.TOO_YOUNG, age=f.age, limit=youngest)
    if cond.max_age is not None and f.age > cond.max_age:
        refuse(Reason.TOO_OLD, age=f.age, limit=cond.max_age)
    if cond.sex is not None and m.sex != cond.sex.value:
        refuse(Reason.WRONG_SEX, sex=Sex(cond.sex))
    need = min_months(benefit)
    if need is not None and f.paid_months < need:
        refuse(Reason.SHORT_MEMBERSHIP, have=Duration(f.paid_months), need=Duration(need))
    limit = benefit.claims_limit()
    if limit is not None and used.claims >= limit:
        refuse(Reason.MAX_CLAIMS, limit=limit)
    if isinstance(benefit, PerNight) and ev.nights < 1:
        refuse(Reason.NO_NIGHTS)
    below = isinstance(benefit, Tiered) and benefit.tier_for(f.paid_months) is None
    # one reason is enough for one shortfall (`below` holds only for a Tiered benefit)
    if below and isinstance(benefit, Tiered) and Reason.SHORT_MEMBERSHIP not in reasons:
        refuse(Reason.BELOW_FIRST_TIER, have=Duration(f.paid_months), need=Duration(benefit.tiers[0].start))
    if isinstance(benefit, EducationGrant) and benefit.amount_for(level_of(ev)) is None:
        level = level_of(ev)
        refuse(Reason.LEVEL_NOT_COVERED, level=level if level is not None else str(ev.level))
    return reasons, steps
