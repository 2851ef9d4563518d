"""A welfare claim from entry to payout, in Debian's Chromium on a 360-px phone.

The treasurer enters a member's hospital stay; a committee member verifies it and approves it; a
second committee member approves it; the treasurer pays it, and the payout is in the fund's books.
Each person has their own browser session. The member's page shows, for each benefit, what they
would get today and why. Real browser, real live server, real database.
"""

from __future__ import annotations

import datetime

import pytest

from sajja.access.policy import SYSTEM
from sajja.welfare import services
from sajja.welfare.models import Claim
from tests.browser.factories import SCREENSHOTS
from tests.factories import PASSWORD
from tests.welfare.factories import committee_user, fund_cash, paid

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


WIDER_THAN_THE_PHONE = """() => Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1).map(e => e.tagName + '#' + e.id)"""


def _fits_the_phone(page) -> None:
    """No sideways scrolling on a phone; if there is, the message names what sticks out."""
    too_wide = page.evaluate(WIDER_THAN_THE_PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, (page.url, too_wide)


def _session(first_page, live_server, username: str):
    """A fresh browser session (its own cookies) logged in as `username`, on a phone-sized screen."""
    context = first_page.context.browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit] >> nth=-1")
    page.wait_for_load_state()
    assert "/login/" not in page.url, f"{username} could not log in"
    return page


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"claim-{name}.png"), full_page=True)


def _press(page, label: str) -> None:
    """Press the button that says `label` and wait for the page that answers."""
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


@pytest.mark.django_db(transaction=True)
def test_a_claim_goes_from_entry_to_payout_with_two_approvers_on_a_phone(
    live_server, users, own, own_member, browser_page, fixed_today
):
    # the day the live server takes for today: the member's page says what they would get on it
    today = fixed_today(datetime.date(2026, 11, 26))
    services.adopt_template(SYSTEM, own, "codi", effective_from=datetime.date(2024, 1, 1))
    paid(own, own_member, 365_00, datetime.date(2025, 1, 1), "browser-year-2025")  # paid up through 2025
    fund_cash(own, 10_000_00, "browser-opening")
    committee_user(own, "committee2-user")
    claims_url = f"{live_server.url}/funds/{own.code}/claims/"

    # The treasurer enters a 3-night hospital stay from the phone.
    treasurer = _session(browser_page, live_server, "treasurer-user")
    treasurer.goto(f"{claims_url}new/")
    _fits_the_phone(treasurer)
    treasurer.fill("#id_member", own_member.number)
    treasurer.select_option("#id_benefit", "hospital")
    treasurer.fill("#id_event_date", "2025-08-01")
    treasurer.fill("#id_nights", "3")
    treasurer.fill("#id_details", "โรงพยาบาลสงขลา 1-4 ส.ค.")
    _shot(treasurer, "1-entry")
    _press(treasurer, "บันทึกคำขอ")
    claim = Claim.objects.get(fund=own, member=own_member)
    assert treasurer.url.endswith(f"/claims/{claim.pk}/")
    page = treasurer.content()
    assert "300.00 บาท" in page  # 3 nights x 100 baht, computed by the fund's rules
    assert "1 ส.ค. 2568" in page  # the event date in the Buddhist era
    assert "ตรวจสอบคำขอ" not in page  # the treasurer does not verify their own entry
    _fits_the_phone(treasurer)
    _shot(treasurer, "2-entered")

    # A committee member verifies it, then approves it (one of two approvals).
    first = _session(browser_page, live_server, "committee-user")
    first.goto(f"{claims_url}{claim.pk}/")
    _press(first, "ตรวจสอบคำขอนี้")
    _press(first, "อนุมัติการจ่าย 300.00 บาท")
    assert "(1/2)" in first.content()
    assert first.get_by_role("button", name="อนุมัติการจ่าย 300.00 บาท").count() == 0  # not twice
    _fits_the_phone(first)
    _shot(first, "3-first-approval")

    # The committee's other pages fit the phone too: the claims, the rules, a draft of new rules, pensions.
    for where in ("claims/", "welfare/", "welfare/draft/", "pensions/"):
        first.goto(f"{live_server.url}/funds/{own.code}/{where}")
        assert first.locator("h1").count() == 1, where
        _fits_the_phone(first)
    _shot(first, "3b-rules")

    # The treasurer cannot pay yet: one approval is not enough.
    treasurer.goto(f"{claims_url}{claim.pk}/")
    assert treasurer.get_by_role("button", name="จ่าย 300.00 บาท และบันทึกบัญชี").count() == 0

    # A second, different committee member approves.
    second = _session(browser_page, live_server, "committee2-user")
    second.goto(f"{claims_url}{claim.pk}/")
    _press(second, "อนุมัติการจ่าย 300.00 บาท")
    assert "(2/2)" in second.content()
    _shot(second, "4-second-approval")

    # The treasurer pays it in cash and it is posted to the books.
    treasurer.goto(f"{claims_url}{claim.pk}/")
    _fits_the_phone(treasurer)
    _press(treasurer, "จ่าย 300.00 บาท และบันทึกบัญชี")
    claim.refresh_from_db()
    assert claim.status == "paid" and claim.paid_entry_id
    _shot(treasurer, "5-paid")
    treasurer.goto(f"{live_server.url}/funds/{own.code}/entries/")
    assert f"สวัสดิการค่านอนโรงพยาบาล สมาชิก {own_member.number} (คำขอ #{claim.pk})" in treasurer.content()
    _fits_the_phone(treasurer)
    with treasurer.expect_navigation():
        treasurer.locator(f"a[href$='/entries/{claim.paid_entry_id}/']").first.click()
    entry = treasurer.content()
    assert "300.00" in entry and "5102" in entry and "1101" in entry  # sickness benefits against cash
    _fits_the_phone(treasurer)
    _shot(treasurer, "6-books")

    # The member's page: for each benefit, what they would get today, and why. The member pays up to a
    # month from today, so the hospital stay is theirs today; the pension needs 10 years of membership.
    more = (today + datetime.timedelta(days=30) - datetime.date(2025, 12, 31)).days
    paid(own, own_member, more * 100, today, "browser-paid-up-to-now")
    treasurer.goto(f"{live_server.url}/funds/{own.code}/members/{own_member.number}/welfare/")
    hospital = treasurer.locator(".card", has=treasurer.get_by_text("ค่านอนโรงพยาบาล", exact=True))
    assert "100.00 บาท" in hospital.inner_text()  # the rate per night, hers today
    pension = treasurer.locator(".card", has=treasurer.get_by_text("บำนาญผู้สูงอายุ", exact=True))
    assert "ยังไม่ได้รับสิทธิ์" in pension.inner_text()  # not now ...
    assert "ยังไม่ถึง 10 ปี" in pension.inner_text()  # ... and why: 10 years of paid membership needed
    assert treasurer.locator(".card").count() == 8  # one card per benefit of the generic rules
    assert f"#{claim.pk}" in treasurer.content()  # and the claim just paid
    _fits_the_phone(treasurer)
    _shot(treasurer, "7-member")
