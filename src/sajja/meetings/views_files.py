"""Files of meeting records: added by the body's officers, sent only to those who may see the meeting (to
anyone else the file does not exist: 404). `add_file` and `send_file` serve the knowledge notes' files too
(sajja.knowledge.views)."""

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
from sajja.reasons import in_language


def add_file(request, place, back):
    """Attach the request's file to the meeting or note; say how it went, and go `back`."""
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


def send_file(attachment, path):
    """The file, as a download the browser does not second-guess."""
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
    return add_file(request, meeting, redirect(routes(body)["detail"], body.code, meeting.pk))


@login_required
@require_GET
def meeting_attachment(request, pk, file_id, code=None, network=None):
    body = body_of(request, code, network)
    meeting = selectors.meeting_for(request.user, body, pk)
    return send_file(*attachments.file_of(meeting, file_id))
