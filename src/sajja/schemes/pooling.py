"""Pooling in a network, as pure rules: what each fund remits to the network's pool for a fiscal year, and
what the pool pays back on a large claim.

A network's rule says, from a fiscal year on:

- what a fund remits: a percentage of its members' contributions of the year (`contributions`), a
  percentage of its surplus of the year (`surplus`: its income less its expenses, money between the
  network's funds left out; nothing when there is none), or an amount per member active at the year's end
  (`per_member`);
- what the pool pays back: a top-up of a claim larger than a threshold, a percentage of the part above the
  threshold, up to a cap per claim (no top-ups when the percentage is 0).

Rates are held as whole numbers: basis points for a percentage (1,000 = 10 %), satang per member.

>>> due(Basis.CONTRIBUTIONS, 1_000, contributions=365_000_00, surplus=0, members=1_000)
3650000
>>> due(Basis.SURPLUS, 2_500, contributions=0, surplus=-5_00, members=0)  # no surplus, nothing due
0
>>> due(Basis.PER_MEMBER, 10_00, contributions=0, surplus=0, members=321)
321000
>>> top_up(20_000_00, threshold=10_000_00, percent=50, cap=3_000_00)
300000
>>> top_up(8_000_00, threshold=10_000_00, percent=50, cap=None)
0
"""

from __future__ import annotations

from enum import StrEnum

BASIS_POINTS = 10_000  # 100 %


class Basis(StrEnum):
    CONTRIBUTIONS = "contributions"
    SURPLUS = "surplus"
    PER_MEMBER = "per_member"


def due(basis: Basis, rate: int, *, contributions: int, surplus: int, members: int) -> int:
    """Satang a fund remits for the year under the rule (rounded down to the satang)."""
    if basis is Basis.PER_MEMBER:
        return rate * max(members, 0)
    figure = contributions if basis is Basis.CONTRIBUTIONS else surplus
    return max(figure, 0) * rate // BASIS_POINTS


def top_up(claim_amount: int, *, threshold: int, percent: int, cap: int | None) -> int:
    """Satang the pool pays back on a claim paid: `percent` of the part above `threshold`, at most `cap`."""
    above = max(claim_amount - threshold, 0)
    amount = above * percent // 100
    return min(amount, cap) if cap is not None else amount
