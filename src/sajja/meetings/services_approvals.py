"""The claims a meeting resolved to approve, approved by the committee members present, each for
themself, through the welfare area's own approval: bound to the claim's content as the meeting saw it,
two different approvers, never the one who entered the claim or the claimant."""

from __future__ import annotations

from django.db import transaction

from sajja.audit.services import record
from sajja.core.errors import DomainError, ValidationFailed
from sajja.meetings import reasons
from sajja.meetings.models import Attendance, AttendeeKind, LinkKind, Resolution
from sajja.reasons import Both
from sajja.welfare.claims import services as workflow
from sajja.welfare.models import Claim


def present_as_committee(actor, meeting) -> bool:
    return Attendance.objects.filter(
        meeting=meeting, kind=AttendeeKind.COMMITTEE, member__user_id=getattr(actor, "pk", None)
    ).exists()


def approve_claims(actor, resolution: Resolution) -> list[Claim]:
    """The actor's approval of every claim the resolution approves, all or none."""
    meeting = resolution.meeting
    links = list(resolution.links.filter(kind=LinkKind.CLAIMS))
    if meeting.fund is None or not links:
        raise reasons.NO_CLAIMS_TO_APPROVE.conflict()
    if not present_as_committee(actor, meeting):
        raise reasons.NOT_PRESENT.not_permitted()
    found = Claim.objects.filter(fund=meeting.fund, pk__in=[int(link.ref) for link in links]).in_bulk()
    approved = []
    with transaction.atomic():
        for link in links:
            claim = found[int(link.ref)]
            try:
                approved.append(workflow.approve_claim(actor, claim, link.digest))
            except ValidationFailed:
                raise
            except DomainError as exc:
                words = reasons.CLAIM_REFUSED.words(
                    claim=claim.pk, label=link.label, reason=Both(exc.message_th, exc.message_en)
                )
                raise type(exc)(*words, code=exc.code, where=exc.where) from exc
        record(
            actor,
            "meetings.claims_approved",
            "meetings.Resolution",
            resolution.pk,
            fund_id=meeting.fund_id,
            data={"meeting": meeting.pk, "claims": [c.pk for c in approved]},
        )
    return approved
