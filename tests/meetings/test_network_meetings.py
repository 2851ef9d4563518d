"""A network's meeting held end to end in the web app, like a fund's: the coordinator opens its record,
signs in members of the network's funds (by fund and number; an outsider only as a guest), writes the
minutes, records a co-funding request, and prints the report. Its numbers are its own in the term."""

import datetime
import re
import zlib

import pytest
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.core.errors import ValidationFailed
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import post_entry
from sajja.meetings.models import Meeting, Resolution
from sajja.meetings.services import MeetingData, ScheduleData, add_meeting, create_schedule
from sajja.meetings.services_minutes import HoldData, hold_meeting, resolve

D, T = datetime.date, datetime.time


def test_a_network_meeting_is_held_end_to_end_in_the_web_app(client, own, own_member, foreign_member, users):
    network = own.network
    schedule = create_schedule(
        SYSTEM, network, ScheduleData("ประชุมเครือข่าย", D(2026, 1, 1), T(10), T(15), ("มูลนิธิ",), day=16)
    )
    client.force_login(users["coordinator"])
    code = network.code
    hold = client.post(
        reverse("meetings:network-meeting-hold", args=[code]),
        {"schedule": schedule.pk, "date": "2026-12-16", "number": "9", "term": "2569"},
    )
    meeting = Meeting.objects.get(network=network)
    args = [code, meeting.pk]
    assert hold["Location"] == reverse("meetings:network-meeting-detail", args=args)
    attend = reverse("meetings:network-meeting-attend", args=args)
    client.post(attend, {"kind": "member", "fund_code": own.code, "member_number": own_member.number})
    outsider = client.post(
        attend,
        {"kind": "member", "fund_code": foreign_member.fund.code, "member_number": foreign_member.number},
        follow=True,
    )
    assert "บุคคลภายนอกลงชื่อเป็นแขกได้" in outsider.content.decode()
    client.post(attend, {"kind": "guest", "guest_name": "เจ้าหน้าที่ พอช."})
    client.post(
        reverse("meetings:network-meeting-minutes", args=args), {"minutes": "แลกเปลี่ยนบทเรียน", "item-1": "แจ้ง"}
    )
    client.post(
        reverse("meetings:network-meeting-resolve", args=args),
        {"text": "ขอสมทบงบประมาณจาก พอช.", "link_kind": "cofunding", "link_id": "พอช-2569/12"},
    )
    claims = client.post(
        reverse("meetings:network-meeting-resolve", args=args),
        {"text": "อนุมัติ", "link_kind": "claims", "link_id": "1"},
    )
    assert claims.status_code == 302 and Resolution.objects.count() == 1  # claims are a fund's to approve
    page = client.get(reverse("meetings:network-meeting-detail", args=args)).content.decode()
    for shown in (
        "ครั้งที่ 9/2569",
        "ระเบียบวาระที่ 1",
        own_member.person.first_name,
        "เจ้าหน้าที่ พอช.",
        "แลกเปลี่ยนบทเรียน",
        "พอช-2569/12",
    ):
        assert shown in page, shown
    assert foreign_member.person.first_name not in page
    report = client.get(reverse("meetings:network-meeting-report", args=args)).content.decode()
    assert "ขอสมทบงบประมาณจาก พอช." in report
    pdf = client.get(reverse("meetings:network-meeting-report-pdf", args=args))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # the network's funds' people read it; they do not write it
    client.force_login(users["treasurer"])
    assert client.get(reverse("meetings:network-meeting-detail", args=args)).status_code == 200
    assert (
        client.post(reverse("meetings:network-meeting-minutes", args=args), {"minutes": "x"}).status_code
        == 403
    )
    assert client.get(reverse("meetings:network-meeting-detail", args=[code, 99999])).status_code == 404


def test_a_network_meeting_number_used_in_the_term_is_refused(own, foreign):
    network = own.network
    hold_meeting(SYSTEM, network, HoldData(2569, 4, D(2026, 11, 16), None, "ประชุมเครือข่าย", T(10), T(15)))
    with pytest.raises(ValidationFailed) as refused:
        hold_meeting(SYSTEM, network, HoldData(2569, 4, D(2026, 12, 16), None, "ประชุมเครือข่าย", T(10), T(15)))
    assert refused.value.code == "meeting_number_taken"
    hold_meeting(
        SYSTEM, own, HoldData(2569, 4, D(2026, 11, 16), None, "ประชุมกองทุน", T(10), T(15))
    )  # a fund's own count
    hold_meeting(SYSTEM, foreign.network, HoldData(2569, 4, D(2026, 11, 16), None, "อีกเครือข่าย", T(10), T(15)))


def test_a_single_meeting_on_the_calendar_is_opened_as_it_is(client, own, treasurer):
    single = add_meeting(SYSTEM, own, MeetingData("ประชุมวิสามัญ", D(2026, 12, 2), T(13), T(15), "วัด"))
    client.force_login(treasurer)
    client.post(
        reverse("meetings:meeting-hold", args=[own.code]),
        {"meeting": single.pk, "date": "2026-12-02", "number": "5", "term": "2569"},
    )
    single.refresh_from_db()
    assert (single.reference, single.agenda.count(), Meeting.objects.count()) == ("ครั้งที่ 5/2569", 5, 1)


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF: /Type /Page objects, in the file or in its compressed object streams."""
    texts = [pdf] + [
        zlib.decompress(s) for s in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S) if _inflates(s)
    ]
    return sum(len(re.findall(rb"/Type\s*/Page(?![s\w])", t)) for t in texts)


def _inflates(data: bytes) -> bool:
    try:
        zlib.decompress(data)
    except zlib.error:
        return False
    return True


def test_the_report_prints_on_one_a4_page_in_a_thai_font(client, own, users):
    meeting = hold_meeting(
        SYSTEM, own, HoldData(2569, 4, D(2026, 11, 16), None, "ประชุมประจำเดือน", T(9), T(12))
    )
    post_entry(
        SYSTEM,
        own,
        Entry(D(2026, 11, 2), "ยอดยกมา", (Posting("1101", 80000), Posting("3101", -80000)), "opening", "o"),
    )
    for n in range(8):  # every kind of benefit paid in the month: the longest table of money
        kind = f"510{n + 1}"
        post_entry(
            SYSTEM,
            own,
            Entry(D(2026, 11, 3), "จ่าย", (Posting(kind, 10000), Posting("1101", -10000)), "benefit", kind),
        )
    for n in range(20):  # a long meeting: the page still holds, the rest is in the minutes
        resolve(SYSTEM, meeting, f"มติที่ {n + 1} " + "รายละเอียดของมติ " * 30)
    client.force_login(users["member"])
    response = client.get(reverse("meetings:meeting-report-pdf", args=[own.code, meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf_pages(pdf) == 1
    screen = client.get(reverse("meetings:meeting-report", args=[own.code, meeting.pk])).content.decode()
    assert "มติที่ 20" in screen and "สวัสดิการอื่น" in screen  # on screen, everything
    texts = [pdf] + [
        zlib.decompress(s) for s in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S) if _inflates(s)
    ]
    fonts = {name for t in texts for name in re.findall(rb"/BaseFont\s*/[A-Z]+\+(\w+)", t)}
    assert fonts & {b"Garuda", b"Loma", b"Kinnari"}, fonts
    assert b"/MediaBox [0 0 595" in pdf or any(b"595" in t and b"MediaBox" in t for t in texts)  # A4 wide
