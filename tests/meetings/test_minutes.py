"""A meeting held end to end: its record with the standard Thai agenda, who came (members only, or named
guests), whether it had a quorum, its minutes and its numbered resolutions."""

import datetime

import pytest
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent
from sajja.core.errors import NotFound, NotPermitted, ValidationFailed
from sajja.meetings.models import Attendance, Meeting, Resolution
from sajja.meetings.selectors import meeting_for, quorum_of
from sajja.meetings.services import ScheduleData, create_schedule
from sajja.meetings.services_minutes import (
    DEFAULT_AGENDA,
    HoldData,
    attend,
    hold_meeting,
    resolve,
    set_quorum_rule,
)
from tests.factories import enrol

D, T = datetime.date, datetime.time


def held(fund, number=4, day=None, actor=SYSTEM):
    day = day or D(2026, 11, 16)
    return hold_meeting(actor, fund, HoldData(2569, number, day, None, "ประชุมประจำเดือน", T(9), T(12), "วัด"))


def test_a_held_meeting_gets_the_five_item_thai_agenda_and_its_number(own, treasurer):
    meeting = held(own, actor=treasurer)
    assert [item.title for item in meeting.agenda.all()] == list(DEFAULT_AGENDA)
    assert DEFAULT_AGENDA[0] == "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ"
    assert meeting.reference == "ครั้งที่ 4/2569"


def test_a_meeting_number_used_in_the_term_is_refused(own, foreign):
    held(own, 4)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        held(own, 4, D(2026, 12, 16))
    assert refused.value.code == "meeting_number_taken" and "4/2569" in refused.value.message_th
    assert Meeting.objects.filter(fund=own).count() == 1 and AuditEvent.objects.count() == before
    held(own, 5, D(2026, 12, 16))
    held(foreign, 4)  # another fund counts its own meetings


def test_a_resolution_number_used_in_the_meeting_is_refused(own, own_member):
    meeting = held(own)
    first = resolve(SYSTEM, meeting, "อนุมัติรับสมาชิกใหม่ 1 ราย", "members", own_member.number)
    second = resolve(SYSTEM, meeting, "ขอสมทบจาก พอช.", "cofunding", "พอช-2569/7")
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationFailed) as refused:
        resolve(SYSTEM, meeting, "ซ้ำ", number=2)
    assert refused.value.code == "resolution_number_taken" and "ครั้งที่ 4/2569" in refused.value.message_th
    with pytest.raises(ValidationFailed) as unlinked:
        resolve(SYSTEM, meeting, "มติ", "claims", "")  # a link needs what it points at
    assert unlinked.value.code == "link_incomplete"
    assert Resolution.objects.count() == 2
    assert (second.link_kind, second.link_id) == ("cofunding", "พอช-2569/7")
    assert [(link.kind, link.ref) for link in first.links.all()] == [("members", own_member.number)]


def test_a_person_outside_the_fund_cannot_attend_but_a_guest_can(own, own_member, foreign_member):
    meeting = held(own)
    with pytest.raises(ValidationFailed) as refused:
        attend(SYSTEM, meeting, "member", foreign_member.number + "9")
    assert (
        refused.value.code == "not_a_member_of_the_fund" and refused.value.errors[0].where == "member_number"
    )
    attend(SYSTEM, meeting, "member", own_member.number)
    with pytest.raises(ValidationFailed) as twice:
        attend(SYSTEM, meeting, "member", own_member.number)
    assert twice.value.code == "already_present"
    attend(SYSTEM, meeting, "guest", guest_name="นายอำเภอ")
    assert Attendance.objects.filter(meeting=meeting).count() == 2


def test_a_member_of_another_fund_with_the_same_number_is_not_this_funds(own, foreign, foreign_member):
    meeting = held(own)
    # the foreign member's number exists, but in another fund: this fund has no such member
    assert not own.members.filter(number=foreign_member.number).exists()
    with pytest.raises(ValidationFailed) as refused:
        attend(SYSTEM, meeting, "committee", foreign_member.number)
    assert refused.value.code == "not_a_member_of_the_fund"
    assert refused.value.errors[0].where == "member_number"


def test_quorum_by_the_funds_rule(own):
    meeting = held(own)
    assert quorum_of(meeting).met is None  # no rule set yet
    set_quorum_rule(SYSTEM, own, committee_size=5, percent=50)  # at least 3 of 5
    members = [enrol(own, nid) for nid in ("1101400000014", "1101400000022", "1101400000031")]
    for member in members[:2]:
        attend(SYSTEM, meeting, "committee", member.number)
    attend(SYSTEM, meeting, "guest", guest_name="ผู้สังเกตการณ์")
    assert (quorum_of(meeting).present, quorum_of(meeting).needed, quorum_of(meeting).met) == (2, 3, False)
    attend(SYSTEM, meeting, "committee", members[2].number)
    assert quorum_of(meeting).met is True


def test_only_officers_record_and_a_foreign_funds_meeting_does_not_exist(own, foreign, users):
    meeting = held(foreign)
    with pytest.raises(NotFound, match="fund not found"):
        meeting_for(users["treasurer"], foreign, meeting.pk)
    with pytest.raises(NotFound, match="meeting not found"):
        meeting_for(users["treasurer"], own, meeting.pk)  # asked as if it were the own fund's
    mine = held(own, 7)
    with pytest.raises(NotPermitted, match="your role does not allow this"):
        resolve(users["auditor"], mine, "มติ")


def test_a_meeting_is_held_end_to_end_in_the_web_app(client, own, own_member, treasurer, foreign):
    schedule = create_schedule(
        SYSTEM, own, ScheduleData("ประชุมประจำเดือน", D(2026, 1, 1), T(9), T(12), ("ศาลา",), day=16)
    )
    client.force_login(treasurer)
    code = own.code
    hold = client.post(
        reverse("meetings:meeting-hold", kwargs={"code": code}),
        {"schedule": schedule.pk, "date": "2026-12-16", "number": "4", "term": "2569"},
    )
    meeting = Meeting.objects.get(fund=own)
    assert hold.status_code == 302 and hold["Location"] == reverse(
        "meetings:meeting-detail", args=[code, meeting.pk]
    )
    assert (meeting.date, meeting.venue, meeting.schedule_id) == (D(2026, 12, 16), "ศาลา", schedule.pk)
    # the occurrence is now the record: listed once on the calendar
    again = client.post(
        reverse("meetings:meeting-hold", kwargs={"code": code}),
        {"schedule": schedule.pk, "date": "2026-12-16", "number": "4", "term": "2569"},
    )
    assert again.status_code == 302 and Meeting.objects.count() == 1
    args = [code, meeting.pk]
    client.post(
        reverse("meetings:meeting-attend", args=args),
        {"kind": "committee", "member_number": own_member.number},
    )
    outsider = client.post(
        reverse("meetings:meeting-attend", args=args),
        {"kind": "member", "member_number": "999999"},
        follow=True,
    )
    assert "ไม่ใช่สมาชิกของกองทุนนี้" in outsider.content.decode()
    client.post(
        reverse("meetings:meeting-minutes", args=args),
        {"minutes": "ปิดประชุม 12:00 น.", "item-4": "พิจารณา 3 ราย"},
    )
    client.post(
        reverse("meetings:meeting-resolve", args=args),
        {"number": "1", "text": "อนุมัติจ่ายสวัสดิการ 3 ราย", "link_kind": "cofunding", "link_id": "พอช-7"},
    )
    twice = client.post(
        reverse("meetings:meeting-resolve", args=args), {"number": "1", "text": "อนุมัติจ่ายสวัสดิการ 3 ราย"}
    )
    assert twice.status_code == 302 and Resolution.objects.count() == 1
    page = client.get(reverse("meetings:meeting-detail", args=args)).content.decode()
    for shown in (
        "ครั้งที่ 4/2569",
        "ระเบียบวาระที่ 5 เรื่องอื่น ๆ",
        own_member.person.first_name,
        "ปิดประชุม 12:00 น.",
        "พิจารณา 3 ราย",
        "อนุมัติจ่ายสวัสดิการ 3 ราย",
        "16 ธ.ค. 2569",
    ):
        assert shown in page, shown
    calendar = client.get(reverse("meetings:meeting-calendar", kwargs={"code": code})).content.decode()
    assert calendar.count(reverse("meetings:meeting-detail", args=args)) >= 1
    assert client.get(reverse("meetings:meeting-detail", args=[foreign.code, meeting.pk])).status_code == 404
