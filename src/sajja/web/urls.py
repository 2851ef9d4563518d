"""Web routes. Every route is listed in the access policy test (tests/access/policy.py)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from sajja.web import views_books as books
from sajja.web import views_registry as registry
from sajja.web import views_tokens as tokens

urlpatterns = [
    path("", registry.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/api-tokens/", tokens.api_tokens, name="api-tokens"),
    path("account/api-tokens/<int:pk>/revoke/", tokens.api_token_revoke, name="api-token-revoke"),
    path("funds/<slug:code>/", registry.fund_detail, name="fund-detail"),
    path("funds/<slug:code>/members/", registry.member_list, name="member-list"),
    path("funds/<slug:code>/members/new/", registry.member_new, name="member-new"),
    path("funds/<slug:code>/members/<str:number>/", registry.member_detail, name="member-detail"),
    path("funds/<slug:code>/accounts/", books.account_list, name="account-list"),
    path("funds/<slug:code>/accounts/<str:account_code>/", books.account_detail, name="account-detail"),
    path("funds/<slug:code>/entries/", books.entry_list, name="entry-list"),
    path("funds/<slug:code>/entries/new/", books.entry_new, name="entry-new"),
    path("funds/<slug:code>/entries/<int:pk>/", books.entry_detail, name="entry-detail"),
    path("funds/<slug:code>/entries/<int:pk>/reverse/", books.entry_reverse, name="entry-reverse"),
    path("funds/<slug:code>/trial-balance/", books.trial_balance, name="trial-balance"),
    path("funds/<slug:code>/periods/close/", books.period_close, name="period-close"),
]
