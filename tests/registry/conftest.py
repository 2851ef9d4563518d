"""Fixtures of the registry tests: users holding one role each, without password hashing."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model

from sajja.access.models import Role, RoleAssignment
from sajja.registry.services import BeneficiaryData, Enrolment, PersonData

# Valid Thai national IDs (python-stdnum computes the 13th digit).
ID_A = "1101400000006"
ID_B = "3100600123450"
ID_C = "1234567890121"


def user_with(role: Role, username: str, fund=None, network=None):
    user = get_user_model().objects.create_user(username)
    RoleAssignment.objects.create(user=user, role=role, fund=fund, network=network)
    return user


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


def enrolment(
    national_id: str = ID_B,
    *,
    first_name="บุญมี",
    last_name="ศรีสุข",
    birth_date=datetime.date(1958, 3, 9),
    sex="M",
    joined_on=datetime.date(2025, 2, 1),
    group_code="G01",
    beneficiaries=(),
    **address,
) -> Enrolment:
    person = PersonData(
        national_id=national_id,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        sex=sex,
        **address,
    )
    return Enrolment(person, joined_on, group_code, tuple(BeneficiaryData(*b) for b in beneficiaries))
