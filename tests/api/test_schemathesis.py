"""Schemathesis against /api/openapi.json, in-process through Django's WSGI application: every route,
with examples drawn from its OpenAPI description, authenticated as the treasurer. No answer may be a
5xx, and every error answer is in the API's one error shape. Bounded: a few examples per route."""

from __future__ import annotations

import gzip
import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.access.world import World
from tests.factories import token_for

pytestmark = pytest.mark.slow

app = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)


@pytest.fixture
def in_process(world: World):
    """Requests run on this thread's connection, inside the test's transaction: Django must not close it
    between requests (as its own test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {token_for(world.users['treasurer'])}"}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def text_of(response) -> str:
    """The answer's text, unzipped where it came compressed (the client asked for gzip)."""
    encoding = (response.headers.get("content-encoding") or [""])[0]
    return gzip.decompress(response.content).decode() if encoding == "gzip" else response.text


def assert_error_shape(response) -> None:
    content_type = (response.headers.get("content-type") or [""])[0]
    assert content_type.startswith("application/json"), text_of(response)[:300]
    body = json.loads(text_of(response))
    assert set(body) == {"code", "message_th", "message_en", "errors"}, body
    assert body["code"] and body["message_th"] and body["message_en"] and body["errors"], body
    for item in body["errors"]:
        assert set(item) == {"code", "where", "message_th", "message_en"}, item


@schema.parametrize()
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_answers_5xx_and_every_error_is_in_shape(case, in_process):
    if case.path_parameters and "code" in case.path_parameters:
        case.path_parameters["code"] = "own-fund"  # a fund the treasurer keeps: the routes go past the 404
    headers = {**(case.headers or {}), **in_process}
    response = case.call(headers=headers)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path}: {response.status_code} {text_of(response)[:500]}"
    )
    if response.status_code >= 400:
        assert_error_shape(response)
