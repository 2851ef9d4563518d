"""Access policy of the welfare area: the fund's rules, claims from entry to payout, a member's entitlements.

Verifying, approving and rejecting are the fund's committee's acts (the administrator, whose reach is
every fund, is not a committee member); paying is the bookkeepers'; a member enters and follows only
their own claims.
"""

from __future__ import annotations

import base64
import datetime
import os
import tempfile

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import post_entry
from sajja.welfare.claims import services as claims
from sajja.welfare.claims.evidence import attach_evidence
from sajja.welfare.models import FundScheme
from sajja.welfare.pensions.services import batch_digest
from sajja.welfare.services import adopt_template
from tests.access.asking import Ask, _fund, _key


def _rules():
    # tests.access.policy gathers every area's RULES while it loads: it is imported here, when RULES is
    # first asked for (by then it has defined R), never at the top, so neither module loads half-made.
    from tests.access.policy import FUND, R

    # fmt: off
    return [
        # route                         method  scope nobody member treas. commit. auditor coord. admin   what it is
        R("welfare:welfare-scheme",     "GET",  FUND, 302,   200,   200,   200,    200,    200,   200,   "the fund's welfare rules and their versions"),
        R("welfare:welfare-draft",      "GET",  FUND, 302,   403,   200,   200,    403,    403,   200,   "drafting a new version of the rules"),
        R("welfare:welfare-draft",      "POST", FUND, 302,   403,   302,   302,    403,    403,   302,   "publishing the draft (after its preview)"),
        R("welfare:claim-list",         "GET",  FUND, 302,   200,   200,   200,    200,    200,   200,   "claims (a member: their own)"),
        R("welfare:claim-new",          "GET",  FUND, 302,   200,   200,   403,    403,    403,   200,   "the form to enter a claim (a member: for themself)"),
        R("welfare:claim-new",          "POST", FUND, 302,   302,   302,   403,    403,    403,   302,   "entering a claim"),
        R("welfare:claim-detail",       "GET",  FUND, 302,   200,   200,   200,    200,    200,   200,   "a claim, its amount and why (a member: their own)"),
        R("welfare:claim-verify",       "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "verifying needs the button (POST)"),
        R("welfare:claim-verify",       "POST", FUND, 302,   403,   403,   302,    403,    403,   403,   "a committee member verifies a claim"),
        R("welfare:claim-approve",      "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "approving needs the button (POST)"),
        R("welfare:claim-approve",      "POST", FUND, 302,   403,   403,   302,    403,    403,   403,   "a committee member approves a claim"),
        R("welfare:claim-reject",       "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "rejecting needs the button (POST)"),
        R("welfare:claim-reject",       "POST", FUND, 302,   403,   403,   302,    403,    403,   403,   "a committee member rejects a claim"),
        R("welfare:claim-pay",          "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "paying needs the button (POST)"),
        R("welfare:claim-pay",          "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "paying an approved claim into the books"),
        R("welfare:claim-evidence-add", "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "attaching needs the form (POST)"),
        R("welfare:claim-evidence-add", "POST", FUND, 302,   302,   302,   403,    403,    403,   302,   "attaching a file to a claim (a member: their own)"),
        R("welfare:claim-evidence",     "GET",  FUND, 302,   200,   200,   200,    200,    200,   200,   "a claim's file (a member: their own claim's)"),
        R("api:claim-evidence-add",     "POST", FUND, 401,   201,   201,   403,    403,    403,   201,   "attaching a file to a claim"),
        R("api:claim-evidence-file",    "GET",  FUND, 401,   200,   200,   200,    200,    200,   200,   "a claim's file"),
        R("welfare:pension-batches",    "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "pension batches"),
        R("welfare:pension-batches",    "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "generating the pensions due"),
        R("welfare:pension-batch",      "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "one pension batch"),
        R("welfare:pension-verify",     "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "verifying needs the button (POST)"),
        R("welfare:pension-verify",     "POST", FUND, 302,   403,   403,   302,    403,    403,   403,   "verifying a batch"),
        R("welfare:pension-approve",    "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "approving needs the button (POST)"),
        R("welfare:pension-approve",    "POST", FUND, 302,   403,   403,   302,    403,    403,   403,   "approving a batch"),
        R("welfare:pension-pay",        "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "paying needs the button (POST)"),
        R("welfare:pension-pay",        "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "paying a batch"),
        R("api:pension-generate",       "POST", FUND, 401,   403,   201,   403,    403,    403,   201,   "entering the pensions due as a batch"),
        R("api:pension-batch",          "GET",  FUND, 401,   403,   200,   200,    200,    200,   200,   "a pension batch"),
        R("api:pension-verify",         "POST", FUND, 401,   403,   403,   200,    403,    403,   403,   "verifying a pension batch"),
        R("api:pension-approve",        "POST", FUND, 401,   403,   403,   200,    403,    403,   403,   "approving a pension batch"),
        R("api:pension-pay",            "POST", FUND, 401,   403,   200,   403,    403,    403,   200,   "paying a pension batch"),
        R("welfare:member-welfare",     "GET",  FUND, 302,   200,   200,   200,    200,    200,   200,   "what a member would get today (a member: themself)"),
        R("api:welfare-scheme",         "GET",  FUND, 401,   200,   200,   200,    200,    200,   200,   "the fund's welfare rules"),
        R("api:welfare-publish",        "POST", FUND, 401,   403,   201,   201,    403,    403,   201,   "publishing a new version of the rules"),
        R("api:welfare-quote",          "GET",  FUND, 401,   200,   200,   200,    200,    200,   200,   "what the rules give a member for an event"),
        R("api:welfare-entitlements",   "GET",  FUND, 401,   200,   200,   200,    200,    200,   200,   "what a member would get today"),
        R("api:claims",                 "GET",  FUND, 401,   200,   200,   200,    200,    200,   200,   "claims (a member: their own)"),
        R("api:claim",                  "GET",  FUND, 401,   200,   200,   200,    200,    200,   200,   "a claim (a member: their own)"),
        R("api:claim-enter",            "POST", FUND, 401,   201,   201,   403,    403,    403,   201,   "entering a claim (a member: for themself)"),
        R("api:claim-amend",            "POST", FUND, 401,   200,   200,   403,    403,    403,   200,   "changing an open claim (a member: their own)"),
        R("api:claim-verify",           "POST", FUND, 401,   403,   403,   200,    403,    403,   403,   "verifying a claim"),
        R("api:claim-approve",          "POST", FUND, 401,   403,   403,   200,    403,    403,   403,   "approving a claim"),
        R("api:claim-reject",           "POST", FUND, 401,   403,   403,   200,    403,    403,   403,   "rejecting a claim"),
        R("api:claim-pay",              "POST", FUND, 401,   403,   200,   403,    403,    403,   200,   "paying an approved claim"),
    ]
    # fmt: on


def __getattr__(name):
    if name == "RULES":
        rules = _rules()
        _also_in_api_list(rules)
        return rules
    raise AttributeError(name)


def _also_in_api_list(rules) -> None:
    """tests.access.policy.API (what the API checks walk) lists only its own rows: add ours once."""
    from tests.access import policy

    listed = {(r.route, r.method) for r in policy.API}
    policy.API.extend(r for r in rules if r.route.startswith("api:") and (r.route, r.method) not in listed)


def _ready(side) -> None:
    """The side's fund has its rules, cash in the box, and its member paid up for 2025 (once each)."""
    fund, member = side.fund, side.member
    if not FundScheme.objects.filter(fund=fund).exists():
        adopt_template(SYSTEM, fund, "codi", effective_from=datetime.date(2024, 1, 1))
    for key, postings in (
        ("matrix-welfare-cash", (Posting("1101", 1_000_000_00), Posting("3101", -1_000_000_00))),
        (
            f"matrix-welfare-{member.number}",
            (Posting("1101", 365_00), Posting(f"4101-{member.number}", -365_00)),
        ),
    ):
        post_entry(SYSTEM, fund, Entry(datetime.date(2025, 1, 1), "matrix", postings, "general", key))


def _day(world) -> datetime.date:
    """An event date of its own for each ask: one member never claims the same day twice."""
    return datetime.date(2025, 7, 1) + datetime.timedelta(days=world.serial() % 180)


def _committee(fund, n: int):
    user, created = get_user_model().objects.get_or_create(username=f"matrix-committee{n}-{fund.code}")
    if created:
        RoleAssignment.objects.create(user=user, role=Role.COMMITTEE, fund=fund)
    return user


def _claim(world, side, stage: str = "entered"):
    _ready(side)
    data = claims.ClaimData("hospital", _day(world), nights=1)
    claim, _ = claims.enter_claim(SYSTEM, side.fund, side.member, data, token=f"matrix-{world.serial()}")
    if stage in ("verified", "approved"):
        claims.verify_claim(_committee(side.fund, 1), claim)
    if stage == "approved":
        claims.approve_claim(_committee(side.fund, 1), claim, claim.digest)
        claims.approve_claim(_committee(side.fund, 2), claim, claim.digest)
    claim.refresh_from_db()
    return claim


def _on_claim(name: str, stage: str = "entered", data=None, api: bool = False):
    def ask(world, side, role) -> Ask:
        claim = _claim(world, side, stage)
        kwargs = {**_fund(side), ("claim_id" if api else "pk"): claim.pk}
        body = data(claim) if callable(data) else data
        return Ask(
            reverse(name, kwargs=kwargs),
            body if body is not None else ({} if api else None),
            _key(world) if api else {},
        )

    return ask


def _evidence_dir() -> None:
    """Evidence written by the matrix goes to a temporary folder, never into the working directory."""
    if not os.environ.get("SAJJA_EVIDENCE_DIR"):
        os.environ["SAJJA_EVIDENCE_DIR"] = tempfile.mkdtemp(prefix="sajja-matrix-evidence-")


def _pdf(claim) -> SimpleUploadedFile:
    _evidence_dir()
    return SimpleUploadedFile(
        f"cert-{claim.pk}.pdf", b"%PDF-1.4\n% claim " + str(claim.pk).encode(), "application/pdf"
    )


def _evidence(name: str, claim_arg: str):
    def ask(world, side, role) -> Ask:
        claim = _claim(world, side)
        evidence = attach_evidence(SYSTEM, claim, "cert.pdf", _pdf(claim).read())
        return Ask(reverse(name, kwargs={**_fund(side), claim_arg: claim.pk, "evidence_id": evidence.pk}))

    return ask


def _batch(name: str, data=None, api: bool = False):
    def ask(world, side, role) -> Ask:
        _ready(side)
        body = {"digest": batch_digest(side.fund, "pension-2026-11")} if data == "digest" else data
        path = reverse(name, kwargs={**_fund(side), "batch": "pension-2026-11"})
        return Ask(path, body, _key(world) if api else {})

    return ask


def _fund_page(name: str):
    def ask(world, side, role) -> Ask:
        _ready(side)
        return Ask(reverse(name, kwargs=_fund(side)))

    return ask


def _member_page(name: str):
    def ask(world, side, role) -> Ask:
        _ready(side)
        return Ask(reverse(name, kwargs={**_fund(side), "number": side.member.number}))

    return ask


def _claim_form(world, side, role) -> Ask:
    _ready(side)
    data = {
        "token": f"matrix-form-{world.serial()}",
        "member": side.member.number,
        "benefit": "hospital",
        "event_date": _day(world).isoformat(),
        "nights": "2",
        "level": "",
        "details": "",
    }
    return Ask(reverse("welfare:claim-new", kwargs=_fund(side)), data)


def _claim_body(world, side, role) -> Ask:
    _ready(side)
    body = {
        "member": side.member.number,
        "benefit": "hospital",
        "event_date": _day(world).isoformat(),
        "nights": 2,
    }
    return Ask(reverse("api:claim-enter", kwargs=_fund(side)), body, _key(world))


def _publish(world, side, role) -> Ask:
    _ready(side)
    body = {"definition": {"effective_from": f"{2030 + world.serial()}-01-01"}, "resolution": "มติที่ประชุมใหญ่"}
    return Ask(reverse("api:welfare-publish", kwargs=_fund(side)), body, _key(world))


def _draft(world, side, role) -> Ask:
    _ready(side)
    data = {
        "effective_from": f"{2030 + world.serial()}-01-01",
        "resolution": "มติที่ประชุมใหญ่",
        "definition": "waiting_days: 90\n",
        "action": "publish",
    }
    return Ask(reverse("welfare:welfare-draft", kwargs=_fund(side)), data)


def _quote(world, side, role) -> Ask:
    _ready(side)
    path = reverse("api:welfare-quote", kwargs={**_fund(side), "number": side.member.number})
    return Ask(f"{path}?event=hospital&date=2025-08-01&nights=2")


RECIPES = {
    ("welfare:welfare-scheme", "GET"): _fund_page("welfare:welfare-scheme"),
    ("welfare:welfare-draft", "GET"): _fund_page("welfare:welfare-draft"),
    ("welfare:welfare-draft", "POST"): _draft,
    ("welfare:claim-list", "GET"): _fund_page("welfare:claim-list"),
    ("welfare:claim-new", "GET"): _fund_page("welfare:claim-new"),
    ("welfare:claim-new", "POST"): _claim_form,
    ("welfare:claim-detail", "GET"): _on_claim("welfare:claim-detail"),
    ("welfare:claim-verify", "GET"): _on_claim("welfare:claim-verify"),
    ("welfare:claim-verify", "POST"): _on_claim("welfare:claim-verify", data={}),
    ("welfare:claim-approve", "GET"): _on_claim("welfare:claim-approve", "verified"),
    ("welfare:claim-approve", "POST"): _on_claim(
        "welfare:claim-approve", "verified", data=lambda c: {"digest": c.digest}
    ),
    ("welfare:claim-reject", "GET"): _on_claim("welfare:claim-reject"),
    ("welfare:claim-reject", "POST"): _on_claim(
        "welfare:claim-reject", data={"reason": "evidence_missing", "note": ""}
    ),
    ("welfare:claim-pay", "GET"): _on_claim("welfare:claim-pay", "approved"),
    ("welfare:claim-pay", "POST"): _on_claim("welfare:claim-pay", "approved", data={"source": "cash"}),
    ("welfare:claim-evidence-add", "GET"): _on_claim("welfare:claim-evidence-add"),
    ("welfare:claim-evidence-add", "POST"): _on_claim(
        "welfare:claim-evidence-add", data=lambda c: {"file": _pdf(c)}
    ),
    ("welfare:claim-evidence", "GET"): _evidence("welfare:claim-evidence", "pk"),
    ("api:claim-evidence-add", "POST"): _on_claim(
        "api:claim-evidence-add",
        data=lambda c: {
            "name": "ใบรับรองแพทย์.pdf",
            "content_base64": base64.b64encode(_pdf(c).read()).decode(),
        },
        api=True,
    ),
    ("api:claim-evidence-file", "GET"): _evidence("api:claim-evidence-file", "claim_id"),
    ("welfare:pension-batches", "GET"): _fund_page("welfare:pension-batches"),
    ("welfare:pension-batches", "POST"): lambda w, s, role: Ask(
        _fund_page("welfare:pension-batches")(w, s, role).path, {"day": "2026-11-16"}
    ),
    ("welfare:pension-batch", "GET"): _batch("welfare:pension-batch"),
    ("welfare:pension-verify", "GET"): _batch("welfare:pension-verify"),
    ("welfare:pension-verify", "POST"): _batch("welfare:pension-verify", "digest"),
    ("welfare:pension-approve", "GET"): _batch("welfare:pension-approve"),
    ("welfare:pension-approve", "POST"): _batch("welfare:pension-approve", "digest"),
    ("welfare:pension-pay", "GET"): _batch("welfare:pension-pay"),
    ("welfare:pension-pay", "POST"): _batch("welfare:pension-pay", {"source": "cash"}),
    ("api:pension-generate", "POST"): lambda w, s, role: Ask(
        _fund_page("api:pension-generate")(w, s, role).path, {"day": "2026-11-16"}, _key(w)
    ),
    ("api:pension-batch", "GET"): _batch("api:pension-batch"),
    ("api:pension-verify", "POST"): _batch("api:pension-verify", "digest", api=True),
    ("api:pension-approve", "POST"): _batch("api:pension-approve", "digest", api=True),
    ("api:pension-pay", "POST"): _batch("api:pension-pay", {"source": "cash"}, api=True),
    ("welfare:member-welfare", "GET"): _member_page("welfare:member-welfare"),
    ("api:welfare-scheme", "GET"): _fund_page("api:welfare-scheme"),
    ("api:welfare-publish", "POST"): _publish,
    ("api:welfare-quote", "GET"): _quote,
    ("api:welfare-entitlements", "GET"): _member_page("api:welfare-entitlements"),
    ("api:claims", "GET"): _fund_page("api:claims"),
    ("api:claim", "GET"): lambda w, s, role: Ask(_on_claim("api:claim", api=True)(w, s, role).path),
    ("api:claim-enter", "POST"): _claim_body,
    ("api:claim-amend", "POST"): _on_claim(
        "api:claim-amend",
        data=lambda c: {"benefit": "hospital", "event_date": str(c.event_date), "nights": 3},
        api=True,
    ),
    ("api:claim-verify", "POST"): _on_claim("api:claim-verify", api=True),
    ("api:claim-approve", "POST"): _on_claim(
        "api:claim-approve", "verified", data=lambda c: {"digest": c.digest}, api=True
    ),
    ("api:claim-reject", "POST"): _on_claim("api:claim-reject", data={"reason": "late"}, api=True),
    ("api:claim-pay", "POST"): _on_claim("api:claim-pay", "approved", data={"source": "cash"}, api=True),
}
