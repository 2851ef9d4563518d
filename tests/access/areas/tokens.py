"""Access policy of API tokens: the signed-in user's own tokens page, issuing and revoking."""

from __future__ import annotations

from django.urls import reverse

from sajja.access import tokens
from tests.access.asking import Ask


def _rules():
    from tests.access.policy import ANY, R

    # fmt: off
    return [
        # route                   method  scope nobody member treas. commit. auditor coord. admin  what it is
        R("web:api-tokens",       "GET",  ANY, 302,   200,   200,   200,    200,    200,   200,   "your own API tokens"),
        R("web:api-tokens",       "POST", ANY, 302,   200,   200,   200,    200,    200,   200,   "issuing yourself a token (shown once)"),
        R("web:api-token-revoke", "GET",  ANY, 302,   405,   405,   405,    405,    405,   405,   "revoking needs the button (POST)"),
        R("web:api-token-revoke", "POST", ANY, 302,   302,   302,   302,    302,    302,   302,   "revoking one of your own tokens"),
    ]
    # fmt: on


def _own_token(world, role) -> int:
    if role is None:
        return 1
    return tokens.issue(world.users[role], "matrix").token.pk


RECIPES = {
    ("web:api-tokens", "GET"): lambda w, s, role: Ask(reverse("web:api-tokens")),
    ("web:api-tokens", "POST"): lambda w, s, role: Ask(
        reverse("web:api-tokens"), {"label": "matrix", "days": "30"}
    ),
    ("web:api-token-revoke", "GET"): lambda w, s, role: Ask(
        reverse("web:api-token-revoke", args=[_own_token(w, role)])
    ),
    ("web:api-token-revoke", "POST"): lambda w, s, role: Ask(
        reverse("web:api-token-revoke", args=[_own_token(w, role)]), {}
    ),
}


def __getattr__(name):
    """RULES, built when asked for (PEP 562): tests.access.policy imports every area while it loads."""
    if name == "RULES":
        return _rules()
    raise AttributeError(name)
