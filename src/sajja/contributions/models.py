"""Tables of the contributions area: receipts for members' payments.

A payment is an entry in the books (Dr cash or bank, Cr the member's sub-account; a fee Cr the
fund's fee income, so it buys no days); its receipt is numbered per fund without gaps. A cancelled
receipt stays, marked, with the entry that reversed it.
"""

import datetime
import hashlib

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sajja.schemes.contributions import Standing


class Channel(models.TextChoices):
    CASH = "cash", _("cash")
    BANK_TRANSFER = "bank_transfer", _("bank transfer")
    PROMPTPAY = "promptpay", _("PromptPay")
    SAVINGS_DEDUCTION = "savings_deduction", _("deduction from a savings-group account")


class Purpose(models.TextChoices):
    """What a receipt is for: contributions buy days of membership; the fees (entry, reinstatement) buy none."""

    CONTRIBUTION = "contribution", _("contribution (1 baht a day)")
    ENTRY_FEE = "entry_fee", _("entry fee")
    REINSTATEMENT_FEE = "reinstatement_fee", _("reinstatement fee")


class StandingChoice(models.TextChoices):
    """A member's standing in their contributions, as the close keeps it and the pages say it: the
    values are schemes' `Standing` (which works it out), the words are Thai with English. Not the
    member's registry status (registry.MemberStatus: active, lapsed, resigned, deceased)."""

    PAID_UP = Standing.PAID_UP.value, _("paid up")
    IN_ARREARS = Standing.IN_ARREARS.value, _("in arrears")
    LAPSED = Standing.LAPSED.value, _("lapsed")


def receipt_prefix(fund_id, received_by_id, received_by_name: str, issued_at: datetime.datetime) -> bytes:
    """The start of a receipt's canonical form: what a whole batch of receipts shares (the fund, who
    received the payments, and when the receipts were issued)."""
    at = issued_at.astimezone(datetime.UTC).isoformat()
    name = received_by_name or ""
    return f"{fund_id}\x1e{received_by_id or ''}\x1e{at}\x1e{len(name)}:{name}\x1e".encode()


def receipt_tail(
    number, member_id, paid_on: datetime.date, amount, channel, purpose, book_number, entry_id
) -> bytes:
    """The rest of a receipt's canonical form: its own fields (free text carries its length)."""
    book = book_number or ""
    return f"{number}\x1e{member_id}\x1e{paid_on.isoformat()}\x1e{amount}\x1e{channel}\x1e{purpose}\x1e{entry_id}\x1e{len(book)}:{book}".encode()


def cancellation_digest(receipt) -> str:
    """What a receipt's cancellation wrote, as stored: its audit event's digest."""
    cancel_entry = receipt.cancel_entry_id
    return hashlib.sha256(
        "\x1e".join(
            [
                "cancel",
                str(receipt.pk),
                str(receipt.fund_id),
                str(receipt.number),
                receipt.cancelled_on.isoformat() if receipt.cancelled_on else "",
                "" if cancel_entry is None else str(cancel_entry),
                receipt.cancel_reason or "",
            ]
        ).encode()
    ).hexdigest()


class Receipt(models.Model):
    # No single-column indexes on fund and member: (fund, number) and (member, paid_on) lead with them and
    # serve every lookup, and each index costs a bulk import an insert per receipt.
    fund = models.ForeignKey(
        "registry.Fund", on_delete=models.PROTECT, related_name="receipts", db_index=False
    )
    number = models.PositiveIntegerField(_("receipt number"), help_text="per fund, from 1, without gaps")
    member = models.ForeignKey(
        "registry.Member", on_delete=models.PROTECT, related_name="receipts", db_index=False
    )
    paid_on = models.DateField(_("date paid"))
    amount = models.BigIntegerField(_("amount"), help_text="satang")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    purpose = models.CharField(_("for"), max_length=20, choices=Purpose.choices, default=Purpose.CONTRIBUTION)
    book_number = models.CharField(
        _("paper receipt number"), max_length=32, blank=True, help_text="the number on a paper receipt book"
    )
    entry = models.OneToOneField("ledger.Entry", on_delete=models.PROTECT, related_name="receipt")
    received_by_id = models.BigIntegerField(null=True)
    received_by_name = models.CharField(max_length=150, blank=True)
    issued_at = models.DateTimeField()
    cancelled_on = models.DateField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    # Unique over the cancelled receipts only, as Entry.reverses: the others carry no index entry.
    cancel_entry = models.ForeignKey(
        "ledger.Entry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cancelled_receipts",
        db_index=False,
    )
    # SHA-256 of the receipt as issued (receipt_prefix + receipt_tail): the audit event that issued it
    # digests these, so `audit verify` finds any field changed since. The cancellation has its own event.
    digest = models.CharField(max_length=64, default="")

    class Meta:
        ordering = ["fund", "number"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "number"], name="receipt_number_unique_in_fund"),
            models.UniqueConstraint(
                fields=["fund", "book_number"],
                condition=~Q(book_number=""),
                name="receipt_book_number_unique_in_fund",
            ),
            models.UniqueConstraint(
                fields=["cancel_entry"],
                condition=Q(cancel_entry__isnull=False),
                name="receipt_cancelled_once",
            ),
        ]
        indexes = [models.Index(fields=["member", "paid_on"])]
        verbose_name = _("receipt")

    def __str__(self):
        return f"{self.fund_id}/{self.number}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_on is not None

    def sealed_digest(self) -> str:
        """The digest of the receipt's fields as they are now (`digest` holds them as issued)."""
        head = receipt_prefix(self.fund_id, self.received_by_id, self.received_by_name, self.issued_at)
        tail = receipt_tail(
            self.number,
            self.member_id,
            self.paid_on,
            self.amount,
            self.channel,
            self.purpose,
            self.book_number,
            self.entry_id,
        )
        return hashlib.sha256(head + tail).hexdigest()


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


class StandingCounts:
    """How many members stood where at the month's end. The columns kept their first names:
    `members_active` counts the members paid up (StandingChoice.PAID_UP)."""

    members_active: int
    members_in_arrears: int
    members_lapsed: int

    @property
    def by_standing(self) -> list[tuple[str, int]]:
        """(the standing in words, how many members stood there), for the pages."""
        counts = {
            Standing.PAID_UP: self.members_active,
            Standing.IN_ARREARS: self.members_in_arrears,
            Standing.LAPSED: self.members_lapsed,
        }
        words = dict(StandingChoice.choices)
        return [(words[standing], n) for standing, n in counts.items()]


class MonthClose(StandingCounts, models.Model):
    """A fund's month-end close, done: written in the close's one transaction with every standing and
    group summary of the month, so a month has this row and all of them, or none."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="month_closes")
    period = models.IntegerField(help_text="YYYYMM")
    month_end = models.DateField()
    rules_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="the scheme version whose rules applied (none: the defaults)"
    )
    expected = models.BigIntegerField(help_text="satang")
    collected = models.BigIntegerField(help_text="satang")
    members_active = models.PositiveIntegerField(_("members paid up"))
    members_in_arrears = models.PositiveIntegerField(_("members in arrears"))
    members_lapsed = models.PositiveIntegerField(_("members lapsed"))
    status_changes = models.PositiveIntegerField(help_text="registry status changes this close made")
    closed_at = models.DateTimeField()
    closed_by_id = models.BigIntegerField(null=True)

    class Meta:
        ordering = ["fund", "-period"]
        constraints = [models.UniqueConstraint(fields=["fund", "period"], name="month_closed_once")]
        verbose_name = _("month-end close")

    def __str__(self):
        return f"{self.fund_id}:{self.period}"


class GroupMonthSummary(StandingCounts, models.Model):
    """One group's month: what its members were expected to pay and what they paid, and how many stood
    where at the month's end. `group` is empty for members in no group."""

    close = models.ForeignKey(MonthClose, on_delete=models.PROTECT, related_name="groups")
    group = models.ForeignKey("registry.Group", null=True, blank=True, on_delete=models.PROTECT)
    expected = models.BigIntegerField(help_text="satang")
    collected = models.BigIntegerField(help_text="satang")
    members_active = models.PositiveIntegerField(_("members paid up"))
    members_in_arrears = models.PositiveIntegerField(_("members in arrears"))
    members_lapsed = models.PositiveIntegerField(_("members lapsed"))

    class Meta:
        ordering = ["close", "group__code"]
        constraints = [models.UniqueConstraint(fields=["close", "group"], name="group_summary_once")]

    def __str__(self):
        return f"{self.close_id}/{self.group_id}"


class MemberMonthStanding(models.Model):
    """Where one member stood at the end of a closed month, derived from what they had paid by then."""

    close = models.ForeignKey(MonthClose, on_delete=models.PROTECT, related_name="standings")
    member = models.ForeignKey("registry.Member", on_delete=models.PROTECT, related_name="month_standings")
    paid_total = models.BigIntegerField(help_text="satang paid in by the month's end")
    paid_through = models.DateField()
    standing = models.CharField(_("standing"), max_length=12, choices=StandingChoice.choices)
    arrears = models.BigIntegerField(help_text="satang owed at the month's end")

    class Meta:
        ordering = ["close", "member"]
        constraints = [models.UniqueConstraint(fields=["close", "member"], name="member_standing_once")]

    def __str__(self):
        return f"{self.close_id}/{self.member_id}: {self.standing}"
