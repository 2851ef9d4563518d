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
  running out is high; funds whose figures are not current; funds that need attention;
- co-funding of the fiscal year being claimed (the one that ended most recently: `books.claimed_year`):
  the funds that requested it, and by party (every party but the members themselves) what was requested,
  received against it, still outstanding and overpaid and not yet refunded (`Cofunding`); and the
  co-funding of any year still outstanding long after it was due (`cofunding_overdue`).

A fund without a request for the year counts as not requested (`funds_cofunding_not_requested`), whatever
the reason: the roll-up does not work out whether it could have requested (that is the entitlement,
computed member by member on the fund's co-funding pages).

A fund's own probability of running out is not a sum: it is kept for the fund alone (`ruin_probability`),
and a sum counts the funds at risk instead.

>>> a = Figures(funds=1, members_active=10, month_expected=300_00, month_collected=150_00)
>>> b = Figures(funds=1, members_active=5, month_expected=100_00, month_collected=100_00)
>>> total = sum_of([a, b])
>>> total.funds, total.members_active, total.month_percent, a.members_active
(2, 15, 62, 10)
>>> c = Figures(funds=1, funds_cofunding_requested=1, cofunding={"local_government": Cofunding(730_00, 500_00)})
>>> both = sum_of([a, c])
>>> both.funds_cofunding_requested, both.funds_cofunding_not_requested, both.cofunding_outstanding
(1, 1, 23000)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from operator import attrgetter

from sajja.schemes.cofunding import Party


@dataclass(frozen=True)
class Benefit:
    """Claims of one category paid, and how much (satang)."""

    claims: int = 0
    amount: int = 0

    def __add__(self, other: Benefit) -> Benefit:
        return Benefit(self.claims + other.claims, self.amount + other.amount)


@dataclass(frozen=True)
class Cofunding:
    """A fiscal year's co-funding request as it stands, for one party or summed (satang): what the party
    was asked for (RequestParty.amount), what it paid against that (the receipts' applied part), and what
    it paid beyond that and has not been given back yet (the receipts' overpaid part less the refunds).
    What it still owes is the difference (as the co-funding pages' `outstanding`).

    >>> Cofunding(730_00, 500_00) + Cofunding(730_00, 730_00, 730_00)
    Cofunding(requested=146000, received=123000, to_refund=73000)
    >>> (Cofunding(730_00, 500_00) + Cofunding(730_00, 730_00, 730_00)).outstanding
    23000
    """

    requested: int = 0
    received: int = 0  # against what was requested: never more than it
    to_refund: int = 0

    @property
    def outstanding(self) -> int:
        return self.requested - self.received

    def __add__(self, other: Cofunding) -> Cofunding:
        return Cofunding(
            self.requested + other.requested, self.received + other.received, self.to_refund + other.to_refund
        )


_PARTY_ORDER = {party.value: n for n, party in enumerate(Party)}


def by_party(cofunding: dict[str, Cofunding]) -> dict[str, Cofunding]:
    """The parties in the order the co-funding pages list them (local government, CODI, province, other)."""
    return dict(
        sorted(cofunding.items(), key=lambda item: (_PARTY_ORDER.get(item[0], len(_PARTY_ORDER)), item[0]))
    )


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
    # co-funding of the fiscal year claimed: funds that requested it, and by party (Party values)
    funds_cofunding_requested: int = 0
    cofunding: dict[str, Cofunding] = field(default_factory=dict)
    # satang still outstanding of any year's request, more than attention.COFUNDING_GRACE_DAYS after due
    cofunding_overdue: int = 0
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

    @property
    def funds_cofunding_not_requested(self) -> int:
        """Funds with no request for the fiscal year claimed (never worked out included)."""
        return self.funds - self.funds_cofunding_requested

    @property
    def cofunding_total(self) -> Cofunding:
        """The fiscal year claimed, every party together."""
        return sum(self.cofunding.values(), Cofunding())

    @property
    def cofunding_requested(self) -> int:
        return self.cofunding_total.requested

    @property
    def cofunding_received(self) -> int:
        return self.cofunding_total.received

    @property
    def cofunding_outstanding(self) -> int:
        return self.cofunding_total.outstanding

    @property
    def cofunding_to_refund(self) -> int:
        return self.cofunding_total.to_refund


_UNCOUNTED = ("benefits", "cofunding", "ruin_probability")
_COUNTED = tuple(f.name for f in fields(Figures) if f.name not in _UNCOUNTED)
_READ_COUNTED = attrgetter(*_COUNTED)


def sum_of(figures: Iterable[Figures]) -> Figures:
    """The sum of funds' figures (or of sums): every count and amount added, benefits by category,
    co-funding by party."""
    listed = list(figures)
    total = Figures()
    for name, value in zip(_COUNTED, map(sum, zip(*map(_READ_COUNTED, listed), strict=True)), strict=False):
        setattr(total, name, value)
    for f in listed:
        for kind, benefit in f.benefits.items():
            total.benefits[kind] = total.benefits.get(kind, Benefit()) + benefit
        for party, cofunding in f.cofunding.items():
            total.cofunding[party] = total.cofunding.get(party, Cofunding()) + cofunding
    total.benefits = dict(sorted(total.benefits.items()))
    total.cofunding = by_party(total.cofunding)
    return total
