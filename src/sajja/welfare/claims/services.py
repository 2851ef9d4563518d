"""Every write to a claim: enter, amend, verify, approve, reject, pay. Each checks who may do it, runs in
one transaction and appends an audit event.

The path of a claim: entered (by a treasurer, or a member for themself; the engine computes the amount
and its explanation) -> verified (a committee member other than the one who entered it) -> approved by
two different committee members, neither the one who entered it nor the claimant, each approving the
claim's exact content (its digest) -> paid (a treasurer posts the payout to the books). It may be
rejected with a coded reason at any point before payment. Changing an open claim sends it back to
verification, and approvals given for its earlier content no longer count.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.chain import digest_of
from sajja.audit.records import CLAIM, digest_of_record
from sajja.audit.services import record, serialise_audited_writes
from sajja.core import thai_dates
from sajja.core.errors import Conflict, ValidationFailed
from sajja.core.ledger.checks import control_character
from sajja.core.money import format_baht
from sajja.ledger.models import Account
from sajja.ledger.services import post_entry
from sajja.reasons import Both, Reason
from sajja.welfare import reasons
from sajja.welfare.assess import assess_claim, benefit_named
from sajja.welfare.claims.claimants import require_enter_for
from sajja.welfare.claims.payout import payout_entry
from sajja.welfare.claims.validation import DETAILS_MAX, ClaimData, check_token, validate
from sajja.welfare.models import Claim, ClaimApproval
from sajja.welfare.reasons import OPEN_STATUSES, SOURCE_ACCOUNTS, ClaimStatus, PaySource, RejectionReason
from sajja.welfare.selectors import current_approvers, require_scheme, version_in_force

APPROVALS_NEEDED = 2


def content_digest(claim: Claim) -> str:
    """The claim's content, which an approval binds to: who, what, when, how much, under which rules."""
    return digest_of(
        {
            "fund": claim.fund_id,
            "member": claim.member_id,
            "benefit": claim.benefit,
            "event_date": claim.event_date.isoformat(),
            "nights": claim.nights,
            "level": claim.level,
            "details": claim.details,
            "amount": claim.amount,
            "recipient": claim.recipient,
            "version": claim.version.number if claim.version else None,
            "evidence": sorted(claim.evidence.values_list("sha256", flat=True)) if claim.pk else [],
        }
    )


def _assess_into(claim: Claim, scheme, data: ClaimData) -> None:
    named = benefit_named(scheme, data.benefit, data.event_date)
    assessment = assess_claim(
        claim.fund, claim.member, data.benefit, data.event_date, data.nights, data.level, before=claim.pk
    )
    benefit = assessment.benefit or named
    claim.benefit, claim.event_date, claim.nights = data.benefit, data.event_date, data.nights
    claim.level, claim.details = data.level, data.details.strip()
    claim.benefit_name_th, claim.benefit_name_en = benefit.name_th, benefit.name_en
    claim.category, claim.recipient = benefit.category.value, benefit.conditions.recipient.value
    claim.event = benefit.event.value
    claim.amount = assessment.amount
    claim.nights_counted = assessment.nights_counted
    claim.adjudication = assessment.adjudication.to_dict()
    claim.version = version_in_force(claim.fund, data.event_date)
    claim.digest = content_digest(claim)


def _duplicate_check(member, data: ClaimData, exclude: int | None = None) -> None:
    same = Claim.objects.filter(member=member, benefit=data.benefit, event_date=data.event_date).exclude(
        status=ClaimStatus.REJECTED
    )
    if exclude is not None:
        same = same.exclude(pk=exclude)
    first = same.first()
    if first is not None:
        raise reasons.ALREADY_CLAIMED.conflict("event_date", claim=first.pk)


def _same_request(claim: Claim, member, data: ClaimData) -> bool:
    return (claim.member_id, claim.benefit, claim.event_date, claim.nights, claim.level, claim.details) == (
        member.pk,
        data.benefit,
        data.event_date,
        data.nights,
        data.level,
        data.details.strip(),
    )


def enter_claim(actor, fund, member, data: ClaimData, *, token: str, batch: str = "") -> tuple[Claim, bool]:
    """Enter a claim; (the claim, whether it is new). A resubmission with the same token finds the first."""
    require_enter_for(actor, fund, member)
    if member.fund_id != fund.pk:
        raise reasons.NOT_IN_FUND.invalid("member")
    check_token(token)
    scheme = require_scheme(fund)
    errors = validate(scheme, data, thai_dates.today())
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        serialise_audited_writes()  # serialises writers: a resubmission racing the first waits, then finds it
        existing = Claim.objects.filter(fund=fund, token=token).first()
        if existing is not None:
            if _same_request(existing, member, data):
                return existing, False
            raise reasons.TOKEN_REUSED.conflict("token")
        _duplicate_check(member, data)
        claim = Claim(
            fund=fund,
            member=member,
            token=token,
            batch=batch,
            entered_by=as_user(actor),
            entered_at=timezone.now(),
        )
        _assess_into(claim, scheme, data)
        claim.save()
        _audit(actor, "welfare.claim.enter", claim)
    return claim, True


def amend_claim(actor, claim: Claim, data: ClaimData) -> Claim:
    """Change an open claim. New content is computed again and must be verified and approved again."""
    require_enter_for(actor, claim.fund, claim.member)
    scheme = require_scheme(claim.fund)
    errors = validate(scheme, data, thai_dates.today())
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        claim = lock_claim(claim)
        must_be_open(claim)
        _duplicate_check(claim.member, data, exclude=claim.pk)
        before = claim.digest
        _assess_into(claim, scheme, data)
        if claim.digest == before:
            return claim
        _back_to_verification(claim)
        claim.save()
        _audit(actor, "welfare.claim.amend", claim)
        return claim


def content_changed(actor, claim: Claim, action: str, extra: dict | None = None) -> Claim:
    """Something the claim holds changed (its evidence): a new digest, and back to verification."""
    digest = content_digest(claim)
    if digest != claim.digest:
        claim.digest = digest
        _back_to_verification(claim)
        claim.save()
    _audit(actor, action, claim, extra)
    return claim


def _back_to_verification(claim: Claim) -> None:
    """New content: verified again, approved again (approvals of the old digest no longer count)."""
    claim.status, claim.verified_by, claim.verified_at = ClaimStatus.ENTERED, None, None
    claim.revision += 1


def verify_claim(actor, claim: Claim) -> Claim:
    require(actor, claim.fund, "verify_claims")
    with transaction.atomic():
        claim = lock_claim(claim)
        if claim.status != ClaimStatus.ENTERED:
            raise _wrong_status(claim, reasons.CANNOT_VERIFY_NOW)
        _not_own(actor, claim, reasons.ENTERED_IT_NO_VERIFYING, reasons.OWN_CLAIM_NO_VERIFYING)
        claim.status, claim.verified_by, claim.verified_at = ClaimStatus.VERIFIED, actor, timezone.now()
        claim.save(update_fields=["status", "verified_by", "verified_at"])
        _audit(actor, "welfare.claim.verify", claim)
        return claim


def approve_claim(actor, claim: Claim, digest: str) -> Claim:
    """Approve the claim as the approver saw it: `digest` must still be the claim's content."""
    require(actor, claim.fund, "approve_claims")
    with transaction.atomic():
        claim = lock_claim(claim)
        if claim.status == ClaimStatus.ENTERED:
            raise reasons.NOT_VERIFIED.conflict()
        if claim.status != ClaimStatus.VERIFIED:
            raise _wrong_status(claim, reasons.CANNOT_APPROVE_NOW)
        if digest != claim.digest:
            raise reasons.CONTENT_CHANGED.conflict("digest")
        _not_own(actor, claim, reasons.ENTERED_IT_NO_APPROVING, reasons.OWN_CLAIM_NO_APPROVING)
        if ClaimApproval.objects.filter(claim=claim, approver=actor, digest=claim.digest).exists():
            raise reasons.ALREADY_APPROVED.conflict()
        ClaimApproval.objects.create(
            claim=claim, approver=actor, digest=claim.digest, approved_at=timezone.now()
        )
        if len(current_approvers(claim)) >= APPROVALS_NEEDED:
            claim.status = ClaimStatus.APPROVED
            claim.save(update_fields=["status"])
        _audit(actor, "welfare.claim.approve", claim)
        return claim


def reject_claim(actor, claim: Claim, reason: str, note: str = "") -> Claim:
    require(actor, claim.fund, "reject_claims")
    problems = []
    if reason not in RejectionReason.values:
        problems.append(reasons.REJECTION_REASON_REQUIRED.problem("reason"))
    elif reason == RejectionReason.OTHER and not note.strip():
        problems.append(reasons.NOTE_REQUIRED.problem("note"))
    if len(note) > DETAILS_MAX or control_character(note):
        problems.append(reasons.NOTE_TOO_LONG.problem("note"))
    if problems:
        raise ValidationFailed(problems)
    with transaction.atomic():
        claim = lock_claim(claim)
        must_be_open(claim)
        claim.status, claim.rejection_reason, claim.rejection_note = (
            ClaimStatus.REJECTED,
            reason,
            note.strip(),
        )
        claim.rejected_by, claim.rejected_at = actor, timezone.now()
        claim.save()
        _audit(actor, "welfare.claim.reject", claim)
        return claim


def pay_claim(
    actor, claim: Claim, source: str = str(PaySource.CASH), day: datetime.date | None = None
) -> Claim:
    """Post the payout to the books. Paying a paid claim changes nothing and returns it."""
    require(actor, claim.fund, "pay_claims")
    if source not in PaySource.values:
        raise reasons.SOURCE_REQUIRED.invalid("source")
    day = day or thai_dates.today()
    with transaction.atomic():
        claim = lock_claim(claim)
        if claim.status == ClaimStatus.PAID:
            return claim
        if claim.status != ClaimStatus.APPROVED:
            raise _wrong_status(claim, reasons.CANNOT_PAY_NOW)
        approvers = current_approvers(claim) - {claim.entered_by_id, claim.member.user_id}
        if len(approvers) < APPROVALS_NEEDED:  # the approvals bound to this content, by two others
            raise reasons.NOT_APPROVED.conflict()
        if claim.amount <= 0:
            raise reasons.NOTHING_TO_PAY.conflict()
        _check_funds(claim, PaySource(source))
        entry = post_entry(actor, claim.fund, payout_entry(claim, PaySource(source), day))
        claim.status, claim.paid_from, claim.paid_entry = ClaimStatus.PAID, source, entry
        claim.paid_by, claim.paid_at = as_user(actor), timezone.now()
        claim.save()
        _audit(actor, "welfare.claim.pay", claim, extra={"entry": entry.pk})
        return claim


def _check_funds(claim: Claim, source: PaySource) -> None:
    """No payout above what the fund holds in the cash box or the bank it pays from."""
    if source == PaySource.PAYABLE:
        return
    account = Account.objects.get(fund_id=claim.fund_id, code=SOURCE_ACCOUNTS[source])
    if account.balance < claim.amount:
        raise reasons.INSUFFICIENT_FUNDS.conflict(
            "source",
            account=Both(account.name_th, account.name_en),
            balance=Both(format_baht(account.balance), f"{account.balance / 100:,.2f}"),
            amount=Both(format_baht(claim.amount), f"{claim.amount / 100:,.2f}"),
        )


def lock_claim(claim: Claim) -> Claim:
    """The claim as stored, with the writers' lock held (not as the caller last saw it)."""
    serialise_audited_writes()
    return Claim.objects.select_related("fund", "member", "version").get(pk=claim.pk)


def must_be_open(claim: Claim) -> None:
    if claim.status not in OPEN_STATUSES:
        raise reasons.CLAIM_CLOSED.conflict()


def _wrong_status(claim: Claim, reason: Reason) -> Conflict:
    """The step is not for a claim in its status (the Thai names the status, the English its code)."""
    return reason.conflict(status=Both(str(ClaimStatus(claim.status).label), claim.status))


def _not_own(actor, claim: Claim, entered_it: Reason, own_claim: Reason) -> None:
    """Nobody checks their own work: not the one who entered the claim, not the claimant."""
    if claim.entered_by_id is not None and claim.entered_by_id == actor.pk:
        raise entered_it.not_permitted()
    if claim.member.user_id is not None and claim.member.user_id == actor.pk:
        raise own_claim.not_permitted()


def _audit(actor, action: str, claim: Claim, extra: dict | None = None) -> None:
    """A later event for the claim: its digest covers the claim as stored now, with its approvals and
    evidence (audit.records.CLAIM), so `audit verify` compares the claim with its latest event. (`extra`
    names what the write added; the digest covers it.)"""
    digest = digest_of_record(CLAIM, claim.pk)
    record(actor, action, CLAIM.object_type, claim.pk, fund_id=claim.fund_id, digest=digest)


def as_user(actor):
    return actor if getattr(actor, "pk", None) else None
