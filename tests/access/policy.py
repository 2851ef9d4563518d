"""Sajja's written access policy: who gets what, route by route.

HOW TO READ THE TABLES BELOW

Each row is one web page or one API route, and one way of asking for it: GET reads, POST writes.
The columns say what each kind of person gets back when they ask about THEIR OWN fund:

    nobody       someone who is not logged in
    member       a member of the fund (sees their own record only)
    treasurer    keeps the fund's books and registry
    committee    a committee member of the fund (reads everything, writes nothing)
    auditor      reads everything, writes nothing
    coordinator  a network coordinator: every fund of their network, read only
    admin        an administrator: every fund of every network

The numbers are the web's answer codes:

    200, 201  shown / done (201: a new record was made)
    302       sent on to another page: after a form was accepted, or to the login page
    401       the API was asked without a valid token
    403       "your role does not allow this": the fund is yours, the action is not
    404       "not found"
    405       this page does not answer this way of asking (e.g. a button's address typed in)

RULES THAT HOLD FOR EVERY ROW

1. Another fund. Rows marked FUND concern one fund. Asked about a fund outside the person's roles, every
   such row answers 404 to every role, for reading and for writing alike — never 403, so nobody learns
   that the fund exists or what is in it; 405 stays 405 (it reveals nothing). "Outside the person's
   roles" means:
     - a fund of another network: outside for everyone except the administrator;
     - another fund of the same network: outside for member, treasurer, committee and auditor (their
       roles are for one fund), inside for the network coordinator and the administrator.
   Inside their roles, people get exactly the answers of their own fund.
2. Lists and counts show nothing of a fund outside the person's roles: the home page's list of funds and
   the API's /api/funds name only the funds they serve.
3. A member sees only their own member record: the member list holds only them, and another member's
   page is 404, as if it did not exist.
4. Nobody logged in: web pages send them to the login page (302); API routes answer 401. PUBLIC rows
   answer the same to everyone.
5. A refused request (any 4xx answer) writes nothing, and a read (GET) writes nothing.
"""

from __future__ import annotations

from typing import NamedTuple

PUBLIC = "public"  # the same for everyone, logged in or not
ANY = "any"  # needs a login; about no fund in particular
FUND = "fund"  # about one fund: rule 1 applies

# The roles, in the order of the columns.
ROLES = ("member", "treasurer", "committee", "auditor", "coordinator", "admin")


class Rule(NamedTuple):
    route: str  # the route's name in its area's namespace (web: "ledger:entry-list") or "api:<name>" (API)
    method: str
    scope: str
    nobody: int
    member: int
    treasurer: int
    committee: int
    auditor: int
    coordinator: int
    admin: int
    about: str

    def expected(self, role: str | None) -> int:
        """The answer in the person's own fund (role None: nobody logged in)."""
        return self.nobody if role is None else getattr(self, role)


R = Rule

# fmt: off
WEB = [
    # route                     method  scope   nobody member treas. commit. auditor coord. admin   what it is
    R("web:login",              "GET",  PUBLIC, 200,   302,   302,   302,    302,    302,   302,   "the login page (logged in: on to your funds)"),
    R("web:login",              "POST", PUBLIC, 200,   302,   302,   302,    302,    302,   302,   "logging in (nobody: a wrong password, the form again)"),
    R("web:logout",             "GET",  PUBLIC, 405,   405,   405,   405,    405,    405,   405,   "logging out needs the button (POST)"),
    R("web:logout",             "POST", PUBLIC, 302,   302,   302,   302,    302,    302,   302,   "logging out, then the login page"),
    R("set_language",           "GET",  PUBLIC, 302,   302,   302,   302,    302,    302,   302,   "no change, back to the page"),
    R("set_language",           "POST", PUBLIC, 302,   302,   302,   302,    302,    302,   302,   "switch Thai / English"),
    R("registry:home",          "GET",  ANY,    302,   200,   200,   200,    200,    302,   200,   "your funds (a coordinator of one network: on to its home)"),
    R("registry:fund-detail",   "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "a fund's page"),
    R("registry:member-list",   "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "members (a member: only themself)"),
    R("registry:member-new",    "GET",  FUND,   302,   403,   200,   403,    403,    403,   200,   "the form to enrol a member"),
    R("registry:member-new",    "POST", FUND,   302,   403,   302,   403,    403,    403,   302,   "enrolling a member (and taking the entry fee)"),
    R("registry:member-detail", "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "a member's page (a member: their own)"),
    R("ledger:account-list",    "GET",  FUND,   302,   403,   200,   200,    200,    200,   200,   "the chart of accounts"),
    R("ledger:account-detail",  "GET",  FUND,   302,   403,   200,   200,    200,    200,   200,   "one account and its entries"),
    R("ledger:entry-list",      "GET",  FUND,   302,   403,   200,   200,    200,    200,   200,   "the journal"),
    R("ledger:entry-detail",    "GET",  FUND,   302,   403,   200,   200,    200,    200,   200,   "one entry"),
    R("ledger:entry-new",       "GET",  FUND,   302,   403,   200,   403,    403,    403,   200,   "the form to post an entry"),
    R("ledger:entry-new",       "POST", FUND,   302,   403,   302,   403,    403,    403,   302,   "posting an entry"),
    R("ledger:entry-reverse",   "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "reversing needs the button (POST)"),
    R("ledger:entry-reverse",   "POST", FUND,   302,   403,   302,   403,    403,    403,   302,   "reversing an entry"),
    R("ledger:trial-balance",   "GET",  FUND,   302,   403,   200,   200,    200,    200,   200,   "the trial balance"),
    R("ledger:period-close",    "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "closing needs the button (POST)"),
    R("ledger:period-close",    "POST", FUND,   302,   403,   302,   403,    403,    403,   302,   "closing a month"),
]

API = [
    # route                  method  scope   nobody member treas. commit. auditor coord. admin   what it is
    R("api:api-root",        "GET",  PUBLIC, 302,   302,   302,   302,    302,    302,   302,   "/api/ sends you to the documentation"),
    R("api:openapi-json",    "GET",  PUBLIC, 200,   200,   200,   200,    200,    200,   200,   "the OpenAPI description"),
    R("api:openapi-view",    "GET",  PUBLIC, 200,   200,   200,   200,    200,    200,   200,   "the documentation page"),
    R("api:api-unknown",     "GET",  PUBLIC, 404,   404,   404,   404,    404,    404,   404,   "a path no route takes: a JSON 404"),
    R("api:funds",           "GET",  ANY,    401,   200,   200,   200,    200,    200,   200,   "your funds"),
    R("api:fund",            "GET",  FUND,   401,   200,   200,   200,    200,    200,   200,   "a fund"),
    R("api:members",         "GET",  FUND,   401,   200,   200,   200,    200,    200,   200,   "members (a member: only themself)"),
    R("api:member",          "GET",  FUND,   401,   200,   200,   200,    200,    200,   200,   "a member (a member: their own)"),
    R("api:enrol",           "POST", FUND,   401,   403,   201,   403,    403,    403,   201,   "enrolling a member"),
    R("api:accounts",        "GET",  FUND,   401,   403,   200,   200,    200,    200,   200,   "the chart of accounts"),
    R("api:entries",         "GET",  FUND,   401,   403,   200,   200,    200,    200,   200,   "the journal"),
    R("api:entry",           "GET",  FUND,   401,   403,   200,   200,    200,    200,   200,   "one entry"),
    R("api:post-entry",      "POST", FUND,   401,   403,   201,   403,    403,    403,   201,   "posting an entry"),
    R("api:reverse",         "POST", FUND,   401,   403,   201,   403,    403,    403,   201,   "reversing an entry"),
    R("api:trial-balance",   "GET",  FUND,   401,   403,   200,   200,    200,    200,   200,   "the trial balance"),
    R("api:close-period",    "POST", FUND,   401,   403,   200,   403,    403,    403,   200,   "closing a month"),
]
# fmt: on

POLICY = WEB + API


def _area_rules() -> list[Rule]:
    from tests.access.areas import all_areas

    return [rule for area in all_areas() for rule in area.RULES]


POLICY += _area_rules()

# Which funds lie inside each role's reach, besides its own (rule 1).
REACHES_SAME_NETWORK = {"coordinator", "admin"}
REACHES_OTHER_NETWORKS = {"admin"}


def expected(rule: Rule, role: str | None, side: str) -> int:
    """The answer for `role` asking about a fund on `side`: "own", "sibling" (same network) or "foreign"."""
    own = rule.expected(role)
    if rule.scope != FUND or role is None or side == "own" or own == 405:
        return own
    inside = role in REACHES_OTHER_NETWORKS if side == "foreign" else role in REACHES_SAME_NETWORK
    return own if inside else 404
