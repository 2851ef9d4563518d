"""Pages of the knowledge area: Thai search with marked snippets, one note and its files, a new note, and
the founding models side by side. A note's file is sent only to those the note is shared with (to anyone
else it does not exist: 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sajja.access.policy import may, require
from sajja.core.errors import DomainError, ValidationFailed
from sajja.knowledge import reasons
from sajja.knowledge.forms import AttachmentForm, NoteForm
from sajja.knowledge.selectors import (
    authors_for,
    note_choices,
    note_for,
    notes_for,
    profile_for,
    profiles,
    search_notes,
)
from sajja.knowledge.services import NoteData, write_note
from sajja.meetings import attachments
from sajja.meetings.models import Meeting, Resolution
from sajja.meetings.pages import show_refusal
from sajja.meetings.views_files import add_file, send_file
from sajja.reasons import in_language
from sajja.registry.models import Fund, Network
from sajja.welfare.models import FundSchemeVersion


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
            context["error"] = in_language(exc)
    else:
        context["recent"] = notes_for(request.user)[:20]
    context["can_write"] = any(authors_for(request.user))
    return render(request, "knowledge/search.html", context, status=400 if context["error"] else 200)


@login_required
@require_GET
def knowledge_note(request, pk):
    note = note_for(request.user, pk)
    context = {
        "note": note,
        "files": note.attachments.all(),
        "can_attach": may(request.user, note.body_owner, "manage_meetings"),
        "attach_form": AttachmentForm(),
    }
    return render(request, "knowledge/note.html", context)


@login_required
@require_GET
def model_profiles(request):
    """The founding models side by side."""
    return render(request, "knowledge/model_profiles.html", {"profiles": profiles(request.user)})


@login_required
@require_GET
def model_profile(request, network):
    return render(
        request, "knowledge/model_profiles.html", {"profiles": [profile_for(request.user, network)]}
    )


def _picked(model, value: str):
    return model.objects.filter(pk=int(value)).first() if value.isdigit() else None


@login_required
@require_http_methods(["GET", "POST"])
def knowledge_new(request):
    """Write a note for one of the user's funds or networks, with its links and a file."""
    choices = note_choices(request.user)
    if not choices["author"]:
        raise reasons.WRITING_NOTES_NOT_PERMITTED.not_permitted()
    form = NoteForm(request.POST or None, request.FILES or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        kind, code = d["author"].split(":", 1)
        body = (Fund if kind == "fund" else Network).objects.get(code=code)
        data = NoteData(
            kind=d["kind"],
            title=d["title"],
            body=d["body"],
            sharing=d["sharing"],
            tags=tuple(d["tags"].split(",")),
            about_fund=_picked(Fund, d["about_fund"]),
            meeting=_picked(Meeting, d["meeting"]),
            resolution=_picked(Resolution, d["resolution"]),
            scheme_version=_picked(FundSchemeVersion, d["scheme_version"]),
        )
        upload = d.get("file")
        files = ((upload.name, upload.read()),) if upload else ()
        try:
            note = write_note(request.user, body, data, files)
        except DomainError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Note saved"))
            return redirect("knowledge:knowledge-note", note.pk)
    status = 400 if form.errors else 200
    return render(request, "knowledge/new.html", {"form": form}, status=status)


@login_required
@require_POST
def note_attachment_add(request, pk):
    note = note_for(request.user, pk)
    require(request.user, note.body_owner, "manage_meetings")
    return add_file(request, note, redirect("knowledge:knowledge-note", note.pk))


@login_required
@require_GET
def note_attachment(request, pk, file_id):
    return send_file(*attachments.file_of(note_for(request.user, pk), file_id))
