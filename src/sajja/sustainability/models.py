"""Stored projections of a fund or a network: computed by the background worker, read by pages and the API.

A row is one request to project a body (a fund or a network) and, once the worker has run it, its
result. It is derived data, never the books: the page shows the newest finished row and says whether a
newer request waits. `through_seq` is the last audit event (a member, scheme or money change of the
body) that the inputs already include; `digest` fingerprints the inputs themselves (members, scheme
versions, reserve, assumptions, seed, horizon), so two results of the same inputs are recognisable.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Reason(models.TextChoices):
    CHANGE = "change", _("members, rules or money changed")
    REQUEST = "request", _("asked for by an officer")
    DEMO = "demo", _("the demo")


class Projection(models.Model):
    fund = models.ForeignKey(
        "registry.Fund", null=True, blank=True, on_delete=models.CASCADE, related_name="projections"
    )
    network = models.ForeignKey(
        "registry.Network", null=True, blank=True, on_delete=models.CASCADE, related_name="projections"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices, default=Reason.CHANGE)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True, help_text="the background task's id")
    through_seq = models.BigIntegerField(
        null=True, blank=True, help_text="the last audit event of the body that the inputs include"
    )
    digest = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the projection's inputs")
    years = models.PositiveSmallIntegerField(default=0)
    paths = models.PositiveIntegerField(default=0)
    seed = models.BigIntegerField(default=0)
    start_year = models.PositiveSmallIntegerField(default=0)
    inputs = models.JSONField(default=dict, help_text="what went in: members, reserve, scheme, rate")
    summary = models.JSONField(null=True, blank=True, help_text="sajja.simulate.summarise of the projection")
    fixes = models.JSONField(null=True, blank=True, help_text="what would fix it: the solver's answers")
    scenarios = models.JSONField(null=True, blank=True, help_text="the scenario table, one row each")
    error_th = models.TextField(blank=True)
    error_en = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("projection")
        constraints = [
            models.CheckConstraint(
                condition=Q(fund__isnull=False, network__isnull=True)
                | Q(fund__isnull=True, network__isnull=False),
                name="projection_of_a_fund_or_a_network",
            ),
            # At most one waiting request per body: later changes join it (the worker reads the inputs then).
            models.UniqueConstraint(
                fields=["fund"], condition=Q(status="queued"), name="one_queued_projection_per_fund"
            ),
            models.UniqueConstraint(
                fields=["network"], condition=Q(status="queued"), name="one_queued_projection_per_network"
            ),
        ]
        indexes = [
            models.Index(fields=["fund", "status"], name="projection_fund_status"),
            models.Index(fields=["network", "status"], name="projection_network_status"),
        ]

    def __str__(self):
        body = f"fund {self.fund_id}" if self.fund_id else f"network {self.network_id}"
        return f"projection #{self.pk} of {body}: {self.status}"

    @property
    def body(self):
        return self.fund if self.fund_id else self.network
