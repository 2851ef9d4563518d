"""Pages of a held meeting of a fund or a network: its record on one phone screen, and the officers'
buttons to fill it in. A resolution approving claims is approved here by the committee members present."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sajja.access.policy import require
from sajja.core.errors import DomainError
from sajja.meetings import reasons, selectors, services_approvals, services_minutes
from sajja.meetings.links import meeting_links
from sajja.meetings.models import AttendeeKind, LinkKind
from sajja.meetings.pages import base_context, body_of, routes
from sajja.reasons import in_language
from sajja.registry.models import Fund


@login_required
@require_GET
def meeting_detail(request, pk, code=None, network=None):
    body = body_of(request, code, network)
    meeting = selectors.meeting_for(request.user, body, pk)
    resolutions = list(meeting.resolutions.prefetch_related("links"))
    context = {
        **base_context(request, body),
        "meeting": meeting,
        "agenda": meeting.agenda.all(),
        "attendance": meeting.attendance.select_related("member__person", "member__fund"),
        "quorum": selectors.quorum_of(meeting),
        "resolutions": resolutions,
        "next_number": (resolutions[-1].number + 1) if resolutions else 1,
        "kinds": AttendeeKind.choices,
        "link_kinds": LinkKind.choices
        if isinstance(body, Fund)
        else [(LinkKind.COFUNDING, LinkKind.COFUNDING.label)],
        "present": services_approvals.present_as_committee(request.user, meeting),
        "files": meeting.attachments.all(),
        **meeting_links(request.user, meeting),
    }
    context["can_manage"] = context["can_manage"] and bool(meeting.number)
    rows = []
    for resolution in resolutions:
        links = list(resolution.links.all())
        for link in links:
            link.now = context["claims_now"].get(link.ref) if link.kind == LinkKind.CLAIMS else None
        awaiting = any(link.now and link.now["open"] for link in links)  # a claim still to approve
        rows.append((resolution, links, awaiting))
    context["resolution_rows"] = rows
    return render(request, "meetings/meeting_detail.html", context)


def _act(request, body, pk, action, done):
    """Run one officer's action on the meeting; its refusal is shown on the meeting's page."""
    meeting = selectors.meeting_for(request.user, body, pk)
    require(request.user, body, "manage_meetings")
    try:
        action(meeting)
    except DomainError as exc:
        messages.error(request, in_language(exc))
    else:
        messages.success(request, done)
    return redirect(routes(body)["detail"], body.code, meeting.pk)


@login_required
@require_POST
def meeting_attend(request, pk, code=None, network=None):
    post = request.POST
    return _act(
        request,
        body_of(request, code, network),
        pk,
        lambda m: services_minutes.attend(
            request.user,
            m,
            post.get("kind", ""),
            post.get("member_number", ""),
            post.get("guest_name", ""),
            post.get("fund_code", ""),
        ),
        _("Signed in"),
    )


@login_required
@require_POST
def meeting_minutes(request, pk, code=None, network=None):
    notes = {
        int(key.removeprefix("item-")): value
        for key, value in request.POST.items()
        if key.startswith("item-") and key.removeprefix("item-").isdigit()
    }
    return _act(
        request,
        body_of(request, code, network),
        pk,
        lambda m: services_minutes.write_minutes(request.user, m, request.POST.get("minutes", ""), notes),
        _("Minutes saved"),
    )


@login_required
@require_POST
def meeting_resolve(request, pk, code=None, network=None):
    post = request.POST
    number = post.get("number", "")
    # claims and members come ticked in a list; a version or a request's reference typed in
    refs = post.getlist("ref") + [post.get("link_id", "")]
    return _act(
        request,
        body_of(request, code, network),
        pk,
        lambda m: services_minutes.resolve(
            request.user,
            m,
            post.get("text", ""),
            post.get("link_kind", ""),
            refs,
            int(number) if number.isdigit() else None,
        ),
        _("Resolution recorded"),
    )


@login_required
@require_POST
def meeting_approve(request, pk, number, code):
    """A committee member present approves, for themself, the claims the resolution approves."""
    body = body_of(request, code)
    meeting = selectors.meeting_for(request.user, body, pk)
    require(request.user, body, "approve_claims")  # the fund's committee, nobody else
    resolution = meeting.resolutions.filter(number=number).first()
    if resolution is None:
        raise reasons.RESOLUTION_NOT_FOUND.not_found()
    try:
        approved = services_approvals.approve_claims(request.user, resolution)
    except DomainError as exc:
        messages.error(request, in_language(exc))
    else:
        messages.success(request, _("You approved %(n)s claims") % {"n": len(approved)})
    return redirect("meetings:meeting-detail", body.code, meeting.pk)


@login_required
@require_POST
def meeting_hold(request, code=None, network=None):
    """Open the record of a planned meeting (from the calendar), numbered in the term."""
    body = body_of(request, code, network)
    require(request.user, body, "manage_meetings")
    post = request.POST
    calendar = routes(body)["calendar"]
    try:
        data = services_minutes.HoldData(
            term=int(post.get("term", "0")),
            number=int(post.get("number", "0")),
            date=datetime.date.fromisoformat(post.get("date", "")),
            schedule_id=int(post["schedule"]) if post.get("schedule", "").isdigit() else None,
            meeting_id=int(post["meeting"]) if post.get("meeting", "").isdigit() else None,
        )
    except ValueError:
        messages.error(request, _("Give the meeting's date, number and term, e.g. 4/2569"))
        return redirect(calendar, body.code)
    try:
        meeting = services_minutes.hold_meeting(request.user, body, data)
    except DomainError as exc:
        messages.error(request, in_language(exc))
        return redirect(calendar, body.code)
    return redirect(routes(body)["detail"], body.code, meeting.pk)
