"""Web routes of the month-end close. Every route is listed in tests/access/areas/contributions_close.py."""

from django.urls import path

from sajja.contributions.month_end import views

app_name = "month_end"

urlpatterns = [
    path("funds/<slug:code>/contributions/months/", views.month_list, name="month-closes"),
    path(
        "funds/<slug:code>/contributions/months/<str:period>/",
        views.month_summary,
        name="month-close-summary",
    ),
    path(
        "funds/<slug:code>/contributions/months/<str:period>/close/",
        views.month_close,
        name="month-close",
    ),
]
