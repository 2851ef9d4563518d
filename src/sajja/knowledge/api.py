"""API routes of the knowledge area (a django-ninja router mounted under /api/).

The route was first published in the meetings area's router: it keeps that router's tag and its operation
id, so that clients generated from the API's description go on working."""

from __future__ import annotations

from ninja import Router

from sajja.api.schemas import ERRORS
from sajja.knowledge import schemas as s
from sajja.knowledge.selectors import search_notes

router = Router(tags=["meetings"])


@router.get(
    "/knowledge",
    response={200: list[s.NoteHitOut], **ERRORS},
    url_name="knowledge-search",
    operation_id="sajja_meetings_api_knowledge_search",
)
def knowledge_search(request, q: str):
    """Knowledge notes shared with you holding every word of `q` (Thai words understood), best first;
    `snippet` is HTML with the words in <mark>. A query of only stop words or symbols answers 400."""
    return [
        {
            "id": h.note.pk,
            "title": h.note.title,
            "kind": h.note.kind,
            "by": h.note.body_owner.code,
            "sharing": h.note.sharing,
            "tags": h.note.tags,
            "snippet": h.snippet,
        }
        for h in search_notes(request.auth, q)
    ]
