"""Audit events, chained by SHA-256. Events name objects by id; they never copy personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class ChainHead(models.Model):
    """One row: the last event's number and hash. Locking it serialises appends."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    def __str__(self):
        return f"chain head at #{self.last_seq}"


class AuditEvent(models.Model):
    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    fund_id = models.BigIntegerField(null=True, db_index=True)
    digest = models.CharField(max_length=64, help_text=_("SHA-256 of the data written"))
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")

    def __str__(self):
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"
