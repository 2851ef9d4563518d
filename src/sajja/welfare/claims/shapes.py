"""A claim as the API shows it, and the claim a request names: shared by the claims' and the pensions'
routers."""

from __future__ import annotations

from sajja.access.policy import require
from sajja.registry.selectors import fund_for
from sajja.welfare import selectors


def who(user) -> str | None:
    return user.username if user else None


def claim_out(claim) -> dict:
    approvals = selectors.approvals_of(claim)
    return {
        "id": claim.pk,
        "member": claim.member.number,
        "benefit": claim.benefit,
        "benefit_name": {"th": claim.benefit_name_th, "en": claim.benefit_name_en},
        "event": claim.event,
        "event_date": claim.event_date,
        "nights": claim.nights,
        "level": claim.level,
        "details": claim.details,
        "amount": claim.amount,
        "status": claim.status,
        "digest": claim.digest,
        "revision": claim.revision,
        "version": claim.version.number if claim.version else None,
        "recipient": claim.recipient,
        "entered_by": who(claim.entered_by),
        "verified_by": who(claim.verified_by),
        "approvals": [
            {
                "approver": a.approver.username,
                "approved_at": a.approved_at,
                "current": a.digest == claim.digest,
            }
            for a in approvals
        ],
        "rejection_reason": claim.rejection_reason,
        "rejection_note": claim.rejection_note,
        "paid_entry": claim.paid_entry_id,
        "paid_from": claim.paid_from,
        "adjudication": claim.adjudication,
        "evidence": [evidence_out(e) for e in claim.evidence.all()],
    }


def evidence_out(e) -> dict:
    return {"id": e.pk, "name": e.name, "content_type": e.content_type, "size": e.size, "sha256": e.sha256}


def claim_in(request, code: str, claim_id: int, capability: str | None = None):
    fund = fund_for(request.auth, code)
    if capability:
        require(request.auth, fund, capability)
    return fund, selectors.claim_for(request.auth, fund, claim_id)
