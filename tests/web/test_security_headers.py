"""Headers of every answer: no-store (nothing personal kept in a shared phone's browser or a proxy), a
Content-Security-Policy on pages that lets only the pages' own inline handlers run; and login throttling
per account across addresses (password spraying)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

import sajja
from sajja.web.middleware import CONTENT_SECURITY_POLICY, INLINE_HANDLERS
from tests.access.areas.contributions import _receipt
from tests.access.world import World
from tests.factories import PASSWORD, token_for

SRC = Path(sajja.__file__).parent


def logged_in(world: World, role="treasurer") -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def test_pages_pdfs_and_api_answers_are_not_stored(world: World):
    client = logged_in(world)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(world.users['treasurer'])}")
    answers = {
        "home": client.get(reverse("registry:home")),
        "members": client.get(reverse("registry:member-list", args=["own-fund"])),
        "member": client.get(reverse("registry:member-detail", args=["own-fund", world.own.member.number])),
        "pdf": client.get(reverse("contributions:receipt-pdf", kwargs=_receipt(world, world.own))),
        "login": Client().get(reverse("web:login")),
        "api": api.get("/api/funds/own-fund/members"),
        "api error": api.get("/api/funds/nowhere"),
    }
    for name, answer in answers.items():
        assert answer.status_code in (200, 404), name
        assert "no-store" in answer["Cache-Control"], name
    assert answers["pdf"]["Content-Type"] == "application/pdf"


def test_every_page_has_a_content_security_policy_that_runs_no_script_but_its_own_handlers(world: World):
    page = logged_in(world).get(reverse("ledger:entry-list", args=["own-fund"]))
    policy = page["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    rules = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert rules["default-src"] == "'self'"
    assert rules["frame-ancestors"] == "'none'" and rules["form-action"] == "'self'"
    assert "'unsafe-inline'" not in rules["script-src"]
    assert rules["style-src"] == "'self'"  # the pages' CSS is Sajja's own style sheet: nothing inline
    assert "Content-Security-Policy" in Client().get(reverse("web:login"))


def test_no_page_template_carries_inline_styles_the_policy_would_block():
    """style-src 'self': a <style> element or a style="" attribute would be ignored by the browser. The PDF
    templates (rendered by WeasyPrint, never sent as pages) keep theirs."""
    pages = [t for t in SRC.rglob("templates/**/*.html") if not t.name.endswith("_pdf.html")]
    assert len(pages) > 30
    for template in pages:
        text = template.read_text()
        assert "<style" not in text and not re.search(r"\sstyle=", text), template


def test_every_inline_handler_in_the_templates_is_allowed_by_its_hash():
    found = set()
    for template in SRC.rglob("*.html"):
        found |= set(re.findall(r"\bon[a-z]+=\"([^\"]*)\"", template.read_text()))
    assert found, "the pages have confirm and print buttons"
    assert found <= set(INLINE_HANDLERS), f"handlers the policy would block: {found - set(INLINE_HANDLERS)}"
    for handler in INLINE_HANDLERS:
        digest = base64.b64encode(hashlib.sha256(handler.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in CONTENT_SECURITY_POLICY
    for template in SRC.rglob("*.html"):
        assert "<script" not in template.read_text(), template


@pytest.mark.django_db
def test_the_api_documentation_page_has_its_own_policy():
    docs = Client().get("/api/docs")
    assert docs.status_code == 200
    assert "frame-ancestors 'none'" in docs["Content-Security-Policy"]
    assert "cdn.jsdelivr.net" in docs["Content-Security-Policy"]  # django-ninja's Swagger UI


# --- password spraying --------------------------------------------------------------------------------


def test_one_account_tried_from_many_addresses_is_locked_past_the_account_limit(world: World, settings):
    limit = settings.SAJJA_LOGIN_ACCOUNT_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    for n in range(limit):  # one wrong password from each of many addresses: no address reaches 5
        wrong = Client(REMOTE_ADDR=f"10.0.{n // 200}.{n % 200 + 1}").post(
            reverse("web:login"), {"username": "treasurer-user", "password": f"guess-{n}"}
        )
        assert wrong.status_code == 200, n
    fresh = Client(REMOTE_ADDR="192.0.2.99")
    locked = fresh.post(reverse("web:login"), {"username": "treasurer-user", "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in fresh.session
    # another account is not touched
    other = Client(REMOTE_ADDR="192.0.2.99").post(
        reverse("web:login"), {"username": "committee-user", "password": PASSWORD}
    )
    assert other.status_code == 302


def test_the_accounts_own_recent_address_is_not_locked_out_by_a_sprayer(world: World, settings):
    """Someone spraying one account from many addresses locks it from new addresses, not from the one the
    treasurer logged in from last week: otherwise a few tries an hour would keep a person out for good."""
    office = Client(REMOTE_ADDR="192.0.2.50")
    assert (
        office.post(reverse("web:login"), {"username": "treasurer-user", "password": PASSWORD}).status_code
        == 302
    )
    office.post(reverse("web:logout"))
    for n in range(settings.SAJJA_LOGIN_ACCOUNT_FAILURE_LIMIT):
        Client(REMOTE_ADDR=f"10.2.{n // 200}.{n % 200 + 1}").post(
            reverse("web:login"), {"username": "treasurer-user", "password": f"guess-{n}"}
        )
    stranger = Client(REMOTE_ADDR="192.0.2.99")
    assert (
        stranger.post(reverse("web:login"), {"username": "treasurer-user", "password": PASSWORD}).status_code
        == 429
    )
    back = Client(REMOTE_ADDR="192.0.2.50")
    assert (
        back.post(reverse("web:login"), {"username": "treasurer-user", "password": PASSWORD}).status_code
        == 302
    )
    assert "_auth_user_id" in back.session


def test_a_few_failures_from_many_addresses_do_not_lock_the_account(world: World, settings):
    for n in range(settings.SAJJA_LOGIN_ACCOUNT_FAILURE_LIMIT - 1):
        Client(REMOTE_ADDR=f"10.1.0.{n + 1}").post(
            reverse("web:login"), {"username": "treasurer-user", "password": "wrong"}
        )
    ok = Client(REMOTE_ADDR="192.0.2.7").post(
        reverse("web:login"), {"username": "treasurer-user", "password": PASSWORD}
    )
    assert ok.status_code == 302
