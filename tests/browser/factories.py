"""Helpers of the browser tests (Debian's Chromium, headless, driven by Playwright, on a phone-sized page):
where the browser and the screenshots are, signing in, and whether a page fits the phone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(os.environ.get("SAJJA_SCREENSHOTS", "/tmp/sajja-screenshots"))
PHONE = 360  # the phone's width in CSS pixels (tests/conftest.py's browser_page)


def log_in(page, url, username):
    """Sign in as `username` (one of the fixtures' role users) from the login page of the live server."""
    page.context.clear_cookies()
    page.goto(url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit] >> nth=-1")
    page.wait_for_load_state()


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE + 1
