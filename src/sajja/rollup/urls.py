"""Web routes of the roll-up. Every route is listed in tests/access/areas/rollup.py."""

from django.urls import path

from sajja.rollup import views

app_name = "rollup"

urlpatterns = [
    path("networks/<slug:network>/", views.network_home, name="network-home"),
    path("provinces/<slug:province>/", views.province_page, name="province"),
    path("national/", views.national_page, name="national"),
]
