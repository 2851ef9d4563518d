"""Access policy of the month-end close: the fund's months, a closed month's summary, and the button.

Reading the figures needs the books (officers, not members); closing needs the right to close a period
(treasurer, administrator). The recipes close months before anyone's payments (2024), so closing
never stands in the way of the other areas' recipes.
"""

from __future__ import annotations

from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.contributions.month_end.services import close_through
from tests.access.asking import Ask, _fund, _key

READ_MONTH = "2024-12"  # closed by the recipe before it is read
CLOSED_BY_ASKING = "2024-11"  # what the button and the API close


def _rules():
    from tests.access.policy import FUND, R

    # fmt: off
    return [
        # route                            method  scope nobody member treas. commit. auditor coord. admin   what it is
        R("month_end:month-closes",        "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "the fund's months, closed or open"),
        R("month_end:month-close-summary", "GET",  FUND, 302,   403,   200,   200,    200,    200,   200,   "a closed month's summary by group"),
        R("month_end:month-close",         "GET",  FUND, 302,   405,   405,   405,    405,    405,   405,   "closing a month needs the button (POST)"),
        R("month_end:month-close",         "POST", FUND, 302,   403,   302,   403,    403,    403,   302,   "the month-end close"),
        R("api:month-closes",              "GET",  FUND, 401,   403,   200,   200,    200,    200,   200,   "the fund's months, closed or open"),
        R("api:month-close",               "GET",  FUND, 401,   403,   200,   200,    200,    200,   200,   "a closed month's summary by group"),
        R("api:close-month",               "POST", FUND, 401,   403,   200,   403,    403,    403,   200,   "the month-end close"),
    ]
    # fmt: on


def __getattr__(name):
    """RULES, built when asked for (PEP 562): see tests/access/areas/contributions.py for why."""
    if name == "RULES":
        rules = _rules()
        _list_api_rows(rules)
        return rules
    raise AttributeError(name)


def _list_api_rows(rules) -> None:
    """Add our API rows to the policy's API list (which the API-only checks walk), once."""
    import sys

    policy = sys.modules["tests.access.policy"]
    listed = {(r.route, r.method) for r in policy.API}
    policy.API.extend(r for r in rules if r.route.startswith("api:") and (r.route, r.method) not in listed)


def _closed(side) -> dict:
    """URL arguments of a month of the side's fund, closed now (closing it again changes nothing)."""
    close_through(SYSTEM, side.fund, READ_MONTH)
    return {**_fund(side), "period": READ_MONTH}


def _to_close(side) -> dict:
    return {**_fund(side), "period": CLOSED_BY_ASKING}


RECIPES = {
    ("month_end:month-closes", "GET"): lambda w, s, role: Ask(
        reverse("month_end:month-closes", kwargs=_fund(s))
    ),
    ("month_end:month-close-summary", "GET"): lambda w, s, role: Ask(
        reverse("month_end:month-close-summary", kwargs=_closed(s))
    ),
    ("month_end:month-close", "GET"): lambda w, s, role: Ask(
        reverse("month_end:month-close", kwargs=_to_close(s))
    ),
    ("month_end:month-close", "POST"): lambda w, s, role: Ask(
        reverse("month_end:month-close", kwargs=_to_close(s)), {}
    ),
    ("api:month-closes", "GET"): lambda w, s, role: Ask(reverse("api:month-closes", kwargs=_fund(s))),
    ("api:month-close", "GET"): lambda w, s, role: Ask(reverse("api:month-close", kwargs=_closed(s))),
    ("api:close-month", "POST"): lambda w, s, role: Ask(
        reverse("api:close-month", kwargs=_to_close(s)), {}, _key(w)
    ),
}
