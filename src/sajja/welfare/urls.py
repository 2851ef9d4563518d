"""Web routes of the welfare area. Every route is listed in tests/access/areas/welfare.py."""

from django.urls import path

from sajja.welfare import views, views_evidence, views_pensions

urlpatterns = [
    path("funds/<slug:code>/welfare/", views.scheme_page, name="welfare-scheme"),
    path("funds/<slug:code>/welfare/draft/", views.scheme_draft, name="welfare-draft"),
    path("funds/<slug:code>/claims/", views.claim_list, name="claim-list"),
    path("funds/<slug:code>/claims/new/", views.claim_new, name="claim-new"),
    path("funds/<slug:code>/claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("funds/<slug:code>/claims/<int:pk>/verify/", views.claim_verify, name="claim-verify"),
    path("funds/<slug:code>/claims/<int:pk>/approve/", views.claim_approve, name="claim-approve"),
    path("funds/<slug:code>/claims/<int:pk>/reject/", views.claim_reject, name="claim-reject"),
    path("funds/<slug:code>/claims/<int:pk>/pay/", views.claim_pay, name="claim-pay"),
    path(
        "funds/<slug:code>/claims/<int:pk>/evidence/", views_evidence.evidence_add, name="claim-evidence-add"
    ),
    path(
        "funds/<slug:code>/claims/<int:pk>/evidence/<int:evidence_id>/",
        views_evidence.evidence_file,
        name="claim-evidence",
    ),
    path("funds/<slug:code>/pensions/", views_pensions.batch_list, name="pension-batches"),
    path("funds/<slug:code>/pensions/<slug:batch>/", views_pensions.batch_detail, name="pension-batch"),
    path(
        "funds/<slug:code>/pensions/<slug:batch>/verify/", views_pensions.batch_verify, name="pension-verify"
    ),
    path(
        "funds/<slug:code>/pensions/<slug:batch>/approve/",
        views_pensions.batch_approve,
        name="pension-approve",
    ),
    path("funds/<slug:code>/pensions/<slug:batch>/pay/", views_pensions.batch_pay, name="pension-pay"),
    path("funds/<slug:code>/members/<str:number>/welfare/", views.member_welfare, name="member-welfare"),
]
