"""Fixtures of the registry tests: users holding one role each, without password hashing (the builders are
in tests/registry/factories.py and tests/factories.py)."""

from __future__ import annotations

import pytest

from sajja.access.models import Role
from tests.factories import user_with


@pytest.fixture
def role_users(own):
    """One user per role, each scoped to `own` (the coordinator to its network, the admin to everything)."""
    made = {}
    for role in Role:
        scope = {"fund": own}
        if role == Role.COORDINATOR:
            scope = {"network": own.network}
        elif role == Role.ADMIN:
            scope = {}
        made[role] = user_with(role, f"registry-{role.value}", **scope)
    return made


@pytest.fixture
def treasurer_of_own(role_users):
    return role_users[Role.TREASURER]
