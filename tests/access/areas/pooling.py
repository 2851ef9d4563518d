"""Access policy of pooling: a network's pooling page and figures, and the money between its funds, for its
coordinator (and administrators). A role held in one of the network's funds reaches the network but not its
pool (403); outside the network, 404 as for a network that does not exist.

The world: net-a's sibling fund holds the pool, the own fund remits to it; both hold money in the bank.
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.core import thai_dates
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import post_entry
from sajja.pooling import services
from sajja.pooling.models import PoolingRule
from sajja.schemes.cofunding import FiscalYear
from sajja.welfare.models import Claim
from tests.access.asking import Ask, _key

SINCE = FiscalYear(2017)  # FY 2560: the rule is in force whatever today is


def _rules():
    from tests.access.policy import ANY, R

    # fmt: off
    return [
        # route                 method  scope nobody member treas. commit. auditor coord. admin  what it is
        R("pooling:network",    "GET",  ANY,  302,   403,   403,   403,    403,    200,   200,   "the network's pooling: the rule, each fund's due and remitted, top-ups, consolidated accounts"),
        R("pooling:remit",      "GET",  ANY,  302,   405,   405,   405,    405,    405,   405,   "recording a remittance needs the form (POST)"),
        R("pooling:remit",      "POST", ANY,  302,   403,   403,   403,    403,    302,   302,   "recording a fund's remittance to the pool (an entry in each fund)"),
        R("pooling:top-up",     "GET",  ANY,  302,   405,   405,   405,    405,    405,   405,   "paying a top-up needs the form (POST)"),
        R("pooling:top-up",     "POST", ANY,  302,   403,   403,   403,    403,    302,   302,   "the pool paying back part of a large claim"),
        R("pooling:rule",       "GET",  ANY,  302,   405,   405,   405,    405,    405,   405,   "setting the rule needs the form (POST)"),
        R("pooling:rule",       "POST", ANY,  302,   403,   403,   403,    403,    302,   302,   "setting the network's pooling rule"),
        R("api:pooling-year",   "GET",  ANY,  401,   403,   403,   403,    403,    200,   200,   "the network's pooling for a fiscal year"),
        R("api:pooling-remit",  "POST", ANY,  401,   403,   403,   403,    403,    201,   201,   "recording a fund's remittance to the pool"),
        R("api:pooling-top-up", "POST", ANY,  401,   403,   403,   403,    403,    201,   201,   "the pool paying back part of a large claim"),
    ]
    # fmt: on


def __getattr__(name):
    """RULES, built when asked for (PEP 562), as tests/access/areas/rollup.py does."""
    if name == "RULES":
        rules = _rules()
        _list_api_rows(rules)
        return rules
    raise AttributeError(name)


def _list_api_rows(rules) -> None:
    """Add our API rows to tests.access.policy.API (which the API-only checks walk), once."""
    import sys

    policy = sys.modules["tests.access.policy"]
    listed = {(r.route, r.method) for r in policy.API}
    policy.API.extend(r for r in rules if r.route.startswith("api:") and (r.route, r.method) not in listed)


def _network(side) -> str:
    return side.fund.network.code


def _ready(world) -> None:
    """net-a's rule (the sibling fund holds the pool), and money in both funds' banks (once each)."""
    own, pool = world.own.fund, world.sides["sibling"].fund
    if PoolingRule.objects.filter(network=own.network).exists():
        return
    for fund in (own, pool):
        postings = (Posting("1102", 100_000_00), Posting("4301", -100_000_00))
        day = datetime.date(2017, 1, 1)
        post_entry(SYSTEM, fund, Entry(day, "เงินเข้า", postings, "general", "matrix-pooling-money"))
    data = services.RuleData(pool.code, "contributions", 1_000, 10_000_00, 50, 3_000_00)
    services.set_rule(SYSTEM, own.network, SINCE, data)


def _today() -> str:
    return thai_dates.today().isoformat()


def _fy() -> str:
    from sajja.schemes.cofunding import fiscal_year_of

    return str(fiscal_year_of(thai_dates.today()).be)


def _claim(world) -> int:
    """A paid claim of the own fund, large enough to be topped up (a fresh one for each ask)."""
    side = world.own
    claim = Claim.objects.create(
        fund=side.fund, member=side.member, benefit="death", benefit_name_th="เสียชีวิต",
        benefit_name_en="death", category="death", event="death", event_date=thai_dates.today(),
        amount=20_000_00, adjudication={}, digest="matrix", token=f"matrix-{world.serial()}", status="paid",
        entered_at=datetime.datetime.now(datetime.UTC),
    )  # fmt: skip
    return claim.pk


def _page(world, side, role) -> Ask:
    _ready(world)
    return Ask(reverse("pooling:network", args=[_network(side)]) + f"?fy={_fy()}")


def _form_path(name: str, side) -> str:
    return reverse(name, args=[_network(side)]) + f"?fy={_fy()}"


def _remit_form(world, side, role) -> Ask:
    _ready(world)
    body = {
        "token": f"matrix-web-{world.serial()}",
        "fund": side.fund.code,
        "amount": "1.00",
        "paid_on": _today(),
        "paid_from": "bank",
        "paid_into": "bank",
        "note": "",
    }
    return Ask(_form_path("pooling:remit", side), body)


def _top_up_form(world, side, role) -> Ask:
    _ready(world)
    body = {
        "token": f"matrix-web-{world.serial()}",
        "claim": str(_claim(world)),
        "amount": "",
        "paid_on": _today(),
        "paid_from": "bank",
        "paid_into": "bank",
    }
    return Ask(_form_path("pooling:top-up", side), body)


def _rule_form(world, side, role) -> Ask:
    """The same rule each time, from a year of its own (a second sending writes nothing)."""
    _ready(world)
    body = {
        "from_fy": "2599",
        "pool_fund": world.sides["sibling"].fund.code,
        "basis": "per_member",
        "rate": "20",
        "note": "",
    }
    return Ask(_form_path("pooling:rule", side), body)


def _get(name: str):
    return lambda world, side, role: Ask(_form_path(name, side))


def _api_year(world, side, role) -> Ask:
    _ready(world)
    return Ask(reverse("api:pooling-year", args=[_network(side)]) + f"?fy={_fy()}")


def _api_remit(world, side, role) -> Ask:
    _ready(world)
    body = {"fund": side.fund.code, "fiscal_year": _fy(), "amount": 100, "paid_on": _today()}
    return Ask(reverse("api:pooling-remit", args=[_network(side)]), body, _key(world))


def _api_top_up(world, side, role) -> Ask:
    _ready(world)
    body = {"claim": _claim(world), "paid_on": _today()}
    return Ask(reverse("api:pooling-top-up", args=[_network(side)]), body, _key(world))


RECIPES = {
    ("pooling:network", "GET"): _page,
    ("pooling:remit", "GET"): _get("pooling:remit"),
    ("pooling:remit", "POST"): _remit_form,
    ("pooling:top-up", "GET"): _get("pooling:top-up"),
    ("pooling:top-up", "POST"): _top_up_form,
    ("pooling:rule", "GET"): _get("pooling:rule"),
    ("pooling:rule", "POST"): _rule_form,
    ("api:pooling-year", "GET"): _api_year,
    ("api:pooling-remit", "POST"): _api_remit,
    ("api:pooling-top-up", "POST"): _api_top_up,
}
