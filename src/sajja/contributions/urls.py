"""Web routes of the contributions area. Every route is listed in tests/access/areas/contributions.py."""

from django.urls import path

from sajja.contributions import views, views_report, views_sheet

app_name = "contributions"

urlpatterns = [
    path("funds/<slug:code>/contributions/", views_sheet.fund_contributions, name="fund-contributions"),
    path(
        "funds/<slug:code>/members/<str:number>/contributions/",
        views.member_contributions,
        name="member-contributions",
    ),
    path(
        "funds/<slug:code>/members/<str:number>/contributions/pdf/",
        views_report.statement_pdf,
        name="member-statement-pdf",
    ),
    path("funds/<slug:code>/contributions/collection/", views_report.collection, name="collection-report"),
    path(
        "funds/<slug:code>/contributions/collection.csv",
        views_report.collection_csv,
        name="collection-report-csv",
    ),
    path(
        "funds/<slug:code>/contributions/collection.xlsx",
        views_report.collection_xlsx,
        name="collection-report-xlsx",
    ),
    path("funds/<slug:code>/contributions/behind/", views_report.behind, name="members-behind"),
    path("funds/<slug:code>/contributions/behind.csv", views_report.behind_csv, name="members-behind-csv"),
    path("funds/<slug:code>/contributions/behind.xlsx", views_report.behind_xlsx, name="members-behind-xlsx"),
    path("funds/<slug:code>/contributions/promptpay/", views.fund_promptpay, name="fund-promptpay"),
    path("funds/<slug:code>/payments/new/", views.payment_new, name="payment-new"),
    path("funds/<slug:code>/payments/import/", views.payment_import, name="payment-import"),
    path("funds/<slug:code>/receipts/", views.receipt_list, name="receipt-list"),
    path("funds/<slug:code>/receipts/<int:number>/", views.receipt_detail, name="receipt-detail"),
    path("funds/<slug:code>/receipts/<int:number>/pdf/", views.receipt_pdf, name="receipt-pdf"),
    path("funds/<slug:code>/receipts/<int:number>/cancel/", views.receipt_cancel, name="receipt-cancel"),
    path("funds/<slug:code>/groups/<str:group>/sheet/", views_sheet.meeting_sheet, name="meeting-sheet"),
    path(
        "funds/<slug:code>/groups/<str:group>/sheet/receipts/",
        views_sheet.sheet_receipts,
        name="sheet-receipts",
    ),
]
