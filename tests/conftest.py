"""Fixtures shared by every test: a network with two funds, and a user for each role.

`own` is the fund the role users serve; `foreign` is a fund in another network they must never see.
"""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from sajja.access.models import ApiToken, Role, RoleAssignment
from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import open_fund_books
from sajja.registry.models import Fund, Group, Network
from sajja.registry.services import Enrolment, PersonData, enrol_member

PASSWORD = "test-password-2569"
ROLES = [r.value for r in Role]


def make_fund(code: str, network_code: str) -> Fund:
    network, _ = Network.objects.get_or_create(
        code=network_code,
        defaults={"name_th": f"เครือข่าย {network_code}", "name_en": f"Network {network_code}"},
    )
    fund = Fund.objects.create(
        network=network,
        code=code,
        name_th=f"กองทุน {code}",
        name_en=f"Fund {code}",
        founded_on=datetime.date(2025, 1, 1),
    )
    open_fund_books(fund)
    Group.objects.create(fund=fund, code="G01", name="หมู่ 1", moo=1)
    return fund


def enrol(
    fund: Fund,
    national_id: str,
    first_name="สมศรี",
    last_name="ใจดี",
    sex="F",
    birth_date=datetime.date(1960, 5, 1),
    joined_on=datetime.date(2025, 1, 1),
):
    person = PersonData(
        national_id=national_id, first_name=first_name, last_name=last_name, birth_date=birth_date, sex=sex
    )
    return enrol_member(SYSTEM, fund, Enrolment(person, joined_on, "G01"))


def contribution(
    key: str, day=datetime.date(2025, 2, 16), satang=3000, account="1101", member_account="4101-000001"
):
    return Entry(
        day, "สัจจะรายเดือน", (Posting(account, satang), Posting(member_account, -satang)), "contribution", key
    )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's many rounds cost 0.2 s a user; these tests are not about password hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def own(db):
    return make_fund("own-fund", "net-a")


@pytest.fixture
def foreign(db):
    return make_fund("foreign-fund", "net-b")


@pytest.fixture
def own_member(own):
    return enrol(own, "1101400000006")


@pytest.fixture
def foreign_member(foreign):
    return enrol(foreign, "3100600123450", first_name="บุญมี", last_name="ต่างถิ่น", sex="M")


@pytest.fixture
def users(own, own_member):
    """One user per role, scoped to `own` (the coordinator to its network, the admin to everything)."""
    made = {}
    for role in Role:
        user = get_user_model().objects.create_user(f"{role.value}-user", password=PASSWORD)
        scope = {"fund": own}
        if role == Role.COORDINATOR:
            scope = {"network": own.network}
        elif role == Role.ADMIN:
            scope = {}
        RoleAssignment.objects.create(user=user, role=role, **scope)
        made[role.value] = user
    own_member.user = made[Role.MEMBER.value]
    own_member.save(update_fields=["user"])
    return made


@pytest.fixture
def treasurer(users):
    return users[Role.TREASURER.value]


def token_for(user) -> str:
    key = f"token-{user.username}"
    ApiToken.objects.get_or_create(user=user, key_hash=ApiToken.hash_key(key))
    return key


@pytest.fixture
def world(users, own, own_member, foreign, foreign_member):
    """The access tests' world: own fund, a sibling in the same network, a foreign fund (tests/access/world.py)."""
    from tests.access.world import build_world

    return build_world(users, own, own_member, foreign, foreign_member)


# --- the phone-sized browser of the browser tests: Debian's Chromium, headless, driven by Playwright ---

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(os.environ.get("SAJJA_SCREENSHOTS", "/tmp/sajja-screenshots"))


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
        page = browser.new_page(viewport={"width": 360, "height": 740}, locale="th-TH")
        yield page
        browser.close()
