"""A committee member on a phone reads the fund's Sustainability page and asks for a new projection, which
the task library's worker then computes. Real browser (Debian's Chromium), live server and database."""

from __future__ import annotations

import pytest

from sajja.sustainability.compute import Settings
from sajja.sustainability.models import Projection, Reason, Status
from sajja.sustainability.projecting import compute_now
from tests.browser.factories import SCREENSHOTS
from tests.factories import PASSWORD
from tests.sustainability.factories import fund_with_members, run_worker

pytestmark = pytest.mark.browser

PHONE = 360


@pytest.mark.django_db(transaction=True)
def test_the_committee_reads_the_projection_on_a_phone_and_asks_again(
    live_server, own, users, small, browser_page
):
    fund_with_members(own)  # its enrolments queued a projection, which waits for the worker
    compute_now(own, Reason.REQUEST, Settings(paths=50, years=10, scenario_paths=20))
    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "committee-user")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit] >> nth=-1")
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/funds/{own.code}/sustainability/")
    assert page.locator("svg[role=img]").count() == 1
    assert "ทางเลือกต่าง ๆ กับสมาชิกของกองทุนนี้" in page.content()  # the scenario table
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "sustainability.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE + 1  # no sideways scrolling

    with page.expect_navigation():
        page.click("button:has-text('คำนวณใหม่')")
    assert "รับคำขอแล้ว" in page.content() and "รอคำนวณ" in page.content()
    assert Projection.objects.filter(fund=own, status=Status.QUEUED).count() == 1  # asking joined it

    run_worker()
    page.reload()
    assert "รอคำนวณ" not in page.content()
    assert not Projection.objects.filter(fund=own, status__in=(Status.QUEUED, Status.RUNNING)).exists()
