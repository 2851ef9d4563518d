"""The issue's "done when": a treasurer on a 360-px phone opens a group's meeting sheet, enters 30
payments, submits once, and prints the receipts in Thai.

Real Chromium (Debian's, headless, driven by Playwright), pytest-django's live server, a real database.
"""

from __future__ import annotations

import datetime

import pytest

from sajja.access.policy import SYSTEM
from sajja.contributions.models import Receipt
from sajja.core.thai_dates import format_thai_date
from sajja.ledger.models import Account
from sajja.registry.services import Enrolment, PersonData, enrol_member
from tests.browser.factories import SCREENSHOTS, no_sideways_scrolling
from tests.factories import PASSWORD, thai_id

pytestmark = pytest.mark.browser


def fill_group(fund, count: int) -> None:
    """Members 000002 onwards in group G01, joined a year ago (000001 is the fixtures' member)."""
    for n in range(2, count + 1):
        person = PersonData(
            national_id=thai_id(7000 + n),
            first_name=f"สมาชิก{n}",
            last_name="บ้านนา",
            birth_date=datetime.date(1965, 3, 1),
            sex="M" if n % 2 else "F",
        )
        enrol_member(SYSTEM, fund, Enrolment(person, datetime.date(2025, 1, 1), "G01"))


@pytest.mark.django_db(transaction=True)
def test_treasurer_records_a_meeting_sheet_of_30_and_prints_the_receipts_in_thai(
    live_server, users, own, own_member, browser_page, fixed_today
):
    # the sheet is dated today, and so are its receipts
    meeting_day = fixed_today(datetime.date(2026, 11, 16))
    fill_group(own, 30)
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(live_server.url + "/")
    page.fill("#id_username", "treasurer-user")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit] >> nth=-1")
    page.wait_for_load_state()
    page.click(f"text={own.name_th}")
    page.click(f"a[href='/funds/{own.code}/contributions/']")
    page.click(f"a[href='/funds/{own.code}/groups/G01/sheet/']")
    page.wait_for_load_state()
    assert "/groups/G01/sheet/" in page.url and no_sideways_scrolling(page)

    amounts = page.locator("main input[name^='amount-']")
    assert amounts.count() == 30
    typed = {}
    for i in range(30):
        box = amounts.nth(i)
        number = box.get_attribute("name").removeprefix("amount-")
        # most pay a month; some a year; one types Thai digits, as a phone's Thai keyboard may
        text = "365" if i % 10 == 3 else ("๓๐" if i == 7 else "30")
        box.fill(text)
        typed[number] = 36500 if text == "365" else 3000
    page.screenshot(path=str(SCREENSHOTS / "meeting-sheet-filled.png"), full_page=True)
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()
    assert "ออกใบเสร็จ 30 ใบ" in page.content()
    assert page.locator("main input[name^='amount-']").count() == 0  # every line now shows its receipt
    assert no_sideways_scrolling(page)

    recorded = dict(Receipt.objects.filter(fund=own).values_list("member__number", "amount"))
    assert recorded == typed
    assert Account.objects.get(fund=own, code="1101").balance == sum(typed.values())

    page.click("a[href*='/sheet/receipts/']")
    page.wait_for_load_state()
    text = page.content()
    assert page.locator("article.receipt").count() == 30
    assert text.count("สามสิบบาทถ้วน") == 27 and text.count("สามร้อยหกสิบห้าบาทถ้วน") == 3
    assert text.count(format_thai_date(meeting_day, "th")) >= 30  # Buddhist-era date on each
    assert "treasurer-user" in text and "สมาชิก30 บ้านนา" in text
    page.screenshot(path=str(SCREENSHOTS / "sheet-receipts.png"), full_page=True)
    assert no_sideways_scrolling(page)
