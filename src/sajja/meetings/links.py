"""What a meeting's page shows of the other areas: the claims awaiting its approval, the scheme versions
it may name, where each claim it resolved on stands now, and the contribution sheets of its date (the
meeting sheets of the contributions area hang off the meeting)."""

from __future__ import annotations

from django.urls import reverse

from sajja.access.policy import can, capabilities
from sajja.meetings.models import LinkKind, Meeting, ResolutionLink
from sajja.registry.models import Group
from sajja.welfare.models import Claim, ClaimApproval, FundSchemeVersion
from sajja.welfare.reasons import ClaimStatus


def _sheets(user, meeting: Meeting) -> list[tuple[Group, str]]:
    if not can(user, meeting.fund, "post_entries"):
        return []
    day = meeting.date.isoformat()
    return [
        (
            group,
            reverse("contributions:meeting-sheet", kwargs={"code": meeting.fund.code, "group": group.code})
            + f"?date={day}",
        )
        for group in Group.objects.filter(fund=meeting.fund).order_by("code")
    ]


def _claims_now(links: list[ResolutionLink]) -> dict[str, dict]:
    """For each claim a resolution named: its status now and how many approvals its content has."""
    ids = [int(link.ref) for link in links]
    claims = Claim.objects.in_bulk(ids)
    approvals: dict[int, int] = {}
    for claim_id, digest in ClaimApproval.objects.filter(claim_id__in=ids).values_list("claim_id", "digest"):
        if claims[claim_id].digest == digest:
            approvals[claim_id] = approvals.get(claim_id, 0) + 1
    return {
        str(pk): {
            "status": ClaimStatus(c.status).label,
            "open": c.status == ClaimStatus.VERIFIED,
            "approvals": approvals.get(pk, 0),
        }
        for pk, c in claims.items()
    }


def meeting_links(user, meeting: Meeting) -> dict:
    """Context for the meeting's page (the caller has scoped the meeting: selectors.meeting_for)."""
    if meeting.fund is None:
        return {"verified_claims": [], "versions": [], "sheets": [], "claims_now": {}}
    fund = meeting.fund
    caps = capabilities(user, fund)
    verified = []
    if "view_claims" in caps:
        verified = list(
            Claim.objects.filter(fund=fund, status=ClaimStatus.VERIFIED).select_related("member__person")
        )
    links = list(ResolutionLink.objects.filter(resolution__meeting=meeting, kind=LinkKind.CLAIMS))
    return {
        "verified_claims": verified,
        "versions": list(FundSchemeVersion.objects.filter(scheme__fund=fund).order_by("-number")),
        "sheets": _sheets(user, meeting),
        "claims_now": _claims_now(links) if "view_claims" in caps else {},
    }
