"""`audit verify` covers the co-funding records the area registers (audit.records.register_kinds): a
request, a receipt and a profile changed in the database after their audit events are found and named."""

from __future__ import annotations

import pytest

from sajja.access.models import Role
from sajja.audit.records import KINDS, all_kinds, register_kinds
from sajja.cofunding.models import CofundingReceipt, FundProfile, RequestParty
from sajja.cofunding.services import request
from sajja.cofunding.services_money import receive
from tests.audit.console import run_verify
from tests.cofunding.factories import TODAY, D, close_year, member, pay, ready_fund
from tests.factories import user_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(fixed_today):
    fixed_today(TODAY)
    fund = ready_fund()
    for moo in (1, 2):
        pay(fund, member(fund, D(2025, 9, 30), moo), 400_00, D(2025, 10, 5))
    close_year(fund)
    treasurer = user_with(Role.TREASURER, "treasurer-audit", fund=fund)
    made, _ = request(fund, "2569", treasurer, "req-1", today=TODAY)
    receive(made, "central_government", 500_00, TODAY, treasurer, "rec-1", today=TODAY)
    return fund


def test_the_cofunding_records_are_checked_with_the_others():
    checked = {k.object_type for k in all_kinds()}
    assert {k.object_type for k in KINDS} < checked
    assert {"cofunding_profile", "cofunding_request", "cofunding_receipt", "cofunding_refund"} <= checked
    with pytest.raises(ValueError, match="cofunding_request"):
        register_kinds(next(k for k in all_kinds() if k.object_type == "cofunding_request"))


def test_untouched_cofunding_records_verify(received):
    assert run_verify()[0] is None


@pytest.mark.parametrize(
    "tamper, named",
    [
        (
            lambda: RequestParty.objects.filter(party="local_government").update(amount=999_00),
            "co-funding request",
        ),
        (lambda: CofundingReceipt.objects.update(amount=5_000_00), "co-funding receipt"),
        (lambda: FundProfile.objects.update(registration_number="9999"), "co-funding profile"),
    ],
    ids=["request amount", "receipt amount", "profile registration"],
)
def test_a_cofunding_record_changed_behind_sajjas_back_is_found(received, tamper, named):
    tamper()
    error, report = run_verify()
    assert error is not None and named in report
