"""The navigation of a fund's pages and of a network's, declared as data by each area.

Each area lists its pages in its own module `sajja/<area>/navigation.py`, which calls `register` when it is
imported; the web app imports every area's module once it is ready (WebConfig.ready). The layout
(web/fund_base.html) shows the links in a few groups, one row: members · money · books · welfare · meetings
and knowledge · sustainability. A group's name leads to its first page the user may open, and the pages of
the group the user is in are listed under the row: any page is two taps away on a phone, without script.

A link names the capability it needs (None: everyone who reaches the fund); the user sees only what their
roles grant in that fund or network. Actions (a new entry, a payment, a claim) are never in the row: each
is a button on its own area's page, and the fund's own page, which shows every group whole, offers the
user's actions as buttons too (NavLink(..., action=True)).

>>> link = NavLink("books", "Entries", "ledger:entry-list", "view_books")
>>> link.shown_to(frozenset({"view_books"})), link.shown_to(frozenset())
(True, False)
>>> NavLink("members", "My membership", "registry:member-list", unless="view_members").shown_to({"view_members"})
False
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FUND = "fund"
NETWORK = "network"

# The groups, in the order the row shows them.
GROUPS: dict[str, Promise] = {
    "members": _("Members"),
    "money": _("Money"),
    "books": _("Books"),
    "welfare": _("Welfare"),
    "meetings": _("Meetings and knowledge"),
    "sustainability": _("Sustainability"),
}


@dataclass(frozen=True)
class NavLink:
    """One page in the navigation: its group, its label, the name of its route with its namespace
    ("ledger:entry-list") and who may see it.

    `unless`: hidden from a user who holds this capability (the member's own view of a page, "My claims",
    beside the officers' "Claims"). `pages`: routes of other pages shown as under this link, where their
    address does not begin with this link's (a group's meeting sheet under Contributions); a page whose address
    does is under it already (a claim under Claims). `site_wide`: the page is the same whatever the fund (the
    knowledge notes): its address names no fund or network. `action`: a page that does something (a new
    entry): a button on the fund's own page, never in the row.
    """

    group: str
    label: Promise | str
    url_name: str
    capability: str | None = None
    unless: str | None = None
    pages: tuple[str, ...] = ()
    site_wide: bool = False
    action: bool = False

    def shown_to(self, caps: Iterable[str]) -> bool:
        caps = frozenset(caps)
        needed = self.capability is None or self.capability in caps
        return needed and (self.unless is None or self.unless not in caps)

    def url(self, body) -> str:
        return reverse(self.url_name) if self.site_wide else reverse(self.url_name, args=[body.code])


_LINKS: dict[str, list[NavLink]] = {FUND: [], NETWORK: []}


def register(*links: NavLink, scope: str = FUND) -> None:
    """Add an area's links to the navigation of a fund's pages (scope FUND) or of a network's (NETWORK)."""
    if scope not in _LINKS:
        raise ImproperlyConfigured(f"no navigation scope {scope!r}: {FUND!r} or {NETWORK!r}")
    for link in links:
        if link.group not in GROUPS:
            raise ImproperlyConfigured(
                f"{link.url_name}: no navigation group {link.group!r} ({', '.join(GROUPS)})"
            )
        if link in _LINKS[scope]:
            continue  # the same module imported twice (a test's reload): nothing new
        _LINKS[scope].append(link)


def links(scope: str = FUND) -> tuple[NavLink, ...]:
    """Every link registered for the scope, in the order the areas registered them."""
    return tuple(_LINKS[scope])


# --- what one user sees on one page --------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A link as the layout shows it: `current` on its own page, `here` on it or on a page under it."""

    label: Promise | str
    url: str
    current: bool = False
    here: bool = False


@dataclass(frozen=True)
class ShownGroup:
    key: str
    label: Promise | str
    links: tuple[Shown, ...]
    actions: tuple[Shown, ...] = ()

    @property
    def url(self) -> str:
        """The group's name leads to its first page."""
        return self.links[0].url if self.links else self.actions[0].url

    @property
    def here(self) -> bool:
        return any(link.here for link in self.links)

    @property
    def current(self) -> bool:
        """On the group's only page (the row's link is then the page's own)."""
        return len(self.links) == 1 and self.links[0].current


def groups_for(
    body, caps: Iterable[str], view_name: str | None, path: str, scope: str = FUND
) -> list[ShownGroup]:
    """The groups of links `caps` may see on the body's pages, the page at `path` (route `view_name`, with
    its namespace: the request's resolver_match.view_name) marked.

    The page is under the link of its own route, else the link naming it in `pages`, else the link whose
    address begins the page's, the longest (a month's close under Month-end close, not Contributions).
    """
    caps = frozenset(caps)
    visible = [(link, link.url(body)) for link in _LINKS[scope] if link.shown_to(caps)]
    here = _link_here([(link, url) for link, url in visible if not link.action], view_name, path)
    groups = []
    for key, label in GROUPS.items():
        shown = [
            (link.action, Shown(link.label, url, current=url == path, here=link is here))
            for link, url in visible
            if link.group == key
        ]
        links = tuple(s for action, s in shown if not action)
        actions = tuple(s for action, s in shown if action)
        if links or actions:
            groups.append(ShownGroup(key, label, links, actions))
    return groups


def _link_here(visible: list[tuple[NavLink, str]], view_name: str | None, path: str) -> NavLink | None:
    for link, url in visible:
        if url == path or link.url_name == view_name:
            return link
    for link, _url in visible:
        if view_name in link.pages:
            return link
    under = [(len(url), link) for link, url in visible if path.startswith(url)]
    return max(under, key=lambda pair: pair[0])[1] if under else None
