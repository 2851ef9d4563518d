"""Model profiles: each founding network side by side, its figures computed live from the books (only for
the networks the user reaches) and the knowledge notes about it that are shared with the user."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, Sum

from sajja.access.policy import scope_funds
from sajja.core.ledger.chart import BANK, CASH, MEMBER_CONTRIBUTIONS
from sajja.ledger.models import Line
from sajja.meetings import reasons
from sajja.meetings.models import KnowledgeNote
from sajja.meetings.selectors_knowledge import notes_for
from sajja.registry.models import Fund, Member, MemberStatus, Network


@dataclass(frozen=True)
class Figures:
    members: int
    collected: int  # satang paid in by members, all time
    benefits_paid: int  # satang
    reserve: int  # satang in cash and bank today


@dataclass(frozen=True)
class Profile:
    network: Network
    funds: int
    figures: Figures | None  # None: the user's roles do not reach this network's books
    notes: list[KnowledgeNote]


def _figures(funds) -> Figures:
    lines = Line.objects.filter(entry__fund__in=funds)

    def total(condition) -> int:
        return lines.filter(condition).aggregate(s=Sum("amount"))["s"] or 0

    return Figures(
        members=Member.objects.filter(fund__in=funds, status=MemberStatus.ACTIVE).count(),
        collected=-total(Q(account__code__startswith=MEMBER_CONTRIBUTIONS)),
        benefits_paid=total(Q(account__code__startswith="51")),
        reserve=total(Q(account__code__in=[CASH, BANK])),
    )


def profile(user, network: Network) -> Profile:
    reached = scope_funds(user, Fund.objects.filter(network=network), "view_books")
    whole = Fund.objects.filter(network=network)
    # figures only where the user may read every fund's books of the network
    figures = _figures(whole) if reached.count() == whole.count() and whole.exists() else None
    about = Q(network=network) | Q(fund__network=network) | Q(about_fund__network=network)
    return Profile(network, whole.count(), figures, list(notes_for(user).filter(about)[:10]))


def profiles(user) -> list[Profile]:
    return [profile(user, n) for n in Network.objects.order_by("code")]


def profile_for(user, code: str) -> Profile:
    network = Network.objects.filter(code=code).first()
    if network is None:
        raise reasons.MODEL_NOT_FOUND.not_found()
    return profile(user, network)
