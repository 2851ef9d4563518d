"""A fresh start (the rules' `reinstatement.pay_arrears: false`): a lapsed member comes back without
paying the days they missed, and their paid membership counts anew from the day they came back. Only
what they pay from that day counts towards it, as the welfare rules count it (`sajja.schemes.engine`).

The day they came back is the registry's: the month-end close records it (`close_derive`), and the
statements, the meeting sheet and the next closes read it from the member's status history. A few
queries serve any number of members: the lookups are for the few who lapsed or came back.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from sajja.ledger.models import Line
from sajja.registry.models import MemberStatus, MemberStatusChange
from sajja.schemes.contributions import ContributionRules

_CHUNK = 2000


def came_back_on(member_ids: Iterable[int], on: datetime.date) -> dict[int, datetime.date]:
    """The day each member last came back after a lapse (active again), among changes by `on`."""
    ids = list(member_ids)
    found: dict[int, datetime.date] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = (
            MemberStatusChange.objects.filter(member_id__in=ids[start : start + _CHUNK], effective_on__lte=on)
            .order_by("member_id", "effective_on", "id")
            .values_list("member_id", "status", "effective_on")
        )
        lapsed: dict[int, bool] = {}
        for member_id, status, day in rows:
            if status == MemberStatus.LAPSED:
                lapsed[member_id] = True
            elif status == MemberStatus.ACTIVE:
                if lapsed.get(member_id):
                    found[member_id] = day
                lapsed[member_id] = False
            else:  # resigned or died: a later return is a new joining, not a reinstatement
                found.pop(member_id, None)
                lapsed[member_id] = False
    return found


def paid_by_day(
    since: dict[int, datetime.date], until: datetime.date | None = None
) -> dict[int, list[tuple[datetime.date, int]]]:
    """Each member's contributions (satang, net of cancellations) by day, from their own day in `since`
    to `until` (no end: everything), oldest first."""
    out: dict[int, dict[datetime.date, int]] = defaultdict(lambda: defaultdict(int))
    ids = list(since)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = Line.objects.filter(
            account__member_id__in=chunk, entry__date__gte=min(since[i] for i in chunk)
        )
        if until is not None:
            rows = rows.filter(entry__date__lte=until)
        for member_id, day, amount in rows.values_list("account__member_id", "entry__date", "amount"):
            if day >= since[member_id]:
                out[member_id][day] -= amount  # a credit on the member's account is a payment
    return {m: sorted((d, s) for d, s in days.items() if s) for m, days in out.items()}


def restarts(
    members: Iterable, c: ContributionRules, on: datetime.date, *, until: datetime.date | None = None
) -> dict[int, tuple[datetime.date, int]]:
    """For members who came back after a lapse under a fresh start: (the day their paid membership
    counts from, satang paid since then, by `until`). `members` have pk, joined_on, status and
    status_since; only those active since a day after joining can have come back."""
    if not c.reinstatement.fresh_start:
        return {}
    candidates = [m.pk for m in members if m.status == MemberStatus.ACTIVE and m.status_since > m.joined_on]
    back = came_back_on(candidates, on)
    paid = paid_by_day(back, until)
    return {m: (day, sum(s for _, s in paid.get(m, ()))) for m, day in back.items()}
