"""The access matrix: every route × every role × own fund / a sibling fund / a foreign fund, against the
written policy in tests/access/policy.py. A route missing from the policy fails the test.

The world of funds and users is built once for the module (`module_world`); each test runs in a savepoint
rolled back after it and sees the world as built (`world`)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sajja.access.models import Role
from sajja.api.api import api
from sajja.audit.models import AuditEvent
from tests.access import areas, policy
from tests.access.asking import Ask, _fund, _key
from tests.access.world import FundSide, World, new_world
from tests.factories import PASSWORD, token_for

SIDES = ("own", "sibling", "foreign")


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The world, built once for the module inside a transaction rolled back after its last test. Each test
    runs in a savepoint of it (pytest-django's `db`), so what a test writes never outlives the test."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as tests/conftest.py's fast_password_hashing
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast), transaction.atomic():
        yield new_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db) -> World:
    """The module's world as built, for this test alone (tests/conftest.py's `world`, built once)."""
    return module_world.as_built()


# --- every route the project serves -------------------------------------------------------------------


def resolver_routes(patterns=None, prefix="", namespace="") -> list[tuple[str, str]]:
    """(name, pattern) of every URL pattern, walking nested includes; unnamed ones by their pattern."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    found = []
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            found += resolver_routes(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            found.append((f"{namespace}{p.name}" if p.name else f"<unnamed {route}>", route))
    return found


def api_operations() -> set[tuple[str, str]]:
    """(api:<url name>, METHOD) of every operation of the django-ninja API."""
    api.urls  # noqa: B018 - binds the routers
    ops = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for op in path_view.operations:
                for method in op.methods:
                    ops.add((f"api:{op.url_name or '<no url_name>'}", method))
    return ops


def test_every_route_is_in_the_policy():
    in_policy = {rule.route for rule in policy.POLICY}
    missing = sorted({name for name, _ in resolver_routes()} - in_policy)
    assert not missing, f"routes missing from tests/access/policy.py: {missing}"


def test_every_api_operation_and_method_is_in_the_policy():
    in_policy = {(rule.route, rule.method) for rule in policy.API}
    missing = sorted(api_operations() - in_policy)
    assert not missing, f"API operations missing from tests/access/policy.py: {missing}"


def test_the_policy_names_only_routes_that_exist():
    names = {name for name, _ in resolver_routes()}
    stale = sorted({rule.route for rule in policy.POLICY} - names)
    assert not stale, f"the policy lists routes that do not exist: {stale}"
    ops = api_operations()
    api_names = {name for name, _ in ops}
    stale_ops = sorted(
        (r.route, r.method) for r in policy.API if r.route in api_names and (r.route, r.method) not in ops
    )
    assert not stale_ops, f"the policy lists API methods that do not exist: {stale_ops}"


def test_routes_about_a_fund_are_marked_fund_in_the_policy():
    """A route whose address names a fund (<code>) must be tested against other funds (rule 1)."""
    scope_of = {rule.route: rule.scope for rule in policy.POLICY}
    wrong = sorted(
        name
        for name, route in resolver_routes()
        if name in scope_of
        and ("<code>" in route or "<slug:code>" in route) != (scope_of[name] == policy.FUND)
    )
    assert not wrong, f"scope in the policy does not match whether the address names a fund: {wrong}"


def test_the_policy_has_a_column_for_every_role():
    assert list(policy.ROLES) == [role.value for role in Role]


def test_each_route_and_method_is_listed_once():
    keys = [(r.route, r.method) for r in policy.POLICY]
    assert len(keys) == len(set(keys))


# --- asking every route as every role -----------------------------------------------------------------


def _entry_form(world: World, side: FundSide, role) -> Ask:
    data = {
        "token": f"matrix-{world.serial()}",
        "date": "2025-02-20",
        "memo": "เงินบริจาค",
        "debit": "1101",
        "credit": "4301",
        "amount": "45.50",
    }
    return Ask(reverse("ledger:entry-new", kwargs=_fund(side)), data)


def _enrolment(world: World) -> dict:
    return {
        "national_id": world.fresh_national_id(),
        "first_name": "ทดสอบ",
        "last_name": "สิทธิ์",
        "birth_date": "1970-01-01",
        "sex": "F",
        "joined_on": "2025-06-01",
        "group": "G01",
    }


ENTRY_BODY = {
    "date": "2025-02-16",
    "memo": "สัจจะ",
    "kind": "contribution",
    "lines": [{"account": "1101", "debit": 3000}, {"account": "4101-000001", "credit": 3000}],
}

# How each (route, method) is asked: (world, the fund asked about, the role) -> Ask.
RECIPES = {
    ("web:login", "GET"): lambda w, s, role: Ask(reverse("web:login")),
    ("web:login", "POST"): lambda w, s, role: Ask(
        reverse("web:login"),
        {"username": f"{role}-user", "password": PASSWORD}
        if role
        else {"username": "nobody-user", "password": "wrong"},
    ),
    ("web:logout", "GET"): lambda w, s, role: Ask(reverse("web:logout")),
    ("web:logout", "POST"): lambda w, s, role: Ask(reverse("web:logout"), {}),
    ("set_language", "GET"): lambda w, s, role: Ask(reverse("set_language") + "?next=/"),
    ("set_language", "POST"): lambda w, s, role: Ask(
        reverse("set_language"), {"language": "en", "next": "/"}
    ),
    ("registry:home", "GET"): lambda w, s, role: Ask(reverse("registry:home")),
    ("registry:fund-detail", "GET"): lambda w, s, role: Ask(reverse("registry:fund-detail", kwargs=_fund(s))),
    ("registry:member-list", "GET"): lambda w, s, role: Ask(reverse("registry:member-list", kwargs=_fund(s))),
    ("registry:member-new", "GET"): lambda w, s, role: Ask(reverse("registry:member-new", kwargs=_fund(s))),
    ("registry:member-new", "POST"): lambda w, s, role: Ask(
        reverse("registry:member-new", kwargs=_fund(s)), {**_enrolment(w), "token": f"matrix-{w.serial()}"}
    ),
    ("registry:member-detail", "GET"): lambda w, s, role: Ask(
        reverse("registry:member-detail", kwargs={**_fund(s), "number": s.member.number})
    ),
    ("ledger:account-list", "GET"): lambda w, s, role: Ask(reverse("ledger:account-list", kwargs=_fund(s))),
    ("ledger:account-detail", "GET"): lambda w, s, role: Ask(
        reverse("ledger:account-detail", kwargs={**_fund(s), "account_code": "1101"})
    ),
    ("ledger:entry-list", "GET"): lambda w, s, role: Ask(reverse("ledger:entry-list", kwargs=_fund(s))),
    ("ledger:entry-detail", "GET"): lambda w, s, role: Ask(
        reverse("ledger:entry-detail", kwargs={**_fund(s), "pk": s.entry.pk})
    ),
    ("ledger:entry-new", "GET"): lambda w, s, role: Ask(reverse("ledger:entry-new", kwargs=_fund(s))),
    ("ledger:entry-new", "POST"): _entry_form,
    ("ledger:entry-reverse", "GET"): lambda w, s, role: Ask(
        reverse("ledger:entry-reverse", kwargs={**_fund(s), "pk": w.fresh_entry(s).pk})
    ),
    ("ledger:entry-reverse", "POST"): lambda w, s, role: Ask(
        reverse("ledger:entry-reverse", kwargs={**_fund(s), "pk": w.fresh_entry(s).pk}), {}
    ),
    ("ledger:trial-balance", "GET"): lambda w, s, role: Ask(reverse("ledger:trial-balance", kwargs=_fund(s))),
    ("ledger:period-close", "GET"): lambda w, s, role: Ask(reverse("ledger:period-close", kwargs=_fund(s))),
    ("ledger:period-close", "POST"): lambda w, s, role: Ask(
        reverse("ledger:period-close", kwargs=_fund(s)), {"close-period": "2025-03"}
    ),
    # the API
    ("api:api-root", "GET"): lambda w, s, role: Ask(reverse("api:api-root")),
    ("api:openapi-json", "GET"): lambda w, s, role: Ask(reverse("api:openapi-json")),
    ("api:openapi-view", "GET"): lambda w, s, role: Ask(reverse("api:openapi-view")),
    ("api:api-unknown", "GET"): lambda w, s, role: Ask(f"{reverse('api:api-root')}no-such-route"),
    ("api:funds", "GET"): lambda w, s, role: Ask(reverse("api:funds")),
    ("api:fund", "GET"): lambda w, s, role: Ask(reverse("api:fund", kwargs=_fund(s))),
    ("api:members", "GET"): lambda w, s, role: Ask(reverse("api:members", kwargs=_fund(s))),
    ("api:member", "GET"): lambda w, s, role: Ask(
        reverse("api:member", kwargs={**_fund(s), "number": s.member.number})
    ),
    ("api:enrol", "POST"): lambda w, s, role: Ask(
        reverse("api:enrol", kwargs=_fund(s)), _enrolment(w), _key(w)
    ),
    ("api:accounts", "GET"): lambda w, s, role: Ask(reverse("api:accounts", kwargs=_fund(s))),
    ("api:entries", "GET"): lambda w, s, role: Ask(reverse("api:entries", kwargs=_fund(s))),
    ("api:entry", "GET"): lambda w, s, role: Ask(
        reverse("api:entry", kwargs={**_fund(s), "entry_id": s.entry.pk})
    ),
    ("api:post-entry", "POST"): lambda w, s, role: Ask(
        reverse("api:post-entry", kwargs=_fund(s)), ENTRY_BODY, _key(w)
    ),
    ("api:reverse", "POST"): lambda w, s, role: Ask(
        reverse("api:reverse", kwargs={**_fund(s), "entry_id": w.fresh_entry(s).pk}), {}, _key(w)
    ),
    ("api:trial-balance", "GET"): lambda w, s, role: Ask(reverse("api:trial-balance", kwargs=_fund(s))),
    ("api:close-period", "POST"): lambda w, s, role: Ask(
        reverse("api:close-period", kwargs={**_fund(s), "period": "2025-03"}), {}, _key(w)
    ),
}


# Each area of Sajja (welfare, contributions, meetings, ...) brings its own rows and recipes.
for _area in areas.all_areas():
    RECIPES.update(_area.RECIPES)


def test_every_policy_row_has_a_recipe():
    assert sorted(set(RECIPES) ^ {(r.route, r.method) for r in policy.POLICY}) == []


def client_for(world: World, role: str | None, is_api: bool) -> Client:
    client = Client()
    if role is None:
        return client
    user = world.users[role]
    if is_api:
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
    else:
        client.force_login(user)
    return client


def send(client: Client, method: str, ask: Ask, is_api: bool):
    if method == "GET":
        return client.get(ask.path, headers=ask.headers)
    if is_api:
        return client.post(ask.path, ask.data or {}, content_type="application/json", headers=ask.headers)
    return client.post(ask.path, ask.data or {}, headers=ask.headers)


@pytest.mark.parametrize("rule", policy.POLICY, ids=lambda r: f"{r.method} {r.route}")
def test_route_answers_every_role_as_the_policy_says(world: World, rule: policy.Rule):
    is_api = rule.route.startswith("api:")
    sides = SIDES if rule.scope == policy.FUND else ("own",)
    wrong = []
    for role in (None, *policy.ROLES):
        for side_name in sides:
            side = world.sides[side_name]
            ask = RECIPES[(rule.route, rule.method)](world, side, role)
            client = client_for(world, role, is_api)
            events_before = AuditEvent.objects.count()
            response = send(client, rule.method, ask, is_api)
            want = policy.expected(rule, role, side_name)
            who = f"{role or 'nobody'} @ {side_name} fund: {rule.method} {ask.path}"
            if response.status_code != want:
                wrong.append(f"{who}: got {response.status_code}, policy says {want}")
                continue
            if (want >= 400 or rule.method == "GET") and AuditEvent.objects.count() != events_before:
                wrong.append(f"{who}: answered {want} but wrote to the books or registry (rule 5)")
            anonymous_page = role is None and rule.scope != policy.PUBLIC and not is_api
            if anonymous_page and not response["Location"].startswith(reverse("web:login")):
                wrong.append(f"{who}: sent to {response['Location']}, not to the login page")
            if want == 404 and side_name != "own":
                text = response.content.decode()
                for secret in (side.fund.name_th, side.member.person.first_name, side.entry.memo):
                    if secret in text:
                        wrong.append(f"{who}: the 404 shows {secret!r} of the fund it hides")
    assert not wrong, "\n".join(wrong)


# --- lists and counts (rule 2), a member's own record (rule 3) ----------------------------------------


def _reached(role: str, side: str) -> bool:
    return policy.expected(policy.WEB[0]._replace(scope=policy.FUND), role, side) != 404


@pytest.mark.parametrize("role", policy.ROLES)
def test_fund_lists_name_only_the_funds_the_role_reaches(world: World, role):
    # the page the role lands on: a coordinator of one network is sent on to its home, which lists its funds
    page = client_for(world, role, is_api=False).get(reverse("registry:home"), follow=True).content.decode()
    listed = client_for(world, role, is_api=True).get(reverse("api:funds")).json()
    codes = {fund["code"] for fund in listed}
    for side_name, side in world.sides.items():
        fund = side.fund
        if side_name == "own" or _reached(role, side_name):
            assert fund.name_th in page and fund.code in codes, f"{role} should see {fund.code}"
        else:
            assert fund.name_th not in page and f"/funds/{fund.code}/" not in page, f"{role} sees {fund.code}"
            assert fund.code not in codes, f"{role} gets {fund.code} from /api/funds"
            assert fund.network.name_th not in page or fund.network == world.own.fund.network


def test_a_foreign_fund_answers_the_api_exactly_like_a_fund_that_does_not_exist(world: World):
    client = client_for(world, "treasurer", is_api=True)
    for rule in policy.API:
        if rule.scope != policy.FUND:
            continue
        asks = {}
        for code in ("foreign-fund", "no-such-fund"):
            ask = RECIPES[(rule.route, rule.method)](world, world.sides["foreign"], "treasurer")
            ask.path = ask.path.replace("/foreign-fund/", f"/{code}/")
            response = send(client, rule.method, ask, is_api=True)
            asks[code] = (response.status_code, response.json())
        assert asks["foreign-fund"] == asks["no-such-fund"], rule.route
        assert asks["foreign-fund"][0] == 404


def test_a_member_sees_only_their_own_member_record(world: World):
    web = client_for(world, "member", is_api=False)
    api_client = client_for(world, "member", is_api=True)
    own = world.own.fund
    me, other = world.own.member, world.other_member

    page = web.get(reverse("registry:member-list", kwargs={"code": own.code})).content.decode()
    assert me.person.first_name in page and other.person.first_name not in page
    listed = api_client.get(reverse("api:members", kwargs={"code": own.code})).json()
    assert [m["number"] for m in listed] == [me.number]
    # searching does not widen it
    found = api_client.get(reverse("api:members", kwargs={"code": own.code}), {"q": "มานี"}).json()
    assert found == []

    other_page = reverse("registry:member-detail", kwargs={"code": own.code, "number": other.number})
    assert web.get(other_page).status_code == 404
    other_api = reverse("api:member", kwargs={"code": own.code, "number": other.number})
    response = api_client.get(other_api)
    assert response.status_code == 404 and other.person.first_name not in response.content.decode()

    # their own record, with their own national ID in full
    mine = api_client.get(reverse("api:member", kwargs={"code": own.code, "number": me.number})).json()
    assert mine["national_id"] == "1-1014-00000-00-6"
    # the fund page does not count a fund of one: it shows the member their own record instead
    fund_page = web.get(reverse("registry:fund-detail", kwargs={"code": own.code})).content.decode()
    assert reverse("registry:member-detail", kwargs={"code": own.code, "number": me.number}) in fund_page


def test_officers_see_every_member_of_their_fund(world: World):
    for role in ("treasurer", "committee", "auditor", "coordinator", "admin"):
        listed = client_for(world, role, is_api=True).get(
            reverse("api:members", kwargs={"code": world.own.fund.code})
        )
        assert {m["number"] for m in listed.json()} == {world.own.member.number, world.other_member.number}


def test_pages_offer_only_what_the_role_may_open(world: World):
    """The fund's tabs link to the books only for roles that may read them, and to posting only for bookkeepers."""
    code = world.own.fund.code
    books, post = (
        reverse("ledger:entry-list", kwargs={"code": code}),
        reverse("ledger:entry-new", kwargs={"code": code}),
    )
    for role in policy.ROLES:
        page = client_for(world, role, is_api=False).get(
            reverse("registry:fund-detail", kwargs={"code": code})
        )
        text = page.content.decode()
        assert (books in text) == (role != "member"), role
        assert (post in text) == (role in ("treasurer", "admin")), role
