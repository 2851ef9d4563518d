"""A co-funding policy is versioned data per fiscal year; a bad file is refused naming the line, the field and
why, in Thai and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sajja.schemes.cofunding import (
    FiscalYear,
    Party,
    PolicyInvalid,
    load_policy,
    load_policy_data,
    load_policy_file,
    load_policy_text,
    national_policy,
    policy_names,
    policy_to_data,
    policy_to_yaml,
)
from sajja.schemes.cofunding.loading import POLICIES
from sajja.schemes.loading import template_names
from tests.schemes.cofunding.helpers import POLICY_HEAD, policy

ONE_ONE_ONE = """\
    parties:
      - {party: members, ratio: 1}
      - {party: local_government, ratio: 1, cap_per_member: 365}
      - {party: central_government, ratio: 1, cap_per_member: 365}
"""


def refused(versions: str) -> list[tuple[str, int | None, str]]:
    """(path, line, code) of each error in a refused policy."""
    with pytest.raises(PolicyInvalid) as caught:
        policy(versions)
    for error in caught.value.errors:
        assert error.message_th and error.message_en and error.source == "test.yaml"
    return [(e.path, e.line, e.code) for e in caught.value.errors]


def test_the_national_policy_is_one_to_one_to_one_capped_at_365_baht_a_member_a_year():
    version = national_policy().version_for(FiscalYear(2026))
    assert version is not None
    assert [(p.party, p.ratio, p.cap_per_member) for p in version.parties] == [
        (Party.MEMBERS, 1, None),
        (Party.LOCAL_GOVERNMENT, 1, 36_500),
        (Party.CENTRAL_GOVERNMENT, 1, 36_500),
    ]
    t = version.thresholds
    assert (t.min_fund_age, t.registered, t.books_kept, t.min_basic_welfare_types) == (12, True, True, 3)
    assert (t.coverage_percent.tambon, t.coverage_percent.municipality) == (50, 20)
    assert version.max_matched_years is None


def test_the_national_policy_file_names_its_source():
    text = (POLICIES / "national.yaml").read_text(encoding="utf-8")
    assert "Source:" in text and "MISSION.md" in text
    assert policy_names() == ["national"]
    assert load_policy("national") == national_policy()


def test_the_policy_folder_is_not_mistaken_for_a_scheme_template():
    assert "national" not in template_names() and "cofunding" not in template_names()


def test_a_policy_reads_back_from_its_own_data_and_yaml():
    national = national_policy()
    assert load_policy_data(policy_to_data(national)) == national
    assert load_policy_text(policy_to_yaml(national)) == national
    assert policy_to_data(national)["versions"][0]["from_fy"] == 2553


def test_fiscal_years_in_a_policy_may_be_written_in_either_era():
    buddhist = policy(f"versions:\n  - from_fy: 2569\n    to_fy: 2570\n{ONE_ONE_ONE}")
    common = policy(f"versions:\n  - from_fy: 2026\n    to_fy: 2027\n{ONE_ONE_ONE}")
    assert buddhist == common
    assert (buddhist.versions[0].from_fy, buddhist.versions[0].to_fy) == (FiscalYear(2026), FiscalYear(2027))


def test_the_version_in_force_is_the_one_whose_years_hold_the_fiscal_year():
    p = policy(
        "versions:\n"
        f"  - from_fy: 2560\n{ONE_ONE_ONE}"  # open: runs until the next version begins
        f"  - from_fy: 2566\n    to_fy: 2568\n{ONE_ONE_ONE}"
        f"  - from_fy: 2570\n{ONE_ONE_ONE}"
    )
    at = {be: p.version_for(FiscalYear(be - 543)) for be in (2559, 2560, 2565, 2566, 2568, 2569, 2570, 2590)}
    assert at[2559] is None
    assert at[2560] is at[2565] is p.versions[0]
    assert at[2566] is at[2568] is p.versions[1]
    assert at[2569] is None  # the 2566-2568 version ended and the next begins in 2570
    assert at[2570] is at[2590] is p.versions[2]


def test_a_negative_ratio_is_refused_naming_the_field_and_line():
    errors = refused(
        "versions:\n  - from_fy: 2569\n    parties:\n      - {party: members, ratio: 1}\n"
        "      - {party: local_government, ratio: -1}\n"
    )
    assert errors == [("versions[0].parties[1].ratio", 8, "negative_ratio")]


def test_a_negative_ratio_written_as_a_decimal_is_refused_too():
    errors = refused(
        "versions:\n  - from_fy: 2569\n    parties:\n      - {party: members, ratio: 1}\n"
        '      - {party: province, ratio: "-0.5"}\n'
    )
    assert errors == [("versions[0].parties[1].ratio", 8, "negative_ratio")]


def test_a_cap_below_zero_is_refused():
    errors = refused(
        "versions:\n  - from_fy: 2569\n    parties:\n      - {party: members, ratio: 1}\n"
        "      - {party: central_government, ratio: 1, cap_per_member: -365}\n"
    )
    assert errors == [("versions[0].parties[1].cap_per_member", 8, "negative_amount")]


def test_an_unknown_party_is_refused_listing_the_known_ones():
    with pytest.raises(PolicyInvalid) as caught:
        policy(
            "versions:\n  - from_fy: 2569\n    parties:\n      - {party: members, ratio: 1}\n"
            "      - {party: temple, ratio: 1}\n"
        )
    [error] = caught.value.errors
    assert (error.path, error.line) == ("versions[0].parties[1].party", 8)
    assert "'temple'" in error.message_en and "central_government" in error.message_en
    assert "'temple'" in error.message_th


def test_versions_whose_fiscal_years_overlap_are_refused():
    errors = refused(
        f"versions:\n  - from_fy: 2566\n    to_fy: 2569\n{ONE_ONE_ONE}  - from_fy: 2569\n{ONE_ONE_ONE}"
    )
    assert errors == [("versions[1].from_fy", 11, "fiscal_years_overlap")]


def test_two_versions_starting_the_same_year_overlap():
    with pytest.raises(PolicyInvalid) as caught:
        policy(f"versions:\n  - from_fy: 2569\n{ONE_ONE_ONE}  - from_fy: 2026\n{ONE_ONE_ONE}")
    [error] = caught.value.errors
    assert error.code == "fiscal_years_overlap"
    assert "2569" in error.message_th and "overlaps the previous version (2569 onward)" in error.message_en


def test_versions_that_only_touch_do_not_overlap():
    p = policy(
        f"versions:\n  - from_fy: 2566\n    to_fy: 2568\n{ONE_ONE_ONE}  - from_fy: 2569\n{ONE_ONE_ONE}"
    )
    assert len(p.versions) == 2


def test_versions_out_of_order_and_a_version_ending_before_it_starts_are_refused():
    assert refused(
        f"versions:\n  - from_fy: 2569\n{ONE_ONE_ONE}  - from_fy: 2560\n    to_fy: 2561\n{ONE_ONE_ONE}"
    ) == [("versions[1].from_fy", 10, "version_order")]
    assert refused(f"versions:\n  - from_fy: 2569\n    to_fy: 2568\n{ONE_ONE_ONE}") == [
        ("versions[0].to_fy", 6, "fiscal_years_reversed")
    ]


def test_a_version_without_the_members_party_is_refused():
    errors = refused(
        "versions:\n  - from_fy: 2569\n    parties:\n      - {party: local_government, ratio: 1}\n"
    )
    assert errors == [("versions[0].parties", 6, "members_missing")]


def test_the_members_ratio_is_one_and_they_have_no_cap():
    errors = refused(
        "versions:\n  - from_fy: 2569\n    parties:\n"
        "      - {party: members, ratio: 2, cap_per_member: 365}\n"
    )
    assert errors == [
        ("versions[0].parties[0].ratio", 7, "members_ratio"),
        ("versions[0].parties[0].cap_per_member", 7, "members_cap"),
    ]


def test_a_party_named_twice_in_one_version_is_refused():
    errors = refused(
        "versions:\n  - from_fy: 2569\n    parties:\n      - {party: members, ratio: 1}\n"
        "      - {party: province, ratio: 1}\n      - {party: province, ratio: 2}\n"
    )
    assert errors == [("versions[0].parties[2].party", 9, "duplicate_party")]


def test_ratios_are_exact_decimals_and_never_floats():
    p = policy(
        "versions:\n  - from_fy: 2569\n    parties:\n      - {party: members, ratio: 1}\n"
        '      - {party: province, ratio: 0.5}\n      - {party: other_donors, ratio: "0.25"}\n'
    )
    assert [r.ratio for r in p.versions[0].parties] == [1, Decimal("0.5"), Decimal("0.25")]
    data = policy_to_data(p)
    data["versions"][0]["parties"][1]["ratio"] = 0.5  # a Python float, as code might pass
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_data(data)
    assert [e.code for e in caught.value.errors] == ["ratio_type"]


def test_an_absurd_ratio_and_a_ratio_that_is_not_a_number_are_refused():
    errors = refused(
        "versions:\n  - from_fy: 2569\n    parties:\n      - {party: members, ratio: 1}\n"
        '      - {party: province, ratio: 1000}\n      - {party: other_donors, ratio: "one"}\n'
        "      - {party: local_government, ratio: .nan}\n"
    )
    assert [code for _, _, code in errors] == ["ratio_too_large", "ratio_invalid", "ratio_invalid"]


def test_a_nonsense_fiscal_year_and_an_unknown_field_are_refused():
    errors = refused(f"versions:\n  - from_fy: 69\n    max_years: 5\n{ONE_ONE_ONE}")
    assert errors == [
        ("versions[0].from_fy", 5, "fiscal_year"),
        ("versions[0].max_years", 6, "extra_forbidden"),
    ]


def test_a_maximum_of_matched_years_is_a_positive_whole_number():
    p = policy(f"versions:\n  - from_fy: 2569\n    max_matched_years: 15\n{ONE_ONE_ONE}")
    assert p.versions[0].max_matched_years == 15
    assert (
        refused(f"versions:\n  - from_fy: 2569\n    max_matched_years: 0\n{ONE_ONE_ONE}")[0][2]
        == "greater_than_equal"
    )


def test_thresholds_are_data_too():
    p = policy(
        f"versions:\n  - from_fy: 2569\n{ONE_ONE_ONE}"
        "    thresholds: {min_fund_age: 2 years, coverage_percent: {tambon: 60}, min_basic_welfare_types: 4}\n"
    )
    t = p.versions[0].thresholds
    assert (t.min_fund_age, t.coverage_percent.tambon, t.coverage_percent.municipality) == (24, 60, 20)
    assert (
        refused(
            f"versions:\n  - from_fy: 2569\n{ONE_ONE_ONE}    thresholds: {{coverage_percent: {{tambon: 101}}}}\n"
        )[0][2]
        == "less_than_equal"
    )


def test_hostile_yaml_is_refused_as_a_policy_error():
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_text(POLICY_HEAD + "versions: &v [1]\nagain: *v\n", source="hostile.yaml")
    assert caught.value.errors[0].code == "yaml_alias"
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_text(POLICY_HEAD + "code: again\n", source="twice.yaml")
    assert caught.value.errors[0].code == "duplicate_key"
    with pytest.raises(PolicyInvalid):
        load_policy_text("[not, a, mapping]")


def test_a_missing_file_and_an_unknown_policy_name_are_refused(tmp_path):
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_file(tmp_path / "nowhere.yaml")
    assert caught.value.errors[0].code == "unreadable_file"
    with pytest.raises(PolicyInvalid, match="no co-funding policy named 'mars'"):
        load_policy("mars")
