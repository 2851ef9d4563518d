"""A treasurer on a phone-sized screen, in Debian's Chromium: log in, find the members, read the trial balance.

The browser is real (headless /usr/bin/chromium driven by Playwright); so is the server (pytest-django's
live server) and the database.
"""

from __future__ import annotations

import pytest

from sajja.ledger.services import post_entry
from tests.browser.factories import SCREENSHOTS
from tests.factories import PASSWORD, contribution

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_treasurer_logs_in_and_reads_members_and_trial_balance(
    live_server, users, own, own_member, browser_page
):
    post_entry(users["treasurer"], own, contribution("browser-1"))
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(live_server.url + "/")
    assert "/login/" in page.url
    assert page.locator("html").get_attribute("lang") == "th"
    page.screenshot(path=str(SCREENSHOTS / "login.png"))

    page.fill("#id_username", "treasurer-user")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit] >> nth=-1")
    page.wait_for_load_state()
    assert own.name_th in page.content()

    page.click(f"text={own.name_th}")
    page.click(f"a[href='/funds/{own.code}/members/']")
    page.wait_for_load_state()
    assert own_member.person.first_name in page.content()
    assert "2568" in page.content()  # joined 2025-01-01, shown in the Buddhist era
    page.screenshot(path=str(SCREENSHOTS / "members.png"), full_page=True)

    page.goto(f"{live_server.url}/funds/{own.code}/trial-balance/")
    text = page.content()
    assert "30.00 บาท" in text  # one 30-baht contribution, on both sides
    page.screenshot(path=str(SCREENSHOTS / "trial-balance.png"), full_page=True)
    assert (
        page.evaluate("document.documentElement.scrollWidth") <= 360 + 1
    )  # no sideways scrolling on a phone
