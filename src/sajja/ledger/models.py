"""The books as tables. Rows of Entry and Line are written once and never updated or deleted."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sajja.core.ledger.records import AccountKind


class Account(models.Model):
    """An account of one fund. Running totals are kept in the same transaction as the lines.

    A control account (the member contributions, 4101) is not posted to directly: its totals are the
    sum of its members' sub-accounts, kept alongside them.
    """

    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="accounts")
    code = models.CharField(max_length=32)
    name_th = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=10, choices=[(k.value, k.value) for k in AccountKind])
    is_control = models.BooleanField(default=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    member = models.ForeignKey(
        "registry.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="accounts"
    )
    debit_total = models.BigIntegerField(default=0)
    credit_total = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["fund", "code"]
        constraints = [models.UniqueConstraint(fields=["fund", "code"], name="account_code_unique_in_fund")]
        verbose_name = _("account")

    def __str__(self):
        return f"{self.code} {self.name_th}"

    @property
    def balance(self) -> int:
        """Debit minus credit, in satang."""
        return self.debit_total - self.credit_total


class Entry(models.Model):
    # No index of its own: the (fund, key) and (fund, date) indexes serve every lookup by fund, and each
    # index costs the bulk path an insert per entry.
    fund = models.ForeignKey(
        "registry.Fund", on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    date = models.DateField()
    period = models.IntegerField(help_text="YYYYMM of the date, for closed-period checks")
    memo = models.CharField(max_length=300)
    kind = models.CharField(max_length=32, default="general")
    idempotency_key = models.CharField(max_length=128)
    digest = models.CharField(max_length=64)
    # Reversed once at most: a unique index over the reversals only (a plain unique column would index
    # the empty value of every other entry too, and a bulk post would pay for that on each row).
    reverses = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversals", db_index=False
    )
    audit_seq = models.BigIntegerField(help_text="the audit event that recorded this entry")
    created_by_id = models.BigIntegerField(null=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["fund", "date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "idempotency_key"], name="entry_key_unique_in_fund"),
            models.UniqueConstraint(
                fields=["reverses"], condition=Q(reverses__isnull=False), name="entry_reversed_once"
            ),
        ]
        indexes = [models.Index(fields=["fund", "date"])]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")

    def __str__(self):
        return f"#{self.pk} {self.date} {self.memo}"

    @property
    def reversed_by(self) -> "Entry | None":
        """The entry that reversed this one, if any (there is at most one)."""
        return self.reversals.first()


class Line(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="lines")
    amount = models.BigIntegerField(help_text="satang; positive is debit, negative is credit")

    class Meta:
        ordering = ["entry", "id"]

    def __str__(self):
        return f"{self.account_id}: {self.amount}"


class ClosedPeriod(models.Model):
    """A month of a fund's books that is closed: nothing more posts into it."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="closed_periods")
    period = models.IntegerField(help_text="YYYYMM")
    closed_at = models.DateTimeField()
    closed_by_id = models.BigIntegerField(null=True)

    class Meta:
        ordering = ["fund", "period"]
        constraints = [models.UniqueConstraint(fields=["fund", "period"], name="period_closed_once")]

    def __str__(self):
        return f"{self.fund_id}:{self.period}"
