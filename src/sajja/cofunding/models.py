"""Tables of the co-funding area: what the rules need to know of a fund that the registry does not keep
(its area's villages or communities, its registration, the policy it follows), and each fiscal year's
request with the money received and refunded against it.

A request keeps the entitlement as it was computed (the snapshot: counts, amounts per party, the rules
with their reasons, every member's line and the digest of the lines); it is never edited. Its money is
in the books: a receivable per party when it is made, each receipt against it, an overpayment as a
liability until it is refunded (sajja.cofunding.books).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sajja.cofunding.reasons import AreaKindChoice, MoneyAccount, PartyChoice


class FundProfile(models.Model):
    """The fund as the co-funding rules see it: the kind of area it covers, its registration, its policy."""

    fund = models.OneToOneField("registry.Fund", on_delete=models.PROTECT, related_name="cofunding_profile")
    area_kind = models.CharField(_("area"), max_length=16, choices=AreaKindChoice.choices)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    registered_with = models.CharField(_("registered with"), max_length=200, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True)
    policy_code = models.CharField(_("co-funding policy"), max_length=60, default="national")
    policy_definition = models.JSONField(
        null=True, blank=True, help_text="the fund's own policy as plain data; empty: the shipped one by code"
    )
    updated_at = models.DateTimeField()
    updated_by_id = models.BigIntegerField(null=True)

    class Meta:
        verbose_name = _("co-funding profile")

    def __str__(self):
        return f"{self.fund_id}: {self.area_kind} {self.policy_code}"


class Village(models.Model):
    """A village (หมู่) of the fund's tambon, or a community (ชุมชน) of its municipality: by number, as a
    member's group or address names it (Group.moo, Person.moo)."""

    profile = models.ForeignKey(FundProfile, on_delete=models.PROTECT, related_name="villages")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        ordering = ["profile", "number"]
        constraints = [models.UniqueConstraint(fields=["profile", "number"], name="village_number_once")]
        verbose_name = _("village or community")

    def __str__(self):
        return f"{self.number} {self.name}"


class CofundingRequest(models.Model):
    """One fund's request for one fiscal year: the entitlement as computed when it was made."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="cofunding_requests")
    fiscal_year = models.PositiveSmallIntegerField(help_text="the common-era year it ends in (2026: FY 2569)")
    policy_code = models.CharField(max_length=60)
    policy_from_fy = models.PositiveSmallIntegerField(help_text="the policy version's first year (BE)")
    requested_on = models.DateField(_("requested on"))
    due_on = models.DateField(_("due on"))
    members_listed = models.PositiveIntegerField()
    counted = models.PositiveIntegerField()
    excluded_by = models.JSONField(help_text="members excluded, by reason")
    rules = models.JSONField(help_text="each fund-level rule: code, passed, Thai and English")
    lines_digest = models.CharField(max_length=64, help_text="SHA-256 of the member lines (records.py)")
    key = models.CharField(max_length=200, help_text="the request's idempotency key")
    made_by_id = models.BigIntegerField(null=True)
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["fund", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "fiscal_year"], name="cofunding_requested_once_a_year"),
            models.UniqueConstraint(fields=["fund", "key"], name="cofunding_request_key_once"),
        ]
        verbose_name = _("co-funding request")

    def __str__(self):
        return f"{self.fund_id}: FY {self.fiscal_year + 543}"


class RequestParty(models.Model):
    """What one party was asked for, and the receivable entry that records it (none for the members,
    whose money is already in the books, nor for a party owing nothing)."""

    request = models.ForeignKey(CofundingRequest, on_delete=models.PROTECT, related_name="parties")
    party = models.CharField(max_length=24, choices=PartyChoice.choices)
    ratio = models.CharField(max_length=24)
    cap_per_member = models.BigIntegerField(null=True, help_text="satang; empty: no cap")
    amount = models.BigIntegerField(help_text="satang")
    would_be = models.BigIntegerField(help_text="satang, were every fund-level rule met")
    members_capped = models.PositiveIntegerField()
    entry = models.OneToOneField(
        "ledger.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="cofunding_request"
    )

    class Meta:
        ordering = ["request", "id"]
        constraints = [models.UniqueConstraint(fields=["request", "party"], name="cofunding_party_once")]

    def __str__(self):
        return f"{self.request_id}/{self.party}: {self.amount}"


class RequestLine(models.Model):
    """One member's line of the request: what they paid in the year, why they did not count (codes,
    comma-separated; empty: counted) and each party's amount, in the order of the request's parties."""

    request = models.ForeignKey(CofundingRequest, on_delete=models.PROTECT, related_name="lines")
    member = models.ForeignKey("registry.Member", on_delete=models.PROTECT, related_name="cofunding_lines")
    paid = models.BigIntegerField(help_text="satang")
    reasons = models.CharField(max_length=120, blank=True)
    amounts = models.JSONField()
    matched = models.BigIntegerField(help_text="satang from the parties that match the members")

    class Meta:
        ordering = ["request", "member"]
        constraints = [models.UniqueConstraint(fields=["request", "member"], name="cofunding_line_once")]

    def __str__(self):
        return f"{self.request_id}/{self.member_id}"


class CofundingReceipt(models.Model):
    """Money a party paid against a request: the part that settles what it owed, and any more than that,
    kept as an overpayment to refund."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="cofunding_receipts")
    request = models.ForeignKey(CofundingRequest, on_delete=models.PROTECT, related_name="receipts")
    party = models.CharField(max_length=24, choices=PartyChoice.choices)
    amount = models.BigIntegerField(help_text="satang")
    applied = models.BigIntegerField(help_text="satang against the receivable")
    overpaid = models.BigIntegerField(help_text="satang more than was owed")
    received_on = models.DateField(_("received on"))
    into = models.CharField(max_length=8, choices=MoneyAccount.choices)
    note = models.CharField(max_length=200, blank=True)
    entry = models.OneToOneField("ledger.Entry", on_delete=models.PROTECT, related_name="cofunding_receipt")
    key = models.CharField(max_length=200)
    recorded_by_id = models.BigIntegerField(null=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["request", "received_on", "id"]
        constraints = [models.UniqueConstraint(fields=["fund", "key"], name="cofunding_receipt_key_once")]
        verbose_name = _("co-funding receipt")

    def __str__(self):
        return f"{self.request_id}/{self.party}: {self.amount}"


class CofundingRefund(models.Model):
    """An overpayment given back to the party that paid it."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="cofunding_refunds")
    request = models.ForeignKey(CofundingRequest, on_delete=models.PROTECT, related_name="refunds")
    party = models.CharField(max_length=24, choices=PartyChoice.choices)
    amount = models.BigIntegerField(help_text="satang")
    refunded_on = models.DateField(_("refunded on"))
    paid_from = models.CharField(max_length=8, choices=MoneyAccount.choices)
    note = models.CharField(max_length=200, blank=True)
    entry = models.OneToOneField("ledger.Entry", on_delete=models.PROTECT, related_name="cofunding_refund")
    key = models.CharField(max_length=200)
    recorded_by_id = models.BigIntegerField(null=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["request", "refunded_on", "id"]
        constraints = [models.UniqueConstraint(fields=["fund", "key"], name="cofunding_refund_key_once")]
        verbose_name = _("co-funding refund")

    def __str__(self):
        return f"{self.request_id}/{self.party}: -{self.amount}"


class AdminLimit(models.Model):
    """The fund's own limit on administration costs, from a fiscal year on (none: the national 20 %)."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="admin_limits")
    from_fiscal_year = models.PositiveSmallIntegerField(help_text="the common-era year it ends in")
    percent = models.PositiveSmallIntegerField(_("limit (% of the fund)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    set_by_id = models.BigIntegerField(null=True)
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["fund", "from_fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "from_fiscal_year"], name="admin_limit_once_a_year")
        ]
        verbose_name = _("administration cost limit")

    def __str__(self):
        return f"{self.fund_id}: {self.percent}% from FY {self.from_fiscal_year + 543}"


class AdminCostOverride(models.Model):
    """An administration expense posted past the limit, and the committee resolution that allowed it, with
    the figures as they were judged."""

    fund = models.ForeignKey("registry.Fund", on_delete=models.PROTECT, related_name="admin_overrides")
    entry = models.OneToOneField("ledger.Entry", on_delete=models.PROTECT, related_name="admin_override")
    resolution = models.ForeignKey(
        "meetings.Resolution", on_delete=models.PROTECT, related_name="admin_overrides"
    )
    fiscal_year = models.PositiveSmallIntegerField(help_text="the common-era year it ends in")
    base = models.BigIntegerField(help_text="satang: the fund's money in the fiscal year")
    spent_before = models.BigIntegerField(help_text="satang: the year's administration costs before it")
    adding = models.BigIntegerField(help_text="satang")
    limit_percent = models.PositiveSmallIntegerField()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["fund", "entry"]
        verbose_name = _("administration cost allowed past the limit")

    def __str__(self):
        return f"{self.fund_id}: entry {self.entry_id} by resolution {self.resolution_id}"
