"""API tokens: issued, listed and revoked by `sajja token` and by the signed-in user's page; stored
hashed; an expired or revoked token is refused with 401 in the API's error shape."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sajja.access.models import ApiToken
from tests.access.world import World
from tests.api.factories import assert_error_shape


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue()


def bearer(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_the_command_issues_lists_and_revokes_and_the_api_follows(world: World):
    key = run("issue", "treasurer-user", "--label", "บัญชีกลาง", "--days", "30").strip()
    assert key.startswith("sajja_") and len(key) > 40
    token = ApiToken.objects.get(label="บัญชีกลาง")
    assert token.key_hash == ApiToken.hash_key(key) and key not in str(ApiToken.objects.values())
    assert 29 <= (token.expires_at - timezone.now()).days <= 30
    assert bearer(key).get("/api/funds").status_code == 200

    listing = run("list", "treasurer-user")
    assert re.search(
        rf"^{token.pk}\ttreasurer-user\tบัญชีกลาง\t{re.escape(key[:10])}….*\tactive$", listing, re.M
    )
    assert key not in listing

    assert "revoked" in run("revoke", str(token.pk))
    assert_error_shape(bearer(key).get("/api/funds"), 401, "unauthenticated")
    assert re.search(rf"^{token.pk}\t.*\trevoked$", run("list"), re.M)
    with pytest.raises(CommandError, match="no user nobody-here"):
        run("issue", "nobody-here")
    with pytest.raises(CommandError, match="a token lasts 1 to 3650 days"):
        run("issue", "treasurer-user", "--days", "0")


def test_an_expired_token_is_refused_with_401(world: World):
    key = run("issue", "treasurer-user").strip()
    assert bearer(key).get("/api/funds").status_code == 200
    ApiToken.objects.filter(key_hash=ApiToken.hash_key(key)).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert_error_shape(bearer(key).get("/api/funds"), 401, "unauthenticated")
    assert "\texpired" in run("list", "treasurer-user")


def test_the_signed_in_user_issues_a_token_seen_once_and_revokes_it(world: World):
    client = Client()
    client.force_login(world.users["committee"])
    page = client.get(reverse("web:api-tokens"))
    assert page.status_code == 200 and "โทเคน API" in page.content.decode()
    issued = client.post(reverse("web:api-tokens"), {"label": "โทรศัพท์", "days": "30"})
    assert issued.status_code == 200 and "no-store" in issued["Cache-Control"]
    key = re.search(r"<code>(sajja_[^<]+)</code>", issued.content.decode())[1]
    assert bearer(key).get("/api/funds").status_code == 200
    again = client.get(reverse("web:api-tokens")).content.decode()
    assert key not in again and "โทรศัพท์" in again and key[:10] in again  # listed, never shown again
    token = ApiToken.objects.get(user=world.users["committee"], label="โทรศัพท์")
    assert client.post(reverse("web:api-token-revoke", args=[token.pk])).status_code == 302
    assert_error_shape(bearer(key).get("/api/funds"), 401, "unauthenticated")
    assert "ยกเลิกแล้ว" in client.get(reverse("web:api-tokens")).content.decode()


def test_nobody_revokes_another_users_token_from_the_page(world: World):
    key = run("issue", "treasurer-user").strip()
    token = ApiToken.objects.get(key_hash=ApiToken.hash_key(key))
    client = Client()
    client.force_login(world.users["committee"])
    assert client.post(reverse("web:api-token-revoke", args=[token.pk])).status_code == 404
    assert bearer(key).get("/api/funds").status_code == 200


def test_a_token_lifetime_outside_the_choices_is_refused_on_the_page(world: World):
    client = Client()
    client.force_login(world.users["committee"])
    refused = client.post(reverse("web:api-tokens"), {"label": "x", "days": "100000"})
    assert refused.status_code == 400
    assert not ApiToken.objects.filter(user=world.users["committee"]).exists()


def test_tokens_issued_before_expiry_existed_expire_and_clear_replays_are_sealed(world: World):
    """The upgrade (access migration 0002): a token made before tokens had an expiry expires 90 days after
    it was made, not never; a replay record kept in the clear before answers were sealed is sealed."""
    from importlib import import_module

    from django.apps import apps

    from sajja.access.models import IdempotentRequest
    from sajja.registry.crypto import unseal

    upgrade = import_module("sajja.access.migrations.0002_api_token_expiry_and_revocation")
    old = ApiToken.objects.create(user=world.users["treasurer"], key_hash=ApiToken.hash_key("from-before"))
    ApiToken.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=100))
    clear = {"member": "000001", "national_id": "3100600123450"}
    kept = IdempotentRequest.objects.create(
        user=world.users["treasurer"],
        key="k",
        route="POST /api/x",
        request_digest="d",
        status=201,
        response=clear,
    )
    upgrade.expire_old_tokens(apps, None)
    upgrade.seal_clear_replays(apps, None)
    old.refresh_from_db()
    assert old.expires_at is not None and not old.is_valid()
    assert bearer("from-before").get("/api/funds").status_code == 401
    kept.refresh_from_db()
    assert set(kept.response) == {"sealed"} and "3100600123450" not in str(kept.response)
    assert unseal(kept.response["sealed"]) == clear
