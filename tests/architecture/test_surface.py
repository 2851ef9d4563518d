"""Reshaping the areas changes no URL and no word of the API's description."""

from __future__ import annotations

from tests.architecture.surface import OPENAPI, ROUTES, openapi_text, routes_text


def test_the_openapi_description_is_unchanged():
    assert openapi_text() == OPENAPI.read_text(encoding="utf-8")


def test_every_url_route_is_unchanged():
    assert routes_text() == ROUTES.read_text(encoding="utf-8")
