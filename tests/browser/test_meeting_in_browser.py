"""A fund's monthly meeting held on a phone-sized screen, in Debian's Chromium: the treasurer opens the
record from the calendar, signs in the committee, writes the minutes and records a resolution approving
the verified claims; each of the two committee members present then approves them from their own phone."""

from __future__ import annotations

import datetime

import pytest

from sajja.access.policy import SYSTEM
from sajja.meetings.services import ScheduleData, create_schedule
from sajja.welfare.models import Claim
from tests.browser.factories import SCREENSHOTS, log_in
from tests.meetings.factories import make_committee_members, make_verified_claims

pytestmark = pytest.mark.browser


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360 + 1


@pytest.mark.django_db(transaction=True)
def test_a_meeting_is_held_and_approves_claims_on_a_phone(live_server, own, users, own_member, browser_page):
    committee = make_committee_members(own, users)
    claims = make_verified_claims(own, users, own_member)
    create_schedule(
        SYSTEM,
        own,
        ScheduleData(
            "ประชุมประจำเดือน",
            datetime.date(2026, 1, 1),
            datetime.time(9),
            datetime.time(12),
            ("ศาลา",),
            day=16,
        ),
    )
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server.url, "treasurer-user")
    page.goto(f"{live_server.url}/funds/{own.code}/meetings/")
    assert fits_the_phone(page)
    page.click("form[action$='/meetings/hold/'] button >> nth=0")
    page.wait_for_load_state()
    assert "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ" in page.content()
    meeting_url = page.url

    for member in committee:
        page.select_option("#kind", "committee")
        page.fill("#member_number", member.number)
        page.click("form[action$='/attend/'] button")
        page.wait_for_load_state()
    assert page.locator("#attendance li").count() == 2
    page.fill("#item-4", "พิจารณาคำขอค่ารักษาพยาบาล 2 ราย เอกสารครบ")
    page.fill("#minutes", "เปิดประชุม 09:00 น. ปิดประชุม 12:00 น.")
    page.click("form[action$='/minutes/'] button")
    page.wait_for_load_state()
    page.fill("#text", "อนุมัติจ่ายค่ารักษาพยาบาล 2 ราย")
    page.select_option("#link_kind", "claims")
    for claim in claims:
        page.check(f"input[name=ref][value='{claim.pk}']")
    page.click("form[action$='/resolve/'] button")
    page.wait_for_load_state()
    assert "อนุมัติจ่ายค่ารักษาพยาบาล 2 ราย" in page.locator("#resolutions").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "meeting-record.png"), full_page=True)
    assert fits_the_phone(page)

    for username in ("committee-user", "committee2-user"):
        log_in(page, live_server.url, username)
        page.goto(meeting_url)
        page.click("form[action$='/approve/'] button")
        page.wait_for_load_state()
    assert set(Claim.objects.filter(pk__in=[c.pk for c in claims]).values_list("status", flat=True)) == {
        "approved"
    }
    assert "อนุมัติแล้ว 2 คน" in page.locator("#resolutions").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "meeting-approved.png"), full_page=True)
    assert fits_the_phone(page)
