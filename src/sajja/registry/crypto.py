"""National IDs at rest: encrypted with Fernet, found by an HMAC-SHA256 of the digits. Kept answers that may
name a person (the replay records of idempotent writes) are sealed with the same key."""

from __future__ import annotations

import hashlib
import hmac
import json

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder


def _fernet() -> Fernet:
    return Fernet(settings.SAJJA_ID_KEY.encode())


def encrypt_national_id(digits: str) -> bytes:
    return _fernet().encrypt(digits.encode())


def decrypt_national_id(token: bytes | memoryview) -> str:
    return _fernet().decrypt(bytes(token)).decode()


def national_id_hash(digits: str) -> str:
    return hmac.new(settings.SAJJA_ID_HASH_KEY.encode(), digits.encode(), hashlib.sha256).hexdigest()


def keyed_digest(data) -> str:
    """An HMAC-SHA256 of any JSON-able data, under the ID hash key: what is kept to tell two requests apart
    when they may carry a national ID. A plain hash of so few possible IDs could be reversed by trying
    them all; without the key it cannot."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)
    return hmac.new(settings.SAJJA_ID_HASH_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def seal(data) -> str:
    """Any JSON-able answer, encrypted with the ID key: what is kept of an answer that may name a person
    (unseal gives it back)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return _fernet().encrypt(text.encode()).decode("ascii")


def unseal(token: str):
    """The answer `seal` kept. Raises cryptography.fernet.InvalidToken if the ID key has changed since."""
    return json.loads(_fernet().decrypt(token.encode("ascii")))
