"""Tables of pooling in a network: the network's rule (what its funds remit, what the pool pays back), and
each remittance and top-up with the two entries that carry it, one in each fund's books (sajja.pooling.books).

A rule is versioned by fiscal year and kept as set; remittances and top-ups are written once, never edited
(a mistake is reversed in the books, like any entry).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sajja.cofunding.reasons import MoneyAccount
from sajja.pooling.reasons import BasisChoice


class PoolingRule(models.Model):
    """A network's pooling rule from a fiscal year on (sajja.schemes.pooling says how it is applied)."""

    network = models.ForeignKey("registry.Network", on_delete=models.PROTECT, related_name="pooling_rules")
    from_fiscal_year = models.PositiveSmallIntegerField(help_text="the common-era year it ends in")
    pool_fund = models.ForeignKey(
        "registry.Fund",
        on_delete=models.PROTECT,
        related_name="pools",
        help_text="the fund that holds the pool",
    )
    basis = models.CharField(_("remitted on"), max_length=16, choices=BasisChoice.choices)
    rate = models.PositiveIntegerField(help_text="basis points of the basis, or satang per member")
    top_up_threshold = models.BigIntegerField(default=0, help_text="satang: claims above it are topped up")
    top_up_percent = models.PositiveSmallIntegerField(
        default=0, help_text="% of the part above the threshold"
    )
    top_up_cap = models.BigIntegerField(null=True, blank=True, help_text="satang per claim; empty: no cap")
    note = models.CharField(max_length=200, blank=True)
    set_by_id = models.BigIntegerField(null=True)
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["network", "from_fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["network", "from_fiscal_year"], name="pooling_rule_once_a_year")
        ]
        verbose_name = _("pooling rule")

    def __str__(self):
        return f"{self.network_id}: {self.basis} {self.rate} from FY {self.from_fiscal_year + 543}"


class Remittance(models.Model):
    """Money a fund sent to its network's pool for a fiscal year: an expense in its books (5301) and income
    in the pool's (4502), posted together."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="remittances")
    pool_fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="remittances_in")
    rule = models.ForeignKey(PoolingRule, on_delete=models.PROTECT, related_name="remittances")
    fiscal_year = models.PositiveSmallIntegerField(help_text="the common-era year it ends in")
    due = models.BigIntegerField(help_text="satang due for the year when it was paid")
    amount = models.BigIntegerField(help_text="satang")
    paid_on = models.DateField(_("paid on"))
    paid_from = models.CharField(max_length=8, choices=MoneyAccount.choices)
    paid_into = models.CharField(max_length=8, choices=MoneyAccount.choices)
    note = models.CharField(max_length=200, blank=True)
    out_entry = models.OneToOneField("ledger.Entry", on_delete=models.PROTECT, related_name="remittance_out")
    in_entry = models.OneToOneField("ledger.Entry", on_delete=models.PROTECT, related_name="remittance_in")
    key = models.CharField(max_length=200)
    recorded_by_id = models.BigIntegerField(null=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["fiscal_year", "fund", "paid_on", "id"]
        constraints = [models.UniqueConstraint(fields=["fund", "key"], name="remittance_key_once")]
        verbose_name = _("remittance")

    def __str__(self):
        return f"{self.fund_id} -> {self.pool_fund_id}: {self.amount}"


class TopUp(models.Model):
    """What the pool paid back on a fund's claim: an expense in the pool's books (5302) and income in the
    fund's (4501). One top-up per claim."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="top_ups")
    pool_fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="top_ups_out")
    rule = models.ForeignKey(PoolingRule, on_delete=models.PROTECT, related_name="top_ups")
    claim = models.OneToOneField("welfare.Claim", on_delete=models.PROTECT, related_name="top_up")
    amount = models.BigIntegerField(help_text="satang")
    paid_on = models.DateField(_("paid on"))
    paid_from = models.CharField(max_length=8, choices=MoneyAccount.choices)
    paid_into = models.CharField(max_length=8, choices=MoneyAccount.choices)
    out_entry = models.OneToOneField("ledger.Entry", on_delete=models.PROTECT, related_name="top_up_out")
    in_entry = models.OneToOneField("ledger.Entry", on_delete=models.PROTECT, related_name="top_up_in")
    key = models.CharField(max_length=200)
    recorded_by_id = models.BigIntegerField(null=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["paid_on", "id"]
        constraints = [models.UniqueConstraint(fields=["pool_fund", "key"], name="top_up_key_once")]
        verbose_name = _("top-up")

    def __str__(self):
        return f"{self.pool_fund_id} -> {self.fund_id}: {self.amount} (claim {self.claim_id})"
