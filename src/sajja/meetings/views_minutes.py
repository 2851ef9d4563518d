"""Pages of a held meeting: its record on one phone screen, and the officers' buttons to fill it in."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sajja.core.errors import DomainError
from sajja.core.thai_dates import format_period
from sajja.meetings import selectors, services_minutes
from sajja.meetings.access import may, require_body
from sajja.meetings.models import AttendeeKind
from sajja.meetings.selectors_report import month_report
from sajja.registry.selectors import fund_for


def _language() -> str:
    return get_language() or "th"


@login_required
@require_GET
def meeting_detail(request, code, pk):
    fund = fund_for(request.user, code)
    meeting = selectors.meeting_for(request.user, fund, pk)
    resolutions = list(meeting.resolutions.all())
    context = {
        "fund": fund,
        "meeting": meeting,
        "agenda": meeting.agenda.all(),
        "attendance": meeting.attendance.select_related("member__person"),
        "quorum": selectors.quorum_of(meeting),
        "resolutions": resolutions,
        "next_number": (resolutions[-1].number + 1) if resolutions else 1,
        "can_manage": may(request.user, fund, "manage_meetings") and bool(meeting.number),
        "kinds": AttendeeKind.choices,
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_GET
def meeting_report(request, code, pk):
    """The one-page report to members after the meeting, to pin on the village notice board."""
    fund = fund_for(request.user, code)
    meeting = selectors.meeting_for(request.user, fund, pk)
    report = month_report(meeting)
    context = {
        "fund": fund,
        "report": report,
        "period": format_period(report.year, report.month, _language()),
    }
    return render(request, "meetings/meeting_report.html", context)


def _act(request, code, pk, action, done):
    """Run one officer's action on the meeting; its refusal is shown on the meeting's page."""
    fund = fund_for(request.user, code)
    meeting = selectors.meeting_for(request.user, fund, pk)
    require_body(request.user, fund, "manage_meetings")
    try:
        action(meeting)
    except DomainError as exc:
        messages.error(request, exc.message(_language()))
    else:
        messages.success(request, done)
    return redirect("meeting-detail", code=fund.code, pk=meeting.pk)


@login_required
@require_POST
def meeting_attend(request, code, pk):
    post = request.POST
    return _act(
        request,
        code,
        pk,
        lambda m: services_minutes.attend(
            request.user, m, post.get("kind", ""), post.get("member_number", ""), post.get("guest_name", "")
        ),
        _("Signed in"),
    )


@login_required
@require_POST
def meeting_minutes(request, code, pk):
    notes = {
        int(key.removeprefix("item-")): value
        for key, value in request.POST.items()
        if key.startswith("item-") and key.removeprefix("item-").isdigit()
    }
    return _act(
        request,
        code,
        pk,
        lambda m: services_minutes.write_minutes(request.user, m, request.POST.get("minutes", ""), notes),
        _("Minutes saved"),
    )


@login_required
@require_POST
def meeting_resolve(request, code, pk):
    post = request.POST
    number = post.get("number", "")
    return _act(
        request,
        code,
        pk,
        lambda m: services_minutes.resolve(
            request.user,
            m,
            post.get("text", ""),
            post.get("link_kind", ""),
            post.get("link_id", ""),
            int(number) if number.isdigit() else None,
        ),
        _("Resolution recorded"),
    )


@login_required
@require_POST
def meeting_hold(request, code):
    """Open the record of a planned meeting (from the calendar), numbered in the term."""
    fund = fund_for(request.user, code)
    require_body(request.user, fund, "manage_meetings")
    post = request.POST
    try:
        data = services_minutes.HoldData(
            term=int(post.get("term", "0")),
            number=int(post.get("number", "0")),
            date=datetime.date.fromisoformat(post.get("date", "")),
            schedule_id=int(post["schedule"]) if post.get("schedule", "").isdigit() else None,
        )
    except ValueError:
        messages.error(request, _("Give the meeting's date, number and term, e.g. 4/2569"))
        return redirect("meeting-calendar", code=fund.code)
    try:
        meeting = services_minutes.hold_meeting(request.user, fund, data)
    except DomainError as exc:
        messages.error(request, exc.message(_language()))
        return redirect("meeting-calendar", code=fund.code)
    return redirect("meeting-detail", code=fund.code, pk=meeting.pk)
