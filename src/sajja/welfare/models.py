"""Tables of the welfare area: each fund's scheme and its published versions, and the claims paid under it.

A published version is never changed: a change of rules is a new version. A claim keeps the amount the
engine computed, with its explanation, and the digest of its content: approvals bind to that digest.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sajja.welfare.reasons import ClaimStatus, PaySource, RejectionReason


class FundScheme(models.Model):
    """A fund's own welfare rules, copied from a template (or written from scratch) and edited by version."""

    fund = models.OneToOneField("registry.Fund", on_delete=models.PROTECT, related_name="welfare_scheme")
    code = models.CharField(max_length=60, help_text="the scheme's code in its file")
    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    template = models.CharField(_("adopted from template"), max_length=60, blank=True)
    adopted_at = models.DateTimeField()
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("welfare scheme")

    def __str__(self):
        return self.name_th


class PublishedVersionChanged(Exception):
    """A published version was about to be changed or deleted: publish a new version instead."""


class FundSchemeVersion(models.Model):
    """One published version: its definition as validated data (amounts in baht, as in a scheme file)."""

    scheme = models.ForeignKey(FundScheme, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    effective_from = models.DateField(_("in force from"))
    definition = models.JSONField(help_text="the version as a scheme file writes it (amounts in baht)")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the definition")
    resolution = models.CharField(_("resolution"), max_length=300, blank=True)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["scheme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "number"], name="scheme_version_number_unique"),
            models.UniqueConstraint(fields=["scheme", "effective_from"], name="scheme_version_date_unique"),
        ]
        verbose_name = _("scheme version")

    def __str__(self):
        return f"{self.scheme.code} v{self.number} ({self.effective_from})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PublishedVersionChanged("a published scheme version is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PublishedVersionChanged("a published scheme version is never deleted")


class Claim(models.Model):
    """A member's claim for one benefit: what happened, what the rules give, and where it stands."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="claims")
    member = models.ForeignKey("registry.Member", on_delete=models.PROTECT, related_name="claims")
    token = models.CharField(
        max_length=160, help_text="the client's one-time token: a resubmission finds this"
    )
    batch = models.CharField(max_length=32, blank=True, db_index=True, help_text="e.g. pension-2026-11")
    benefit = models.CharField(_("benefit"), max_length=60)
    benefit_name_th = models.CharField(max_length=200)
    benefit_name_en = models.CharField(max_length=200)
    category = models.CharField(max_length=32)
    recipient = models.CharField(max_length=16, default="member")
    event = models.CharField(_("event"), max_length=32)
    event_date = models.DateField(_("event date"))
    nights = models.PositiveIntegerField(_("nights"), default=0)
    nights_counted = models.PositiveIntegerField(
        default=0, help_text="nights that count against a yearly cap"
    )
    level = models.CharField(_("school level"), max_length=32, blank=True)
    details = models.CharField(_("details"), max_length=500, blank=True)
    amount = models.BigIntegerField(_("amount"), help_text="satang, as the rules give it")
    adjudication = models.JSONField(help_text="the engine's answer with its explanation, Thai and English")
    version = models.ForeignKey(
        FundSchemeVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    digest = models.CharField(max_length=64, help_text="SHA-256 of the claim's content; approvals bind to it")
    revision = models.PositiveIntegerField(default=1)
    status = models.CharField(
        _("status"), max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.ENTERED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField()
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(max_length=32, choices=RejectionReason.choices, blank=True)
    rejection_note = models.CharField(max_length=500, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rejected_at = models.DateTimeField(null=True, blank=True)
    paid_from = models.CharField(max_length=16, choices=PaySource.choices, blank=True)
    paid_entry = models.OneToOneField(
        "ledger.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="welfare_claim"
    )
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["fund", "-id"]
        constraints = [models.UniqueConstraint(fields=["fund", "token"], name="claim_token_unique_in_fund")]
        indexes = [models.Index(fields=["member", "benefit", "event_date"])]
        verbose_name = _("claim")

    def __str__(self):
        return f"#{self.pk} {self.benefit} {self.event_date}"

    def benefit_name(self, language: str = "th") -> str:
        return self.benefit_name_en if language.startswith("en") else self.benefit_name_th


class ClaimApproval(models.Model):
    """A committee member's approval of a claim's exact content (its digest when they approved)."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="approvals")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(max_length=64)
    approved_at = models.DateTimeField()

    class Meta:
        ordering = ["claim", "approved_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "approver", "digest"], name="one_approval_per_person_per_content"
            )
        ]

    def __str__(self):
        return f"claim {self.claim_id} approved by {self.approver_id}"

    @property
    def is_current(self) -> bool:
        """Whether the claim still has the content this approval was given for."""
        return self.digest == self.claim.digest


class ClaimEvidence(models.Model):
    """A file supporting a claim (a medical certificate, a photo). The file itself is kept outside the
    database, under the fund's own folder, named by its SHA-256; it is served only to those who may see
    the claim."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="evidence")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["claim", "uploaded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "sha256"], name="one_copy_of_a_file_per_claim")
        ]
        verbose_name = _("evidence")

    def __str__(self):
        return f"{self.name} ({self.size} bytes)"
