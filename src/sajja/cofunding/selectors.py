"""Every read of the co-funding area: the fund's profile and policy, a fiscal year's entitlement computed
from the register and the books, the requests and what was received against them. The `*_for(user, ...)`
readers check the user's right first (a fund outside their roles is a 404).

The entitlement may be computed at any time; before the fiscal year is over (30 September) it is
*provisional*: the members' statuses and payments are those known so far, and the months still to come
are not closed. A request waits for the year to end (services.request).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Count, Sum

from sajja.access.policy import require
from sajja.audit.chain import digest_of
from sajja.cofunding import reasons
from sajja.cofunding.chain import fund_chain_intact
from sajja.cofunding.models import CofundingReceipt, CofundingRefund, CofundingRequest, FundProfile, Village
from sajja.cofunding.reading import fund_facts, read_register
from sajja.cofunding.records import lines_digest
from sajja.core import thai_dates
from sajja.core.errors import Problem, ValidationFailed
from sajja.registry.models import Fund
from sajja.schemes.cofunding import (
    CofundingPolicy,
    Entitlement,
    FiscalYear,
    FiscalYearInvalid,
    FundFacts,
    NoPolicyInForce,
    Party,
    ReadFiscalYear,
    compute_entitlement,
    load_policy,
    load_policy_data,
    parse_fiscal_year,
    policy_names,
)


def read_fiscal_year(value: object, where: str = "fiscal_year") -> ReadFiscalYear:
    """A fiscal year typed in either era, or a ValidationFailed naming the field."""
    if isinstance(value, FiscalYear):
        return ReadFiscalYear(value, parse_fiscal_year(value.be).era)
    try:
        return parse_fiscal_year(value)
    except FiscalYearInvalid as exc:
        raise ValidationFailed([Problem(exc.code, exc.message_th, exc.message_en, where)]) from None


# --- the fund's profile and policy -----------------------------------------------------------------


def profile_of(fund) -> FundProfile | None:
    return FundProfile.objects.filter(fund=fund).first()


def villages_of(profile: FundProfile | None) -> list[tuple[int, str]]:
    if profile is None:
        return []
    return list(Village.objects.filter(profile=profile).order_by("number").values_list("number", "name"))


@lru_cache(maxsize=32)
def _shipped(name: str) -> CofundingPolicy:
    return load_policy(name)


_OWN: dict[str, CofundingPolicy] = {}


def policy_of(profile: FundProfile | None) -> CofundingPolicy:
    """The policy the fund follows: its own (as data), else the shipped one it names, else the national."""
    if profile is None:
        return _shipped("national")
    if profile.policy_definition:
        key = digest_of(profile.policy_definition)
        if key not in _OWN:
            if len(_OWN) > 64:
                _OWN.clear()
            _OWN[key] = load_policy_data(profile.policy_definition, source=f"{profile.policy_code}.yaml")
        return _OWN[key]
    if profile.policy_code not in policy_names():
        raise reasons.POLICY_UNKNOWN.invalid(
            "policy", name=profile.policy_code, names=", ".join(policy_names())
        )
    return _shipped(profile.policy_code)


# --- the entitlement -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Computed:
    """A fund's entitlement for one fiscal year, with what it was computed from."""

    fund: Fund
    read: ReadFiscalYear
    policy: CofundingPolicy
    facts: FundFacts
    result: Entitlement
    computed_on: datetime.date
    villages: list[tuple[int, str]]

    @property
    def fiscal_year(self) -> FiscalYear:
        return self.read.fiscal_year

    @property
    def provisional(self) -> bool:
        """Computed before the fiscal year was over: the figures may still change."""
        return self.computed_on <= self.fiscal_year.end

    @property
    def lines_digest(self) -> str:
        return lines_digest(
            (line.row.member_id, line.row.paid, tuple(r.value for r in line.reasons), line.amounts)
            for line in self.result.lines
        )

    @property
    def matching_parties(self) -> tuple[Party, ...]:
        """The parties that match the members (every party but the members themselves)."""
        return tuple(p for p in self.result.parties if p is not Party.MEMBERS)


def entitlement(
    fund, fy: object, *, today: datetime.date | None = None, chain_intact: bool | None = None
) -> Computed:
    """The fund's entitlement for `fy` (2569, "2026", a FiscalYear), from the register and the books, under
    the policy the fund follows. `chain_intact`: the audit chain's state when already known (a full
    `audit verify` just run); otherwise the fund's own events are checked (chain.fund_chain_intact)."""
    read = read_fiscal_year(fy)
    year = read.fiscal_year
    profile = profile_of(fund)
    policy = policy_of(profile)
    register = read_register(fund, year)
    present = {r.member_id for r in register.rows if r.status == "active" or r.status_since > year.end}
    intact = fund_chain_intact(fund) if chain_intact is None else chain_intact
    facts = fund_facts(fund, year, profile, register, present, intact)
    try:
        result = compute_entitlement(policy, year, facts, register.rows)
    except NoPolicyInForce as exc:  # a year the fund's policy does not cover: said about the year asked
        raise ValidationFailed([Problem(exc.code, exc.message_th, exc.message_en, "fiscal_year")]) from None
    return Computed(fund, read, policy, facts, result, today or thai_dates.today(), villages_of(profile))


def entitlement_for(user, fund, fy: object, *, today: datetime.date | None = None) -> Computed:
    require(user, fund, "view_cofunding")
    return entitlement(fund, fy, today=today)


# --- requests and the money against them -----------------------------------------------------------


def request_of(fund, fy: FiscalYear) -> CofundingRequest | None:
    return CofundingRequest.objects.filter(fund=fund, fiscal_year=fy.ce).first()


def request_for(user, fund, fy: object) -> CofundingRequest:
    """The fund's request for `fy`; 404 when it has not been made."""
    require(user, fund, "view_cofunding")
    year = read_fiscal_year(fy).fiscal_year
    found = request_of(fund, year)
    if found is None:
        raise reasons.NOT_REQUESTED.not_found("fiscal_year", year=year.be)
    return found


@dataclass(frozen=True)
class PartyStanding:
    """Where one party stands against a request: owed, received (settling it, and more), refunded."""

    party: Party
    requested: int
    received: int
    applied: int
    overpaid: int
    refunded: int
    receipts: int
    late: int

    @property
    def outstanding(self) -> int:
        """Still owed."""
        return self.requested - self.applied

    @property
    def to_refund(self) -> int:
        """Overpaid and not yet given back (a liability of the fund, in 2201)."""
        return self.overpaid - self.refunded

    @property
    def settled(self) -> bool:
        return self.outstanding == 0


def standings(request: CofundingRequest) -> list[PartyStanding]:
    """Each party the request asked for money (every party but the members) with what it was asked, what came
    in and what went back: a few queries."""
    got = {
        party: row
        for party, *row in CofundingReceipt.objects.filter(request=request)
        .values_list("party")
        .annotate(Sum("amount"), Sum("applied"), Sum("overpaid"), Count("id"))
        .order_by()
    }
    late = dict(
        CofundingReceipt.objects.filter(request=request, received_on__gt=request.due_on)
        .values_list("party")
        .annotate(Sum("amount"))
        .order_by()
    )
    back = dict(
        CofundingRefund.objects.filter(request=request)
        .values_list("party")
        .annotate(Sum("amount"))
        .order_by()
    )
    out = []
    for row in request.parties.exclude(party=Party.MEMBERS.value).order_by("id"):
        amount, applied, overpaid, receipts = got.get(row.party, (0, 0, 0, 0))
        out.append(
            PartyStanding(
                Party(row.party),
                row.amount,
                amount,
                applied,
                overpaid,
                back.get(row.party, 0),
                receipts,
                late.get(row.party, 0),
            )
        )
    return out


def standing_of(request: CofundingRequest, party: Party) -> PartyStanding | None:
    return next((s for s in standings(request) if s.party is party), None)
