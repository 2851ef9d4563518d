"""Forms that arrange a body's meetings, phone-sized: a monthly schedule, one meeting outside it, and
cancelling or moving one meeting of a schedule. Refusals come back on the form, in the user's language."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sajja.access.policy import require
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.meetings import selectors, services
from sajja.meetings.forms import ChangeForm, EndForm, MeetingForm, ScheduleForm
from sajja.meetings.pages import base_context, body_of, routes, show_refusal


def _to_calendar(body):
    return redirect(routes(body)["calendar"], body.code)


def _form_page(request, body, form, title: str, action: str, status=200):
    url = reverse(routes(body)[action], args=[body.code])
    context = {**base_context(request, body), "form": form, "title": title, "action": url}
    return render(request, "meetings/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def schedule_new(request, code=None, network=None):
    body = body_of(request, code, network)
    require(request.user, body, "manage_meetings")
    form = ScheduleForm(request.POST or None, initial={"start_on": thai_dates.today()})
    if request.method == "POST" and form.is_valid():
        try:
            schedule = services.create_schedule(request.user, body, form.data_for_service())
        except DomainError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Schedule saved: %(rule)s") % {"rule": schedule.rule.describe_th()})
            return _to_calendar(body)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, body, form, _("A monthly meeting"), "schedule_new", status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request, code=None, network=None):
    body = body_of(request, code, network)
    require(request.user, body, "manage_meetings")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_meeting(request.user, body, form.data_for_service())
        except DomainError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Meeting added to the calendar"))
            return _to_calendar(body)
    status = 400 if request.method == "POST" else 200
    return _form_page(request, body, form, _("A single meeting"), "new", status)


@login_required
@require_http_methods(["GET", "POST"])
def schedule_page(request, pk, code=None, network=None):
    """A schedule's rule and coming meetings; its officers cancel or move one of them here."""
    body = body_of(request, code, network)
    schedule = selectors.schedule_for(request.user, body, pk)
    ending = request.POST.get("form") == "end"
    form = ChangeForm(None if ending else request.POST or None)
    end_form = EndForm(request.POST if ending else None)
    if request.method == "POST":
        require(request.user, body, "manage_meetings")
        if ending and end_form.is_valid():
            try:
                services.end_schedule(request.user, schedule, end_form.cleaned_data["until"])
            except DomainError as exc:
                show_refusal(end_form, exc)
            else:
                messages.success(request, _("The schedule ends on the day given"))
                return redirect(routes(body)["schedule"], body.code, schedule.pk)
        elif not ending and form.is_valid():
            d = form.cleaned_data
            try:
                if d["action"] == "cancel":
                    services.cancel_occurrence(request.user, schedule, d["date"], d["reason"])
                else:
                    to = services.MeetingData(
                        schedule.title_th,
                        d["to_date"],
                        d["start_time"] or schedule.start_time,
                        d["end_time"] or schedule.end_time,
                        d["venue"],
                    )
                    services.move_occurrence(request.user, schedule, d["date"], to, d["reason"])
            except DomainError as exc:
                show_refusal(form, exc)
            else:
                messages.success(request, _("The meeting's change is on the calendar"))
                return redirect(routes(body)["schedule"], body.code, schedule.pk)
    today = thai_dates.today()
    context = {
        **base_context(request, body),
        "schedule": schedule,
        "coming": selectors.schedule_occurrences(schedule, today, today + datetime.timedelta(days=366)),
        "form": form,
        "end_form": end_form,
    }
    failed = form.errors or end_form.errors
    return render(request, "meetings/schedule.html", context, status=400 if failed else 200)
