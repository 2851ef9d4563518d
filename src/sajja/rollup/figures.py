"""The figures, defined once: for one fund, and for any set of funds as the sum of theirs.

A fund's figures are read from what its books and registry hold (`books.compute`, kept in the tables of
`models` by `services.refresh`); a network's, a province's and the nation's are `sum_of` their funds'.
Nothing at a higher level is worked out any other way, so a network's figure is the sum of its funds' by
construction, whatever the figure:

- members by the registry's status (active, lapsed, resigned, deceased), and by their standing at the
  fund's latest month-end close (paid up, in arrears, lapsed);
- expected and collected, for the month in progress, the last month and the fiscal year to date
  (1 October on; a month's figures are its month-end close's once it is closed);
- benefits paid in the fiscal year, by category (claims paid, dated by their payout in the books);
- the reserve: the cash and bank balances of the books;
- months not closed in time; funds with a projection, and those whose projection's probability of
  running out is high; funds whose figures are not current; funds that need attention.

A fund's own probability of running out is not a sum: it is kept for the fund alone (`ruin_probability`),
and a sum counts the funds at risk instead.

>>> a = Figures(funds=1, members_active=10, month_expected=300_00, month_collected=150_00)
>>> b = Figures(funds=1, members_active=5, month_expected=100_00, month_collected=100_00)
>>> total = sum_of([a, b])
>>> total.funds, total.members_active, total.month_percent, a.members_active
(2, 15, 62, 10)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from operator import attrgetter


@dataclass(frozen=True)
class Benefit:
    """Claims of one category paid, and how much (satang)."""

    claims: int = 0
    amount: int = 0

    def __add__(self, other: Benefit) -> Benefit:
        return Benefit(self.claims + other.claims, self.amount + other.amount)


def percent(part: int, whole: int) -> int | None:
    """`part` as a whole percentage of `whole` (None when nothing was expected).

    >>> percent(62, 100), percent(1, 3), percent(5, 0)
    (62, 33, None)
    """
    return round(100 * part / whole) if whole else None


@dataclass
class Figures:
    funds: int = 0
    members_active: int = 0
    members_lapsed: int = 0
    members_resigned: int = 0
    members_deceased: int = 0
    paid_up: int = 0
    in_arrears: int = 0
    lapsed: int = 0
    month_expected: int = 0
    month_collected: int = 0
    last_month_expected: int = 0
    last_month_collected: int = 0
    year_expected: int = 0
    year_collected: int = 0
    benefits: dict[str, Benefit] = field(default_factory=dict)
    reserve: int = 0
    months_unclosed: int = 0
    funds_projected: int = 0
    funds_at_risk: int = 0
    funds_not_current: int = 0
    funds_needing_attention: int = 0
    # a fund's own: the stored projection's probability of running out (None for a sum, or no projection)
    ruin_probability: float | None = None

    @property
    def members(self) -> int:
        """Members still in the fund: active or lapsed (not resigned or deceased)."""
        return self.members_active + self.members_lapsed

    @property
    def standings(self) -> int:
        return self.paid_up + self.in_arrears + self.lapsed

    @property
    def arrears_percent(self) -> int | None:
        """Members in arrears as a percentage of the members the latest close found a standing for."""
        return percent(self.in_arrears, self.standings)

    @property
    def month_percent(self) -> int | None:
        return percent(self.month_collected, self.month_expected)

    @property
    def last_month_percent(self) -> int | None:
        return percent(self.last_month_collected, self.last_month_expected)

    @property
    def year_percent(self) -> int | None:
        return percent(self.year_collected, self.year_expected)

    @property
    def benefits_paid(self) -> Benefit:
        return sum(self.benefits.values(), Benefit())


_COUNTED = tuple(f.name for f in fields(Figures) if f.name not in ("benefits", "ruin_probability"))
_READ_COUNTED = attrgetter(*_COUNTED)


def sum_of(figures: Iterable[Figures]) -> Figures:
    """The sum of funds' figures (or of sums): every count and amount added, benefits by category."""
    listed = list(figures)
    total = Figures()
    for name, value in zip(_COUNTED, map(sum, zip(*map(_READ_COUNTED, listed), strict=True)), strict=False):
        setattr(total, name, value)
    for f in listed:
        for kind, benefit in f.benefits.items():
            total.benefits[kind] = total.benefits.get(kind, Benefit()) + benefit
    total.benefits = dict(sorted(total.benefits.items()))
    return total
