"""A fund's meeting held end to end in the web app: the record opened from the calendar with the Thai
agenda, the committee and members signed in, the minutes, and a resolution approving verified claims,
approved at the meeting by the two committee members present through the welfare area's approvals."""

import datetime

import pytest
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent
from sajja.core.errors import Conflict, NotPermitted, ValidationFailed
from sajja.meetings.models import Meeting, Resolution
from sajja.meetings.services import ScheduleData, create_schedule
from sajja.meetings.services_approvals import approve_claims
from sajja.meetings.services_minutes import HoldData, attend, hold_meeting, resolve
from sajja.welfare.claims import services as workflow
from sajja.welfare.models import Claim, ClaimApproval, FundSchemeVersion
from tests.welfare.factories import committee_user

D, T = datetime.date, datetime.time


def _open(client, fund, user):
    client.force_login(user)
    schedule = create_schedule(
        SYSTEM, fund, ScheduleData("ประชุมประจำเดือน", D(2026, 1, 1), T(9), T(12), ("ศาลา",), day=16)
    )
    client.post(
        reverse("meetings:meeting-hold", args=[fund.code]),
        {"schedule": schedule.pk, "date": "2026-12-16", "number": "12", "term": "2569"},
    )
    return Meeting.objects.get(fund=fund)


def test_a_meeting_approves_a_batch_of_claims_in_the_web_app(
    client, own, users, verified_claims, committee_members
):
    meeting = _open(client, own, users["treasurer"])
    args = [own.code, meeting.pk]
    for member in committee_members:
        client.post(
            reverse("meetings:meeting-attend", args=args),
            {"kind": "committee", "member_number": member.number},
        )
    client.post(
        reverse("meetings:meeting-minutes", args=args),
        {"minutes": "ปิดประชุม 12:00 น.", "item-4": "คำขอ 2 ราย"},
    )
    page = client.get(reverse("meetings:meeting-detail", args=args)).content.decode()
    for claim in verified_claims:  # the verified claims are offered for the resolution
        assert f'name="ref" value="{claim.pk}"' in page
    client.post(
        reverse("meetings:meeting-resolve", args=args),
        {
            "number": "1",
            "text": "อนุมัติจ่ายค่ารักษาพยาบาล 2 ราย",
            "link_kind": "claims",
            "ref": [c.pk for c in verified_claims],
        },
    )
    resolution = Resolution.objects.get(meeting=meeting)
    assert sorted(int(link.ref) for link in resolution.links.all()) == sorted(c.pk for c in verified_claims)
    assert {link.digest for link in resolution.links.all()} == {c.digest for c in verified_claims}

    # the treasurer who entered the claims approves nothing: approving is the committee's
    refused = client.post(reverse("meetings:meeting-approve", args=[*args, 1]))
    assert refused.status_code == 403 and not ClaimApproval.objects.exists()
    # a committee member of the fund who did not sign in at this meeting approves nothing either
    client.force_login(committee_user(own, "committee3-user"))
    absent = client.post(reverse("meetings:meeting-approve", args=[*args, 1]), follow=True)
    assert "กรรมการที่ลงชื่อเข้าประชุม" in absent.content.decode() and not ClaimApproval.objects.exists()

    for n, user in enumerate((users["committee"], committee_members[1].user), 1):
        client.force_login(user)
        page = client.get(reverse("meetings:meeting-detail", args=args)).content.decode()
        assert "อนุมัติคำขอตามมติข้อ 1" in page  # the button of a committee member present
        client.post(reverse("meetings:meeting-approve", args=[*args, 1]))
        assert ClaimApproval.objects.filter(approver=user).count() == 2
        expected = "approved" if n == 2 else "verified"
        assert set(
            Claim.objects.filter(pk__in=[c.pk for c in verified_claims]).values_list("status", flat=True)
        ) == {expected}
    # the same member cannot be the second approver too
    again = client.post(reverse("meetings:meeting-approve", args=[*args, 1]), follow=True)
    assert "จึงอนุมัติไม่ได้" in again.content.decode() and ClaimApproval.objects.count() == 4
    page = client.get(reverse("meetings:meeting-detail", args=args)).content.decode()
    for shown in ("ครั้งที่ 12/2569", "ระเบียบวาระที่ 4 เรื่องเพื่อพิจารณา", "คำขอ 2 ราย", "กรรมการ2", "อนุมัติแล้ว 2 คน"):
        assert shown in page, shown


def test_a_claim_changed_after_the_meeting_decided_is_approved_by_nobody(
    own, users, verified_claims, committee_members
):
    meeting = hold_meeting(SYSTEM, own, HoldData(2569, 3, D(2026, 12, 16), None, "ประชุม", T(9), T(12)))
    attend(SYSTEM, meeting, "committee", committee_members[0].number)
    resolution = resolve(SYSTEM, meeting, "อนุมัติ 2 ราย", "claims", [str(c.pk) for c in verified_claims])
    changed = verified_claims[1]
    workflow.amend_claim(
        users["treasurer"], changed, workflow.ClaimData("hospital", D(2025, 9, 3), nights=5, details="รพ.สต.")
    )
    workflow.verify_claim(users["committee"], Claim.objects.get(pk=changed.pk))
    before = AuditEvent.objects.count()
    with pytest.raises(Conflict) as refused:
        approve_claims(users["committee"], resolution)
    assert f"คำขอเลขที่ {changed.pk}" in refused.value.message_th and refused.value.code == "content_changed"
    assert not ClaimApproval.objects.exists() and AuditEvent.objects.count() == before  # all or none


def test_a_resolution_approves_only_the_funds_own_verified_claims(
    own, foreign, users, verified_claims, paid_member
):
    meeting = hold_meeting(SYSTEM, own, HoldData(2569, 3, D(2026, 12, 16), None, "ประชุม", T(9), T(12)))
    workflow.reject_claim(users["committee"], verified_claims[0], "other", "ซ้ำ")
    for refs, code in (
        (["999999"], "link_not_a_claim"),
        ([str(verified_claims[0].pk)], "claim_not_verified"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            resolve(SYSTEM, meeting, "อนุมัติ", "claims", refs)
        assert refused.value.code == code
    with pytest.raises(ValidationFailed) as not_member:
        resolve(SYSTEM, meeting, "รับสมาชิก", "members", ["000001", "777777"])
    assert "777777" in not_member.value.message_th
    with pytest.raises(ValidationFailed) as no_version:
        resolve(SYSTEM, meeting, "ประกาศระเบียบ", "scheme_version", "9")
    assert no_version.value.code == "link_not_a_version"
    version = resolve(SYSTEM, meeting, "ประกาศระเบียบฉบับที่ 1", "scheme_version", "1")
    published = FundSchemeVersion.objects.get(scheme__fund=own, number=1)
    assert (version.links.get().ref, version.links.get().digest) == ("1", published.digest)
    assert Resolution.objects.filter(meeting=meeting).count() == 1


def test_approving_needs_a_committee_member_signed_in_at_that_meeting(
    own, users, verified_claims, committee_members
):
    meeting = hold_meeting(SYSTEM, own, HoldData(2569, 3, D(2026, 12, 16), None, "ประชุม", T(9), T(12)))
    resolution = resolve(SYSTEM, meeting, "อนุมัติ", "claims", [str(c.pk) for c in verified_claims])
    attend(SYSTEM, meeting, "member", committee_members[0].number)  # came, but signed in as a member
    with pytest.raises(NotPermitted) as refused:
        approve_claims(users["committee"], resolution)
    assert refused.value.code == "not_present" and not ClaimApproval.objects.exists()


def test_the_meeting_page_links_to_the_contribution_sheets_of_its_day(client, own, users):
    meeting = hold_meeting(SYSTEM, own, HoldData(2569, 3, D(2026, 12, 16), None, "ประชุม", T(9), T(12)))
    client.force_login(users["treasurer"])
    page = client.get(reverse("meetings:meeting-detail", args=[own.code, meeting.pk])).content.decode()
    sheet = (
        reverse("contributions:meeting-sheet", kwargs={"code": own.code, "group": "G01"}) + "?date=2026-12-16"
    )
    assert sheet in page
    assert client.get(sheet).status_code == 200
    client.force_login(users["auditor"])  # reads the meeting, keeps no sheets
    assert (
        sheet
        not in client.get(reverse("meetings:meeting-detail", args=[own.code, meeting.pk])).content.decode()
    )
