"""Web routes of the books: accounts, entries, the trial balance, closing a month. Every route is listed
in the access policy test (tests/access/policy.py)."""

from django.urls import path

from sajja.ledger import views

app_name = "ledger"

urlpatterns = [
    path("funds/<slug:code>/accounts/", views.account_list, name="account-list"),
    path("funds/<slug:code>/accounts/<str:account_code>/", views.account_detail, name="account-detail"),
    path("funds/<slug:code>/entries/", views.entry_list, name="entry-list"),
    path("funds/<slug:code>/entries/new/", views.entry_new, name="entry-new"),
    path("funds/<slug:code>/entries/<int:pk>/", views.entry_detail, name="entry-detail"),
    path("funds/<slug:code>/entries/<int:pk>/reverse/", views.entry_reverse, name="entry-reverse"),
    path("funds/<slug:code>/trial-balance/", views.trial_balance, name="trial-balance"),
    path("funds/<slug:code>/periods/close/", views.period_close, name="period-close"),
]
