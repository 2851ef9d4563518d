"""A small world for the access, web and API tests: three funds, a user per role, entries in each book.

- own:     the fund the role users serve (network net-a)
- sibling: another fund of the same network (net-a): only the coordinator and the administrator reach it
- foreign: a fund of another network (net-b): only the administrator reaches it
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from sajja.access.policy import SYSTEM
from sajja.ledger.models import Entry
from sajja.ledger.services import post_entry
from sajja.registry.models import Fund, Member
from tests.factories import (
    contribution,
    enrol,
    enrol_foreign_member,
    enrol_own_member,
    foreign_fund,
    make_fund,
    own_fund,
    role_users,
    thai_id,
)

OTHER_MEMBER_ID = "1234567890121"
SIBLING_MEMBER_ID = "5102030405060"


@dataclass
class FundSide:
    name: str  # own / sibling / foreign
    fund: Fund
    member: Member  # a member of this fund: in `own`, the member-role user's own record
    entry: Entry  # an entry in this fund's books


@dataclass
class World:
    users: dict
    sides: dict[str, FundSide]
    other_member: Member  # a second member of `own`: not the member-role user
    _serial: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def own(self) -> FundSide:
        return self.sides["own"]

    def serial(self) -> int:
        return next(self._serial)

    def fresh_entry(self, side: FundSide) -> Entry:
        """A new 30-baht contribution in this fund's books, not reversed yet."""
        return post_entry(SYSTEM, side.fund, contribution(f"fresh-{self.serial()}"))

    def fresh_national_id(self) -> str:
        return thai_id(self.serial())

    def as_built(self) -> World:
        """The world as `new_world` left it, for the next test of a module that shares it: every object read
        again from the database (a savepoint rolled back what the last test wrote) and serial numbers from 1
        again (keys, IDs and dates the recipes make are the same in every test)."""
        for obj in [*self.users.values(), self.other_member]:
            obj.refresh_from_db()
        for side in self.sides.values():
            for obj in (side.fund, side.member, side.entry):
                obj.refresh_from_db()
        self._serial = itertools.count(1)
        return self


def new_world() -> World:
    """The world from an empty database: tests/conftest.py's two funds, their members and a user per role,
    then `build_world`. For a module-scoped fixture, which cannot use the function-scoped ones."""
    own, foreign = own_fund(), foreign_fund()
    own_member, foreign_member = enrol_own_member(own), enrol_foreign_member(foreign)
    return build_world(role_users(own, own_member), own, own_member, foreign, foreign_member)


def build_world(users, own, own_member, foreign, foreign_member) -> World:
    sibling = make_fund("sibling-fund", "net-a")
    sibling_member = enrol(sibling, SIBLING_MEMBER_ID, first_name="ชูใจ", last_name="ข้างบ้าน")
    other = enrol(
        own, OTHER_MEMBER_ID, first_name="มานี", last_name="มีนา", joined_on=datetime.date(2025, 3, 1)
    )
    for fund in (own, sibling, foreign):  # founded a year before anyone's payments: 2024 can be closed
        fund.founded_on = datetime.date(2024, 1, 1)
        fund.save(update_fields=["founded_on"])
    sides = {}
    for name, fund, member in [
        ("own", own, own_member),
        ("sibling", sibling, sibling_member),
        ("foreign", foreign, foreign_member),
    ]:
        entry = post_entry(SYSTEM, fund, contribution(f"{name}-k1"))
        sides[name] = FundSide(name, fund, member, entry)
    return World(users=users, sides=sides, other_member=other)
