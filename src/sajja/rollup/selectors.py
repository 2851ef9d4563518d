"""Every read of the roll-up, scoped: a network's figures for its coordinator (and administrators), a
province's and the nation's for administrators. Outside the user's reach a network, a province or the
nation answers as one that does not exist (404), a fund's own officers included: the page shows every
fund of the network.

The figures come from the roll-up's tables in six queries, whatever the number of funds: the funds'
snapshots, this month's and last month's rows, the fiscal year's sums per fund, the year's benefits per
fund and category, the co-funding of the fiscal year claimed per fund and party, and what any year's
requests still owe long after their due date per fund. Each fund's figures are then assembled and summed
(assembly.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

import geothai
from django.db.models import F, Min, QuerySet, Sum

from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import may
from sajja.access.reasons import NETWORK_NOT_FOUND
from sajja.core import thai_dates
from sajja.core.month import Month
from sajja.registry.models import Fund, Network
from sajja.rollup import reasons
from sajja.rollup.assembly import (
    NATIONAL,
    NETWORK,
    PROVINCE,
    CofundingWindow,
    FundInputs,
    FundRef,
    Rollup,
    assemble,
)
from sajja.rollup.books import SNAPSHOT_FIELDS, Snapshot, as_date
from sajja.rollup.figures import Benefit, Cofunding, by_party
from sajja.rollup.models import FundBenefitFigures, FundCofundingFigures, FundFigures, FundMonthFigures
from sajja.schemes.cofunding.fiscal import fiscal_year_of

CAPABILITY = "view_network_figures"


# --- who sees what ------------------------------------------------------------------------------------


def network_for(user, code: str) -> Network:
    """The network, if the user may see its figures (its coordinator, an administrator); 404 otherwise,
    whether it exists or not."""
    network = Network.objects.filter(code=code).first()
    if network is None or not may(user, network, CAPABILITY):
        raise NETWORK_NOT_FOUND.not_found()
    return network


def sees_everything(user) -> bool:
    """An administrator of every fund (or the command line)."""
    if getattr(user, "is_system", False):
        return True
    if not user or not user.is_authenticated:
        return False
    return RoleAssignment.objects.filter(user=user, role=Role.ADMIN, fund=None, network=None).exists()


def province_for(user, code: str) -> tuple[str, str, str]:
    """(code, Thai name, English name) of a province with funds, for an administrator; 404 otherwise."""
    if not sees_everything(user) or not Fund.objects.filter(province_code=code).exists():
        raise reasons.PROVINCE_NOT_FOUND.not_found()
    return province_names(code)


def require_national(user) -> None:
    if not sees_everything(user):
        raise reasons.NATIONAL_NOT_FOUND.not_found()


def province_names(code: str) -> tuple[str, str, str]:
    province = geothai.province(code) if code else None
    if province is None:
        return (code, f"จังหวัด {code}".strip() if code else "ไม่ระบุจังหวัด", code or "province not recorded")
    return (code, province.name_th, province.name_en)


# --- the figures ------------------------------------------------------------------------------------


def network_figures(user, code: str, today: datetime.date | None = None) -> Rollup:
    """A network's funds side by side (the Network itself is the roll-up's `body`)."""
    network = network_for(user, code)
    today = today or thai_dates.today()
    funds = fund_inputs(Fund.objects.filter(network=network), {"fund__network": network}, today)
    rollup = assemble(NETWORK, (network.code, network.name_th, network.name_en), today, funds)
    rollup.body = network
    return rollup


def province_figures(user, code: str, today: datetime.date | None = None) -> Rollup:
    body = province_for(user, code)
    today = today or thai_dates.today()
    funds = fund_inputs(Fund.objects.filter(province_code=code), {"fund__province_code": code}, today)
    networks = {
        n.pk: (n.code, n.name_th, n.name_en) for n in Network.objects.filter(funds__province_code=code)
    }
    return assemble(PROVINCE, body, today, funds, group=lambda ref: networks[ref.network_id])


def national_figures(user, today: datetime.date | None = None) -> Rollup:
    require_national(user)
    today = today or thai_dates.today()
    return national_rollup(fund_inputs(Fund.objects.all(), {}, today), today)


def national_rollup(funds: list[tuple[FundRef, FundInputs]], today: datetime.date) -> Rollup:
    """The nation by province, from its funds' inputs (from the tables, or from the books: bench/rollup.py)."""
    names = {code: province_names(code) for code in {ref.province_code for ref, _ in funds}}
    return assemble(
        NATIONAL, ("", "ทั้งประเทศ", "The nation"), today, funds, group=lambda ref: names[ref.province_code]
    )


def fund_refs(funds: QuerySet) -> list[FundRef]:
    """The funds as the roll-up names them, by code."""
    return [
        FundRef(*row)
        for row in funds.order_by("code").values_list(
            "pk", "code", "name_th", "name_en", "network_id", "province_code"
        )
    ]


def fund_inputs(funds: QuerySet, where: dict, today: datetime.date) -> list[tuple[FundRef, FundInputs]]:
    """Each fund's inputs from the roll-up's tables (`where` narrows them to the same funds, by a join)."""
    month = Month.of(today)
    fy = fiscal_year_of(today)
    first, current, previous = Month.of(fy.start).number, month.number, month.previous().number
    refs = fund_refs(funds)
    snapshots = {
        row[0]: Snapshot(*row[1:])
        for row in FundFigures.objects.filter(**where).values_list("fund_id", "as_of", *SNAPSHOT_FIELDS)
    }
    months: dict[tuple[int, int], tuple[int, int]] = {
        (pk, p): (e, c)
        for pk, p, e, c in FundMonthFigures.objects.filter(
            **where, period__in=(current, previous)
        ).values_list("fund_id", "period", "expected", "collected")
    }
    in_year = FundMonthFigures.objects.filter(**where, period__gte=first, period__lte=current)
    years = {
        r["fund_id"]: (r["e"] or 0, r["c"] or 0)
        for r in in_year.values("fund_id").annotate(e=Sum("expected"), c=Sum("collected")).order_by()
    }
    benefits: dict[int, dict[str, Benefit]] = defaultdict(dict)
    paid = FundBenefitFigures.objects.filter(**where, period__gte=first, period__lte=current)
    for r in paid.values("fund_id", "category").annotate(n=Sum("claims"), a=Sum("amount")).order_by():
        benefits[r["fund_id"]][r["category"]] = Benefit(r["n"] or 0, r["a"] or 0)
    window = CofundingWindow.of(today)
    claimed: dict[int, dict[str, Cofunding]] = defaultdict(dict)
    for pk, party, requested, received, to_refund in (
        FundCofundingFigures.objects.filter(**where, fiscal_year=window.claimed)
        .order_by()
        .values_list("fund_id", "party", "requested", "received", "to_refund")
    ):
        claimed[pk][party] = Cofunding(requested, received, to_refund)
    late = FundCofundingFigures.objects.filter(
        **where, due_on__lt=window.overdue_before, requested__gt=F("received")
    )  # CofundingWindow.overdue
    overdue = {
        r["fund_id"]: (r["owed"], as_date(r["since"]))
        for r in late.values("fund_id")
        .annotate(owed=Sum(F("requested") - F("received")), since=Min("due_on"))
        .order_by()
    }
    return [
        (
            ref,
            FundInputs(
                snapshots.get(ref.pk),
                months.get((ref.pk, current)),
                months.get((ref.pk, previous)),
                years.get(ref.pk, (0, 0)),
                benefits.get(ref.pk, {}),
                by_party(claimed[ref.pk]) if ref.pk in claimed else None,
                overdue.get(ref.pk),
            ),
        )
        for ref in refs
    ]
