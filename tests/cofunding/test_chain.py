"""The audit-chain rule reads one fund's events: a changed or missing event of the fund breaks it."""

from __future__ import annotations

import pytest

from sajja.audit.models import AuditEvent
from sajja.cofunding import selectors
from sajja.cofunding.chain import fund_chain_intact
from tests.cofunding.factories import FY, TODAY, D, member, pay, ready_fund

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund():
    fund = ready_fund()
    pay(fund, member(fund, D(2025, 9, 30)), 400_00, D(2025, 10, 5))
    return fund


def test_an_untouched_chain_is_intact(fund):
    assert fund_chain_intact(fund)
    assert next(
        r for r in selectors.entitlement(fund, FY, today=TODAY).result.rules if r.code == "audit_chain"
    ).passed


def test_an_event_changed_after_it_was_recorded_breaks_the_rule(fund):
    event = AuditEvent.objects.filter(fund_id=fund.pk).order_by("seq").last()
    AuditEvent.objects.filter(pk=event.pk).update(digest="0" * 64)
    assert not fund_chain_intact(fund)
    rule = next(
        r for r in selectors.entitlement(fund, FY, today=TODAY).result.rules if r.code == "audit_chain"
    )
    assert not rule.passed and "audit verify" in rule.message_en


def test_an_event_deleted_before_one_of_the_funds_breaks_its_link(fund):
    events = list(AuditEvent.objects.filter(fund_id=fund.pk).order_by("seq").values_list("seq", flat=True))
    AuditEvent.objects.filter(seq=events[-1] - 1).delete()
    assert not fund_chain_intact(fund)
