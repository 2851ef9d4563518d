"""The fees (ค่าสมัครสมาชิก, ค่าธรรมเนียมกลับเข้าเป็นสมาชิก): a fund whose rules charge one takes the entry fee
once from each member, and the reinstatement fee once from a lapsed member, each with its own receipt.
A fee is the fund's income, not the member's savings: it buys no days and never moves the paid-through
date."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.contributions.models import Purpose, Receipt
from sajja.contributions.selectors import statement_for
from sajja.contributions.services import cancel_receipt, record_payment, record_payments
from sajja.contributions.validation import Payment
from sajja.core.errors import ValidationFailed
from sajja.ledger.models import Account
from sajja.registry.models import Member
from sajja.registry.services import change_member_status
from tests.contributions.factories import TODAY, fee_from_2026, row_counts
from tests.factories import enrol, thai_id, token_for

D = datetime.date
DAY = D(2026, 11, 16)


def fee(key="fee-1", amount=20_00, member="000001"):
    return Payment(member, amount, DAY, "cash", "", key, Purpose.ENTRY_FEE)


def balance(fund, code):
    return Account.objects.get(fund=fund, code=code).balance


def codes(error: ValidationFailed) -> list[str]:
    return [e.code for e in error.errors]


def test_the_entry_fee_is_the_funds_income_with_its_own_receipt(charging, own_member, treasurer):
    record_payment(treasurer, charging, Payment("000001", 30_00, DAY, key="c1"), today=TODAY)
    before = statement_for(treasurer, charging, "000001", as_of=TODAY)
    receipt = record_payment(treasurer, charging, fee(), today=TODAY)
    assert (receipt.number, receipt.purpose, receipt.amount) == (2, "entry_fee", 20_00)
    assert sorted(receipt.entry.lines.values_list("account__code", "amount")) == [
        ("1101", 20_00),
        ("4102", -20_00),
    ]
    assert receipt.entry.kind == "entry_fee" and receipt.entry.memo.startswith("ค่าสมัครสมาชิก สมาชิก 000001")
    assert balance(charging, "4102") == -20_00 and balance(charging, "4101") == -30_00
    after = statement_for(treasurer, charging, "000001", as_of=TODAY)
    assert after.standing.paid_total == before.standing.paid_total == 30_00
    assert after.standing.paid_through == before.standing.paid_through
    assert after.paid_by_year == [(2026, 30_00, 1)]  # the fee is listed among the receipts, not as savings
    assert [r.purpose for r in after.receipts] == ["entry_fee", "contribution"]


def test_the_fee_must_be_the_amount_the_rules_set(charging, own_member, treasurer):
    before = row_counts()
    with pytest.raises(ValidationFailed) as refused:
        record_payment(treasurer, charging, fee(amount=30_00), today=TODAY)
    assert codes(refused.value) == ["wrong_entry_fee"]
    assert "20.00" in refused.value.errors[0].message_th and "30.00" in refused.value.errors[0].message_en
    assert row_counts() == before


def test_a_member_pays_the_fee_once_until_that_receipt_is_cancelled(charging, own_member, treasurer):
    first = record_payment(treasurer, charging, fee(), today=TODAY)
    before = row_counts()
    with pytest.raises(ValidationFailed) as refused:
        record_payment(treasurer, charging, fee(key="fee-2"), today=TODAY)
    assert codes(refused.value) == ["entry_fee_paid"] and row_counts() == before
    assert (
        record_payment(treasurer, charging, fee(), today=TODAY).pk == first.pk
    )  # a retry: the first receipt
    cancel_receipt(treasurer, first, DAY, "ผิดจำนวน")
    again = record_payment(treasurer, charging, fee(key="fee-3"), today=TODAY)
    assert again.purpose == "entry_fee" and balance(charging, "4102") == -20_00


def test_one_batch_takes_one_fee_per_member(charging, own_member, treasurer):
    before = row_counts()
    with pytest.raises(ValidationFailed) as refused:
        record_payments(treasurer, charging, [fee(), fee(key="fee-2")], today=TODAY)
    assert codes(refused.value) == ["entry_fee_repeated"] and row_counts() == before
    assert "payment 2" in refused.value.errors[0].where


def test_a_fund_without_an_entry_fee_refuses_one(own, own_member, treasurer):
    before = row_counts()
    with pytest.raises(ValidationFailed) as refused:
        record_payment(treasurer, own, fee(), today=TODAY)
    assert codes(refused.value) == ["no_entry_fee"] and row_counts() == before
    with pytest.raises(ValidationFailed) as refused:
        record_payment(
            treasurer, own, Payment("000001", 30_00, DAY, key="x", purpose="donation"), today=TODAY
        )
    assert codes(refused.value) == ["unknown_purpose"] and row_counts() == before


def test_the_fee_from_the_api_and_the_form(charging, own_member, treasurer):
    api = Client(headers={"Authorization": f"Bearer {token_for(treasurer)}", "Idempotency-Key": "fee-api"})
    url = reverse("api:record-payment", kwargs={"code": charging.code})
    body = {"member": "000001", "amount": 2000, "date": "2026-11-16", "purpose": "entry_fee"}
    answer = api.post(url, body, content_type="application/json")
    assert answer.status_code == 201 and answer.json()["purpose"] == "entry_fee"

    web = Client()
    web.force_login(treasurer)
    shown = web.get(
        reverse("contributions:receipt-detail", kwargs={"code": charging.code, "number": 1})
    ).content.decode()
    assert "ค่าสมัครสมาชิก" in shown and "ยี่สิบบาทถ้วน" in shown
    listed = web.get(reverse("contributions:receipt-list", kwargs={"code": charging.code})).content.decode()
    assert "ค่าสมัครสมาชิก" in listed
    data = {"token": "t1", "member": "000001", "date": "2026-11-16", "amount": "20", "channel": "cash"}
    before = row_counts()
    page = web.post(
        reverse("contributions:payment-new", kwargs={"code": charging.code}), {**data, "purpose": "entry_fee"}
    )
    assert page.status_code == 200 and "ชำระค่าสมัครแล้ว" in page.content.decode() and row_counts() == before
    page = web.post(
        reverse("contributions:payment-new", kwargs={"code": charging.code}),
        {**data, "purpose": "contribution"},
    )
    assert page.status_code == 302 and Receipt.objects.get(number=2).purpose == "contribution"


def test_a_file_says_which_rows_are_entry_fees(charging, own_member, treasurer):
    from sajja.contributions.imports import ImportRefused, import_payments

    bad = "รหัสสมาชิก,วันที่,จำนวนเงิน,ประเภท\n000001,16/11/2569,30,เงินสัจจะ\n000001,16/11/2569,20,บริจาค\n"
    before = row_counts()
    with pytest.raises(ImportRefused) as refused:
        import_payments(treasurer, charging, "nov.csv", bad.encode(), today=TODAY)
    [line] = refused.value.report
    assert (line.row, line.column, line.value, line.code) == (3, "ประเภท", "บริจาค", "unknown_purpose")
    assert row_counts() == before

    good = "รหัสสมาชิก,วันที่,จำนวนเงิน,ประเภท\n000001,16/11/2569,30,เงินสัจจะ\n000001,16/11/2569,20,ค่าสมัคร\n"
    result = import_payments(treasurer, charging, "nov.csv", good.encode(), today=TODAY)
    assert [(r.amount, r.purpose) for r in result.receipts] == [(30_00, "contribution"), (20_00, "entry_fee")]
    assert balance(charging, "4102") == -20_00 and balance(charging, "4101") == -30_00
    again = import_payments(treasurer, charging, "nov.csv", good.encode(), today=TODAY)
    assert again.created == 0  # imported twice: nothing more


def test_the_statement_says_the_fee_is_due_and_leads_to_taking_it(charging, own_member, treasurer):
    web = Client()
    web.force_login(treasurer)
    page_url = reverse(
        "contributions:member-contributions", kwargs={"code": charging.code, "number": "000001"}
    )
    page = web.get(page_url).content.decode()
    assert "ยังไม่ได้ชำระค่าสมัคร 20.00 บาท" in page
    link = (
        reverse("contributions:payment-new", kwargs={"code": charging.code})
        + "?member=000001&amp;purpose=entry_fee&amp;amount=20.00"
    )
    assert link in page
    form = web.get(link.replace("&amp;", "&")).context["form"]
    assert (form["member"].value(), form["purpose"].value(), form["amount"].value()) == (
        "000001",
        "entry_fee",
        "20.00",
    )
    data = {
        "token": "t1",
        "member": "000001",
        "date": "2026-11-16",
        "amount": "20.00",
        "purpose": "entry_fee",
    }
    assert (
        web.post(
            reverse("contributions:payment-new", kwargs={"code": charging.code}), {**data, "channel": "cash"}
        ).status_code
        == 302
    )
    assert "ยังไม่ได้ชำระค่าสมัคร" not in web.get(page_url).content.decode()

    api = Client(headers={"Authorization": f"Bearer {token_for(treasurer)}"})
    url = reverse("api:member-statement", kwargs={"code": charging.code, "number": "000001"})
    assert api.get(url).json()["entry_fee_due"] == 0
    cancel_receipt(treasurer, Receipt.objects.get(purpose="entry_fee"), DAY, "ผิดคน")
    assert api.get(url).json()["entry_fee_due"] == 20_00


def test_no_fee_is_due_where_the_fund_charges_none(own, own_member, treasurer):
    assert statement_for(treasurer, own, "000001", as_of=TODAY).entry_fee_due == 0


def test_a_lapsed_member_pays_the_reinstatement_fee_once_per_lapse(charging, own_member, treasurer):
    again = Payment("000001", 50_00, DAY, "cash", "", "back-1", Purpose.REINSTATEMENT_FEE)
    with pytest.raises(ValidationFailed) as refused:
        record_payment(treasurer, charging, again, today=TODAY)
    assert codes(refused.value) == ["not_lapsed"]  # an active member owes no reinstatement fee
    assert statement_for(treasurer, charging, "000001", as_of=TODAY).reinstatement_fee_due == 0

    change_member_status(SYSTEM, own_member, "lapsed", D(2026, 6, 1))
    assert statement_for(treasurer, charging, "000001", as_of=TODAY).reinstatement_fee_due == 50_00
    web = Client()
    web.force_login(treasurer)
    page = web.get(
        reverse("contributions:member-contributions", kwargs={"code": charging.code, "number": "000001"})
    )
    assert "ขาดสมาชิกภาพ: ค่าธรรมเนียมกลับเข้าเป็นสมาชิก 50.00 บาท" in page.content.decode()
    assert "purpose=reinstatement_fee&amp;amount=50.00" in page.content.decode()
    api = Client(headers={"Authorization": f"Bearer {token_for(treasurer)}"})
    url = reverse("api:member-statement", kwargs={"code": charging.code, "number": "000001"})
    assert api.get(url).json()["reinstatement_fee_due"] == 50_00
    with pytest.raises(ValidationFailed) as refused:
        wrong = Payment("000001", 40_00, DAY, "cash", "", "back-0", Purpose.REINSTATEMENT_FEE)
        record_payment(treasurer, charging, wrong, today=TODAY)
    assert codes(refused.value) == ["wrong_reinstatement_fee"]
    receipt = record_payment(treasurer, charging, again, today=TODAY)
    assert (receipt.purpose, balance(charging, "4103"), balance(charging, "4101")) == (
        "reinstatement_fee",
        -50_00,
        0,
    )
    assert receipt.entry.memo.startswith("ค่าธรรมเนียมกลับเข้าเป็นสมาชิก สมาชิก 000001")
    assert statement_for(treasurer, charging, "000001", as_of=TODAY).reinstatement_fee_due == 0
    before = row_counts()
    with pytest.raises(ValidationFailed) as refused:
        record_payment(
            treasurer,
            charging,
            Payment("000001", 50_00, DAY, key="back-2", purpose="reinstatement_fee"),
            today=TODAY,
        )
    assert codes(refused.value) == ["reinstatement_fee_paid"] and row_counts() == before


def test_the_entry_fee_is_the_one_in_force_when_the_member_joined(own, own_member, treasurer):
    """No fee when 000001 joined (2025); 30 baht for whoever joins from 2026."""
    fee_from_2026(own)
    newcomer = enrol(own, thai_id(41), joined_on=D(2026, 3, 1))
    assert statement_for(treasurer, own, "000001", as_of=TODAY).entry_fee_due == 0
    assert statement_for(treasurer, own, newcomer.number, as_of=TODAY).entry_fee_due == 30_00
    with pytest.raises(ValidationFailed) as refused:
        record_payment(treasurer, own, fee(amount=30_00), today=TODAY)
    assert codes(refused.value) == ["no_entry_fee"]
    receipt = record_payment(treasurer, own, fee(amount=30_00, member=newcomer.number), today=TODAY)
    assert receipt.purpose == "entry_fee" and Member.objects.get(pk=newcomer.pk) == receipt.member


def test_the_meeting_sheet_takes_a_fee_still_due_when_ticked(charging, own_member, treasurer):
    web = Client()
    web.force_login(treasurer)
    sheet = reverse("contributions:meeting-sheet", kwargs={"code": charging.code, "group": "G01"})
    page = web.get(sheet, {"date": "2026-11-16"}).content.decode()
    assert 'name="fee-000001"' in page and "ค่าสมัครสมาชิก 20.00 บาท" in page
    form = {"date": "2026-11-16", "amount-000001": "30", "fee-000001": "1"}
    web.post(sheet, form)
    receipts = list(Receipt.objects.filter(fund=charging, member=own_member).order_by("number"))
    assert [(r.purpose, r.amount, r.paid_on) for r in receipts] == [
        ("contribution", 30_00, DAY),
        ("entry_fee", 20_00, DAY),
    ]
    before = row_counts()
    web.post(sheet, form)  # the sheet sent again: nothing more
    assert row_counts() == before
    page = web.get(sheet, {"date": "2026-11-16"}).content.decode()
    assert 'name="fee-000001"' not in page and f"เลขที่ {receipts[1].number}" in page  # its receipt instead
    printed = web.get(
        reverse("contributions:sheet-receipts", kwargs={"code": charging.code, "group": "G01"}),
        {"date": "2026-11-16"},
    ).content.decode()
    assert "สามสิบบาทถ้วน" in printed and "ยี่สิบบาทถ้วน" in printed
    assert statement_for(treasurer, charging, "000001", as_of=TODAY).entry_fee_due == 0


def test_an_unticked_fee_is_not_taken(charging, own_member, treasurer):
    web = Client()
    web.force_login(treasurer)
    sheet = reverse("contributions:meeting-sheet", kwargs={"code": charging.code, "group": "G01"})
    web.post(sheet, {"date": "2026-11-16", "amount-000001": "30"})
    assert list(Receipt.objects.filter(member=own_member).values_list("purpose", flat=True)) == [
        "contribution"
    ]
