"""Tags of the pages' layout: the navigation of a fund or a network (sajja.web.navigation), and the address
of a static file (sajja.web.assets).

    {% load layout %}
    {% section_nav %}                 the row of groups of the page's fund or network, the current group's pages
    {% section_nav expanded=True %}   every group with all its pages
    {% nav_groups network as groups %}  the same groups, for a page that lists the links (the home page)
    {% asset "sajja.css" %}           /static/sajja.css?v=…
"""

from __future__ import annotations

from django import template

from sajja.access.policy import capabilities
from sajja.registry.models import Fund, Network
from sajja.web import navigation
from sajja.web.assets import asset_url

register = template.Library()


@register.simple_tag
def asset(name: str) -> str:
    return asset_url(name)


def _caps(request, body) -> frozenset[str]:
    """The user's capabilities in the body, asked once per request (as thai.fund_caps)."""
    cache = request.__dict__.setdefault("_sajja_caps", {})
    key = (type(body).__name__, body.pk)
    if key not in cache:
        cache[key] = capabilities(request.user, body)
    return cache[key]


@register.simple_tag(takes_context=True)
def nav_groups(context, body) -> list[navigation.ShownGroup]:
    """The groups of links the page's user may open for a fund or a network, the current page marked."""
    request = context.get("request")
    if request is None or not body or not getattr(request, "user", None):
        return []
    scope = navigation.NETWORK if isinstance(body, Network) else navigation.FUND
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else None  # with its namespace: "ledger:entry-list"
    return navigation.groups_for(body, _caps(request, body), view_name, request.path, scope)


@register.inclusion_tag("web/_sections.html", takes_context=True)
def section_nav(context, body=None, expanded=False) -> dict:
    """The navigation of `body`; by default the page's `body` (a meeting's pages serve a fund or a network),
    else its `fund`, else its `network`. `expanded`: every group with all its pages (the fund's own page).

    The row of groups leads to each group's first page; under it, the pages of the group the page is in
    (when it has more than one). A network whose user sees one group only shows that group's pages alone.
    """
    if body is None:
        body = context.get("body") or context.get("fund") or context.get("network")
    groups = nav_groups(context, body)
    linked = [g for g in groups if g.links]
    single = len(linked) == 1 and not isinstance(body, Fund)
    here = linked[0] if single else next((g for g in linked if g.here), None)
    return {
        "fund": body if isinstance(body, Fund) else None,
        "groups": groups,
        "linked": linked,
        "expanded": expanded,
        "actions": [action for group in groups for action in group.actions],
        "show_row": not single,
        "here": here if here and (single or len(here.links) > 1) else None,
    }
