"""Tables of the contributions area: receipts for members' payments.

A payment is an entry in the books (Dr cash or bank, Cr the member's sub-account); its receipt is
numbered per fund without gaps. A cancelled receipt stays, marked, with the entry that reversed it.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    CASH = "cash", _("cash")
    BANK_TRANSFER = "bank_transfer", _("bank transfer")
    PROMPTPAY = "promptpay", _("PromptPay")
    SAVINGS_DEDUCTION = "savings_deduction", _("deduction from a savings-group account")


class Receipt(models.Model):
    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="receipts")
    number = models.PositiveIntegerField(_("receipt number"), help_text="per fund, from 1, without gaps")
    member = models.ForeignKey("registry.Member", on_delete=models.PROTECT, related_name="receipts")
    paid_on = models.DateField(_("date paid"))
    amount = models.BigIntegerField(_("amount"), help_text="satang")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    book_number = models.CharField(
        _("paper receipt number"), max_length=32, blank=True, help_text="the number on a paper receipt book"
    )
    entry = models.OneToOneField("ledger.Entry", on_delete=models.PROTECT, related_name="receipt")
    received_by_id = models.BigIntegerField(null=True)
    received_by_name = models.CharField(max_length=150, blank=True)
    issued_at = models.DateTimeField()
    cancelled_on = models.DateField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    cancel_entry = models.OneToOneField(
        "ledger.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="cancelled_receipt"
    )

    class Meta:
        ordering = ["fund", "number"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "number"], name="receipt_number_unique_in_fund"),
            models.UniqueConstraint(
                fields=["fund", "book_number"],
                condition=~Q(book_number=""),
                name="receipt_book_number_unique_in_fund",
            ),
        ]
        indexes = [models.Index(fields=["member", "paid_on"])]
        verbose_name = _("receipt")

    def __str__(self):
        return f"{self.fund_id}/{self.number}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None


class FundPromptPay(models.Model):
    """The fund's PromptPay ID (phone, citizen or tax ID, e-wallet ID): members scan a QR code to pay it."""

    fund = models.OneToOneField("registry.Fund", on_delete=models.PROTECT, related_name="promptpay")
    promptpay_id = models.CharField(_("PromptPay ID"), max_length=20)
    set_by_id = models.BigIntegerField(null=True)
    set_at = models.DateTimeField()

    class Meta:
        verbose_name = _("PromptPay ID")

    def __str__(self):
        return f"{self.fund_id}: {self.promptpay_id}"
