"""Web routes of co-funding: the fiscal years, one year's entitlement, request and money, the request's
documents, the fund's money by source, the fund's profile (area, registration, villages, policy). A fiscal
year is written in either era (2569 or 2026). Every route is listed in the access policy test
(tests/access/areas/cofunding.py)."""

from django.urls import path

from sajja.cofunding import views, views_profile

app_name = "cofunding"

urlpatterns = [
    path("funds/<slug:code>/cofunding/", views.years, name="years"),
    path("funds/<slug:code>/cofunding/sources/", views.sources, name="sources"),
    path("funds/<slug:code>/cofunding/profile/", views_profile.profile, name="profile"),
    path("funds/<slug:code>/cofunding/<int:fy>/", views.year, name="year"),
    path("funds/<slug:code>/cofunding/<int:fy>/request/", views.make_request, name="request"),
    path("funds/<slug:code>/cofunding/<int:fy>/receipts/", views.receive, name="receipt"),
    path("funds/<slug:code>/cofunding/<int:fy>/refunds/", views.refund, name="refund"),
    path("funds/<slug:code>/cofunding/<int:fy>/request.pdf", views.request_pdf, name="request-pdf"),
    path("funds/<slug:code>/cofunding/<int:fy>/request.xlsx", views.request_xlsx, name="request-xlsx"),
]
