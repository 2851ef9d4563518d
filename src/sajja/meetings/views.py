"""Pages of the meetings area: a fund's or a network's calendar, and the calendar feeds phones subscribe to."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from sajja.access.policy import may
from sajja.core import thai_dates
from sajja.core.thai_dates import buddhist_year
from sajja.meetings import selectors
from sajja.meetings.feed import build_feed
from sajja.meetings.pages import base_context, body_of
from sajja.registry.models import Fund


def feed_url(request, body) -> str:
    kind = "fund" if body._meta.model_name == "fund" else "network"
    path = reverse(
        f"meetings:meetings-feed-{kind}", kwargs={kind: body.code, "token": selectors.feed_token(body)}
    )
    return request.build_absolute_uri(path)


@login_required
@require_GET
def calendar(request, code=None, network=None):
    """The body's coming meetings, its schedules and its meeting records; a fund's page also shows its
    network's meetings to those who may see them."""
    body = body_of(request, code, network)
    today = thai_dates.today()
    context = {
        **base_context(request, body),
        "today": today,
        "own": selectors.upcoming_for(request.user, body, today),
        "own_feed": feed_url(request, body),
        "own_schedules": selectors.schedules_for(request.user, body),
        "held": selectors.held_meetings_for(request.user, body)[:12],
        "term": buddhist_year(today.year),
        "next_number": selectors.next_meeting_number(body, buddhist_year(today.year)),
    }
    if isinstance(body, Fund) and may(request.user, body.network, "view_meetings"):
        context["network"] = body.network
        context["network_meetings"] = selectors.upcoming_for(request.user, body.network, today)
        context["network_feed"] = feed_url(request, body.network)
    return render(request, "meetings/calendar.html", context)


@require_GET
def feed(request, token, fund=None, network=None):
    kind, code = ("fund", fund) if fund else ("network", network)
    body = selectors.body_for_feed(kind, code, token)
    response = HttpResponse(build_feed(body, thai_dates.today()), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{body.code}.ics"'
    return response
