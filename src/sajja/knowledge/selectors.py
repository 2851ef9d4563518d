"""Every read of the knowledge area: each user sees the notes shared with them and finds them by Thai words;
the founding models (networks) side by side, their figures live from the books where the user's roles reach
(each network's profile, with the notes about it that are shared with the user)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum

from sajja.access.capabilities import capability
from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import scope_funds
from sajja.core.ledger.chart import MEMBER_CONTRIBUTIONS
from sajja.knowledge import reasons, search, thai_text
from sajja.knowledge.models import KnowledgeNote, Sharing
from sajja.ledger.models import Line
from sajja.ledger.selectors import reserve_accounts, reserves
from sajja.meetings.models import Meeting, Resolution
from sajja.registry.models import Fund, Member, MemberStatus, Network
from sajja.welfare.models import FundSchemeVersion


@dataclass(frozen=True)
class Hit:
    note: KnowledgeNote
    snippet: str  # HTML: escaped text with the searched words in <mark>


def notes_for(user) -> QuerySet[KnowledgeNote]:
    """Notes shared with everyone, with the user's networks, or with the user's own funds."""
    notes = KnowledgeNote.objects.select_related("fund", "network")
    if getattr(user, "is_system", False):
        return notes
    if not user or not user.is_authenticated:
        return notes.none()
    funds = scope_funds(user, Fund.objects.all())
    networks = funds.values("network_id")
    fund_ids = funds.values("pk")
    return notes.filter(
        Q(sharing=Sharing.EVERYONE)
        | Q(sharing=Sharing.NETWORK, fund__network_id__in=networks)
        | Q(sharing=Sharing.FUND, fund_id__in=fund_ids)
        | Q(fund__isnull=True, network_id__in=networks)  # a network's notes reach its funds' people
    )


def note_for(user, pk: int) -> KnowledgeNote:
    note = notes_for(user).filter(pk=pk).first()
    if note is None:
        raise reasons.NOTE_NOT_FOUND.not_found()
    return note


def search_notes(user, query: str, limit: int = 50) -> list[Hit]:
    """Notes holding every word of the query, best first. A query of only stop words or symbols is refused."""
    terms = thai_text.query_words(query)
    if not terms:
        raise reasons.QUERY_WITHOUT_WORDS.invalid("q")
    ranked = search.ranked_ids(terms)
    visible = {n.pk: n for n in notes_for(user).filter(pk__in=ranked)}
    hits = [visible[pk] for pk in ranked if pk in visible][:limit]
    return [Hit(note, search.snippet(note.body, terms)) for note in hits]


def authors_for(user) -> tuple[list[Fund], list[Network]]:
    """The funds and networks the user may write notes for (where they arrange meetings)."""
    if not user or not (user.is_authenticated or getattr(user, "is_system", False)):
        return [], []
    rows = list(RoleAssignment.objects.filter(user=user).values_list("role", "fund_id", "network_id"))
    if getattr(user, "is_system", False) or any(r == Role.ADMIN and not f and not n for r, f, n in rows):
        return list(Fund.objects.order_by("code")), list(Network.objects.order_by("code"))
    manage = capability("manage_meetings")
    fund_ids = [f for r, f, _ in rows if f and Role(r) in manage.in_fund]
    network_ids = [n for r, _, n in rows if n and Role(r) in manage.over_network]
    return (
        list(Fund.objects.filter(pk__in=fund_ids).order_by("code")),
        list(Network.objects.filter(pk__in=network_ids).order_by("code")),
    )


def note_choices(user) -> dict[str, list[tuple[str, str]]]:
    """What a new note may be written by and link to: the user's own bodies' meetings, resolutions and
    scheme versions, and the funds the user sees."""
    funds, networks = authors_for(user)
    bodies = Q(fund__in=funds) | Q(network__in=networks)
    meetings = Meeting.objects.filter(bodies, number__isnull=False).order_by("-date")[:50]
    resolutions = (
        Resolution.objects.filter(meeting__in=meetings)
        .select_related("meeting")
        .order_by("-meeting__date", "number")
    )
    versions = FundSchemeVersion.objects.filter(
        Q(scheme__fund__in=funds) | Q(scheme__fund__network__in=networks)
    ).select_related("scheme")
    return {
        "author": [(f"fund:{f.code}", f.name_th) for f in funds]
        + [(f"network:{n.code}", n.name_th) for n in networks],
        "about_fund": [(str(f.pk), f.name_th) for f in scope_funds(user, Fund.objects.order_by("code"))],
        "meeting": [(str(m.pk), f"{m.title_th} {m.reference}") for m in meetings],
        "resolution": [
            (str(r.pk), f"{r.meeting.reference} ข้อ {r.number}: {r.text[:60]}") for r in resolutions
        ],
        "scheme_version": [(str(v.pk), str(v)) for v in versions],
    }


# --- model profiles: each founding network side by side -------------------------------------------------


@dataclass(frozen=True)
class Figures:
    members: int
    collected: int  # satang paid in by members, all time
    benefits_paid: int  # satang
    reserve: int  # satang: the reserve (`sajja.ledger.selectors.reserves`), cash and bank today


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
        reserve=sum(reserves(reserve_accounts().filter(fund__in=funds)).values()),
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
