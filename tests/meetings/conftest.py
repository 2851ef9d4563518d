"""Fixtures of the meetings tests: the own fund's welfare scheme and verified claims awaiting a meeting,
committee members who are members of the fund (so they can sign in and approve), files kept apart.
`paid_member` is tests/conftest.py's (own_member paid a year on joining; the fund holds 50,000 baht in
cash), under this scheme; the builders are in tests/meetings/factories.py."""

from __future__ import annotations

import pytest

from tests.meetings.factories import adopt_scheme, make_committee_members, make_verified_claims


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    """Attachments of these tests go to their own temporary folder."""
    settings.SAJJA_EVIDENCE_DIR = str(tmp_path / "files")
    return tmp_path / "files"


@pytest.fixture
def scheme(own):
    return adopt_scheme(own)


@pytest.fixture
def committee_members(own, users):
    return make_committee_members(own, users)


@pytest.fixture
def verified_claims(own, users, paid_member, committee_members):
    return make_verified_claims(own, users, paid_member, scheme_made=True)
