"""The main pages pass axe-core's WCAG 2.1 A and AA checks on a 360-px phone, and none scrolls sideways.

A treasurer, in Debian's Chromium (headless, driven by Playwright), opens each page of the day's work: the
funds, a fund, its members and a member, the entries, the trial balance, a group's meeting sheet, the claims,
the month-end close, the knowledge notes and the co-funding pages, and a coordinator the network's
home. axe-core (the copy axe-playwright-python ships) checks each one
as the browser drew it: names of fields and links, contrast, headings, landmarks, language. What axe cannot
see is checked beside it: tap targets of 44 px, column headers a screen reader still reads, the meeting
sheet's amounts named by the member's name.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from sajja.ledger.services import post_entry
from tests.browser.factories import PHONE, SCREENSHOTS, log_in
from tests.factories import contribution
from tests.welfare.factories import entered

pytestmark = pytest.mark.browser

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
WIDER_THAN_THE_PHONE = """() => Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""
# What a thumb presses: the navigation, buttons, links alone in a table's cell, form fields.
TOO_SMALL_TO_TAP = """() => Array.from(document.querySelectorAll(
        'nav a, button, .button, td a, .pager a, input:not([type=hidden]):not([type=checkbox]), select'))
    .filter(e => e.getClientRects().length && e.getBoundingClientRect().height < 43.5)
    .map(e => e.outerHTML.slice(0, 80) + ' ' + Math.round(e.getBoundingClientRect().height) + 'px')"""
HEADERS_HIDDEN = """() => Array.from(document.querySelectorAll('th'))
    .filter(th => getComputedStyle(th).display === 'none' || getComputedStyle(th.closest('thead, table')).display === 'none')
    .map(th => th.textContent)"""


def main_pages(fund, member) -> dict[str, str]:
    """The pages a treasurer opens most, by name: path."""
    f = f"/funds/{fund.code}"
    return {
        "home": "/",
        "fund": f"{f}/",
        "members": f"{f}/members/",
        "member": f"{f}/members/{member.number}/",
        "entries": f"{f}/entries/",
        "trial balance": f"{f}/trial-balance/",
        "meeting sheet": f"{f}/groups/G01/sheet/",
        "claims": f"{f}/claims/",
        "month-end close": f"{f}/contributions/months/",
        "knowledge": "/knowledge/",
        "co-funding": f"{f}/cofunding/",
        "co-funding year": f"{f}/cofunding/2569/",
        "money by source": f"{f}/cofunding/sources/",
        "co-funding profile": f"{f}/cofunding/profile/",
    }


@pytest.mark.django_db(transaction=True)
def test_the_main_pages_have_no_wcag_violations_and_fit_a_phone(
    live_server, users, own, paid_member, browser_page
):
    post_entry(users["treasurer"], own, contribution("a11y-1"))
    entered(users["treasurer"], own, paid_member)  # one claim on the claims page
    page = browser_page
    assert page.viewport_size["width"] == PHONE
    log_in(page, live_server.url, "treasurer-user")
    axe = Axe()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    violations, too_wide, too_small, headers_hidden = {}, {}, {}, {}
    for name, path in main_pages(own, paid_member).items():
        answer = page.goto(live_server.url + path)
        assert answer.status == 200, (name, answer.status)
        page.screenshot(path=str(SCREENSHOTS / f"a11y-{name.replace(' ', '-')}.png"), full_page=True)
        found = axe.run(page, options=WCAG_21_AA)
        if found.violations_count:
            violations[name] = found.generate_report()
        if page.evaluate("document.documentElement.scrollWidth") > page.evaluate("innerWidth"):
            too_wide[name] = page.evaluate(WIDER_THAN_THE_PHONE)
        if small := page.evaluate(TOO_SMALL_TO_TAP):
            too_small[name] = small
        if hidden := page.evaluate(HEADERS_HIDDEN):
            headers_hidden[name] = hidden

    assert violations == {}, "\n\n".join(f"== {name}\n{report}" for name, report in violations.items())
    assert too_wide == {}
    assert too_small == {}
    assert headers_hidden == {}


@pytest.mark.django_db(transaction=True)
def test_each_amount_of_the_meeting_sheet_is_named_by_its_member(
    live_server, users, own, own_member, browser_page
):
    page = browser_page
    log_in(page, live_server.url, "treasurer-user")
    page.goto(f"{live_server.url}/funds/{own.code}/groups/G01/sheet/")
    name = own_member.person.full_name
    amount = page.get_by_role("textbox", name=name)
    assert amount.get_attribute("name") == f"amount-{own_member.number}"
    page.get_by_text(name).click()  # the name is the field's label: a tap on it is a tap in the field
    assert page.evaluate("document.activeElement.name") == f"amount-{own_member.number}"


@pytest.mark.django_db(transaction=True)
def test_the_main_pages_reflow_at_200_percent_zoom_on_the_phone(
    live_server, users, own, paid_member, browser_page
):
    """200 % zoom on a 360-px phone leaves 180 CSS px: a wide table may scroll in its own box, the page
    never sideways (WCAG 1.4.10)."""
    post_entry(users["treasurer"], own, contribution("a11y-1"))
    entered(users["treasurer"], own, paid_member)
    page = browser_page
    log_in(page, live_server.url, "treasurer-user")
    zoomed = PHONE // 2
    page.set_viewport_size({"width": zoomed, "height": 740})
    too_wide = {}
    for name, path in main_pages(own, paid_member).items():
        page.goto(live_server.url + path)
        if page.evaluate("document.documentElement.scrollWidth") > zoomed:
            too_wide[name] = page.evaluate(WIDER_THAN_THE_PHONE)
    assert too_wide == {}


@pytest.mark.django_db(transaction=True)
def test_the_network_pages_have_no_wcag_violations_fit_a_phone_and_reflow_at_200_percent(
    live_server, users, own, browser_page
):
    """The coordinator's pages: the network home (where a coordinator lands) and the network's pool."""
    page = browser_page
    log_in(page, live_server.url, users["coordinator"].username)
    home = f"{live_server.url}/networks/{own.network.code}/"
    assert page.url == home  # where a coordinator lands
    for path in (home, f"{home}pooling/"):
        assert page.goto(path).status == 200, path
        found = Axe().run(page, options=WCAG_21_AA)
        assert found.violations_count == 0, (path, found.generate_report())
        assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("innerWidth"), path
        assert page.evaluate(TOO_SMALL_TO_TAP) == [], path
        assert page.evaluate(HEADERS_HIDDEN) == [], path
    page.set_viewport_size({"width": PHONE // 2, "height": 740})
    for path in (home, f"{home}pooling/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE // 2, (
            path,
            page.evaluate(WIDER_THAN_THE_PHONE),
        )
