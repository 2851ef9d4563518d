"""Access policy of the co-funding area: a fund's entitlement, its requests and the money against them, and
its profile (area, registration, villages, policy).

Every overseer of a fund (treasurer, committee, auditor, the network's coordinator, an administrator) reads
them; a member does not. The profile is kept by the fund's officers (treasurer, committee, administrator).
Requesting, recording money received and refunding post to the books: the bookkeepers' acts (treasurer,
administrator). Another fund is a 404, as everywhere.
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.cofunding import services, services_money
from sajja.cofunding.models import CofundingRequest, FundProfile
from sajja.core import thai_dates
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import post_entry
from sajja.registry.models import Member
from sajja.schemes.cofunding import FiscalYear
from tests.access.asking import Ask, _fund, _key
from tests.cofunding.factories import relaxed_policy
from tests.factories import enrol, thai_id

REQUESTED = FiscalYear(1950)  # FY 2493: the year each side's fund has requested before the matrix asks
LONG_AGO = datetime.date(1940, 1, 1)  # years to spare: each ask requests a year of its own after REQUESTED


def _rules():
    # tests.access.policy gathers every area's RULES while it loads: imported here, when RULES is first asked
    # for (by then it has defined R), never at the top, so neither module loads half-made.
    from tests.access.policy import FUND, R

    # fmt: off
    return [
        # route                              method  scope nobody member treas. commit. auditor coord. admin   what it is
        R("api:cofunding-entitlement",       "GET",  FUND, 401,   403,   200,   200,    200,    200,   200,   "a fiscal year's co-funding entitlement"),
        R("api:cofunding-request",           "POST", FUND, 401,   403,   201,   403,    403,    403,   201,   "requesting a year's co-funding (a receivable per party)"),
        R("api:cofunding-request-detail",    "GET",  FUND, 401,   403,   200,   200,    200,    200,   200,   "a year's request and the money against it"),
        R("api:cofunding-receipt",           "POST", FUND, 401,   403,   201,   403,    403,    403,   201,   "recording co-funding received"),
        R("api:cofunding-refund",            "POST", FUND, 401,   403,   201,   403,    403,    403,   201,   "refunding co-funding overpaid"),
        R("api:cofunding-sources",           "GET",  FUND, 401,   403,   200,   200,    200,    200,   200,   "the fund's money by source"),
        R("cofunding:years",                 "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "the fiscal years: entitlement, requested, received, owed"),
        R("cofunding:sources",               "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "the page of the fund's money by source"),
        R("cofunding:profile",               "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "the fund's area, registration, villages and policy (forms: its officers')"),
        R("cofunding:profile",               "POST", FUND, 302,   403,   302,   302,    403,    403,   302,   "keeping the fund's area, registration, villages or policy: its officers"),
        R("cofunding:year",                  "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "a year's entitlement, request and money (forms: the bookkeepers')"),
        R("cofunding:request",               "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "requesting needs the button (POST)"),
        R("cofunding:request",               "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "requesting a year's co-funding from its page"),
        R("cofunding:receipt",               "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "recording money needs the form (POST)"),
        R("cofunding:receipt",               "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "recording co-funding received from the year's page"),
        R("cofunding:refund",                "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "refunding needs the form (POST)"),
        R("cofunding:refund",                "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "refunding an overpayment from the year's page"),
        R("cofunding:request-pdf",           "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "the request as a Thai A4 PDF"),
        R("cofunding:request-xlsx",          "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "the request's member lines as XLSX"),
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


def _ready(side) -> Member:
    """The side's fund follows a policy with no fund-level rule, and has a member since 1940 (once each)."""
    fund = side.fund
    if not FundProfile.objects.filter(fund=fund).exists():
        relaxed_policy(fund)
        enrol(
            fund,
            thai_id(9000 + fund.pk),
            first_name="ตั้งแต่",
            last_name="แรก",
            birth_date=datetime.date(1920, 1, 1),
            joined_on=LONG_AGO,
        )
    return Member.objects.get(fund=fund, joined_on=LONG_AGO)


def _paid_in(side, fy: FiscalYear) -> None:
    """The long-time member paid 365 baht in fiscal year `fy`."""
    member = _ready(side)
    day = fy.start + datetime.timedelta(days=4)
    postings = (Posting("1101", 365_00), Posting(f"4101-{member.number}", -365_00))
    post_entry(SYSTEM, side.fund, Entry(day, "สัจจะ", postings, "contribution", f"matrix-cofunding-{fy.ce}"))


def _requested(side) -> CofundingRequest:
    """FY 2493 requested, and the local government's share received twice: 365 baht left to refund."""
    found = CofundingRequest.objects.filter(fund=side.fund, fiscal_year=REQUESTED.ce).first()
    if found is not None:
        return found
    _paid_in(side, REQUESTED)
    made, _ = services.request(side.fund, REQUESTED, SYSTEM, "matrix-request")
    for key in ("matrix-paid", "matrix-paid-again"):
        services_money.receive(made, "local_government", 365_00, made.requested_on, SYSTEM, key)
    return made


def _path(name: str, side, fy: FiscalYear = REQUESTED) -> str:
    return reverse(name, kwargs={**_fund(side), "fy": str(fy.be)})


def _entitlement(world, side, role) -> Ask:
    _ready(side)
    return Ask(_path("api:cofunding-entitlement", side))


def _request(world, side, role) -> Ask:
    """A year of its own for each ask (FY 2494 onward), in which the member paid: each may be requested."""
    fy = FiscalYear(REQUESTED.ce + world.serial())
    _paid_in(side, fy)
    return Ask(_path("api:cofunding-request", side, fy), {}, _key(world))


def _request_detail(world, side, role) -> Ask:
    _requested(side)
    return Ask(_path("api:cofunding-request-detail", side))


def _receipt(world, side, role) -> Ask:
    made = _requested(side)
    body = {"party": "central_government", "amount": 100, "received_on": str(made.requested_on)}
    return Ask(_path("api:cofunding-receipt", side), body, _key(world))


def _refund(world, side, role) -> Ask:
    made = _requested(side)
    body = {"party": "local_government", "amount": 100, "refunded_on": str(made.requested_on)}
    return Ask(_path("api:cofunding-refund", side), body, _key(world))


def _sources(world, side, role) -> Ask:
    _ready(side)
    return Ask(reverse("api:cofunding-sources", kwargs=_fund(side)) + f"?fy={thai_dates.today().year + 543}")


def _page(name: str, requested: bool = False):
    def ask(world, side, role) -> Ask:
        _requested(side) if requested else _ready(side)
        return Ask(_path(name, side))

    return ask


def _years(world, side, role) -> Ask:
    _ready(side)
    return Ask(reverse("cofunding:years", kwargs=_fund(side)))


def _sources_page(world, side, role) -> Ask:
    _ready(side)
    return Ask(reverse("cofunding:sources", kwargs=_fund(side)) + "?fy=2026")


def _profile_page(world, side, role) -> Ask:
    return Ask(reverse("cofunding:profile", kwargs=_fund(side)))


def _profile_form(world, side, role) -> Ask:
    """The profile as the page sends it: the same each time (a second sending writes nothing)."""
    body = {
        "part": "profile",
        "area_kind": "tambon",
        "registered_on": "",
        "registered_with": "",
        "registration_number": "",
        "villages": "1 บ้านหนึ่ง\n2 บ้านสอง",
    }
    return Ask(reverse("cofunding:profile", kwargs=_fund(side)), body)


def _request_form(world, side, role) -> Ask:
    """A year of its own for each ask, as the API's: the button sends the form's token."""
    fy = FiscalYear(REQUESTED.ce + world.serial())
    _paid_in(side, fy)
    return Ask(_path("cofunding:request", side, fy), {"token": f"matrix-web-{world.serial()}"})


def _money_form(name: str, party: str, day_field: str, account_field: str):
    def ask(world, side, role) -> Ask:
        made = _requested(side)
        body = {
            "token": f"matrix-web-{world.serial()}",
            "party": party,
            "amount": "1.00",
            day_field: made.requested_on.isoformat(),
            account_field: "bank",
            "note": "",
        }
        return Ask(_path(name, side), body)

    return ask


RECIPES = {
    ("cofunding:years", "GET"): _years,
    ("cofunding:sources", "GET"): _sources_page,
    ("cofunding:profile", "GET"): _profile_page,
    ("cofunding:profile", "POST"): _profile_form,
    ("cofunding:year", "GET"): _page("cofunding:year"),
    ("cofunding:request", "GET"): _page("cofunding:request"),
    ("cofunding:request", "POST"): _request_form,
    ("cofunding:receipt", "GET"): _page("cofunding:receipt", requested=True),
    ("cofunding:receipt", "POST"): _money_form(
        "cofunding:receipt", "central_government", "received_on", "into"
    ),
    ("cofunding:refund", "GET"): _page("cofunding:refund", requested=True),
    ("cofunding:refund", "POST"): _money_form(
        "cofunding:refund", "local_government", "refunded_on", "paid_from"
    ),
    ("cofunding:request-pdf", "GET"): _page("cofunding:request-pdf", requested=True),
    ("cofunding:request-xlsx", "GET"): _page("cofunding:request-xlsx", requested=True),
    ("api:cofunding-entitlement", "GET"): _entitlement,
    ("api:cofunding-request", "POST"): _request,
    ("api:cofunding-request-detail", "GET"): _request_detail,
    ("api:cofunding-receipt", "POST"): _receipt,
    ("api:cofunding-refund", "POST"): _refund,
    ("api:cofunding-sources", "GET"): _sources,
}
