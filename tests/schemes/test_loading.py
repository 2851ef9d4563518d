"""A bad scheme is refused with every problem named: file, line, path, and why in Thai and English."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from sajja.schemes import SchemeInvalid, load_scheme_data, load_scheme_text, load_template, scheme_to_data

GOOD = """\
code: demo
name_th: กองทุนทดลอง
name_en: Demo fund
versions:
  - effective_from: 2024-01-01
    benefits:
      - code: birth_grant
        kind: lump_sum
        event: birth
        name_th: รับขวัญบุตร
        name_en: Birth grant
        amount: 500
  - effective_from: 2025-01-01
    benefits:
      - code: birth_grant
        kind: lump_sum
        event: birth
        name_th: รับขวัญบุตร
        name_en: Birth grant
        amount: 600
      - code: hospital
        kind: per_night
        event: hospital
        name_th: นอนโรงพยาบาล
        name_en: Hospital
        rate: 100
      - code: funeral
        kind: membership_tiered
        event: death
        name_th: ฌาปนกิจ
        name_en: Funeral
        tiers:
          - {from: 6 months, to: 2 years, amount: 3000}
          - {from: 2 years, amount: 6000}
"""


def refuse(text: str) -> list:
    with pytest.raises(SchemeInvalid) as caught:
        load_scheme_text(text, source="fund.yaml")
    return caught.value.errors


def places(errors) -> list[tuple[str, int | None, str]]:
    return [(e.path, e.line, e.code) for e in errors]


def test_the_good_scheme_loads_with_amounts_in_satang():
    scheme = load_scheme_text(GOOD)
    assert scheme.version_on(date(2025, 3, 1)).benefit("birth_grant").amount == 60_000
    assert scheme.version_on(date(2024, 3, 1)).benefit("birth_grant").amount == 50_000
    assert scheme.version_on(date(2023, 12, 31)) is None


def test_negative_tier_amount_is_named_by_path_and_line():
    errors = refuse(GOOD.replace("amount: 3000}", "amount: -3000}"))
    assert places(errors) == [("versions[1].benefits[2].tiers[0].amount", 33, "negative_amount")]
    assert "ติดลบ" in errors[0].message_th and "negative" in errors[0].message_en
    assert str(errors[0]).startswith("fund.yaml:33: versions[1].benefits[2].tiers[0].amount: ")


def test_overlapping_and_gapped_tiers():
    overlap = refuse(GOOD.replace("{from: 2 years, amount: 6000}", "{from: 18 months, amount: 6000}"))
    assert places(overlap) == [("versions[1].benefits[2].tiers[1].from", 34, "tier_overlap")]
    assert "ซ้อน" in overlap[0].message_th and "overlapping" in overlap[0].message_en
    gap = refuse(GOOD.replace("{from: 2 years, amount: 6000}", "{from: 3 years, amount: 6000}"))
    assert places(gap) == [("versions[1].benefits[2].tiers[1].from", 34, "tier_gap")]
    assert "ช่องว่าง" in gap[0].message_th and "gap" in gap[0].message_en


def test_tier_shapes():
    closed = refuse(
        GOOD.replace("{from: 2 years, amount: 6000}", "{from: 2 years, to: 9 years, amount: 6000}")
    )
    assert places(closed) == [("versions[1].benefits[2].tiers[1].to", 34, "tier_closed")]
    empty = refuse(GOOD.replace("to: 2 years, amount: 3000", "to: 6 months, amount: 3000"))
    assert ("versions[1].benefits[2].tiers[0].to", 33, "tier_empty") in places(empty)


def test_unknown_benefit_kind_lists_the_known_ones():
    errors = refuse(GOOD.replace("kind: per_night", "kind: per_fortnight"))
    assert places(errors) == [("versions[1].benefits[1].kind", 22, "union_tag_invalid")]
    assert "per_fortnight" in errors[0].message_en and "lump_sum" in errors[0].message_en
    assert "ไม่รู้จักประเภทสวัสดิการ" in errors[0].message_th


def test_version_dated_before_the_previous_one():
    errors = refuse(GOOD.replace("effective_from: 2025-01-01", "effective_from: 2023-06-01"))
    assert places(errors) == [("versions[1].effective_from", 13, "version_order")]
    assert "2024-01-01" in errors[0].message_en


def test_unknown_field_and_missing_field():
    errors = refuse(GOOD.replace("        rate: 100\n", "        rate: 100\n        rate_per_nite: 5\n"))
    assert places(errors) == [("versions[1].benefits[1].rate_per_nite", 27, "extra_forbidden")]
    assert "unknown field 'rate_per_nite'" in errors[0].message_en
    missing = refuse(GOOD.replace("        rate: 100\n", ""))
    assert places(missing) == [("versions[1].benefits[1].rate", 21, "missing")]


def test_every_error_is_reported_at_once():
    text = (
        GOOD.replace("amount: 500", "amount: -1")
        .replace("rate: 100", "rate: 0")
        .replace("event: death", "event: dying")
    )
    errors = refuse(text)
    assert [e.path for e in errors] == [
        "versions[0].benefits[0].amount",
        "versions[1].benefits[1].rate",
        "versions[1].benefits[2].event",
    ]
    assert all(e.message_th and e.message_en and e.source == "fund.yaml" for e in errors)


def test_money_is_exact_and_never_a_float():
    scheme = load_scheme_text(GOOD.replace("amount: 600\n", "amount: 600.50\n"))
    assert scheme.versions[1].benefit("birth_grant").amount == 60_050
    too_fine = refuse(GOOD.replace("amount: 600\n", "amount: 600.505\n"))
    assert places(too_fine) == [("versions[1].benefits[0].amount", 20, "money_invalid")]
    data = scheme_to_data(load_scheme_text(GOOD))
    data["versions"][0]["benefits"][0]["amount"] = 12.5
    with pytest.raises(SchemeInvalid) as caught:
        load_scheme_data(data)
    assert caught.value.errors[0].code == "money_type"


def test_duplicate_codes_and_yaml_problems():
    dup = refuse(GOOD.replace("code: hospital", "code: birth_grant"))
    assert places(dup) == [("versions[1].benefits[1].code", 21, "duplicate_code")]
    twice = refuse(GOOD.replace("        rate: 100\n", "        rate: 100\n        rate: 200\n"))
    assert places(twice) == [("versions[1].benefits[1].rate", 27, "duplicate_key")]
    broken = refuse("code: [demo\n")
    assert broken[0].code == "yaml_syntax" and broken[0].line is not None


def test_contribution_limits_are_consistent():
    text = GOOD.replace(
        "  - effective_from: 2025-01-01\n",
        "  - effective_from: 2025-01-01\n    contributions: {grace_days: 90, lapse_after_days: 60}\n",
    )
    assert places(refuse(text)) == [("versions[1].contributions.lapse_after_days", 14, "lapse_before_grace")]


def test_a_figure_may_carry_its_reference():
    text = GOOD.replace("amount: 600\n", 'amount: {value: 600, reference: "มติที่ประชุมใหญ่ 2567 ข้อ 3"}\n')
    benefit = load_scheme_text(text).versions[1].benefit("birth_grant")
    assert benefit.amount == 60_000
    assert benefit.reference_for("amount") == "มติที่ประชุมใหญ่ 2567 ข้อ 3"


def test_data_round_trips_and_errors_from_data_name_the_path():
    scheme = load_template("codi")
    data = scheme_to_data(scheme)
    assert load_scheme_data(copy.deepcopy(data)) == scheme
    data["versions"][0]["benefits"][3]["tiers"][2]["amount"] = "-1"
    with pytest.raises(SchemeInvalid) as caught:
        load_scheme_data(data, source="fund-42")
    assert str(caught.value).startswith("fund-42: versions[0].benefits[3].tiers[2].amount: ")


def test_a_buddhist_era_date_is_refused_with_the_common_era_year():
    errors = refuse(GOOD.replace("effective_from: 2025-01-01", "effective_from: 2568-01-01"))
    assert places(errors) == [("versions[1].effective_from", 13, "buddhist_year")]
    assert "(2025)" in errors[0].message_en and "พ.ศ." in errors[0].message_th


def test_the_top_level_must_be_a_mapping():
    assert places(refuse("- code: demo\n")) == [("", 1, "model_type")]
