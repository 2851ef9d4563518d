"""Each area's web routes are named in the area's own namespace ("ledger:entry-list", "month_end:month-close"),
so that two areas can never take the same name, and whoever reads a name knows the area that serves it.

sajja/urls.py includes one urls.py per area; its `app_name` is the area's package (the month-end close, a
sub-area of contributions, is "month_end"). Outside them are only the API (django-ninja's "api" namespace)
and Django's own language switch. Templates, redirects and the navigation name routes with their namespace.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import sajja
from sajja.web import navigation

SRC = Path(sajja.__file__).parent
DJANGO_OWN = {"set_language"}


def included() -> list[URLResolver]:
    """The includes of sajja/urls.py that are Sajja's own pages (not the API)."""
    return [p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace != "api"]


def area_of(resolver: URLResolver) -> str:
    """The package whose urls.py the include names: sajja.contributions.month_end.urls -> its package."""
    return resolver.urlconf_module.__name__.rpartition(".")[0]


def web_names() -> set[str]:
    """'namespace:name' of every web route (the API's and Django's own aside)."""
    return {f"{r.namespace}:{p.name}" for r in included() for p in r.url_patterns}


def test_every_route_outside_the_api_and_djangos_own_is_in_an_area_include():
    top = [p for p in get_resolver().url_patterns if isinstance(p, URLPattern)]
    assert {p.name for p in top} == DJANGO_OWN
    assert all(p.callback.__module__.startswith("django.") for p in top)


@pytest.mark.parametrize("resolver", included(), ids=lambda r: r.urlconf_name)
def test_each_area_names_its_routes_in_a_namespace_equal_to_the_area(resolver):
    package = area_of(resolver)
    assert package.startswith("sajja.")
    assert resolver.namespace == resolver.app_name == package.rpartition(".")[2]
    routes = resolver.url_patterns
    assert routes and all(isinstance(p, URLPattern) and p.name for p in routes)
    # the pages are the area's own views (the sign-in pages are Django's, in web)
    own = (package, "django.contrib.auth") if package == "sajja.web" else (package,)
    assert [p.name for p in routes if not p.callback.__module__.startswith(own)] == []


def test_each_namespace_is_one_areas():
    namespaces = [r.namespace for r in included()]
    assert len(namespaces) == len(set(namespaces)) == 12


def test_every_name_in_a_template_is_a_namespaced_route():
    named = re.compile(r"""\{%\s*url\s+(['"])([^'"]+)\1""")
    names = web_names() | DJANGO_OWN
    unknown = sorted(
        f"{path.relative_to(SRC)}: {match[2]}"
        for path in SRC.rglob("templates/**/*.html")
        for match in named.finditer(path.read_text(encoding="utf-8"))
        if match[2] not in names
    )
    assert unknown == []


def test_every_navigation_link_names_a_namespaced_route():
    names = web_names()
    links = navigation.links(navigation.FUND) + navigation.links(navigation.NETWORK)
    assert links
    unknown = sorted({n for link in links for n in (link.url_name, *link.pages)} - names)
    assert unknown == []
