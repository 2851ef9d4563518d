"""Files that hold members' data, readable by the owner only: the SQLite database with its -wal and -shm
(0600), the secrets file (0600, sajja.secrets) and the evidence and attachment folders (0700,
sajja.welfare.claims.evidence). Whatever the umask of the process that made them."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def owner_only(path: Path | str, mode: int = FILE_MODE) -> None:
    """Take away every right of the group and others on `path` (if it exists and is ours to change)."""
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
        if current & 0o077:
            os.chmod(path, mode)
    except (FileNotFoundError, PermissionError):
        pass


def private_folder(path: Path) -> Path:
    """Make the folder (and those missing above it) readable by the owner only; tighten it if it is not."""
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            folder.mkdir(mode=FOLDER_MODE)
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode is narrowed by the umask, never widened: set it
    owner_only(path, FOLDER_MODE)
    return path


def protect_sqlite_files(sender, connection, **kwargs) -> None:
    """On each new SQLite connection (the connection_created signal), make the database file and its
    companions owner-only. SQLite creates -wal and -shm with the database file's mode, so once the
    database is 0600 they are born 0600 too."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for suffix in SQLITE_COMPANIONS:
        owner_only(name + suffix)
