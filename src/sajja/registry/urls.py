"""Web routes of the registry: the home page (the funds you reach), a fund, its members, enrolling one.
Every route is listed in the access policy test (tests/access/policy.py)."""

from django.urls import path

from sajja.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("funds/<slug:code>/", views.fund_detail, name="fund-detail"),
    path("funds/<slug:code>/members/", views.member_list, name="member-list"),
    path("funds/<slug:code>/members/new/", views.member_new, name="member-new"),
    path("funds/<slug:code>/members/<str:number>/", views.member_detail, name="member-detail"),
]
