"""Fixtures of the knowledge tests: the files of notes kept apart, in a temporary folder of each test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    """Attachments of these tests go to their own temporary folder."""
    settings.SAJJA_EVIDENCE_DIR = str(tmp_path / "files")
    return tmp_path / "files"
