"""Every read of pooling: the network's rule in force, each fund's remittance due and paid for a fiscal
year, the top-ups, and the network's consolidated accounts. A few grouped queries for any number of funds,
never one per fund. The `*_for(user, ...)` readers check the user's right first (outside it: 404).

What a fund remits on is read from its books for the fiscal year (1 October - 30 September):

- contributions: what its members' accounts (4101-*) were credited in the year, net of cancellations;
- surplus: its income less its expenses of the year, money between the network's funds (45xx, 53xx) left
  out;
- members: those who had joined by the year's end and were active then (active now, or whose status
  changed after it).

The consolidated accounts of a network for a year are the sums of its funds' income and expense accounts,
with the money between its funds shown and then eliminated: what the funds remitted (5301) against what
the pools received (4502), the top-ups paid (5302) against those received (4501). Each pair is posted in
one transaction, so the eliminations match; `Consolidated.matched` says whether they do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from sajja.access.policy import may, require
from sajja.access.reasons import NETWORK_NOT_FOUND
from sajja.core.ledger.chart import (
    INTER_FUND,
    MEMBER_CONTRIBUTIONS,
    REMITTANCES_PAID,
    REMITTANCES_RECEIVED,
    TOP_UPS_PAID,
    TOP_UPS_RECEIVED,
)
from sajja.core.ledger.records import AccountKind
from sajja.ledger.models import Account, Line
from sajja.pooling.models import PoolingRule, Remittance, TopUp
from sajja.registry.models import Fund, Member, MemberStatus, Network
from sajja.schemes.cofunding.fiscal import FiscalYear
from sajja.schemes.pooling import Basis, due
from sajja.welfare.models import Claim


def network_for(user, code: str, capability: str = "view_pooling") -> Network:
    network = Network.objects.filter(code=code).first()
    if network is None or not may(user, network, capability):
        raise NETWORK_NOT_FOUND.not_found()
    return network


def rule_in_force(network: Network, fy: FiscalYear) -> PoolingRule | None:
    """The network's latest rule from this fiscal year or before."""
    return (
        PoolingRule.objects.filter(network=network, from_fiscal_year__lte=fy.ce)
        .select_related("pool_fund")
        .order_by("-from_fiscal_year")
        .first()
    )


@dataclass(frozen=True)
class FundBase:
    """What a fund's remittance is worked out from, for one fiscal year (satang; members counted)."""

    contributions: int = 0
    surplus: int = 0
    members: int = 0


def fund_bases(fund_ids: list[int], fy: FiscalYear) -> dict[int, FundBase]:
    """Each fund's contributions, surplus and members of the year: two grouped queries."""
    in_year = Line.objects.filter(
        account__fund_id__in=fund_ids, entry__date__gte=fy.start, entry__date__lte=fy.end
    ).exclude(account__code__in=INTER_FUND)
    sums = in_year.values("account__fund_id").annotate(
        contributions=Sum("amount", filter=Q(account__code__startswith=f"{MEMBER_CONTRIBUTIONS}-")),
        result=Sum("amount", filter=Q(account__kind__in=(AccountKind.INCOME, AccountKind.EXPENSE))),
    )
    money = {
        r["account__fund_id"]: (-(r["contributions"] or 0), -(r["result"] or 0)) for r in sums.order_by()
    }
    members = dict(
        Member.objects.filter(fund_id__in=fund_ids, joined_on__lte=fy.end)
        .filter(Q(status=MemberStatus.ACTIVE) | Q(status_since__gt=fy.end))
        .values("fund_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("fund_id", "n")
    )
    return {pk: FundBase(*money.get(pk, (0, 0)), members.get(pk, 0)) for pk in fund_ids}


def remittance_due(rule: PoolingRule, base: FundBase) -> int:
    return due(
        Basis(rule.basis),
        rule.rate,
        contributions=base.contributions,
        surplus=base.surplus,
        members=base.members,
    )


@dataclass
class FundYear:
    """One fund's remittance for the year: due under the rule, remitted, and the difference."""

    fund: Fund
    base: FundBase
    due: int
    remitted: int
    topped_up: int
    is_pool: bool

    @property
    def outstanding(self) -> int:
        return max(self.due - self.remitted, 0)

    @property
    def ahead(self) -> int:
        """Remitted beyond what is due so far (the year's contributions may still grow into it)."""
        return max(self.remitted - self.due, 0)


@dataclass
class ConsolidatedRow:
    code: str
    name_th: str
    name_en: str
    kind: str
    amount: int  # satang, income and expenses both as positive amounts
    inter_fund: bool


@dataclass
class Consolidated:
    rows: list[ConsolidatedRow] = field(default_factory=list)

    def _sum(self, kind: str, inter: bool | None = None) -> int:
        return sum(r.amount for r in self.rows if r.kind == kind and (inter is None or r.inter_fund == inter))

    @property
    def income(self) -> int:
        """The network's income from outside it: the funds' income less what they received from each other."""
        return self._sum(AccountKind.INCOME, False)

    @property
    def expenses(self) -> int:
        return self._sum(AccountKind.EXPENSE, False)

    @property
    def eliminated_income(self) -> int:
        return self._sum(AccountKind.INCOME, True)

    @property
    def eliminated_expenses(self) -> int:
        return self._sum(AccountKind.EXPENSE, True)

    @property
    def funds_income(self) -> int:
        """The sum of the funds' own income, money between them included."""
        return self._sum(AccountKind.INCOME)

    @property
    def funds_expenses(self) -> int:
        return self._sum(AccountKind.EXPENSE)

    @property
    def surplus(self) -> int:
        return self.income - self.expenses

    def amount(self, code: str) -> int:
        return sum(r.amount for r in self.rows if r.code == code)

    @property
    def matched(self) -> bool:
        """Each fund's side of money between the funds has its other side: remitted = received, top-ups
        paid = received."""
        return self.amount(REMITTANCES_PAID) == self.amount(REMITTANCES_RECEIVED) and self.amount(
            TOP_UPS_PAID
        ) == self.amount(TOP_UPS_RECEIVED)


def consolidated(network: Network, fy: FiscalYear) -> Consolidated:
    """The network's income and expenses of the year by account, summed over its funds (one query)."""
    rows = (
        Line.objects.filter(
            account__fund__network=network,
            account__kind__in=(AccountKind.INCOME, AccountKind.EXPENSE),
            entry__date__gte=fy.start,
            entry__date__lte=fy.end,
        )
        .values("account__code", "account__kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    totals: dict[str, int] = defaultdict(int)
    kinds: dict[str, str] = {}
    for r in rows:
        # a member's sub-account (4101-000123) counts in the contributions' control account
        code = (
            MEMBER_CONTRIBUTIONS
            if r["account__code"].startswith(f"{MEMBER_CONTRIBUTIONS}-")
            else r["account__code"]
        )
        totals[code] += r["total"] or 0
        kinds[code] = r["account__kind"]
    names = {
        code: (th, en)
        for code, th, en in Account.objects.filter(fund__network=network, code__in=list(totals))
        .values_list("code", "name_th", "name_en")
        .distinct()
    }
    result = Consolidated()
    for code in sorted(totals):
        sign = -1 if kinds[code] == AccountKind.INCOME else 1
        th, en = names.get(code, (code, code))
        result.rows.append(
            ConsolidatedRow(code, th, en, kinds[code], sign * totals[code], code in INTER_FUND)
        )
    return result


@dataclass
class PoolingYear:
    network: Network
    fiscal_year: FiscalYear
    rule: PoolingRule | None
    funds: list[FundYear]
    top_ups: list[TopUp]
    consolidated: Consolidated

    @property
    def due(self) -> int:
        return sum(f.due for f in self.funds)

    @property
    def remitted(self) -> int:
        return sum(f.remitted for f in self.funds)

    @property
    def outstanding(self) -> int:
        return sum(f.outstanding for f in self.funds)

    @property
    def topped_up(self) -> int:
        return sum(t.amount for t in self.top_ups)


def pooling_year(network: Network, fy: FiscalYear) -> PoolingYear:
    rule = rule_in_force(network, fy)
    funds = list(Fund.objects.filter(network=network).order_by("code"))
    bases = fund_bases([f.pk for f in funds], fy)
    remitted = dict(
        Remittance.objects.filter(fund__network=network, fiscal_year=fy.ce)
        .values("fund_id")
        .annotate(a=Sum("amount"))
        .order_by()
        .values_list("fund_id", "a")
    )
    top_ups = list(
        TopUp.objects.filter(fund__network=network, paid_on__gte=fy.start, paid_on__lte=fy.end)
        .select_related("fund", "claim")
        .order_by("paid_on", "id")
    )
    topped: dict[int, int] = defaultdict(int)
    for t in top_ups:
        topped[t.fund_id] += t.amount
    pool_id = rule.pool_fund_id if rule else None
    rows = [
        FundYear(
            fund,
            bases[fund.pk],
            0 if rule is None or fund.pk == pool_id else remittance_due(rule, bases[fund.pk]),
            remitted.get(fund.pk, 0),
            topped[fund.pk],
            fund.pk == pool_id,
        )
        for fund in funds
    ]
    return PoolingYear(network, fy, rule, rows, top_ups, consolidated(network, fy))


def pooling_year_for(user, code: str, fy: FiscalYear) -> PoolingYear:
    return pooling_year(network_for(user, code), fy)


def fund_remittances_for(user, fund) -> list[Remittance]:
    """A fund's remittances and the top-ups it received, for its own people (its overseers)."""
    require(user, fund, "view_pooling")
    return list(Remittance.objects.filter(fund=fund).order_by("-paid_on", "-id"))


def remitted_before(fund_id: int, fy: FiscalYear) -> int:
    return Remittance.objects.filter(fund_id=fund_id, fiscal_year=fy.ce).aggregate(a=Sum("amount"))["a"] or 0


def network_funds(network: Network) -> list[Fund]:
    """The network's funds, by code (the pool's among them)."""
    return list(Fund.objects.filter(network=network).order_by("code"))


def fund_by_code(code: str) -> Fund | None:
    """A fund by its code, in any network: the services refuse one outside the network (or the user's reach)."""
    return Fund.objects.filter(code=code).select_related("network").first()


def network_claim(network: Network, claim_id: int) -> Claim | None:
    """A claim of one of the network's funds, or None."""
    return Claim.objects.filter(pk=claim_id, fund__network=network).select_related("fund").first()
