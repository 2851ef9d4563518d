"""The coded words of a claim: its status, why it was rejected, where its money comes from.

Labels are English message ids translated by the welfare catalogue (Thai on Thai pages).

>>> from django.utils import translation
>>> with translation.override("th"):
...     str(RejectionReason.EVIDENCE_MISSING.label), str(ClaimStatus.PAID.label)
('หลักฐานไม่ครบถ้วน', 'จ่ายแล้ว')
>>> suggested_rejection({"reasons": [], "benefits": [{"reasons": ["in_arrears", "waiting_period"]}]})
'waiting_period'
"""

from collections.abc import Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _

from sajja.core.ledger.chart import BANK, CASH


class ClaimStatus(models.TextChoices):
    ENTERED = "entered", _("entered, awaiting verification")
    VERIFIED = "verified", _("verified, awaiting approval")
    APPROVED = "approved", _("approved, awaiting payment")
    PAID = "paid", _("paid")
    REJECTED = "rejected", _("rejected")


OPEN_STATUSES = (ClaimStatus.ENTERED, ClaimStatus.VERIFIED, ClaimStatus.APPROVED)


class RejectionReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", _("the rules do not give this benefit")
    NOT_A_MEMBER = "not_a_member", _("not a member on the day of the event")
    WAITING_PERIOD = "waiting_period", _("within the waiting period")
    IN_ARREARS = "in_arrears", _("contributions in arrears")
    OVER_LIMIT = "over_limit", _("the limit for the year is used up")
    EVIDENCE_MISSING = "evidence_missing", _("evidence missing or incomplete")
    EVIDENCE_INVALID = "evidence_invalid", _("the evidence does not match the claim")
    DUPLICATE = "duplicate", _("the same event was already claimed")
    LATE = "late", _("claimed after the deadline")
    OTHER = "other", _("other reason (see the note)")


# The rules' reasons for paying nothing, as the coded rejection a committee records for them; the first
# that applies wins (a non-member is refused as such before any waiting period or arrears matter).
_REJECTION_FOR_RULE = (
    (RejectionReason.NOT_A_MEMBER, {"not_yet_member", "left_fund", "deceased", "lapsed"}),
    (RejectionReason.WAITING_PERIOD, {"waiting_period", "reinstatement_waiting"}),
    (RejectionReason.IN_ARREARS, {"in_arrears"}),
    (RejectionReason.OVER_LIMIT, {"max_claims", "cap_nights_year", "cap_amount_year"}),
)


def suggested_rejection(adjudication: Mapping) -> str:
    """The coded reason to propose when the rules pay nothing for a claim ('' when they pay)."""
    found = set(adjudication.get("reasons", ()))
    for benefit in adjudication.get("benefits", ()):
        if benefit.get("amount_satang", 0) == 0:
            found.update(benefit.get("reasons", ()))
    if not found:
        return ""
    for code, rules in _REJECTION_FOR_RULE:
        if found & rules:
            return code.value
    return RejectionReason.NOT_ELIGIBLE.value


class PaySource(models.TextChoices):
    CASH = "cash", _("cash (1101)")
    BANK = "bank", _("bank transfer (1102)")
    PAYABLE = "payable", _("payable, for the beneficiary to collect (2101)")


PAYABLE = "2101"
SOURCE_ACCOUNTS = {PaySource.CASH: CASH, PaySource.BANK: BANK, PaySource.PAYABLE: PAYABLE}
