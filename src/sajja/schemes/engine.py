"""The scalar rules engine: one member, one event, an amount and an explanation. Never raises for a
claim that the rules refuse: the amount is zero (or reduced) and the reasons say why.

>>> from datetime import date
>>> from sajja.schemes.loading import load_template
>>> scheme = load_template("codi")
>>> member = MemberHistory(date(1995, 3, 1), "F", joined_on=date(2025, 1, 1), paid_through=date(2025, 12, 31))
>>> result = adjudicate(scheme, member, Event("birth", date(2025, 8, 1), nights=3))
>>> result.total, result.amounts()
(80000, {'birth_grant': 50000, 'mother_nights': 30000})
>>> print(result.explain("en"))  # doctest: +ELLIPSIS
The rules of ... in force from 1 Jan 2568 BE apply
Contributions paid up to 31 Dec 2568 BE
...
Total payable: 800.00 baht
"""

from __future__ import annotations

from collections.abc import Mapping

from sajja.schemes.benefits import Benefit, EducationGrant, LumpSum, PerNight, Tiered
from sajja.schemes.coverage import resolve_paid_through
from sajja.schemes.decision import Adjudication, BenefitDecision
from sajja.schemes.eligibility import Facts, check, level_of
from sajja.schemes.explain import Baht, Duration, Step, Words, say
from sajja.schemes.periods import age_on, paid_months, unpaid_days
from sajja.schemes.reasons import Reason
from sajja.schemes.situation import NO_USAGE, Event, MemberHistory, Usage
from sajja.schemes.versions import Scheme, SchemeVersion
from sajja.schemes.vocabulary import EventKind


def facts_for(scheme: Scheme, version: SchemeVersion, member: MemberHistory, event: Event) -> Facts:
    back = member.reinstated_on
    restarted = (
        back is not None and back <= event.date and not version.contributions.reinstatement.pay_arrears
    )
    start = back if restarted and back is not None else member.joined_on  # restarted: back is a date
    paid_to = resolve_paid_through(scheme, member, start, event.date)
    return Facts(
        version=version,
        member=member,
        event=event,
        coverage_start=start,
        paid_through=paid_to,
        unpaid_days=unpaid_days(paid_to, event.date),
        paid_months=paid_months(start, paid_to, event.date),
        age=age_on(member.birth_date, event.date),
    )


def gross(benefit: Benefit, facts: Facts, used: Usage) -> tuple[int, list[Reason], list[Step]]:
    """The amount before the yearly amount cap, with the caps it hit (benefit already eligible)."""
    ev = facts.event
    if isinstance(benefit, LumpSum):
        return benefit.amount, [], [say("lump_sum", amount=Baht(benefit.amount))]
    if isinstance(benefit, PerNight):
        return _per_night(benefit, ev.nights, used)
    if isinstance(benefit, Tiered):
        tier = benefit.tier_for(facts.paid_months)
        assert tier is not None  # `check` refused the benefit below the first tier
        steps = [
            say(
                "tier",
                have=Duration(facts.paid_months),
                tier=Words(tier.label("th"), tier.label("en")),
                amount=Baht(tier.amount),
            )
        ]
        if hasattr(benefit, "frequency"):
            steps.append(say("recurring", frequency=benefit.frequency, amount=Baht(tier.amount)))
        return tier.amount, [], steps
    if isinstance(benefit, EducationGrant):
        amount, level = benefit.amount_for(level_of(ev)), level_of(ev)
        assert amount is not None  # `check` refused a level without a grant
        if level is None:
            return amount, [], [say("lump_sum", amount=Baht(amount))]
        return amount, [], [say("level", level=level, amount=Baht(amount))]
    return benefit.amount, [], [say("recurring", frequency=benefit.frequency, amount=Baht(benefit.amount))]


def _per_night(benefit: PerNight, asked: int, used: Usage) -> tuple[int, list[Reason], list[Step]]:
    reasons, steps, nights = [], [], asked
    if benefit.max_nights_per_event is not None and nights > benefit.max_nights_per_event:
        nights = benefit.max_nights_per_event
        reasons.append(Reason.CAP_NIGHTS_EVENT)
        steps.append(say("cap_nights_event", limit=nights, nights=nights, asked=asked))
    if benefit.max_nights_per_year is not None:
        left = max(benefit.max_nights_per_year - used.nights, 0)
        if nights > left:
            nights = left
            reasons.append(Reason.CAP_NIGHTS_YEAR)
            steps.append(
                say("cap_nights_year", used=used.nights, limit=benefit.max_nights_per_year, nights=left)
            )
    amount = nights * benefit.rate
    steps.append(say("per_night", rate=Baht(benefit.rate), nights=nights, amount=Baht(amount)))
    if benefit.max_amount_per_event is not None and amount > benefit.max_amount_per_event:
        amount = benefit.max_amount_per_event
        reasons.append(Reason.CAP_AMOUNT_EVENT)
        steps.append(say("cap_amount_event", limit=Baht(amount)))
    return amount, reasons, steps


def _name(benefit: Benefit) -> Words:
    return Words(benefit.name_th, benefit.name_en)


def decide(benefit: Benefit, facts: Facts, used: Usage = NO_USAGE) -> BenefitDecision:
    """One benefit for one event: eligibility, amount, caps, explanation."""
    reasons, steps = check(benefit, facts, used)
    amount = 0
    if not reasons:
        amount, caps, more = gross(benefit, facts, used)
        reasons, steps = reasons + caps, steps + more
        cap = benefit.conditions.max_amount_per_year
        if cap is not None and amount > max(cap - used.satang, 0):
            amount = max(cap - used.satang, 0)
            reasons.append(Reason.CAP_AMOUNT_YEAR)
            steps.append(say("cap_amount_year", used=Baht(used.satang), limit=Baht(cap), left=Baht(amount)))
        steps.append(say("recipient", recipient=benefit.conditions.recipient))
    head = (
        say("benefit_total", name=_name(benefit), amount=Baht(amount))
        if amount
        else say("benefit_refused", name=_name(benefit))
    )
    return BenefitDecision(
        code=benefit.code,
        name_th=benefit.name_th,
        name_en=benefit.name_en,
        category=benefit.category.value,
        recipient=benefit.conditions.recipient.value,
        amount=amount,
        reasons=frozenset(reasons),
        steps=(head, *steps),
        reference=benefit.reference,
    )


def adjudicate(
    scheme: Scheme, member: MemberHistory, event: Event, used: Mapping[str, Usage] | None = None
) -> Adjudication:
    """Every benefit of the version in force on the event's date that answers this kind of event."""
    used = used or {}
    scheme_name = Words(scheme.name_th, scheme.name_en)
    version = scheme.version_on(event.date)
    if version is None:
        refused = (say("no_version", scheme=scheme_name, date=event.date),)
        return Adjudication(event.kind, event.date, None, (), frozenset({Reason.NO_VERSION}), refused)
    steps = [say("version", scheme=scheme_name, date=version.effective_from)]
    benefits = version.benefits_for(event.kind)
    if not benefits:
        kind = EventKind(event.kind) if event.kind in set(EventKind) else event.kind
        steps.append(say("no_benefit", event=kind))
        return Adjudication(
            event.kind, event.date, version.effective_from, (), frozenset({Reason.NO_BENEFIT}), tuple(steps)
        )
    facts = facts_for(scheme, version, member, event)
    steps += [
        say("paid_through", date=facts.paid_through),
        say("paid_membership", duration=Duration(facts.paid_months)),
        say("age", age=facts.age),
    ]
    decisions = tuple(decide(b, facts, used.get(b.code, NO_USAGE)) for b in benefits)
    total = sum(d.amount for d in decisions)
    closing = (say("total", amount=Baht(total)),)
    return Adjudication(
        event.kind, event.date, version.effective_from, decisions, frozenset(), tuple(steps), closing
    )
