"""Builders of the welfare tests: contributions a member really paid, the fund's cash, committee members,
and claims walked along their path (entered, verified and approved by two)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import post_entry
from sajja.welfare.claims import services as claims
from tests.factories import PASSWORD

SCHEME_FROM = datetime.date(2024, 1, 1)  # the own fund's copy of the CODI template is in force from then
HOSPITAL = claims.ClaimData("hospital", datetime.date(2025, 8, 1), nights=3, details="โรงพยาบาลสงขลา")
PDF = b"%PDF-1.4\n% a medical certificate\n"


def paid(fund, member, satang: int, day: datetime.date, key: str):
    """A contribution the member really paid: cash in, credited to their sub-ledger account."""
    return post_entry(
        SYSTEM,
        fund,
        Entry(
            day,
            f"สัจจะ สมาชิก {member.number}",
            (Posting("1101", satang), Posting(f"4101-{member.number}", -satang)),
            "contribution",
            key,
        ),
    )


def fund_cash(fund, satang: int, key: str = "opening-cash"):
    """An opening balance of cash, on 2 January 2025."""
    return post_entry(
        SYSTEM,
        fund,
        Entry(
            datetime.date(2025, 1, 2),
            "ยอดยกมา",
            (Posting("1101", satang), Posting("3101", -satang)),
            "opening",
            key,
        ),
    )


def committee_user(fund, username: str):
    """A committee member of the fund who logs in with PASSWORD."""
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    RoleAssignment.objects.create(user=user, role=Role.COMMITTEE, fund=fund)
    return user


def entered(treasurer, fund, member, data=HOSPITAL, token="t-1"):
    claim, _ = claims.enter_claim(treasurer, fund, member, data, token=token)
    return claim


def approved(treasurer, committee, committee2, fund, member, data=HOSPITAL, token="t-1"):
    """A claim entered, verified, and approved by two committee members."""
    claim = entered(treasurer, fund, member, data, token)
    claims.verify_claim(committee, claim)
    claims.approve_claim(committee, claim, claim.digest)
    return claims.approve_claim(committee2, claim, claim.digest)
