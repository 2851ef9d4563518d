"""Fixtures of the ledger's tests (their helpers, row counts and the like, are in tests/ledger/factories.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def member_account(own_member) -> str:
    """The code of the own fund's first member's sub-account (4101-000001)."""
    return own_member.accounts.get().code
