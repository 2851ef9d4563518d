"""Every model change comes with its migration: a change without one fails here, naming the app."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_its_migration():
    # makemigrations --check exits 1 (SystemExit) when a migration is missing; --dry-run writes nothing.
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exited:
        pytest.fail(f"a model change lacks its migration (exit {exited.code}):\n{out.getvalue()}")
