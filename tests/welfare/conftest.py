"""Fixtures of the welfare tests: the own fund with its own copy of a template, a member who paid for a
year, a second committee member, and helpers that walk a claim along its path."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model

from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import post_entry
from sajja.welfare import claims, services
from tests.conftest import PASSWORD

SCHEME_FROM = datetime.date(2024, 1, 1)


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
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    RoleAssignment.objects.create(user=user, role=Role.COMMITTEE, fund=fund)
    return user


@pytest.fixture
def scheme(own):
    """The own fund's copy of the CODI template, in force from 1 January 2024."""
    return services.adopt_template(
        SYSTEM, own, "codi", effective_from=SCHEME_FROM, resolution="มติที่ประชุมใหญ่ 1/2567"
    )


@pytest.fixture
def paid_member(own, own_member, scheme):
    """own_member (F, born 1 May 1960, joined 1 Jan 2025) paid 365 baht on joining: paid up through 2025."""
    paid(own, own_member, 36500, datetime.date(2025, 1, 1), "year-2025")
    fund_cash(own, 50_000_00)
    return own_member


@pytest.fixture
def committee(users):
    return users["committee"]


@pytest.fixture
def committee2(own, users):
    return committee_user(own, "committee2-user")


HOSPITAL = claims.ClaimData("hospital", datetime.date(2025, 8, 1), nights=3, details="โรงพยาบาลสงขลา")


def entered(treasurer, fund, member, data=HOSPITAL, token="t-1"):
    claim, _ = claims.enter_claim(treasurer, fund, member, data, token=token)
    return claim


def approved(treasurer, committee, committee2, fund, member, data=HOSPITAL, token="t-1"):
    claim = entered(treasurer, fund, member, data, token)
    claims.verify_claim(committee, claim)
    claims.approve_claim(committee, claim, claim.digest)
    return claims.approve_claim(committee2, claim, claim.digest)


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path):
    """Evidence files of these tests go to their own temporary folder."""
    settings.SAJJA_EVIDENCE_DIR = str(tmp_path / "evidence")
    return tmp_path / "evidence"


PDF = b"%PDF-1.4\n% a medical certificate\n"
