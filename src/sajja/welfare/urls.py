"""Web routes of the welfare area. Every route is listed in tests/access/areas/welfare.py."""

from django.urls import path

from sajja.welfare import views
from sajja.welfare.claims import views as claims
from sajja.welfare.pensions import views as pensions

app_name = "welfare"

urlpatterns = [
    path("funds/<slug:code>/welfare/", views.scheme_page, name="welfare-scheme"),
    path("funds/<slug:code>/welfare/draft/", views.scheme_draft, name="welfare-draft"),
    path("funds/<slug:code>/claims/", claims.claim_list, name="claim-list"),
    path("funds/<slug:code>/claims/new/", claims.claim_new, name="claim-new"),
    path("funds/<slug:code>/claims/<int:pk>/", claims.claim_detail, name="claim-detail"),
    path("funds/<slug:code>/claims/<int:pk>/verify/", claims.claim_verify, name="claim-verify"),
    path("funds/<slug:code>/claims/<int:pk>/approve/", claims.claim_approve, name="claim-approve"),
    path("funds/<slug:code>/claims/<int:pk>/reject/", claims.claim_reject, name="claim-reject"),
    path("funds/<slug:code>/claims/<int:pk>/pay/", claims.claim_pay, name="claim-pay"),
    path("funds/<slug:code>/claims/<int:pk>/evidence/", claims.evidence_add, name="claim-evidence-add"),
    path(
        "funds/<slug:code>/claims/<int:pk>/evidence/<int:evidence_id>/",
        claims.evidence_file,
        name="claim-evidence",
    ),
    path("funds/<slug:code>/pensions/", pensions.batch_list, name="pension-batches"),
    path("funds/<slug:code>/pensions/<slug:batch>/", pensions.batch_detail, name="pension-batch"),
    path("funds/<slug:code>/pensions/<slug:batch>/verify/", pensions.batch_verify, name="pension-verify"),
    path(
        "funds/<slug:code>/pensions/<slug:batch>/approve/",
        pensions.batch_approve,
        name="pension-approve",
    ),
    path("funds/<slug:code>/pensions/<slug:batch>/pay/", pensions.batch_pay, name="pension-pay"),
    path("funds/<slug:code>/members/<str:number>/welfare/", views.member_welfare, name="member-welfare"),
]
