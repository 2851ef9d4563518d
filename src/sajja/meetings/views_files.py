"""Files of meeting records and knowledge notes: added by the body's officers, sent only to those who may
see the meeting or the note (to anyone else the file does not exist: 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sajja.access.policy import require
from sajja.core.errors import DomainError
from sajja.meetings import attachments, selectors
from sajja.meetings.pages import body_of, routes
from sajja.meetings.selectors_knowledge import note_for
from sajja.reasons import in_language


def _upload(request, place, back):
    upload = request.FILES.get("file")
    try:
        if upload is None:
            attachments.check_file(b"")  # says what is missing, like an empty file
        attachments.attach(request.user, place, upload.name, upload.read())
    except DomainError as exc:
        messages.error(request, in_language(exc))
    else:
        messages.success(request, _("File attached"))
    return back


def _send(attachment, path):
    response = FileResponse(
        path.open("rb"), content_type=attachment.content_type, as_attachment=True, filename=attachment.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def meeting_attachment_add(request, pk, code=None, network=None):
    body = body_of(request, code, network)
    meeting = selectors.meeting_for(request.user, body, pk)
    require(request.user, body, "manage_meetings")
    return _upload(request, meeting, redirect(routes(body)["detail"], body.code, meeting.pk))


@login_required
@require_GET
def meeting_attachment(request, pk, file_id, code=None, network=None):
    body = body_of(request, code, network)
    meeting = selectors.meeting_for(request.user, body, pk)
    return _send(*attachments.file_of(meeting, file_id))


@login_required
@require_POST
def note_attachment_add(request, pk):
    note = note_for(request.user, pk)
    require(request.user, note.body_owner, "manage_meetings")
    return _upload(request, note, redirect("knowledge-note", note.pk))


@login_required
@require_GET
def note_attachment(request, pk, file_id):
    return _send(*attachments.file_of(note_for(request.user, pk), file_id))
