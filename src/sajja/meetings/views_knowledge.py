"""Pages of knowledge notes: Thai search with marked snippets, and one note."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from sajja.core.errors import ValidationFailed
from sajja.meetings.selectors_knowledge import note_for, notes_for, search_notes
from sajja.meetings.selectors_profile import profile_for, profiles


@login_required
@require_GET
def knowledge_search(request):
    query = request.GET.get("q", "").strip()
    context = {"q": query, "hits": None, "error": "", "recent": None}
    if query:
        try:
            hits = search_notes(request.user, query)
            # snippets are escaped by search.snippet; only its <mark> tags are markup
            context["hits"] = [(h.note, mark_safe(h.snippet)) for h in hits]
        except ValidationFailed as exc:
            context["error"] = exc.message(get_language() or "th")
    else:
        context["recent"] = notes_for(request.user)[:20]
    return render(request, "meetings/knowledge_search.html", context, status=400 if context["error"] else 200)


@login_required
@require_GET
def knowledge_note(request, pk):
    return render(request, "meetings/knowledge_note.html", {"note": note_for(request.user, pk)})


@login_required
@require_GET
def model_profiles(request):
    """The founding models side by side."""
    return render(request, "meetings/model_profiles.html", {"profiles": profiles(request.user)})


@login_required
@require_GET
def model_profile(request, network):
    return render(request, "meetings/model_profiles.html", {"profiles": [profile_for(request.user, network)]})
