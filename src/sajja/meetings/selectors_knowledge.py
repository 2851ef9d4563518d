"""Reading knowledge notes: each user sees the notes shared with them, and finds them by Thai words."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from sajja.access.policy import scope_funds
from sajja.core.errors import NotFound, ValidationFailed
from sajja.core.ledger.checks import LedgerError
from sajja.meetings import search, thai_text
from sajja.meetings.models import KnowledgeNote, Sharing
from sajja.registry.models import Fund


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
        raise NotFound("ไม่พบบันทึก", "note not found")
    return note


def search_notes(user, query: str, limit: int = 50) -> list[Hit]:
    """Notes holding every word of the query, best first. A query of only stop words or symbols is refused."""
    terms = thai_text.query_words(query)
    if not terms:
        raise ValidationFailed(
            [
                LedgerError(
                    "query_without_words",
                    "คำค้นมีแต่คำทั่วไป (เช่น และ ของ ที่) หรือเครื่องหมาย: พิมพ์คำที่มีความหมาย เช่น สวัสดิการ",
                    "the query holds only common words (stop words) or symbols: type a meaningful word",
                    "q",
                )
            ]
        )
    ranked = search.ranked_ids(terms)
    visible = {n.pk: n for n in notes_for(user).filter(pk__in=ranked)}
    hits = [visible[pk] for pk in ranked if pk in visible][:limit]
    return [Hit(note, search.snippet(note.body, terms)) for note in hits]
