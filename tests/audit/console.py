"""Running `sajja audit verify` and the other commands: through Django, and as the real console command
in a child process against the test database (the child sees only committed data: tests that use it
take `transactional_db`)."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import quote

from django.core.management import CommandError, call_command
from django.db import connection

REPO = Path(__file__).resolve().parents[2]


def run_verify() -> tuple[str | None, str]:
    """`audit verify` through Django: (the CommandError's message or None, what it wrote)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except CommandError as exc:
        return str(exc), err.getvalue()
    return None, out.getvalue()


def database_url() -> str:
    """The test database (already created and named by pytest-django) as a DATABASE_URL."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = quote(s["USER"] or "", safe="") + (f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def sajja_console(*args: str) -> subprocess.CompletedProcess:
    """The installed `sajja` console command, run against the test database in a child process."""
    env = {**os.environ, "DATABASE_URL": database_url()}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = Path(sys.executable).parent / "sajja"
    return subprocess.run(
        [str(command), *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
