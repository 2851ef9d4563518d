"""The one-page report to members after a meeting: the month's money from the books, and the decisions."""

import datetime

from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import post_entry
from sajja.meetings.services_minutes import HoldData, hold_meeting, resolve
from tests.factories import contribution


def test_the_report_shows_the_months_collections_benefits_and_decisions(client, own, own_member, users):
    post_entry(SYSTEM, own, contribution("feb-1"))  # 30 baht in February 2025
    post_entry(SYSTEM, own, contribution("feb-2", satang=33500))
    post_entry(
        SYSTEM, own, contribution("mar-1", day=datetime.date(2025, 3, 16), satang=99900)
    )  # not February
    birth = Entry(
        datetime.date(2025, 2, 18),
        "สวัสดิการเกิด",
        (Posting("5101", 50000), Posting("1101", -50000)),
        "benefit",
        "birth-1",
    )
    post_entry(SYSTEM, own, birth)
    meeting = hold_meeting(
        SYSTEM,
        own,
        HoldData(
            2568, 2, datetime.date(2025, 2, 20), None, "ประชุมประจำเดือน", datetime.time(9), datetime.time(12)
        ),
    )
    resolve(SYSTEM, meeting, "อนุมัติจ่ายสวัสดิการเกิด 1 ราย")
    client.force_login(users["member"])  # for the members: a member reads it too
    page = client.get(reverse("meetings:meeting-report", args=[own.code, meeting.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    for shown in (
        "ครั้งที่ 2/2568",
        "20 ก.พ. 2568",
        "365.00 บาท",
        "500.00 บาท",
        "สวัสดิการเกิด",
        "อนุมัติจ่ายสวัสดิการเกิด 1 ราย",
        own.name_th,
    ):
        assert shown in text, shown
    assert "999.00" not in text and "1,364.00" not in text
