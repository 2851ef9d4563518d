"""The maintained figures of each fund: derived from its books and registry by `services.refresh`, never
written by hand, and never the books themselves (`audit verify` does not cover them: a refresh rewrites
them from the books at any time).

- `FundFigures`: one row per fund, the fund as it stands on the day of its last refresh (members by
  registry status and by standing at the latest month-end close, months not closed, the reserve, the
  projection's risk).
- `FundMonthFigures`: one row per fund and month, what was expected and what was collected.
- `FundBenefitFigures`: one row per fund, month and benefit category, the claims paid.
- `FundCofundingFigures`: one row per fund, fiscal year requested and party asked for money, where the
  co-funding request stands (requested, received against it, overpaid and not yet refunded).

A network's, a province's and the nation's figures are sums of these rows (`selectors`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundFigures(models.Model):
    fund = models.OneToOneField("registry.Fund", on_delete=models.CASCADE, related_name="figures")
    as_of = models.DateField(help_text="the fund's day of the refresh")
    period = models.IntegerField(help_text="YYYYMM of as_of: the month the figures are current for")
    refreshed_at = models.DateTimeField()
    # the registry's statuses (registry.MemberStatus)
    members_active = models.PositiveIntegerField(default=0)
    members_lapsed = models.PositiveIntegerField(default=0)
    members_resigned = models.PositiveIntegerField(default=0)
    members_deceased = models.PositiveIntegerField(default=0)
    # the standings at the latest month-end close (contributions.MonthClose)
    standing_period = models.IntegerField(null=True, help_text="YYYYMM of the latest close")
    paid_up = models.PositiveIntegerField(default=0)
    in_arrears = models.PositiveIntegerField(default=0)
    lapsed = models.PositiveIntegerField(default=0)
    months_unclosed = models.PositiveIntegerField(
        default=0, help_text="months ended more than the grace ago whose books are not closed"
    )
    latest_closed = models.IntegerField(null=True, help_text="YYYYMM of the latest month closed")
    reserve = models.BigIntegerField(default=0, help_text="satang: cash and bank balances")
    ruin_probability = models.FloatField(null=True, help_text="the stored projection's, 0..1")

    class Meta:
        ordering = ["fund"]
        verbose_name = _("fund figures")
        verbose_name_plural = _("fund figures")

    def __str__(self):
        return f"figures of fund {self.fund_id} as of {self.as_of}"


class FundMonthFigures(models.Model):
    """A fund's month: the month-end close's figures once it is closed, else worked out from the books."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.CASCADE, related_name="month_figures")
    period = models.IntegerField(help_text="YYYYMM")
    expected = models.BigIntegerField(default=0, help_text="satang")
    collected = models.BigIntegerField(default=0, help_text="satang")
    closed = models.BooleanField(default=False, help_text="the month-end close is done")

    class Meta:
        ordering = ["fund", "period"]
        constraints = [models.UniqueConstraint(fields=["fund", "period"], name="rollup_month_once")]
        # the national view sums one fiscal year of every fund: by period first
        indexes = [models.Index(fields=["period", "fund"], name="rollup_month_period")]

    def __str__(self):
        return f"{self.fund_id}:{self.period}"


class FundBenefitFigures(models.Model):
    """The claims of one benefit category (schemes.vocabulary.Category) a fund paid in a month."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.CASCADE, related_name="benefit_figures")
    period = models.IntegerField(help_text="YYYYMM of the payout's entry")
    category = models.CharField(max_length=32)
    claims = models.PositiveIntegerField(default=0)
    amount = models.BigIntegerField(default=0, help_text="satang")

    class Meta:
        ordering = ["fund", "period", "category"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "period", "category"], name="rollup_benefit_once")
        ]
        indexes = [models.Index(fields=["period", "fund"], name="rollup_benefit_period")]

    def __str__(self):
        return f"{self.fund_id}:{self.period}:{self.category}"


class FundCofundingFigures(models.Model):
    """One party of a fund's co-funding request for one fiscal year (cofunding.CofundingRequest), as it
    stands: every request of the fund, each party but the members themselves (whose money is already in
    the books), a party asked for nothing included (0). A fiscal year without a row was not requested.

    - requested: what the party was asked for (RequestParty.amount);
    - received: what its receipts settled of that (CofundingReceipt.applied; never more than requested),
      so that what it still owes is `requested - received` (the co-funding pages' "outstanding");
    - to_refund: what it paid beyond what it owed and has not been given back yet (CofundingReceipt.overpaid
      less CofundingRefund.amount).

    A refresh rewrites every row of its funds. The roll-up shows the fiscal year that ended most recently
    (`books.claimed_year`), and looks at every year for what is still owed long after it was due.
    """

    fund = models.ForeignKey("registry.Fund", on_delete=models.CASCADE, related_name="cofunding_figures")
    fiscal_year = models.PositiveSmallIntegerField(help_text="the common-era year it ends in (2026: FY 2569)")
    party = models.CharField(max_length=24, help_text="cofunding.PartyChoice, never the members")
    due_on = models.DateField(help_text="the request's due date")
    requested = models.BigIntegerField(default=0, help_text="satang asked of the party")
    received = models.BigIntegerField(default=0, help_text="satang received against it (applied)")
    to_refund = models.BigIntegerField(default=0, help_text="satang overpaid and not refunded yet")

    class Meta:
        ordering = ["fund", "fiscal_year", "party"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "fiscal_year", "party"], name="rollup_cofunding_once")
        ]
        # the national view reads one fiscal year of every fund
        indexes = [models.Index(fields=["fiscal_year", "fund"], name="rollup_cofunding_year")]

    def __str__(self):
        return f"{self.fund_id}:{self.fiscal_year}:{self.party}"
