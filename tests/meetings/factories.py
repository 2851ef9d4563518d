"""Builders of the meetings tests: the own fund's welfare scheme, committee members who are members of the
fund (so they can sign in at a meeting), and verified claims awaiting a meeting's approval."""

from __future__ import annotations

import datetime

from sajja.access.policy import SYSTEM
from sajja.welfare import services
from sajja.welfare.claims import services as claims
from tests.factories import enrol, thai_id
from tests.welfare.factories import SCHEME_FROM, committee_user, fund_cash, paid


def adopt_scheme(fund):
    """The fund's copy of the CODI template, in force from 1 January 2024."""
    return services.adopt_template(SYSTEM, fund, "codi", effective_from=SCHEME_FROM, resolution="มติ 1/2567")


def make_committee_members(own, users):
    """Two committee users of the own fund, each also a member of it (how they sign in at a meeting)."""
    second = committee_user(own, "committee2-user")
    made = []
    for n, user in enumerate((users["committee"], second), 1):
        member = enrol(own, thai_id(900 + n), first_name=f"กรรมการ{n}", last_name="ใจดี")
        member.user = user
        member.save(update_fields=["user"])
        made.append(member)
    return made


def verified_claim(treasurer, verifier, fund, member, day: datetime.date, token: str):
    claim, _ = claims.enter_claim(
        treasurer, fund, member, claims.ClaimData("hospital", day, nights=2, details="รพ.สต."), token=token
    )
    return claims.verify_claim(verifier, claim)


def make_verified_claims(own, users, member, scheme_made=False):
    """Two hospital claims of the member (who paid a year), entered by the treasurer, verified by the
    committee."""
    if not scheme_made:
        adopt_scheme(own)
        paid(own, member, 36500, datetime.date(2025, 1, 1), "year-2025")
        fund_cash(own, 50_000_00)
    return [
        verified_claim(
            users["treasurer"], users["committee"], own, member, datetime.date(2025, m, 3), f"c{m}"
        )
        for m in (8, 9)
    ]
