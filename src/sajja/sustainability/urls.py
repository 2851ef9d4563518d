"""Web routes of the sustainability area. Every route is listed in tests/access/areas/sustainability.py."""

from django.urls import path

from sajja.sustainability import views

app_name = "sustainability"

urlpatterns = [
    path("funds/<slug:code>/sustainability/", views.fund_page, name="fund-sustainability"),
    path(
        "funds/<slug:code>/sustainability/recompute/",
        views.fund_recompute,
        name="fund-sustainability-recompute",
    ),
    path("networks/<slug:network>/sustainability/", views.network_page, name="network-sustainability"),
    path(
        "networks/<slug:network>/sustainability/recompute/",
        views.network_recompute,
        name="network-sustainability-recompute",
    ),
]
