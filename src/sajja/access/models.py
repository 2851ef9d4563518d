"""Role assignments and API tokens."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    """A bearer token for the API. Only its SHA-256 is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"token {self.label or self.pk} of {self.user}"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class IdempotentRequest(models.Model):
    """The first answer to a write sent with an Idempotency-Key, replayed for every retry."""

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

    def __str__(self):
        return f"{self.route} [{self.key}]"
