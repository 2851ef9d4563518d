"""National IDs at rest: encrypted with Fernet, found by an HMAC-SHA256 of the digits."""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet
from django.conf import settings


def _fernet() -> Fernet:
    return Fernet(settings.SAJJA_ID_KEY.encode())


def encrypt_national_id(digits: str) -> bytes:
    return _fernet().encrypt(digits.encode())


def decrypt_national_id(token: bytes | memoryview) -> str:
    return _fernet().decrypt(bytes(token)).decode()


def national_id_hash(digits: str) -> str:
    return hmac.new(settings.SAJJA_ID_HASH_KEY.encode(), digits.encode(), hashlib.sha256).hexdigest()
