"""Access policy of the roll-up: a network's home and figures for its coordinator (and administrators), a
province's and the nation's for administrators. Anyone else is told they do not exist (404): a fund's own
officers included, since the network's page shows every fund of the network."""

from __future__ import annotations

from django.urls import reverse

from tests.access.asking import Ask

PROVINCE = "90"


def _network(side) -> dict:
    return {"network": side.fund.network.code}


def _province(side) -> dict:
    """The own fund's province (the access world's funds name none: the own fund is placed in Songkhla)."""
    from sajja.registry.models import Fund

    Fund.objects.filter(pk=side.fund.pk).update(province_code=PROVINCE)
    return {"province": PROVINCE}


def _rules():
    from tests.access.policy import ANY, R

    # fmt: off
    return [
        # route                  method  scope nobody member treas. commit. auditor coord. admin  what it is
        R("rollup:network-home", "GET",  ANY,  302,   404,   404,   404,    404,    200,   200,   "the network's home: its funds and their figures"),
        R("rollup:province",     "GET",  ANY,  302,   404,   404,   404,    404,    404,   200,   "a province's networks and their figures"),
        R("rollup:national",     "GET",  ANY,  302,   404,   404,   404,    404,    404,   200,   "the nation's provinces and their figures"),
        R("api:network-figures", "GET",  ANY,  401,   404,   404,   404,    404,    200,   200,   "the network's figures"),
        R("api:province-figures", "GET", ANY,  401,   404,   404,   404,    404,    404,   200,   "a province's figures"),
        R("api:national-figures", "GET", ANY,  401,   404,   404,   404,    404,    404,   200,   "the nation's figures"),
    ]
    # fmt: on


RECIPES = {
    ("rollup:network-home", "GET"): lambda w, s, role: Ask(
        reverse("rollup:network-home", kwargs=_network(s))
    ),
    ("rollup:province", "GET"): lambda w, s, role: Ask(reverse("rollup:province", kwargs=_province(s))),
    ("rollup:national", "GET"): lambda w, s, role: Ask(reverse("rollup:national")),
    ("api:network-figures", "GET"): lambda w, s, role: Ask(
        reverse("api:network-figures", kwargs=_network(s))
    ),
    ("api:province-figures", "GET"): lambda w, s, role: Ask(
        reverse("api:province-figures", kwargs=_province(s))
    ),
    ("api:national-figures", "GET"): lambda w, s, role: Ask(reverse("api:national-figures")),
}


def __getattr__(name):
    """RULES, built when asked for (PEP 562), as tests/access/areas/sustainability.py does."""
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
