"""The signed-in user's API tokens: issue one (shown once), list them, revoke one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from sajja.access import tokens
from sajja.core.errors import DomainError

DAY_CHOICES = (30, 90, 365)


def _page(request, issued=None, error=None, status=200):
    context = {
        "tokens": tokens.tokens_of(request.user),
        "issued": issued,
        "error": error,
        "th": not (get_language() or "th").startswith("en"),
        "day_choices": DAY_CHOICES,
        "default_days": tokens.DEFAULT_DAYS,
    }
    return render(request, "web/api_tokens.html", context, status=status)


@login_required
def api_tokens(request):
    """GET: the user's tokens. POST: issue a new one, shown on this answer only (never again)."""
    if request.method != "POST":
        return _page(request)
    try:
        days = int(request.POST.get("days") or tokens.DEFAULT_DAYS)
    except ValueError:
        days = 0
    if days not in DAY_CHOICES:
        days = 0  # refused below, with its message
    try:
        issued = tokens.issue(request.user, request.POST.get("label", ""), days or -1)
    except DomainError as e:
        return _page(request, error=e, status=400)
    return _page(request, issued=issued)


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    token = tokens.token_of(request.user, pk)
    tokens.revoke(token)
    return redirect("web:api-tokens")
