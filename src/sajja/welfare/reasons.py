"""The coded words of a claim: its status, why it was rejected, where its money comes from; and why the
welfare area refuses what it is asked (a Reason each, said in Thai and English from the catalogue).

Labels and reasons are English message ids translated by the welfare catalogue (Thai on Thai pages).

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
from sajja.reasons import Reason


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
            return str(code)
    return str(RejectionReason.NOT_ELIGIBLE)


class PaySource(models.TextChoices):
    CASH = "cash", _("cash (1101)")
    BANK = "bank", _("bank transfer (1102)")
    PAYABLE = "payable", _("payable, for the beneficiary to collect (2101)")


PAYABLE = "2101"
SOURCE_ACCOUNTS = {PaySource.CASH: CASH, PaySource.BANK: BANK, PaySource.PAYABLE: PAYABLE}


# --- why a request is refused ----------------------------------------------------------------------------

# the fund's rules
NO_SCHEME_YET = Reason("no_scheme", _("this fund has no welfare scheme yet"))
NO_SCHEME_ADOPT_FIRST = Reason("no_scheme", _("this fund has no welfare scheme yet: adopt a template first"))
NO_SCHEME_TO_REVISE = Reason("no_scheme", _("this fund has no scheme yet: adopt a template first"))
SCHEME_EXISTS = Reason(
    "scheme_exists", _("this fund already has its scheme: change it by publishing a new version")
)
VERSION_MISSING = Reason("missing", _("send the version as definition or yaml"))
VERSION_NOT_A_MAPPING = Reason("not_a_mapping", _("must be a mapping"))

# entering a claim: who, for whom, what happened
ENTER_NOT_PERMITTED = Reason(
    "not_permitted", _("only a treasurer, or a member claiming for themself, may enter a claim")
)
NOT_IN_FUND = Reason("wrong_fund", _("not a member of this fund"))
UNKNOWN_BENEFIT = Reason(
    "unknown_benefit", _("the fund's scheme has no benefit '%(benefit)s' (it has: %(known)s)")
)
EVENT_IN_FUTURE = Reason("event_in_future", _("the event date is in the future"))
INVALID_NIGHTS = Reason("invalid_nights", _("nights must be 0 to 366"))
INVALID_LEVEL = Reason("invalid_level", _("unknown school level '%(level)s'"))
INVALID_DETAILS = Reason("invalid_details", _("details: at most %(limit)s characters, no control characters"))
TOKEN_REQUIRED = Reason("token_required", _("a one-time token of 1-%(limit)s characters is required"))
TOKEN_REUSED = Reason(
    "token_reused", _("this one-time token was already used for a different claim: nothing was recorded")
)
ALREADY_CLAIMED = Reason(
    "already_claimed", _("this member already claimed this benefit for this event date (claim #%(claim)s)")
)
CLAIM_NOT_FOUND = Reason("not_found", _("claim not found"))

# the committee's steps: verify, approve, reject, pay
NOT_VERIFIED = Reason("not_verified", _("a committee member must verify the claim before it is approved"))
CONTENT_CHANGED = Reason(
    "content_changed", _("the claim has changed since you saw it: look at it again before approving")
)
ALREADY_APPROVED = Reason(
    "already_approved",
    _("you have already approved this claim: the second approval must be another committee member's"),
)
NOT_APPROVED = Reason("not_approved", _("not approved by two committee members"))
REJECTION_REASON_REQUIRED = Reason("invalid_reason", _("choose a coded reason"))
NOTE_REQUIRED = Reason("note_required", _("other reason: write a note"))
NOTE_TOO_LONG = Reason("invalid_note", _("the note is too long"))
SOURCE_REQUIRED = Reason("invalid_source", _("choose where the money comes from"))
NOTHING_TO_PAY = Reason("nothing_to_pay", _("there is nothing to pay"))
INSUFFICIENT_FUNDS = Reason(
    "insufficient_funds", _("%(account)s holds %(balance)s baht, not enough to pay %(amount)s")
)
CLAIM_CLOSED = Reason("claim_closed", _("a paid or rejected claim is never changed"))
BATCH_CHANGED = Reason("batch_changed", _("the batch has changed since you saw it: look at it again first"))

# a step the claim's status does not allow now
CANNOT_VERIFY_NOW = Reason("wrong_status", _("the claim is '%(status)s': it cannot be verified now"))
CANNOT_APPROVE_NOW = Reason("wrong_status", _("the claim is '%(status)s': it cannot be approved now"))
CANNOT_PAY_NOW = Reason("wrong_status", _("the claim is '%(status)s': it cannot be paid now"))

# nobody checks their own work: the one who entered the claim, the claimant
ENTERED_IT_NO_VERIFYING = Reason(
    "own_claim", _("you entered this claim, so you may not verify it: another committee member must")
)
ENTERED_IT_NO_APPROVING = Reason(
    "own_claim", _("you entered this claim, so you may not approve it: another committee member must")
)
OWN_CLAIM_NO_VERIFYING = Reason("own_claim", _("this is your own claim: you may not verify it"))
OWN_CLAIM_NO_APPROVING = Reason("own_claim", _("this is your own claim: you may not approve it"))

# evidence files
FILE_EMPTY = Reason("file_empty", _("the file is empty"))
FILE_TOO_BIG = Reason("file_too_big", _("the file is larger than %(mb)s MB"))
FILE_TYPE = Reason("file_type", _("only PDF, JPEG or PNG files are accepted"))
FILE_NOT_BASE64 = Reason("not_base64", _("the file must be base64-encoded"))
FILE_NOT_FOUND = Reason("not_found", _("file not found"))
