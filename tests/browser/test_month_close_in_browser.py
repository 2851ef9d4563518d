"""A treasurer on a 360-px phone closes a month: Contributions → month-end close, the button of
October 2569, then the month's summary by group, in Thai, with Buddhist-era dates and amounts in baht.
The fund is the one of tests/contributions/test_close.py, whose figures that module works out by hand.

Real Chromium (Debian's, headless, driven by Playwright), pytest-django's live server, a real database.
"""

from __future__ import annotations

import pytest

from sajja.access.policy import SYSTEM
from sajja.contributions.models import MonthClose
from sajja.contributions.month_end.services import close_through
from sajja.ledger.models import ClosedPeriod
from tests.browser.factories import SCREENSHOTS, log_in, no_sideways_scrolling
from tests.contributions.factories import TODAY, october_fund

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_treasurer_closes_october_from_a_phone_and_reads_its_groups(
    live_server, users, own, own_member, browser_page, fixed_today
):
    fixed_today(TODAY)  # 26 Nov 2026: October has ended
    october_fund(own)
    close_through(SYSTEM, own, "2026-09", today=TODAY)  # months close oldest first: October is next
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    log_in(page, live_server.url, "treasurer-user")
    page.click(f"text={own.name_th}")
    page.click(f"a[href='/funds/{own.code}/contributions/']")
    page.click(f"a[href='/funds/{own.code}/contributions/months/']")
    page.wait_for_load_state()
    page.screenshot(path=str(SCREENSHOTS / "month-close-list.png"), full_page=True)
    assert no_sideways_scrolling(page)
    main = page.locator("main")
    assert "ต.ค. 2569" in main.locator("h2").first.inner_text()  # the next month to close, with its preview
    october = main.locator("button[type=submit]")
    assert october.count() == 1 and "ต.ค. 2569" in october.inner_text()  # one button, not one per month

    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    october.click()  # the close asks first: it is never undone
    page.wait_for_load_state()
    assert len(asked) == 1 and "ต.ค. 2569" in asked[0]
    assert page.url.endswith(f"/funds/{own.code}/contributions/months/2026-10/")
    text = page.inner_text("main")
    assert "ต.ค. 2569" in text and "31 ต.ค. 2569" in text  # the standing's day, Buddhist era
    cells = {
        group: [
            t.strip() for t in page.locator("tbody tr", has_text=group).locator("td").all_inner_texts()[1:]
        ]
        for group in ("G01", "G02")
    }
    # G01 expected 62 baht and collected 365, 2 active; G02 expected 47, nothing collected, 1 active,
    # 1 in arrears, 1 lapsed (tests/contributions/test_close.py works these out)
    assert cells == {
        "G01": ["62.00 บาท", "365.00 บาท", "2", "0", "0"],
        "G02": ["47.00 บาท", "0.00 บาท", "1", "1", "1"],
    }
    assert no_sideways_scrolling(page)
    page.screenshot(path=str(SCREENSHOTS / "month-close-october.png"), full_page=True)

    assert MonthClose.objects.filter(fund=own, period=202610).count() == 1
    assert ClosedPeriod.objects.filter(fund=own, period=202610).exists()
    # back on the list, October is among the latest closed months: no button, its figures instead
    page.click(f"a[href='/funds/{own.code}/contributions/months/']")
    page.wait_for_load_state()
    october = page.locator("tr", has_text="ต.ค. 2569")
    assert october.locator("button").count() == 0
    assert october.inner_text().split("\n") == [
        "ต.ค. 2569",
        "109.00 บาท",
        "365.00 บาท",
        "3",
        "1",
        "1",
    ]
