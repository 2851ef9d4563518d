"""Fixtures of the meetings tests: the own fund's welfare scheme and verified claims awaiting a meeting,
committee members who are members of the fund (so they can sign in and approve), files kept apart."""

from __future__ import annotations

import datetime

import pytest

from sajja.access.policy import SYSTEM
from sajja.welfare import claims, services
from tests.access.world import thai_id
from tests.conftest import enrol
from tests.welfare.conftest import committee_user, fund_cash, paid

SCHEME_FROM = datetime.date(2024, 1, 1)


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    """Attachments of these tests go to their own temporary folder."""
    settings.SAJJA_EVIDENCE_DIR = str(tmp_path / "files")
    return tmp_path / "files"


@pytest.fixture
def scheme(own):
    return services.adopt_template(SYSTEM, own, "codi", effective_from=SCHEME_FROM, resolution="มติ 1/2567")


@pytest.fixture
def paid_member(own, own_member, scheme):
    """own_member paid a year on joining; the fund holds 50,000 baht in cash."""
    paid(own, own_member, 36500, datetime.date(2025, 1, 1), "year-2025")
    fund_cash(own, 50_000_00)
    return own_member


@pytest.fixture
def committee_members(own, users):
    return make_committee_members(own, users)


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


@pytest.fixture
def verified_claims(own, users, paid_member, committee_members):
    return make_verified_claims(own, users, paid_member, scheme_made=True)


def make_verified_claims(own, users, member, scheme_made=False):
    """Two hospital claims of the member (who paid a year), entered by the treasurer, verified by the
    committee."""
    if not scheme_made:
        services.adopt_template(SYSTEM, own, "codi", effective_from=SCHEME_FROM, resolution="มติ 1/2567")
        paid(own, member, 36500, datetime.date(2025, 1, 1), "year-2025")
        fund_cash(own, 50_000_00)
    return [
        verified_claim(
            users["treasurer"], users["committee"], own, member, datetime.date(2025, m, 3), f"c{m}"
        )
        for m in (8, 9)
    ]
