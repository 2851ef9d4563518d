"""Web routes of the month-end close. Every route is listed in tests/access/areas/contributions_close.py."""

from django.urls import path

from sajja.contributions import views_close

urlpatterns = [
    path("funds/<slug:code>/contributions/months/", views_close.month_list, name="month-closes"),
    path(
        "funds/<slug:code>/contributions/months/<str:period>/",
        views_close.month_summary,
        name="month-close-summary",
    ),
    path(
        "funds/<slug:code>/contributions/months/<str:period>/close/",
        views_close.month_close,
        name="month-close",
    ),
]
