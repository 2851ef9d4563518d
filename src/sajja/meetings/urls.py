"""Web routes of the meetings area. Every route is listed in tests/access/areas/meetings.py.

A fund's meetings live under funds/<code>/meetings/, a network's under networks/<network>/meetings/: the
same views and templates serve both (pages.routes names each body's routes)."""

from django.urls import path

from sajja.meetings import views, views_files, views_schedules
from sajja.meetings import views_minutes as minutes
from sajja.meetings import views_report as report

app_name = "meetings"


def _body_routes(prefix: str, name: str) -> list:
    """The meeting pages of one kind of body: prefix 'funds/<slug:code>' or 'networks/<slug:network>'."""
    m = f"{prefix}/meetings"
    return [
        path(f"{m}/hold/", minutes.meeting_hold, name=f"{name}hold"),
        path(f"{m}/new/", views_schedules.meeting_new, name=f"{name}new"),
        path(f"{m}/schedules/new/", views_schedules.schedule_new, name=f"{name}schedule-new"),
        path(f"{m}/schedules/<int:pk>/", views_schedules.schedule_page, name=f"{name}schedule"),
        path(f"{m}/<int:pk>/", minutes.meeting_detail, name=f"{name}detail"),
        path(f"{m}/<int:pk>/report/", report.meeting_report, name=f"{name}report"),
        path(f"{m}/<int:pk>/report/pdf/", report.meeting_report_pdf, name=f"{name}report-pdf"),
        path(f"{m}/<int:pk>/attend/", minutes.meeting_attend, name=f"{name}attend"),
        path(f"{m}/<int:pk>/minutes/", minutes.meeting_minutes, name=f"{name}minutes"),
        path(f"{m}/<int:pk>/resolve/", minutes.meeting_resolve, name=f"{name}resolve"),
        path(f"{m}/<int:pk>/files/", views_files.meeting_attachment_add, name=f"{name}attachment-add"),
        path(f"{m}/<int:pk>/files/<int:file_id>/", views_files.meeting_attachment, name=f"{name}attachment"),
    ]


urlpatterns = [
    path("funds/<slug:code>/meetings/", views.calendar, name="meeting-calendar"),
    *_body_routes("funds/<slug:code>", "meeting-"),
    path(
        "funds/<slug:code>/meetings/<int:pk>/resolutions/<int:number>/approve/",
        minutes.meeting_approve,
        name="meeting-approve",
    ),
    path("networks/<slug:network>/meetings/", views.calendar, name="network-meeting-calendar"),
    *_body_routes("networks/<slug:network>", "network-meeting-"),
    # the feeds need no login: the token in the address is the key (a wrong one is 404)
    path("calendar/fund/<slug:fund>/<str:token>.ics", views.feed, name="meetings-feed-fund"),
    path("calendar/network/<slug:network>/<str:token>.ics", views.feed, name="meetings-feed-network"),
]
