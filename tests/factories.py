"""Builders every area's tests share: funds, members, role users, contributions, API tokens, national IDs.

Plain functions, no fixtures: tests/conftest.py builds its fixtures from them, and a test that needs one
more fund or member imports them from here. Each area keeps its own in tests/<area>/factories.py.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from sajja.access.models import ApiToken, Role, RoleAssignment
from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import open_fund_books
from sajja.registry.models import Fund, Group, Network
from sajja.registry.services import Enrolment, PersonData, enrol_member

PASSWORD = "test-password-2569"


def make_fund(code: str, network_code: str) -> Fund:
    """A fund founded on 1 January 2025, with its books open and one group, G01 (created with its network)."""
    network, _ = Network.objects.get_or_create(
        code=network_code,
        defaults={"name_th": f"เครือข่าย {network_code}", "name_en": f"Network {network_code}"},
    )
    fund = Fund.objects.create(
        network=network,
        code=code,
        name_th=f"กองทุน {code}",
        name_en=f"Fund {code}",
        founded_on=datetime.date(2025, 1, 1),
    )
    open_fund_books(fund)
    Group.objects.create(fund=fund, code="G01", name="หมู่ 1", moo=1)
    return fund


def enrol(
    fund: Fund,
    national_id: str,
    first_name="สมศรี",
    last_name="ใจดี",
    sex="F",
    birth_date=datetime.date(1960, 5, 1),
    joined_on=datetime.date(2025, 1, 1),
):
    """A member of the fund's group G01, enrolled by the system."""
    person = PersonData(
        national_id=national_id, first_name=first_name, last_name=last_name, birth_date=birth_date, sex=sex
    )
    return enrol_member(SYSTEM, fund, Enrolment(person, joined_on, "G01"))


def own_fund() -> Fund:
    """The fund the role users serve (tests/conftest.py's `own`)."""
    return make_fund("own-fund", "net-a")


def foreign_fund() -> Fund:
    """A fund of another network (tests/conftest.py's `foreign`)."""
    return make_fund("foreign-fund", "net-b")


def enrol_own_member(fund: Fund):
    """The own fund's member 000001, whose login is the member-role user's (`own_member`)."""
    return enrol(fund, "1101400000006")


def enrol_foreign_member(fund: Fund):
    """The foreign fund's member 000001 (`foreign_member`)."""
    return enrol(fund, "3100600123450", first_name="บุญมี", last_name="ต่างถิ่น", sex="M")


def contribution(
    key: str, day=datetime.date(2025, 2, 16), satang=3000, account="1101", member_account="4101-000001"
):
    """A 30-baht contribution of the fund's first member, into the cash account (not posted)."""
    return Entry(
        day, "สัจจะรายเดือน", (Posting(account, satang), Posting(member_account, -satang)), "contribution", key
    )


def thai_id(n: int) -> str:
    """A valid, made-up Thai national ID (first digit 8, which the tests use for nobody else).

    >>> thai_id(1)
    '8000000000014'
    """
    base = f"8{n:011d}"
    check = (11 - sum(int(d) * (13 - i) for i, d in enumerate(base)) % 11) % 10
    return f"{base}{check}"


def user_with(role: Role, username: str, fund=None, network=None):
    """A user holding one role (no password: for tests that never log in)."""
    user = get_user_model().objects.create_user(username)
    RoleAssignment.objects.create(user=user, role=role, fund=fund, network=network)
    return user


def role_users(fund: Fund, member) -> dict:
    """One user per role who logs in with PASSWORD, as `<role>-user`, scoped to the fund (the coordinator
    to its network, the administrator to everything); the member-role user is `member`'s own login."""
    made = {}
    for role in Role:
        user = get_user_model().objects.create_user(f"{role.value}-user", password=PASSWORD)
        scope = {"fund": fund}
        if role == Role.COORDINATOR:
            scope = {"network": fund.network}
        elif role == Role.ADMIN:
            scope = {}
        RoleAssignment.objects.create(user=user, role=role, **scope)
        made[role.value] = user
    member.user = made[Role.MEMBER.value]
    member.save(update_fields=["user"])
    return made


def token_for(user) -> str:
    """The user's API key (its token is created the first time)."""
    key = f"token-{user.username}"
    ApiToken.objects.get_or_create(user=user, key_hash=ApiToken.hash_key(key))
    return key
