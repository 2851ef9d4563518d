"""A member as the rules see them, from what the fund really holds: the registry (birth date, sex,
joining day, status history), the books (every contribution actually paid, by date, from the member's
sub-ledger account 4101-<number>) and the claims already made this benefit year.

Contributions are given to the engine as dated payments, not as a total, so a payment made after an
event does not count for it (and a reversed payment counts as taken back on the day it was reversed).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from sajja.ledger.selectors import member_lines
from sajja.registry.models import MemberStatus
from sajja.schemes import MemberHistory, Payment, Usage
from sajja.schemes.benefits import PerNight
from sajja.schemes.periods import benefit_year
from sajja.welfare.models import Claim
from sajja.welfare.reasons import ClaimStatus


def payments_of(member) -> tuple[Payment, ...]:
    """The member's contributions by day: credits to their account are payments, debits take them back."""
    by_day: dict[datetime.date, int] = defaultdict(int)
    for line in member_lines(member):
        by_day[line.entry.date] -= line.amount
    return tuple(Payment(day, satang) for day, satang in sorted(by_day.items()) if satang)


def _status_dates(member) -> tuple[datetime.date | None, datetime.date | None, datetime.date | None]:
    """(died on, left on, reinstated on) from the member's status history."""
    died = left = reinstated = None
    lapsed = False
    for change in member.status_changes.order_by("effective_on", "id"):
        if change.status == MemberStatus.DECEASED:
            died = change.effective_on
        elif change.status == MemberStatus.RESIGNED:
            left = change.effective_on
        elif change.status == MemberStatus.LAPSED:
            lapsed = True
        elif change.status == MemberStatus.ACTIVE:
            if lapsed:
                reinstated, lapsed = change.effective_on, False
            left = None  # came back after resigning: a member again
    return died, left, reinstated


def member_history(member) -> MemberHistory:
    died, left, reinstated = _status_dates(member)
    person = member.person
    return MemberHistory(
        birth_date=person.birth_date,
        sex=person.sex,
        joined_on=member.joined_on,
        payments=payments_of(member),
        died_on=died,
        left_on=left,
        reinstated_on=reinstated,
    )


def nights_counted(benefit, asked: int, used: Usage, amount: int) -> int:
    """Nights of a stay that count against the benefit's nights per year (its caps applied)."""
    if not isinstance(benefit, PerNight) or amount <= 0:
        return 0
    nights = asked
    if benefit.max_nights_per_event is not None:
        nights = min(nights, benefit.max_nights_per_event)
    if benefit.max_nights_per_year is not None:
        nights = min(nights, max(benefit.max_nights_per_year - used.nights, 0))
    return nights


def usage(member, codes, day: datetime.date, year_kind: str, before: int | None = None) -> dict[str, Usage]:
    """What each benefit already gave the member in the benefit year of `day`.

    Every claim not rejected counts (entered, verified, approved or paid), so two claims pending at
    once cannot both take the whole yearly allowance; `before` counts only claims entered before
    that one (a claim's own amount is worked out from those before it).
    """
    first, last = benefit_year(day, year_kind)
    claims = Claim.objects.filter(
        member=member, benefit__in=list(codes), event_date__range=(first, last)
    ).exclude(status=ClaimStatus.REJECTED)
    if before is not None:
        claims = claims.filter(pk__lt=before)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for code, nights, amount in claims.values_list("benefit", "nights_counted", "amount"):
        row = totals[code]
        row[0] += 1
        row[1] += nights
        row[2] += amount
    return {code: Usage(*row) for code, row in totals.items()}
