"""A treasurer on a 360-px phone enrols a new member and takes the 20-baht entry fee in cash in the same
step: Members → + enrol, the form (in Thai, the fee said before it is taken), then the new member's page,
and the fee's receipt with its amount in Thai words.

Real Chromium (Debian's, headless, driven by Playwright), pytest-django's live server, a real database.
"""

from __future__ import annotations

import pytest

from sajja.contributions.models import Receipt
from sajja.registry.models import Member
from tests.browser.factories import SCREENSHOTS, log_in, no_sideways_scrolling
from tests.factories import thai_id

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_treasurer_enrols_a_member_and_takes_the_entry_fee_from_a_phone(
    live_server,
    users,
    charging,
    own_member,
    browser_page,
):
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server.url, "treasurer-user")
    page.goto(f"{live_server.url}/funds/{charging.code}/members/")
    page.click(f"a[href='/funds/{charging.code}/members/new/']")
    page.wait_for_load_state()
    assert "ค่าสมัครสมาชิกของกองทุนนี้ 20.00 บาท" in page.inner_text("main")
    page.fill("#id_national_id", thai_id(40000777))
    page.fill("#id_title", "นาง")
    page.fill("#id_first_name", "บุญเรือน")
    page.fill("#id_last_name", "ทองดี")
    page.fill("#id_birth_date", "1968-07-09")
    page.select_option("#id_sex", "F")
    page.fill("#id_joined_on", "2026-11-16")
    page.select_option("#id_group", "G01")
    page.fill("#id_house_number", "45")
    page.fill("#id_beneficiary_name", "สมปอง ทองดี")
    page.fill("#id_beneficiary_relationship", "คู่สมรส")
    assert page.input_value("#id_fee_channel") == "cash"  # taken now, in cash, unless the treasurer says not
    assert no_sideways_scrolling(page)
    page.screenshot(path=str(SCREENSHOTS / "enrol-form.png"), full_page=True)
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    member = Member.objects.get(fund=charging, person__first_name="บุญเรือน")
    receipt = Receipt.objects.get(fund=charging, member=member)
    assert page.url.endswith(f"/funds/{charging.code}/members/{member.number}/")
    text = page.inner_text("body")
    assert f"สมัครสมาชิกเลขที่ {member.number} แล้ว" in text and f"ใบเสร็จเลขที่ {receipt.number}" in text
    assert "บุญเรือน ทองดี" in text
    assert no_sideways_scrolling(page)
    page.screenshot(path=str(SCREENSHOTS / "enrol-done.png"), full_page=True)

    page.goto(f"{live_server.url}/funds/{charging.code}/receipts/{receipt.number}/")
    receipt_text = page.inner_text("main")
    assert "ยี่สิบบาทถ้วน" in receipt_text and "ค่าสมัครสมาชิก" in receipt_text
