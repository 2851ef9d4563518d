"""Fixtures shared by every test: a network with two funds, and a user for each role.

`own` is the fund the role users serve; `foreign` is a fund in another network they must never see.
The builders behind them are plain functions in tests/factories.py (each area's in tests/<area>/factories.py);
fixtures more than one area uses live here too: the own fund's scheme, a member who paid, fees charged.
`fixed_today` fixes the day the app takes for today, for a test whose outcome depends on it.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from sajja.access.models import Role
from sajja.access.policy import SYSTEM
from sajja.core import thai_dates
from sajja.welfare.services import adopt_template
from tests.access.world import build_world
from tests.browser.factories import CHROMIUM, PHONE
from tests.contributions.factories import charge_fees
from tests.factories import enrol_foreign_member, enrol_own_member, foreign_fund, own_fund, role_users
from tests.welfare.factories import SCHEME_FROM, fund_cash, paid


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's many rounds cost 0.2 s a user; these tests are not about password hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fixed_today(monkeypatch):
    """Fix the fund's day for code that asks for it itself (a page, a command, a service called without
    `today=`): `fixed_today(datetime.date(2026, 11, 26))` makes `sajja.core.thai_dates.today()` answer that
    day for the rest of the test, and returns it. Prefer passing `today=` where a function takes it."""

    def fix(day: datetime.date) -> datetime.date:
        monkeypatch.setattr(thai_dates, "today", lambda: day)
        return day

    return fix


@pytest.fixture
def own(db):
    return own_fund()


@pytest.fixture
def foreign(db):
    return foreign_fund()


@pytest.fixture
def own_member(own):
    return enrol_own_member(own)


@pytest.fixture
def foreign_member(foreign):
    return enrol_foreign_member(foreign)


@pytest.fixture
def users(own, own_member):
    """One user per role, scoped to `own` (the coordinator to its network, the admin to everything)."""
    return role_users(own, own_member)


@pytest.fixture
def treasurer(users):
    return users[Role.TREASURER.value]


@pytest.fixture
def world(users, own, own_member, foreign, foreign_member):
    """The access tests' world: own fund, a sibling in the same network, a foreign fund (tests/access/world.py)."""
    return build_world(users, own, own_member, foreign, foreign_member)


# --- fixtures of more than one area: the welfare scheme and a member who paid, fees --------------------


@pytest.fixture
def scheme(own):
    """The own fund's copy of the CODI template, in force from 1 January 2024."""
    return adopt_template(SYSTEM, own, "codi", effective_from=SCHEME_FROM, resolution="มติที่ประชุมใหญ่ 1/2567")


@pytest.fixture
def paid_member(own, own_member, scheme):
    """own_member (F, born 1 May 1960, joined 1 Jan 2025) paid 365 baht on joining: paid up through 2025;
    the fund holds 50,000 baht in cash."""
    paid(own, own_member, 36500, datetime.date(2025, 1, 1), "year-2025")
    fund_cash(own, 50_000_00)
    return own_member


@pytest.fixture
def charging(own):
    """From 2026 the own fund's rules charge a 20-baht entry fee and a 50-baht reinstatement fee."""
    return charge_fees(own)


# --- the phone-sized browser of the browser tests: Debian's Chromium, headless, driven by Playwright ---


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        "Debian's chromium is needed: apt-get install chromium (make test does it)"
    )
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = (
        "true"  # Playwright's sync API runs an event loop in this thread
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": PHONE, "height": 740}, locale="th-TH")
        yield page
        browser.close()
