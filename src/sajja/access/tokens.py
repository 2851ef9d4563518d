"""API tokens: issued, listed, revoked; each with an expiry date. Only a token's SHA-256 is stored, and
the token itself is shown once, when it is issued (`sajja token issue`, or the page "API tokens").

Issuing and revoking are audited (the event names the token by id, never its value).
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sajja.access.models import ApiToken
from sajja.access.reasons import TOKEN_DAYS, TOKEN_NOT_FOUND
from sajja.audit.services import record

DEFAULT_DAYS = 90
MAX_DAYS = 3650
PREFIX = "sajja_"


@dataclass(frozen=True)
class Issued:
    token: ApiToken
    key: str  # shown once: only its hash is kept


def issue(user, label: str = "", days: int = DEFAULT_DAYS, actor=None) -> Issued:
    """A new token for `user`, valid for `days` days (1 to MAX_DAYS)."""
    if not 1 <= int(days) <= MAX_DAYS:
        raise TOKEN_DAYS.invalid("days", days=MAX_DAYS)
    key = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            key_hash=ApiToken.hash_key(key),
            label=(label or "").strip()[:100],
            prefix=key[: len(PREFIX) + 4],
            expires_at=timezone.now() + datetime.timedelta(days=int(days)),
        )
        record(actor or user, "access.token.issue", "api_token", token.pk, data={"user": user.pk})
    return Issued(token, key)


def tokens_of(user):
    """The user's tokens, newest first (active, expired and revoked)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def revoke(token: ApiToken, actor=None) -> ApiToken:
    """Revoke a token (revoking it again changes nothing)."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(
                actor or token.user,
                "access.token.revoke",
                "api_token",
                token.pk,
                data={"user": token.user_id},
            )
    return token


def token_of(user, pk: int) -> ApiToken:
    """One of the user's own tokens (another user's answers not found)."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise TOKEN_NOT_FOUND.not_found()
    return token
