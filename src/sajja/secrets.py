"""Secrets come from the environment; for the demo, from a generated local file."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet

SECRETS_FILE = ".sajja-secrets.json"


@dataclass(frozen=True)
class Secrets:
    secret_key: str
    id_key: str
    id_hash_key: str
    from_file: bool


def load_secrets(work_dir: Path) -> Secrets:
    env = os.environ
    if env.get("SAJJA_SECRET_KEY") and env.get("SAJJA_ID_KEY") and env.get("SAJJA_ID_HASH_KEY"):
        return Secrets(env["SAJJA_SECRET_KEY"], env["SAJJA_ID_KEY"], env["SAJJA_ID_HASH_KEY"], False)
    path = work_dir / SECRETS_FILE
    if not path.exists():
        generated = {
            "SAJJA_SECRET_KEY": secrets.token_urlsafe(50),
            "SAJJA_ID_KEY": Fernet.generate_key().decode(),
            "SAJJA_ID_HASH_KEY": secrets.token_urlsafe(32),
        }
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(generated, handle)
    stored = json.loads(path.read_text())
    return Secrets(
        env.get("SAJJA_SECRET_KEY") or stored["SAJJA_SECRET_KEY"],
        env.get("SAJJA_ID_KEY") or stored["SAJJA_ID_KEY"],
        env.get("SAJJA_ID_HASH_KEY") or stored["SAJJA_ID_HASH_KEY"],
        True,
    )
