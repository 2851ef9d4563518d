"""Files that hold members' data are the owner's only, whatever the umask (issue 15, item 4): the SQLite
database with its -wal and -shm (0600), the secrets file (0600), and the folders of claim evidence and
meeting attachments (0700)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from django.db.utils import ConnectionHandler

from sajja.meetings import attachments
from sajja.secrets import KEYS, SECRETS_FILE, MissingSecrets, load_secrets
from sajja.welfare.claims import evidence

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def sqlite_database(path: Path):
    """A connection to a SQLite file of this test's own, set up as Sajja sets SQLite up (WAL: the -wal and
    -shm appear), whichever database the suite runs on."""
    handler = ConnectionHandler(
        {
            "default": {  # a handler of this test's own, apart from the suite's connections
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(path),
                "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"},
            }
        }
    )
    return handler["default"]


@contextlib.contextmanager
def umask(value: int):
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_sqlite_database_and_its_wal_and_shm_are_the_owners_only(tmp_path, django_db_blocker):
    db = sqlite_database(tmp_path / "new.sqlite3")
    try:
        with umask(0o022), django_db_blocker.unblock():
            db.ensure_connection()
            with db.cursor() as cursor:  # WAL mode (the init command): the -wal and -shm appear
                cursor.execute("CREATE TABLE t (x TEXT)")
                cursor.execute("INSERT INTO t VALUES ('1101400000006')")
            files = {p.name: mode(p) for p in tmp_path.iterdir()}
        assert {"new.sqlite3", "new.sqlite3-wal", "new.sqlite3-shm"} <= set(files)
        assert files == {name: 0o600 for name in files}
    finally:
        db.close()


def test_an_existing_database_readable_by_others_is_tightened_on_connecting(tmp_path, django_db_blocker):
    path = tmp_path / "old.sqlite3"
    path.touch()
    path.chmod(0o644)
    db = sqlite_database(path)
    try:
        with django_db_blocker.unblock():
            db.ensure_connection()
        assert mode(path) == 0o600
    finally:
        db.close()


def test_evidence_and_attachment_folders_are_the_owners_only(tmp_path, settings):
    settings.SAJJA_EVIDENCE_DIR = str(tmp_path / "data" / "evidence")
    sha = hashlib.sha256(PNG).hexdigest()
    with umask(0o022):
        evidence.store_file(evidence.path_of(7, sha), PNG)
        attachments.store_file(attachments.path_of(sha), PNG)
    root = tmp_path / "data" / "evidence"
    for folder in (tmp_path / "data", root, root / "7", root / "meetings"):
        assert mode(folder) == 0o700, folder
    for file in (root / "7" / sha, root / "meetings" / sha):
        assert mode(file) == 0o600, file


def test_an_evidence_folder_readable_by_others_is_tightened_on_the_next_file(tmp_path, settings):
    root = tmp_path / "evidence"
    (root / "3").mkdir(parents=True)
    root.chmod(0o755)
    (root / "3").chmod(0o755)
    settings.SAJJA_EVIDENCE_DIR = str(root)
    sha = hashlib.sha256(PNG).hexdigest()
    evidence.store_file(evidence.path_of(3, sha), PNG)
    assert (mode(root), mode(root / "3")) == (0o700, 0o700)


def test_the_secrets_file_is_the_owners_only(tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith("SAJJA_") and name.endswith("KEY"):
            monkeypatch.delenv(name)
    with umask(0o022):
        load_secrets(tmp_path)
    assert mode(tmp_path / SECRETS_FILE) == 0o600
    # one made by hand (or by an older Sajja) readable by others is tightened when read
    other = tmp_path / "other"
    other.mkdir()
    (other / SECRETS_FILE).write_text(json.dumps(json.loads((tmp_path / SECRETS_FILE).read_text())))
    (other / SECRETS_FILE).chmod(0o644)
    load_secrets(other)
    assert mode(other / SECRETS_FILE) == 0o600


def test_a_deployment_that_sets_some_keys_must_set_them_all(tmp_path, monkeypatch):
    """Three keys in the environment and the audit key forgotten: refused, and no secrets file is written
    onto the server's disk with a key generated quietly."""
    for name in KEYS:
        monkeypatch.delenv(name, raising=False)
    for name in KEYS[:3]:
        monkeypatch.setenv(name, "set-by-the-deployment")
    with pytest.raises(MissingSecrets, match="SAJJA_AUDIT_KEY"):
        load_secrets(tmp_path)
    assert not (tmp_path / SECRETS_FILE).exists()
    monkeypatch.setenv("SAJJA_AUDIT_KEY", "set-too")
    assert load_secrets(tmp_path).from_file is False
    assert not (tmp_path / SECRETS_FILE).exists()
