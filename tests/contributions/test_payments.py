"""Recording one payment: a balanced entry, a receipt numbered without gaps, and refusals that write nothing."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from sajja.access.policy import SYSTEM
from sajja.contributions.models import Receipt
from sajja.contributions.services import cancel_receipt, record_payment, record_payments
from sajja.contributions.validation import Payment
from sajja.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from sajja.ledger.models import Account, Entry
from sajja.ledger.services import close_period
from sajja.registry.services import change_member_status
from tests.contributions.factories import TODAY, row_counts
from tests.factories import enrol, thai_id

DAY = datetime.date(2026, 11, 16)


def pay(member="000001", amount=30_00, paid_on=DAY, channel="cash", book_number="", key="k1"):
    return Payment(member, amount, paid_on, channel, book_number, key)


def balance(fund, code):
    return Account.objects.get(fund=fund, code=code).balance


def test_a_cash_payment_posts_a_balanced_entry_and_issues_receipt_1(own, own_member, treasurer):
    receipt = record_payment(treasurer, own, pay(), today=TODAY)
    assert (receipt.number, receipt.amount, receipt.member, receipt.channel) == (1, 3000, own_member, "cash")
    lines = sorted(receipt.entry.lines.values_list("account__code", "amount"))
    assert lines == [("1101", 3000), ("4101-000001", -3000)]
    assert balance(own, "1101") == 3000 and balance(own, "4101") == -3000
    assert receipt.received_by_name == treasurer.username


def test_other_channels_reach_the_bank(own, own_member, treasurer):
    for n, channel in enumerate(["bank_transfer", "promptpay", "savings_deduction"], start=1):
        record_payment(treasurer, own, pay(channel=channel, key=f"k{n}"), today=TODAY)
    assert balance(own, "1102") == 9000 and balance(own, "1101") == 0


def test_a_member_is_found_by_national_id_too(own, own_member, treasurer):
    receipt = record_payment(treasurer, own, pay(member="1-1014-00000-00-6"), today=TODAY)
    assert receipt.member == own_member


def test_a_member_number_without_its_leading_zeros_is_found(own, own_member, treasurer):
    """Excel turns 000001 into 1; a treasurer types 1 on the phone: both mean member 000001."""
    for n, typed in enumerate(("1", "๑", "01"), start=1):
        assert (
            record_payment(treasurer, own, pay(member=typed, key=f"z{n}"), today=TODAY).member == own_member
        )


def test_a_retry_returns_the_first_receipt_and_writes_nothing(own, own_member, treasurer):
    first = record_payment(treasurer, own, pay(book_number="B-17"), today=TODAY)
    before = row_counts()
    again = record_payment(treasurer, own, pay(book_number="B-17"), today=TODAY)
    assert again.pk == first.pk and row_counts() == before


def test_the_same_key_with_another_amount_is_refused(own, own_member, treasurer):
    record_payment(treasurer, own, pay(), today=TODAY)
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        record_payment(treasurer, own, pay(amount=60_00), today=TODAY)
    assert caught.value.errors[0].code == "key_reused" and row_counts() == before


def test_the_same_key_for_another_member_is_refused_not_mistaken_for_the_first(own, own_member, treasurer):
    """A form sent again after Back with another member (or a key typed twice) is a new payment: it must
    not come back as the first member's receipt while the second member's money is never recorded."""
    other = enrol(own, thai_id(20000001), first_name="สมศรี")
    first = record_payment(treasurer, own, pay(), today=TODAY)
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        record_payment(treasurer, own, pay(member=other.number, book_number="B-9"), today=TODAY)
    [error] = caught.value.errors
    assert (error.code, error.where, caught.value.status) == ("key_reused", "member", 409)
    assert f"ใบเสร็จเลขที่ {first.number}" in error.message_th and "สมาชิก, เลขที่ใบเสร็จ" in error.message_th
    assert "its member, receipt number differ:" in error.message_en and "บาท" not in error.message_en
    assert row_counts() == before and not Receipt.objects.filter(member=other).exists()


def test_a_retry_naming_the_member_another_way_is_still_the_same_payment(own, own_member, treasurer):
    first = record_payment(treasurer, own, pay(), today=TODAY)
    before = row_counts()
    for member in ("1-1014-00000-00-6", " ๐๐๐๐๐๑ "):  # the national ID; Thai digits and spaces
        assert record_payment(treasurer, own, pay(member=member), today=TODAY).pk == first.pk
    assert row_counts() == before


def test_receipt_numbers_have_no_gaps_when_payments_fail_and_retry(own, own_member, treasurer):
    record_payment(treasurer, own, pay(key="a"), today=TODAY)
    with pytest.raises(ValidationFailed) as nothing_paid:
        record_payment(treasurer, own, pay(key="b", amount=0), today=TODAY)
    assert nothing_paid.value.code == "amount_not_positive"
    record_payment(treasurer, own, pay(key="a"), today=TODAY)  # a retry
    with pytest.raises(ValidationFailed) as stranger:
        record_payments(treasurer, own, [pay(key="c"), pay(key="d", member="999999")], today=TODAY)
    assert [(e.code, e.where) for e in stranger.value.errors] == [("unknown_member", "payment 2: member")]
    record_payment(treasurer, own, pay(key="e"), today=TODAY)
    record_payments(treasurer, own, [pay(key="f"), pay(key="e"), pay(key="g")], today=TODAY)
    assert list(Receipt.objects.filter(fund=own).values_list("number", flat=True)) == [1, 2, 3, 4]


def test_receipts_are_numbered_per_fund(own, own_member, foreign, foreign_member):
    record_payment(SYSTEM, own, pay(), today=TODAY)
    other = record_payment(SYSTEM, foreign, pay(member=foreign_member.number), today=TODAY)
    assert other.number == 1


def _refused(treasurer, fund, payment, code, where):
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        record_payment(treasurer, fund, payment, today=TODAY)
    error = caught.value.errors[0]
    assert (error.code, error.where) == (code, where)
    assert error.message_th and error.message_en and error.message_th != error.message_en
    assert row_counts() == before
    return error


def test_an_unknown_member_is_refused(own, own_member, treasurer):
    _refused(treasurer, own, pay(member="000099"), "unknown_member", "member")


def test_a_member_of_another_fund_is_refused(own, own_member, treasurer, foreign, foreign_member):
    error = _refused(treasurer, own, pay(member="3100600123450"), "unknown_member", "member")
    assert "ไม่พบสมาชิก" in error.message_th


@pytest.mark.parametrize("status", ["resigned", "deceased"])
def test_a_resigned_or_deceased_member_is_refused(own, own_member, treasurer, status):
    change_member_status(SYSTEM, own_member, status, datetime.date(2026, 1, 1))
    _refused(treasurer, own, pay(), f"member_{status}", "member")


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (0, "amount_not_positive"),
        (-3000, "amount_not_positive"),
        (30.5, "not_whole_satang"),
        (3050, "not_whole_days"),
        (10**17, "amount_too_large"),  # a slip of the keyboard: named on its column, not as a ledger line
    ],
)
def test_bad_amounts_are_refused(own, own_member, treasurer, amount, code):
    _refused(treasurer, own, pay(amount=amount), code, "amount")


def test_a_date_in_a_closed_month_is_refused(own, own_member, treasurer):
    close_period(SYSTEM, own, 2026, 10)
    _refused(treasurer, own, pay(paid_on=datetime.date(2026, 10, 16)), "period_closed", "date")


def test_a_date_in_the_future_is_refused(own, own_member, treasurer):
    _refused(treasurer, own, pay(paid_on=TODAY + datetime.timedelta(days=1)), "date_in_future", "date")


def test_a_buddhist_era_year_given_as_a_date_is_named_as_such(own, own_member, treasurer):
    """The API takes ISO dates in the common era: 2569-11-16 is this year in the Buddhist era, not a day
    1086 years ahead, and the refusal says which year was meant."""
    error = _refused(treasurer, own, pay(paid_on=datetime.date(2569, 11, 16)), "buddhist_era_year", "date")
    assert "2026" in error.message_th and "2026" in error.message_en


def test_a_date_before_joining_is_refused(own, own_member, treasurer):
    _refused(treasurer, own, pay(paid_on=datetime.date(2024, 12, 31)), "before_joining", "date")


def test_a_duplicate_paper_receipt_number_is_refused(own, own_member, treasurer):
    record_payment(treasurer, own, pay(book_number="เล่ม 1/001"), today=TODAY)
    _refused(treasurer, own, pay(key="k2", book_number="เล่ม 1/001"), "duplicate_receipt", "receipt")


def test_every_problem_of_a_batch_is_named(own, own_member, treasurer):
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        record_payments(
            treasurer,
            own,
            [
                pay(key="a"),
                pay(key="b", amount=0, member="000099"),
                pay(key="c", book_number="X"),
                pay(key="d", book_number="X"),
            ],
            today=TODAY,
        )
    assert [(e.code, e.where) for e in caught.value.errors] == [
        ("unknown_member", "payment 2: member"),
        ("amount_not_positive", "payment 2: amount"),
        ("duplicate_receipt", "payment 4: receipt"),
    ]
    assert row_counts() == before


def test_only_bookkeepers_record_and_a_foreign_fund_is_not_found(own, own_member, users, foreign):
    with pytest.raises(NotPermitted, match="your role does not allow this"):
        record_payment(users["committee"], own, pay(), today=TODAY)
    with pytest.raises(NotFound, match="fund not found"):
        record_payment(users["treasurer"], foreign, pay(), today=TODAY)
    assert Receipt.objects.count() == 0


def test_a_cancelled_receipt_stays_marked_with_its_reversal(own, own_member, treasurer):
    receipt = record_payment(treasurer, own, pay(), today=TODAY)
    cancelled = cancel_receipt(treasurer, receipt, TODAY, "บันทึกผิดคน")
    assert cancelled.is_cancelled and cancelled.cancel_entry.reverses_id == receipt.entry_id
    assert balance(own, "1101") == 0 and balance(own, "4101") == 0
    assert Receipt.objects.filter(fund=own).count() == 1
    before = row_counts()
    with pytest.raises(Conflict) as again:
        cancel_receipt(treasurer, receipt, TODAY, "ซ้ำ")
    assert again.value.code == "receipt_cancelled"
    assert row_counts() == before
    assert Entry.objects.filter(fund=own, kind="reversal").count() == 1
    # the next receipt continues the numbering: a cancelled number is never reused
    assert record_payment(treasurer, own, pay(key="k2"), today=TODAY).number == 2


def test_the_database_itself_refuses_a_second_receipt_cancelled_by_the_same_reversal(
    own, own_member, treasurer
):
    """Cancellation links are unique over the cancelled receipts only: the many receipts that are not
    cancelled share the empty link freely."""
    first = record_payment(treasurer, own, pay(), today=TODAY)
    second = record_payment(treasurer, own, pay(key="k2"), today=TODAY)
    record_payment(treasurer, own, pay(key="k3"), today=TODAY)
    reversal = cancel_receipt(treasurer, first, TODAY, "บันทึกผิดคน").cancel_entry
    # SQLite names the column, PostgreSQL the constraint
    unique = r"contributions_receipt\.cancel_entry_id|receipt_cancelled_once"
    with pytest.raises(IntegrityError, match=unique), transaction.atomic():
        Receipt.objects.filter(pk=second.pk).update(cancel_entry=reversal)
    assert Receipt.objects.filter(fund=own, cancel_entry__isnull=True).count() == 2
