"""Access policy of the sustainability area: a fund's and a network's projection, and asking for a new one."""

from __future__ import annotations

from django.urls import reverse

from tests.access.asking import Ask, _fund, _key


def _network(side) -> dict:
    return {"network": side.fund.network.code}


def _rules():
    from tests.access.policy import ANY, FUND, R

    # fmt: off
    return [
        # route                                              method  scope nobody member treas. commit. auditor coord. admin  what it is
        R("sustainability:fund-sustainability",              "GET",  FUND, 302,   200,   200,   200,    200,    200,   200,   "the fund's projection: chart, indicators, fixes"),
        R("sustainability:fund-sustainability-recompute",    "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "asking for a projection needs the button (POST)"),
        R("sustainability:fund-sustainability-recompute",    "POST", FUND, 302,   403,   302,   302,    403,    403,   302,   "asking for the fund's projection again"),
        R("sustainability:network-sustainability",           "GET",  ANY,  302,   403,   403,   403,    403,    200,   200,   "the network's projection (its funds together)"),
        R("sustainability:network-sustainability-recompute", "GET",  ANY,  302,   405,   405,   405,    405,    405,   405,   "asking for a projection needs the button (POST)"),
        R("sustainability:network-sustainability-recompute", "POST", ANY,  302,   403,   403,   403,    403,    302,   302,   "asking for the network's projection again"),
        R("api:fund-sustainability",                         "GET",  FUND, 401,   200,   200,   200,    200,    200,   200,   "the fund's stored projection"),
        R("api:fund-sustainability-recompute",               "POST", FUND, 401,   403,   202,   202,    403,    403,   202,   "queueing the fund's projection"),
        R("api:network-sustainability",                      "GET",  ANY,  401,   403,   403,   403,    403,    200,   200,   "the network's stored projection"),
        R("api:network-sustainability-recompute",            "POST", ANY, 401,   403,   403,   403,    403,    202,   202,   "queueing the network's projection"),
    ]
    # fmt: on


RECIPES = {
    ("sustainability:fund-sustainability", "GET"): lambda w, s, role: Ask(
        reverse("sustainability:fund-sustainability", kwargs=_fund(s))
    ),
    ("sustainability:fund-sustainability-recompute", "GET"): lambda w, s, role: Ask(
        reverse("sustainability:fund-sustainability-recompute", kwargs=_fund(s))
    ),
    ("sustainability:fund-sustainability-recompute", "POST"): lambda w, s, role: Ask(
        reverse("sustainability:fund-sustainability-recompute", kwargs=_fund(s)), {}
    ),
    ("sustainability:network-sustainability", "GET"): lambda w, s, role: Ask(
        reverse("sustainability:network-sustainability", kwargs=_network(s))
    ),
    ("sustainability:network-sustainability-recompute", "GET"): lambda w, s, role: Ask(
        reverse("sustainability:network-sustainability-recompute", kwargs=_network(s))
    ),
    ("sustainability:network-sustainability-recompute", "POST"): lambda w, s, role: Ask(
        reverse("sustainability:network-sustainability-recompute", kwargs=_network(s)), {}
    ),
    ("api:fund-sustainability", "GET"): lambda w, s, role: Ask(
        reverse("api:fund-sustainability", kwargs=_fund(s))
    ),
    ("api:fund-sustainability-recompute", "POST"): lambda w, s, role: Ask(
        reverse("api:fund-sustainability-recompute", kwargs=_fund(s)), {}, _key(w)
    ),
    ("api:network-sustainability", "GET"): lambda w, s, role: Ask(
        reverse("api:network-sustainability", kwargs=_network(s))
    ),
    ("api:network-sustainability-recompute", "POST"): lambda w, s, role: Ask(
        reverse("api:network-sustainability-recompute", kwargs=_network(s)), {}, _key(w)
    ),
}


def __getattr__(name):
    """RULES, built when asked for (PEP 562): tests.access.policy imports every area while it is itself
    being imported; building the rows on demand from its already-defined R avoids a circular import."""
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
