"""The fund's navigation, declared by each area (sajja/<area>/navigation.py), and the pages' one style sheet.

Every page of a fund sits in one of six groups; each role sees the groups and pages its capabilities open;
the page being read is marked. The style sheet and the icon are served by Sajja itself, cached a year at a
versioned address; pages are compressed.
"""

from __future__ import annotations

import gzip
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from sajja.access.capabilities import registered
from sajja.access.policy import capabilities
from sajja.web import navigation
from sajja.web.assets import asset_url, assets
from sajja.web.navigation import NavLink

SIX = ["members", "money", "books", "welfare", "meetings", "sustainability"]


@pytest.fixture(autouse=True)
def english():
    """Labels compared in English (the msgids)."""
    with translation.override("en"):
        yield


def routes(patterns=None, prefix="", namespace=""):
    """(route, name) of every URL pattern, included ones with their prefix and their namespace
    ("ledger:entry-list", as the request's resolver_match.view_name)."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from routes(p.url_patterns, prefix + str(p.pattern), ns)
        else:
            yield prefix + str(p.pattern), f"{namespace}{p.name}"


def sample_path(route: str, code: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: code if m[1] == "code" else "1", route)


def here(groups) -> tuple[str, str] | None:
    """(group, label) of the link the page is under."""
    for group in groups:
        for link in group.links:
            if link.here:
                return group.key, str(link.label)
    return None


def test_every_page_of_a_fund_is_under_a_link_of_one_group(own):
    everything = set(registered())
    pages = [(route, name) for route, name in routes() if route.startswith("funds/<slug:code>/")]
    assert len(pages) > 50
    homeless = [
        name
        for route, name in pages
        if name != "registry:fund-detail"
        and here(navigation.groups_for(own, everything, name, sample_path(route, own.code))) is None
    ]
    assert homeless == []


def test_six_groups_in_their_order_and_actions_never_in_the_row(own):
    groups = navigation.groups_for(own, set(registered()), "registry:fund-detail", f"/funds/{own.code}/")
    assert [g.key for g in groups] == SIX
    assert {str(a.label) for g in groups for a in g.actions} == {
        "Enrol a member",
        "Record a payment",
        "New entry",
        "New claim",
    }
    rows = [link.url for g in groups for link in g.links]
    assert reverse("ledger:entry-new", args=[own.code]) not in rows and len(rows) == len(set(rows))


@pytest.mark.parametrize(
    "role, groups, members_label, claims_label",
    [
        ("treasurer", SIX, "Members", "Claims"),
        ("committee", SIX, "Members", "Claims"),
        ("auditor", SIX, "Members", "Claims"),
        ("member", ["members", "welfare", "meetings", "sustainability"], "My membership", "My claims"),
    ],
)
def test_each_role_sees_the_groups_and_pages_its_capabilities_open(
    own, users, role, groups, members_label, claims_label
):
    shown = navigation.groups_for(own, capabilities(users[role], own), None, "/")
    assert [g.key for g in shown] == groups
    labels = {g.key: [str(link.label) for link in g.links] for g in shown}
    assert labels["members"] == [members_label]
    assert labels["welfare"][0] == claims_label
    if role == "member":
        assert all(not g.actions for g in shown if g.key != "welfare")  # a member enters their own claim only


@pytest.mark.parametrize(
    "view_name, path, expected",
    [
        (
            "month_end:month-close-summary",
            "/funds/f/contributions/months/2026-10/",
            ("money", "Month-end close"),
        ),
        ("contributions:members-behind", "/funds/f/contributions/behind/", ("money", "Contributions")),
        ("contributions:meeting-sheet", "/funds/f/groups/G01/sheet/", ("money", "Contributions")),
        ("welfare:member-welfare", "/funds/f/members/000001/welfare/", ("members", "Members")),
        ("welfare:claim-detail", "/funds/f/claims/7/", ("welfare", "Claims")),
        ("welfare:welfare-draft", "/funds/f/welfare/draft/", ("welfare", "Welfare rules")),
        ("ledger:entry-new", "/funds/f/entries/new/", ("books", "Entries")),
        ("meetings:meeting-detail", "/funds/f/meetings/3/", ("meetings", "Meetings")),
    ],
)
def test_the_page_is_marked_under_its_link(view_name, path, expected):
    class Fund:
        code = "f"

    assert here(navigation.groups_for(Fund, set(registered()), view_name, path)) == expected


def test_a_link_to_no_known_group_is_refused():
    with pytest.raises(ImproperlyConfigured, match="no navigation group 'bank'"):
        navigation.register(NavLink("bank", "Bank", "registry:fund-detail"))


@pytest.mark.django_db
def test_the_network_pages_have_their_own_navigation(own, users):
    network = own.network
    coordinator = navigation.groups_for(
        network, capabilities(users["coordinator"], network), None, "/", navigation.NETWORK
    )
    assert [g.key for g in coordinator] == ["members", "meetings", "sustainability"]  # members: its funds
    treasurer = navigation.groups_for(
        network, capabilities(users["treasurer"], network), None, "/", navigation.NETWORK
    )
    assert [g.key for g in treasurer] == ["meetings"]  # the network's projection is its officers'


def test_a_fund_page_shows_the_row_and_marks_the_page(own, users):
    client = Client()
    client.force_login(users["treasurer"])
    html = client.get(reverse("month_end:month-closes", args=[own.code])).content.decode()
    nav = re.search(r'<nav class="sections".*?</nav>', html, re.S)[0]
    assert f'href="{reverse("month_end:month-closes", args=[own.code])}" aria-current="page"' in nav
    group = reverse("contributions:fund-contributions", args=[own.code])
    assert f'href="{group}" aria-current="true"' in nav  # its group
    assert reverse("ledger:trial-balance", args=[own.code]) not in nav  # another group's page: one tap away
    assert nav.count("aria-current") == 2


def test_a_page_outside_its_links_address_is_marked_by_its_route_name(own, users):
    """The meeting sheet's address (/funds/<code>/groups/G01/sheet/) is not under Contributions': the page is
    placed by its route's name with its namespace (the request's view_name), listed in the link's `pages`."""
    client = Client()
    client.force_login(users["treasurer"])
    html = client.get(reverse("contributions:meeting-sheet", args=[own.code, "G01"])).content.decode()
    nav = re.search(r'<nav class="sections".*?</nav>', html, re.S)[0]
    group = reverse("contributions:fund-contributions", args=[own.code])
    assert f'href="{group}" aria-current="true"' in nav


# --- the style sheet, the icon, compression ------------------------------------------------------------


def test_the_style_sheet_is_served_at_its_versioned_address_and_cached_a_year(own, users):
    client = Client()
    client.force_login(users["treasurer"])
    page = client.get(reverse("registry:member-list", args=[own.code]))
    url = asset_url("sajja.css")
    assert f'href="{url}"' in page.content.decode() and "?v=" in url
    css = Client().get(url)
    assert css.status_code == 200 and css["Content-Type"].startswith("text/css")
    assert css["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Set-Cookie" not in css and "Cookie" not in css.get("Vary", "")  # the same for everyone
    assert Client().get(url, HTTP_IF_NONE_MATCH=css["ETag"]).status_code == 304
    assert Client().get("/static/sajja.css")["Cache-Control"] == "public, max-age=86400"  # unversioned
    assert Client().get("/static/nothing.css").status_code == 404
    assert len(assets()["sajja.css"].body) < 12_000  # one small file


def test_favicon_ico_answers_the_icon(db):
    icon = Client().get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/x-icon"
    assert icon.content.startswith(b"\x00\x00\x01\x00") and len(icon.content) < 2000


def test_pages_and_the_style_sheet_are_compressed(own, own_member, users, settings):
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"  # what makes compression safe from BREACH (settings.py)
    client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    client.force_login(users["treasurer"])
    page = client.get(reverse("registry:member-list", args=[own.code]))
    assert page["Content-Encoding"] == "gzip"
    listed = gzip.decompress(page.content).decode()  # the member list itself, not only its layout
    assert own_member.number in listed
    assert f"{own_member.person.first_name} {own_member.person.last_name}" in listed
    css = client.get(asset_url("sajja.css"))
    assert css["Content-Encoding"] == "gzip"
    assert len(css.content) < len(assets()["sajja.css"].body) / 2
