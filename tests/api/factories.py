"""Helpers of the API tests: a client with a token, the own fund's addresses, a write with an
Idempotency-Key, what the books hold, and the shape every error of the API takes."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from sajja.audit.models import AuditEvent
from sajja.ledger.models import ClosedPeriod, Entry
from sajja.registry.models import Member
from tests.factories import token_for

ENTRY = {
    "date": "2025-02-16",
    "memo": "สัจจะเดือนกุมภาพันธ์",
    "kind": "contribution",
    "lines": [{"account": "1101", "debit": 3000}, {"account": "4101-000002", "credit": 3000}],
}


def api_client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
    return client


def url(name: str, **kwargs) -> str:
    """The address of an API route about the own fund."""
    return reverse(f"api:{name}", kwargs={"code": "own-fund", **kwargs})


def post(client: Client, path: str, body: dict, key: str | None = None):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(path, body, content_type="application/json", headers=headers)


def written() -> tuple[int, int, int, int]:
    """How much is in the books and registry: entries, members, closed months, audit events."""
    return (
        Entry.objects.count(),
        Member.objects.count(),
        ClosedPeriod.objects.count(),
        AuditEvent.objects.count(),
    )


def assert_error_shape(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message_th", "message_en", "errors"}, body
    assert body["message_th"] and body["message_en"]
    assert body["errors"], "an error lists at least one problem"
    for item in body["errors"]:
        assert set(item) == {"code", "where", "message_th", "message_en"}, item
        assert item["message_th"] and item["message_en"]
    if code:
        assert body["code"] == code, body
    return body
