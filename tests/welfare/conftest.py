"""Fixtures of the welfare tests: a second committee member, and evidence files kept apart. The own fund's
scheme and a member who paid for a year (`scheme`, `paid_member`) are tests/conftest.py's; the helpers that
walk a claim along its path are in tests/welfare/factories.py."""

from __future__ import annotations

import pytest

from tests.welfare.factories import committee_user


@pytest.fixture
def committee(users):
    return users["committee"]


@pytest.fixture
def committee2(own, users):
    return committee_user(own, "committee2-user")


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path):
    """Evidence files of these tests go to their own temporary folder."""
    settings.SAJJA_EVIDENCE_DIR = str(tmp_path / "evidence")
    return tmp_path / "evidence"
