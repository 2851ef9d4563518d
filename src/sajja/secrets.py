"""Secrets come from the environment; for the demo, from a generated local file."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet

from sajja.private_files import owner_only

SECRETS_FILE = ".sajja-secrets.json"
KEYS = ("SAJJA_SECRET_KEY", "SAJJA_ID_KEY", "SAJJA_ID_HASH_KEY", "SAJJA_AUDIT_KEY")


class MissingSecrets(RuntimeError):
    """Some keys come from the environment and others do not: a deployment, half configured."""


@dataclass(frozen=True)
class Secrets:
    secret_key: str
    id_key: str
    id_hash_key: str
    from_file: bool
    audit_key: str = ""  # SAJJA_AUDIT_KEY: the audit chain's HMAC key, never stored in the database


def load_secrets(work_dir: Path) -> Secrets:
    """The four keys from the environment; with none of them there (the demo, a developer's machine), from
    the local file, generated on first use. Some set and others not is refused: a deployment that sets its
    keys must set them all, rather than have the missing ones generated quietly onto the server's disk."""
    env = os.environ
    given = [k for k in KEYS if env.get(k)]
    if given and len(given) < len(KEYS):
        missing = ", ".join(k for k in KEYS if k not in given)
        raise MissingSecrets(
            f"{', '.join(given)} come from the environment but {missing} do(es) not: set all four"
        )
    if given:
        return Secrets(
            env["SAJJA_SECRET_KEY"],
            env["SAJJA_ID_KEY"],
            env["SAJJA_ID_HASH_KEY"],
            False,
            env["SAJJA_AUDIT_KEY"],
        )
    path = work_dir / SECRETS_FILE
    if not path.exists():
        generated = {
            "SAJJA_SECRET_KEY": secrets.token_urlsafe(50),
            "SAJJA_ID_KEY": Fernet.generate_key().decode(),
            "SAJJA_ID_HASH_KEY": secrets.token_urlsafe(32),
            "SAJJA_AUDIT_KEY": secrets.token_urlsafe(32),
        }
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(generated, handle)
    owner_only(path)  # a file made by hand or by an older Sajja: readable by the owner only (0600)
    stored = json.loads(path.read_text())
    if "SAJJA_AUDIT_KEY" not in stored:
        stored = _add_audit_key(path)
    return Secrets(
        stored["SAJJA_SECRET_KEY"],
        stored["SAJJA_ID_KEY"],
        stored["SAJJA_ID_HASH_KEY"],
        True,
        stored["SAJJA_AUDIT_KEY"],
    )


def _add_audit_key(path: Path) -> dict:
    """A file from before the audit chain was keyed gets its key, once: under a lock, so that two
    processes starting together cannot each keep a different key."""
    import fcntl

    with open(path, "r+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        stored = json.load(handle)
        if "SAJJA_AUDIT_KEY" not in stored:
            stored["SAJJA_AUDIT_KEY"] = secrets.token_urlsafe(32)
            handle.seek(0)
            json.dump(stored, handle)
            handle.truncate()
    return stored
