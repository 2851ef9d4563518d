"""A fund's own scheme: adopted from a template, changed only by publishing a new, later version."""

from __future__ import annotations

import datetime

import pytest

from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent
from sajja.core.errors import Conflict, NotFound, NotPermitted
from sajja.schemes import SchemeInvalid, scheme_to_data
from sajja.welfare import services
from sajja.welfare.models import FundSchemeVersion, PublishedVersionChanged
from sajja.welfare.selectors import scheme_of, version_in_force

NEXT = """\
effective_from: 2026-01-01
waiting_days: 90
benefits:
  - code: hospital
    kind: per_night
    event: hospital
    name_th: ค่านอนโรงพยาบาล
    name_en: Hospital stay
    rate: 150
  - code: funeral
    kind: membership_tiered
    event: death
    name_th: ฌาปนกิจ
    name_en: Funeral
    tiers:
      - {from: 6 months, to: 2 years, amount: 3000}
      - {from: 1 year, amount: 6000}
"""


def test_a_fund_adopts_a_template_as_its_own_copy(own, scheme):
    assert (scheme.fund, scheme.template, scheme.code) == (own, "codi", "own_fund")
    rules = scheme_of(own)
    assert rules.name_th == own.name_th
    assert [v.effective_from for v in rules.versions] == [datetime.date(2024, 1, 1)]
    assert "hospital" in rules.benefit_codes()
    first = scheme.versions.get()
    assert (first.number, first.resolution) == (1, "มติที่ประชุมใหญ่ 1/2567")
    assert AuditEvent.objects.filter(action="welfare.scheme.adopt", fund_id=own.pk).count() == 1


def test_a_fund_adopts_only_once_and_an_unknown_template_is_refused(own, scheme, foreign):
    with pytest.raises(Conflict) as twice:
        services.adopt_template(SYSTEM, own, "songkhla", effective_from=datetime.date(2025, 1, 1))
    assert twice.value.code == "scheme_exists"
    with pytest.raises(SchemeInvalid, match="no template named 'atlantis'"):
        services.adopt_template(SYSTEM, foreign, "atlantis", effective_from=datetime.date(2025, 1, 1))


def test_publishing_a_new_version_changes_the_rules_from_its_date(own, scheme, treasurer):
    version = services.publish_version(
        treasurer, own, NEXT.replace("{from: 1 year", "{from: 2 years"), resolution="มติที่ประชุมใหญ่ 1/2568 ข้อ 4"
    )
    assert (version.number, version.effective_from, version.published_by) == (
        2,
        datetime.date(2026, 1, 1),
        treasurer,
    )
    assert version_in_force(own, datetime.date(2025, 12, 31)).number == 1
    assert version_in_force(own, datetime.date(2026, 1, 1)).number == 2
    assert version_in_force(own, datetime.date(2023, 12, 31)) is None
    rules = scheme_of(own)
    assert rules.version_on(datetime.date(2026, 6, 1)).benefit("hospital").rate == 15000
    assert AuditEvent.objects.filter(action="welfare.scheme.publish", digest=version.digest).exists()


def test_an_invalid_version_is_refused_naming_the_exact_place(own, scheme, treasurer):
    with pytest.raises(SchemeInvalid) as caught:
        services.publish_version(treasurer, own, NEXT, source="2569.yaml")
    text = str(caught.value)
    assert "2569.yaml:17: benefits[1].tiers[1].from:" in text
    assert "overlapping the previous tier" in text
    bad_amount = NEXT.replace("rate: 150", "rate: -150")
    with pytest.raises(SchemeInvalid, match=r"2569.yaml:9: benefits\[0\].rate: .*negative amount"):
        services.publish_version(treasurer, own, bad_amount, source="2569.yaml")
    unknown = NEXT.replace("kind: per_night", "kind: per_moon")
    with pytest.raises(SchemeInvalid, match=r"benefits\[0\].kind: .*unknown benefit kind 'per_moon'"):
        services.publish_version(treasurer, own, unknown, source="2569.yaml")
    assert scheme.versions.count() == 1


def test_a_version_dated_before_the_previous_one_is_refused(own, scheme, treasurer):
    early = NEXT.replace("2026-01-01", "2023-06-01").replace("{from: 1 year", "{from: 2 years")
    with pytest.raises(SchemeInvalid) as caught:
        services.publish_version(treasurer, own, early, source="early.yaml")
    assert str(caught.value).startswith("early.yaml:1: effective_from:")
    assert "not after the previous version (2024-01-01)" in str(caught.value)


def test_a_published_version_is_never_changed(own, scheme):
    version = FundSchemeVersion.objects.get(scheme=scheme)
    version.resolution = "แก้ไข"
    with pytest.raises(PublishedVersionChanged, match="never changed"):
        version.save()
    with pytest.raises(PublishedVersionChanged, match="never deleted"):
        version.delete()


def test_the_fund_edits_its_own_copy_starting_from_what_it_has(own, scheme, treasurer):
    current = scheme_to_data(scheme_of(own))["versions"][-1]
    current = {**current, "effective_from": "2027-01-01", "waiting_days": 120}
    services.publish_version(treasurer, own, current, resolution="มติ 2/2569")
    assert scheme_of(own).version_on(datetime.date(2027, 1, 1)).waiting_days == 120


def test_who_may_change_the_rules(own, scheme, users, foreign):
    for role in ("member", "auditor", "coordinator"):
        with pytest.raises(NotPermitted, match="your role does not allow this"):
            services.publish_version(users[role], own, NEXT)
    with pytest.raises(NotFound, match="fund not found"):
        services.adopt_template(users["treasurer"], foreign, "codi", effective_from=datetime.date(2025, 1, 1))


def test_a_system_check_names_the_funds_without_a_scheme(own, foreign, scheme):
    from django.core import checks

    found = [m for m in checks.run_checks(databases=["default"]) if m.id == "sajja.W101"]
    assert len(found) == 1 and "foreign-fund" in found[0].msg and "own-fund" not in found[0].msg
