"""The path of a claim, as the committee lives it: entered, verified, approved by two others, paid into
the books; and every way it must be refused."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent
from sajja.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from sajja.ledger.models import Account, Entry
from sajja.ledger.selectors import trial_balance
from sajja.registry.services import change_member_status
from sajja.welfare.claims import services as claims
from sajja.welfare.claims.services import ClaimData
from sajja.welfare.models import Claim
from sajja.welfare.reasons import ClaimStatus, RejectionReason
from tests.factories import enrol
from tests.welfare.factories import HOSPITAL, approved, committee_user, entered, paid


def balance(fund, code: str) -> int:
    return Account.objects.get(fund=fund, code=code).balance


def test_a_claim_goes_from_entry_to_payout_in_the_books(own, paid_member, treasurer, committee, committee2):
    claim = entered(treasurer, own, paid_member)
    assert (claim.status, claim.amount, claim.category) == (ClaimStatus.ENTERED, 300_00, "sickness")
    explanation = claim.adjudication["explanation"]
    assert "• 100.00 บาท × 3 คืน = 300.00 บาท" in explanation["th"]
    assert explanation["en"][-1] == "Total payable: 300.00 baht"

    claims.verify_claim(committee, claim)
    claims.approve_claim(committee, claim, claim.digest)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.VERIFIED  # one approval is not enough
    claims.approve_claim(committee2, claim, claim.digest)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED

    expense_before, cash_before = balance(own, "5102"), balance(own, "1101")
    claim = claims.pay_claim(treasurer, claim, "cash", datetime.date(2025, 8, 5))
    assert claim.status == ClaimStatus.PAID
    entry = claim.paid_entry
    assert (entry.kind, entry.date) == ("benefit", datetime.date(2025, 8, 5))
    assert sorted(entry.lines.values_list("account__code", "amount")) == [("1101", -300_00), ("5102", 300_00)]
    assert balance(own, "5102") == expense_before + 300_00
    assert balance(own, "1101") == cash_before - 300_00
    assert trial_balance(SYSTEM, own).is_balanced
    actions = list(
        AuditEvent.objects.filter(object_type="claim", object_id=str(claim.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == [
        "welfare.claim.enter",
        "welfare.claim.verify",
        "welfare.claim.approve",
        "welfare.claim.approve",
        "welfare.claim.pay",
    ]


def test_paying_twice_posts_one_entry(own, paid_member, treasurer, committee, committee2):
    claim = approved(treasurer, committee, committee2, own, paid_member)
    first = claims.pay_claim(treasurer, claim, "cash")
    again = claims.pay_claim(treasurer, claim, "cash")
    assert first.paid_entry_id == again.paid_entry_id
    assert Entry.objects.filter(fund=own, kind="benefit").count() == 1


def test_a_funeral_benefit_can_wait_as_a_payable_for_the_beneficiary(
    own, paid_member, treasurer, committee, committee2
):
    paid(own, paid_member, 36500, datetime.date(2025, 12, 20), "year-2026")
    death = ClaimData("funeral", datetime.date(2026, 9, 1), details="ผู้รับ: บุตร")
    claim = approved(treasurer, committee, committee2, own, paid_member, death, token="f-1")
    assert (claim.amount, claim.recipient) == (3000_00, "beneficiary")  # 1 year 8 months paid: first tier
    claim = claims.pay_claim(treasurer, claim, "payable", datetime.date(2026, 9, 3))
    assert sorted(claim.paid_entry.lines.values_list("account__code", "amount")) == [
        ("2101", -3000_00),
        ("5104", 3000_00),
    ]


def test_no_payout_above_what_the_cash_box_holds(own, paid_member, treasurer, committee, committee2):
    claim = approved(treasurer, committee, committee2, own, paid_member)
    with pytest.raises(Conflict, match="not enough to pay") as caught:
        claims.pay_claim(treasurer, claim, "bank")  # the bank account is empty
    assert caught.value.code == "insufficient_funds"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.paid_entry is None


def test_nobody_approves_alone(own, paid_member, treasurer, committee, committee2):
    claim = entered(treasurer, own, paid_member)
    with pytest.raises(Conflict, match="verify the claim before"):
        claims.approve_claim(committee, claim, claim.digest)
    claims.verify_claim(committee, claim)
    claims.approve_claim(committee, claim, claim.digest)
    with pytest.raises(Conflict, match="already approved") as caught:
        claims.approve_claim(committee, claim, claim.digest)
    assert caught.value.code == "already_approved"
    with pytest.raises(Conflict, match="cannot be paid"):
        claims.pay_claim(treasurer, claim, "cash")


def test_the_one_who_entered_a_claim_may_not_verify_or_approve_it(own, paid_member, treasurer, committee):
    both = committee_user(own, "treasurer-and-committee")
    RoleAssignment.objects.create(user=both, role=Role.TREASURER, fund=own)
    claim = entered(both, own, paid_member)
    with pytest.raises(NotPermitted, match="you entered this claim"):
        claims.verify_claim(both, claim)
    claims.verify_claim(committee, claim)
    with pytest.raises(NotPermitted, match="you entered this claim"):
        claims.approve_claim(both, claim, claim.digest)


def test_a_committee_member_may_not_approve_their_own_claim(own, paid_member, users, committee2):
    me = users["member"]  # the claimant, who also sits on the committee
    RoleAssignment.objects.create(user=me, role=Role.COMMITTEE, fund=own)
    claim = entered(users["treasurer"], own, paid_member)
    claims.verify_claim(committee2, claim)
    with pytest.raises(NotPermitted, match="your own claim"):
        claims.approve_claim(me, claim, claim.digest)


def test_outsiders_and_other_roles_are_refused(own, paid_member, treasurer, users, foreign):
    claim = entered(treasurer, own, paid_member)
    stranger = committee_user(foreign, "foreign-committee")
    with pytest.raises(NotFound, match="fund not found"):
        claims.verify_claim(stranger, claim)
    with pytest.raises(NotFound, match="fund not found"):
        claims.approve_claim(stranger, claim, claim.digest)
    for role in ("treasurer", "auditor", "coordinator", "admin"):
        with pytest.raises(NotPermitted, match="your role does not allow this"):
            claims.approve_claim(users[role], claim, claim.digest)
    with pytest.raises(NotPermitted, match="your role does not allow this"):
        claims.pay_claim(users["committee"], claim, "cash")


def test_a_change_after_approval_voids_the_approvals(own, paid_member, treasurer, committee, committee2):
    claim = entered(treasurer, own, paid_member)
    claims.verify_claim(committee, claim)
    seen = claim.digest
    claims.approve_claim(committee, claim, seen)
    claim = claims.amend_claim(treasurer, claim, ClaimData("hospital", datetime.date(2025, 8, 1), nights=5))
    assert (claim.status, claim.amount, claim.revision) == (ClaimStatus.ENTERED, 500_00, 2)
    assert claim.digest != seen and claim.verified_by is None
    claims.verify_claim(committee, claim)
    with pytest.raises(Conflict, match="changed since you saw it"):
        claims.approve_claim(committee2, claim, seen)
    claims.approve_claim(committee2, claim, claim.digest)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.VERIFIED  # the first approval was for the old content
    assert [a.is_current for a in claim.approvals.all()] == [False, True]
    claims.approve_claim(committee, claim, claim.digest)  # the first approver looks again and approves
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_a_double_submission_creates_one_claim(own, paid_member, treasurer):
    first, created = claims.enter_claim(treasurer, own, paid_member, HOSPITAL, token="form-1")
    again, created_again = claims.enter_claim(treasurer, own, paid_member, HOSPITAL, token="form-1")
    assert (created, created_again, first.pk) == (True, False, again.pk)
    assert Claim.objects.count() == 1
    assert AuditEvent.objects.filter(action="welfare.claim.enter").count() == 1
    other = ClaimData("hospital", datetime.date(2025, 8, 1), nights=9)
    with pytest.raises(Conflict, match="already used for a different claim"):
        claims.enter_claim(treasurer, own, paid_member, other, token="form-1")
    with pytest.raises(Conflict, match="already claimed this benefit for this event date"):
        claims.enter_claim(treasurer, own, paid_member, HOSPITAL, token="form-2")


def test_a_rejection_carries_a_coded_reason(own, paid_member, treasurer, committee):
    claim = entered(treasurer, own, paid_member)
    with pytest.raises(ValidationFailed, match="write a note"):
        claims.reject_claim(committee, claim, RejectionReason.OTHER)
    with pytest.raises(ValidationFailed, match="choose a coded reason"):
        claims.reject_claim(committee, claim, "i_said_so")
    claim = claims.reject_claim(committee, claim, RejectionReason.EVIDENCE_MISSING, "ไม่มีใบรับรองแพทย์")
    assert (claim.status, claim.rejection_reason) == (ClaimStatus.REJECTED, "evidence_missing")
    with translation.override("th"):
        assert claim.get_rejection_reason_display() == "หลักฐานไม่ครบถ้วน"
    with pytest.raises(Conflict, match="never changed"):
        claims.amend_claim(treasurer, claim, HOSPITAL)
    # a rejected claim does not block a new one for the same event
    entered(treasurer, own, paid_member, token="t-2")


def test_the_waiting_period_gives_zero_with_the_reason_not_an_error(own, paid_member, treasurer):
    early = ClaimData("hospital", datetime.date(2025, 3, 1), nights=2)
    claim = entered(treasurer, own, paid_member, early)
    assert claim.amount == 0
    benefit = claim.adjudication["benefits"][0]
    assert benefit["reasons"] == ["waiting_period"]
    assert (
        "• The 180-day waiting period is not over: eligible from 30 Jun 2568 BE"
        in claim.adjudication["explanation"]["en"]
    )


def test_arrears_give_zero_with_the_reason(own, own_member, scheme, treasurer):
    paid(own, own_member, 3000, datetime.date(2025, 1, 1), "one-month")  # 30 days: paid through 30 Jan
    claim = entered(treasurer, own, own_member)
    assert claim.amount == 0
    assert claim.adjudication["benefits"][0]["reasons"] == ["in_arrears"]
    assert any("beyond the 90-day grace period" in line for line in claim.adjudication["explanation"]["en"])


def test_a_payment_after_the_event_does_not_count_for_it(own, own_member, scheme, treasurer):
    paid(own, own_member, 36500, datetime.date(2025, 8, 10), "late")
    assert entered(treasurer, own, own_member).amount == 0


def test_death_before_the_event_and_the_yearly_caps(own, paid_member, treasurer):
    long_stay = ClaimData("hospital", datetime.date(2025, 8, 1), nights=15)
    first = entered(treasurer, own, paid_member, long_stay)
    assert (first.amount, first.nights_counted) == (1500_00, 15)
    second = entered(
        treasurer, own, paid_member, ClaimData("hospital", datetime.date(2025, 9, 1), nights=8), "t-2"
    )
    assert second.amount == 500_00  # 20 nights a year: 5 left
    assert sorted(second.adjudication["benefits"][0]["reasons"]) == ["cap_nights_year"]
    change_member_status(SYSTEM, paid_member, "deceased", datetime.date(2025, 10, 1))
    after = entered(
        treasurer, own, paid_member, ClaimData("hospital", datetime.date(2025, 10, 5), nights=1), "t-3"
    )
    assert after.amount == 0 and "deceased" in after.adjudication["benefits"][0]["reasons"]


def test_a_member_enters_a_claim_for_themself_only(own, paid_member, users):
    me = users["member"]
    claim = entered(me, own, paid_member)
    assert claim.entered_by == me
    other = enrol(own, "3100600123450", first_name="บุญมี", last_name="ทองคำ", sex="M")
    with pytest.raises(NotPermitted, match="a member claiming for themself"):
        entered(me, own, other, token="t-other")


def test_an_unknown_benefit_or_a_future_event_is_refused_saying_where(own, paid_member, treasurer):
    with pytest.raises(ValidationFailed) as caught:
        entered(treasurer, own, paid_member, ClaimData("moon_trip", datetime.date(2099, 1, 1)))
    assert [e.where for e in caught.value.errors] == ["benefit", "event_date"]
