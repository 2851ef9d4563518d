"""Web routes of pooling: a network's pooling page and its forms (a remittance, a top-up, the rule). A fiscal
year is given as ?fy= in either era. Every route is listed in tests/access/areas/pooling.py."""

from django.urls import path

from sajja.pooling import views

app_name = "pooling"

urlpatterns = [
    path("networks/<slug:network>/pooling/", views.network_page, name="network"),
    path("networks/<slug:network>/pooling/remittances/", views.remit, name="remit"),
    path("networks/<slug:network>/pooling/top-ups/", views.top_up, name="top-up"),
    path("networks/<slug:network>/pooling/rule/", views.rule, name="rule"),
]
