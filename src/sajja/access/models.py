"""Role assignments and API tokens."""

import datetime
import hashlib
import os

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_IDEMPOTENCY_RETENTION_DAYS = 30


class Role(models.TextChoices):
    MEMBER = "member", _("member")
    TREASURER = "treasurer", _("treasurer")
    COMMITTEE = "committee", _("committee member")
    AUDITOR = "auditor", _("auditor")
    COORDINATOR = "coordinator", _("network coordinator")
    ADMIN = "admin", _("administrator")


class RoleAssignment(models.Model):
    """A role in one fund, in one network (all its funds), or everywhere (administrator only)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=16, choices=Role.choices)
    fund = models.ForeignKey("registry.Fund", null=True, blank=True, on_delete=models.CASCADE)
    network = models.ForeignKey("registry.Network", null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(fund__isnull=False) & models.Q(network__isnull=False)),
                name="role_scope_is_fund_or_network",
            ),
        ]

    def __str__(self):
        scope = self.fund or self.network or "*"
        return f"{self.user} {self.role} @ {scope}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is kept; the token itself is shown once, when issued.

    A token stops working when it expires (`expires_at`) or is revoked (`revoked_at`): the API answers 401.
    `prefix` (the token's first characters) tells the holder's tokens apart in lists, and says nothing that
    would let anyone use one.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    prefix = models.CharField(max_length=16, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"token {self.label or self.pk} of {self.user}"

    def is_valid(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def state(self) -> str:
        """active, expired or revoked."""
        if self.revoked_at is not None:
            return "revoked"
        return "active" if self.is_valid() else "expired"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


def idempotency_retention_days() -> int:
    """How many days a replay record is kept: the setting or environment SAJJA_IDEMPOTENCY_RETENTION_DAYS,
    else 30 (at least 1)."""
    configured = getattr(settings, "SAJJA_IDEMPOTENCY_RETENTION_DAYS", None) or os.environ.get(
        "SAJJA_IDEMPOTENCY_RETENTION_DAYS"
    )
    return max(1, int(configured or DEFAULT_IDEMPOTENCY_RETENTION_DAYS))


class IdempotentRequest(models.Model):
    """The first answer to a write sent with an Idempotency-Key, replayed for every retry.

    `response` holds no personal data in the clear: the API keeps its answer sealed with the ID key
    ({"sealed": "<Fernet token>"}, sajja.api.idempotency), the enrolment form only the member's and the
    receipt's numbers. A record is kept for idempotency_retention_days() and then purged (on each write,
    and by `sajja purge-replays`); a retry after that is a new request.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=128)
    route = models.CharField(max_length=200)
    request_digest = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user")
        ]
        # the purge on each write finds what is past its retention through this index, not a scan
        indexes = [models.Index(fields=["created_at"], name="idempotency_created_at")]

    def __str__(self):
        return f"{self.route} [{self.key}]"

    @staticmethod
    def cutoff(now=None):
        """Records made before this moment are past their retention."""
        return (now or timezone.now()) - datetime.timedelta(days=idempotency_retention_days())

    @classmethod
    def purge_expired(cls, now=None) -> int:
        """Delete every record past its retention; how many were deleted."""
        deleted, _ = cls.objects.filter(created_at__lt=cls.cutoff(now)).delete()
        return deleted
