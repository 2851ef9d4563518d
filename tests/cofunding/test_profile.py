"""What the co-funding rules know of a fund that the registry does not keep: its area and villages, its
registration, its policy. Each is checked whole (every problem named, nothing written), and writing what is
already there writes nothing."""

from __future__ import annotations

import pytest

from sajja.access.policy import SYSTEM
from sajja.cofunding import selectors
from sajja.cofunding.services_fund import ProfileData, profile_data, set_policy, set_profile
from sajja.core.errors import NotPermitted, ValidationFailed
from sajja.schemes.cofunding import PolicyInvalid
from tests.cofunding.factories import FY, TODAY, D, ready_fund, written
from tests.factories import user_with

pytestmark = pytest.mark.django_db


def test_a_fund_without_a_profile_follows_the_national_policy_and_is_not_registered(own):
    computed = selectors.entitlement(own, FY, today=TODAY)
    assert computed.policy.code == "national"
    assert [r.code for r in computed.result.rules if not r.passed][:3] == [
        "registered",
        "coverage",
        "books_closed",
    ]
    assert profile_data(own).area_kind == "tambon"


def test_the_profile_is_kept_and_writing_it_again_writes_nothing():
    fund = ready_fund()
    data = profile_data(fund)
    assert data.villages[0] == (1, "บ้าน 1") and data.registered_on == D(2024, 6, 1)
    before = written()
    set_profile(SYSTEM, fund, data, today=TODAY)
    assert written() == before


def test_bad_profile_input_names_every_field_and_writes_nothing():
    fund = ready_fund()
    before = written()
    bad = ProfileData("province", D(2027, 1, 1), "x" * 201, "", ((1, "a"), (1, "b"), (0, ""), (True, "")))
    with pytest.raises(ValidationFailed) as refused:
        set_profile(SYSTEM, fund, bad, today=TODAY)
    assert [p.where for p in refused.value.errors] == [
        "area_kind",
        "registered_on",
        "registered_with",
        "villages[1].number",
        "villages[2].number",
        "villages[3].number",
    ]
    assert written() == before


def test_a_fund_may_follow_its_own_policy_and_a_bad_one_is_refused_with_its_line():
    fund = ready_fund()
    set_policy(SYSTEM, fund, "national")
    before = written()
    with pytest.raises(PolicyInvalid) as refused:
        set_policy(
            SYSTEM,
            fund,
            "code: x\nname_th: x\nname_en: x\nversions:\n  - from_fy: 2569\n    parties:\n      - {party: members, ratio: -1}\n",
        )
    assert "negative ratio" in str(refused.value) and ":7:" in str(refused.value)
    assert written() == before
    with pytest.raises(ValidationFailed) as unknown:
        set_policy(SYSTEM, fund, "regional")
    assert unknown.value.errors[0].code == "cofunding_policy_unknown"


def test_only_the_funds_officers_keep_its_profile():
    fund = ready_fund()
    auditor = user_with("auditor", "auditor-p", fund=fund)
    with pytest.raises(NotPermitted):
        set_profile(auditor, fund, profile_data(fund), today=TODAY)
    committee = user_with("committee", "committee-p", fund=fund)
    set_policy(committee, fund, "national")  # the committee's own act
