"""Whose money paid for what: the fund's spending drawn from its sources of money, day by day.

The method (the same for the money by source and for the report of welfare paid by source):

1. Money comes in from each source when it is *received*: a member's contribution when it is paid, a
   party's co-funding when its money arrives (a request makes it the fund's income, but until it is paid it
   is a receivable, not money that can pay anything), a donation when given; the balance the fund brought
   with it counts as a source of its own.
2. Each day's spending (each benefit paid, each administration cost) is drawn from the sources **in
   proportion to what each still holds on the day of the payment** (what it has brought in up to that day,
   the day's own money included, less what earlier spending already drew from it), in whole satang: each
   source gets its share rounded down, and the satang left over go to the largest remainders, so the parts
   add up to the payment exactly.
3. Spending beyond what the sources hold (paid before the money came in, e.g. from money owed to others)
   is drawn from no source: it is shown as `unfunded`.

So for every source, what it brought in = what it paid for + what it still holds, and the sources' holdings
add up to the fund's money. (The other reading, pro rata to each source's share of all income up to the
day, can attribute to a source more than it ever gave when its money arrived late; this one cannot.)

>>> days = [Day(date(2026, 1, 1), {"members": 300, "central_government": 100}, [("5104", 200)]),
...         Day(date(2026, 2, 1), {"local_government": 150}, [("5102", 70)])]
>>> pool = run_pool(days, ["members", "local_government", "central_government"])
>>> pool.held, pool.spent["5104"], pool.spent["5102"]
({'members': 120, 'local_government': 120, 'central_government': 40}, {'members': 150, 'central_government': 50}, {'members': 30, 'local_government': 30, 'central_government': 10})
>>> split(100, {"a": 500, "b": 500, "c": 500}, ["a", "b", "c"])
{'a': 34, 'b': 33, 'c': 33}
>>> split(50, {"a": 20}, ["a"])
{'a': 20, 'unfunded': 30}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

UNFUNDED = "unfunded"


class Day(NamedTuple):
    """One day of the fund's books: the money that came in from each source (negative: went back) and what
    was spent, by expense account, in order."""

    day: date
    money_in: Mapping[str, int]
    spent: Sequence[tuple[str, int]]


@dataclass
class Pool:
    received: dict[str, int] = field(default_factory=dict)
    """Satang each source brought in (to the last day)."""
    held: dict[str, int] = field(default_factory=dict)
    """Satang each source still holds (to the last day): received less what spending drew from it."""
    spent: dict[str, dict[str, int]] = field(default_factory=dict)
    """Expense account -> source -> satang drawn, for the days in the window."""


def split(amount: int, held: Mapping[str, int], order: Sequence[str]) -> dict[str, int]:
    """`amount` drawn from the sources in proportion to what each holds (those holding more than nothing),
    in whole satang by the largest remainder; what exceeds their holdings is `UNFUNDED`. A negative amount
    (spending reversed) goes back to the sources in the same proportions."""
    have = [(s, held[s]) for s in order if held.get(s, 0) > 0 and s != UNFUNDED]
    total = sum(h for _, h in have)
    if amount == 0:
        return {}
    if total <= 0:
        return {UNFUNDED: amount}
    sign, whole = (1, amount) if amount > 0 else (-1, -amount)
    covered = whole if sign < 0 else min(whole, total)
    parts = {s: covered * h // total for s, h in have}
    left = covered - sum(parts.values())
    rank = sorted(range(len(have)), key=lambda i: (-(covered * have[i][1] % total), i))
    for i in rank[:left]:
        parts[have[i][0]] += 1
    if whole > covered:
        parts[UNFUNDED] = whole - covered
    return {s: sign * v for s, v in parts.items() if v}


def run_pool(
    days: Iterable[Day], order: Sequence[str], window: tuple[date | None, date | None] = (None, None)
) -> Pool:
    """Walk the days in order; record the spending of the days within `window` (first, last; None: open)."""
    order = [*order, UNFUNDED]
    received: dict[str, int] = defaultdict(int)
    held: dict[str, int] = defaultdict(int)
    spent: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    first, last = window
    for day in days:
        for source, amount in day.money_in.items():
            received[source] += amount
            held[source] += amount
        counted = (first is None or day.day >= first) and (last is None or day.day <= last)
        for account, amount in day.spent:
            for source, part in split(amount, held, order).items():
                held[source] -= part
                if counted:
                    spent[account][source] += part
    rank = {s: i for i, s in enumerate(order)}

    def ordered(values: Mapping[str, int]) -> dict[str, int]:
        return {s: values[s] for s in sorted(values, key=lambda s: rank.get(s, len(rank))) if values[s]}

    return Pool(
        ordered(received), ordered(held), {a: ordered(by) for a, by in sorted(spent.items()) if ordered(by)}
    )
