"""Web routes every area shares: signing in and out, and the signed-in user's API tokens. Each area's
pages are in its own urls.py. Every route is listed in the access policy test (tests/access/policy.py)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from sajja.web import views_tokens as tokens

app_name = "web"

urlpatterns = [
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
]
