"""Web routes of the meetings area. Every route is listed in tests/access/areas/meetings.py."""

from django.urls import path

from sajja.meetings import views
from sajja.meetings import views_knowledge as knowledge
from sajja.meetings import views_minutes as minutes

urlpatterns = [
    path("funds/<slug:code>/meetings/", views.calendar, name="meeting-calendar"),
    path("funds/<slug:code>/meetings/hold/", minutes.meeting_hold, name="meeting-hold"),
    path("funds/<slug:code>/meetings/<int:pk>/", minutes.meeting_detail, name="meeting-detail"),
    path("funds/<slug:code>/meetings/<int:pk>/report/", minutes.meeting_report, name="meeting-report"),
    path("funds/<slug:code>/meetings/<int:pk>/attend/", minutes.meeting_attend, name="meeting-attend"),
    path("funds/<slug:code>/meetings/<int:pk>/minutes/", minutes.meeting_minutes, name="meeting-minutes"),
    path("funds/<slug:code>/meetings/<int:pk>/resolve/", minutes.meeting_resolve, name="meeting-resolve"),
    path("knowledge/", knowledge.knowledge_search, name="knowledge-search"),
    path("knowledge/<int:pk>/", knowledge.knowledge_note, name="knowledge-note"),
    path("models/", knowledge.model_profiles, name="model-profiles"),
    path("models/<slug:network>/", knowledge.model_profile, name="model-profile"),
    # the feeds need no login: the token in the address is the key (a wrong one is 404)
    path("calendar/fund/<slug:fund>/<str:token>.ics", views.feed, name="meetings-feed-fund"),
    path("calendar/network/<slug:network>/<str:token>.ics", views.feed, name="meetings-feed-network"),
]
