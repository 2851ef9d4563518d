"""The treasurer's pages: a meeting sheet submitted twice posts once; receipts print in Thai; a
refused upload names its bad row; the API records a payment once per key."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.contributions.models import Receipt
from sajja.contributions.services import cancel_receipt, record_payment, record_payments
from sajja.contributions.validation import Payment
from sajja.ledger.models import Account
from tests.contributions.factories import pdf_objects, row_counts
from tests.factories import enrol, thai_id, token_for


@pytest.fixture
def web(treasurer):
    client = Client()
    client.force_login(treasurer)
    return client


@pytest.fixture
def group_of_three(own, own_member):
    enrol(own, "3100600123450", first_name="บุญมี", sex="M")
    enrol(own, "1234567890121", first_name="มานี", joined_on=datetime.date(2026, 12, 1))  # joins later
    return own.groups.get(code="G01")


def sheet_url(own):
    return reverse("contributions:meeting-sheet", kwargs={"code": own.code, "group": "G01"})


def test_the_meeting_sheet_lists_who_may_pay_with_what_is_due(own, group_of_three, web):
    page = web.get(sheet_url(own), {"date": "2026-11-16"}).content.decode()
    assert 'name="amount-000001"' in page and 'name="amount-000002"' in page
    assert 'name="amount-000003"' not in page  # not a member yet on that day
    # nothing paid since 1 Jan 2025: owed through 30 Nov 2026 (699 days)
    assert "699.00 บาท" in page


def test_a_meeting_sheet_submitted_twice_posts_once(own, group_of_three, web):
    form = {"date": "2026-11-16", "amount-000001": "30", "amount-000002": "๓๖๕", "amount-000003": ""}
    response = web.post(sheet_url(own), form)
    assert response.status_code == 302
    assert list(Receipt.objects.values_list("number", "member__number", "amount")) == [
        (1, "000001", 3000),
        (2, "000002", 36500),
    ]
    before = row_counts()
    again = web.post(sheet_url(own), form, follow=True)
    assert row_counts() == before
    assert "ใบรับเงินนี้บันทึกไปแล้ว ไม่มีการบันทึกเพิ่ม" in again.content.decode()
    page = web.get(sheet_url(own), {"date": "2026-11-16"}).content.decode()
    assert reverse("contributions:receipt-detail", kwargs={"code": own.code, "number": 2}) in page
    printed = web.get(
        reverse("contributions:sheet-receipts", kwargs={"code": own.code, "group": "G01"}),
        {"date": "2026-11-16"},
    )
    text = printed.content.decode()
    assert text.count('<article class="receipt">') == 2
    assert "สามสิบบาทถ้วน" in text and "สามร้อยหกสิบห้าบาทถ้วน" in text and "16 พ.ย. 2569" in text


def test_a_cancelled_line_of_the_sheet_is_open_again_and_taken_once(own, group_of_three, web, treasurer):
    """A receipt of the sheet cancelled (the wrong member ticked): the sheet no longer counts it, shows
    the member's box again, and takes the corrected payment once, however often it is sent."""
    form = {"date": "2026-11-16", "amount-000001": "30", "amount-000002": "60"}
    web.post(sheet_url(own), form)
    cancel_receipt(treasurer, Receipt.objects.get(number=1), datetime.date(2026, 11, 17), "ผิดคน")
    page = web.get(sheet_url(own), {"date": "2026-11-16"}).content.decode()
    assert 'name="amount-000001"' in page and 'name="amount-000002"' not in page
    assert "60.00 บาท" in page and "90.00 บาท" not in page  # the sheet's total: the standing receipt only
    for _ in range(2):
        web.post(sheet_url(own), {"date": "2026-11-16", "amount-000001": "45"})
    standing = Receipt.objects.filter(cancelled_on__isnull=True)
    assert sorted(standing.values_list("member__number", "amount")) == [("000001", 4500), ("000002", 6000)]
    printed = web.get(
        reverse("contributions:sheet-receipts", kwargs={"code": own.code, "group": "G01"}),
        {"date": "2026-11-16"},
    )
    assert printed.content.decode().count('<article class="receipt">') == 2  # not the cancelled one


def test_a_sheet_sent_with_a_date_that_cannot_be_read_posts_nothing(own, group_of_three, web):
    """Not today's date instead (money booked on the wrong day): the date is named, nothing is posted. A
    typed Buddhist-era date is read."""
    before = row_counts()
    page = web.post(sheet_url(own), {"date": "31/02/2569", "amount-000001": "30"})
    assert page.status_code == 200 and row_counts() == before
    assert "ไม่มีวันที่นี้ในปฏิทิน" in page.content.decode()
    assert web.post(sheet_url(own), {"date": "16/11/2569", "amount-000001": "30"}).status_code == 302
    assert Receipt.objects.get().paid_on == datetime.date(2026, 11, 16)


def test_a_member_a_few_days_behind_is_shown_within_the_grace_period_not_paid_up(
    own, own_member, web, today, fixed_today
):
    """Ten days unpaid, inside the rules' 30 days of grace: not "paid up" beside an amount owed."""
    fixed_today(today)  # the page counts the days up to today
    days = (today - own_member.joined_on).days - 10  # paid through eleven days ago
    record_payment(SYSTEM, own, Payment("000001", days * 100, own_member.joined_on, key="grace"), today=today)
    page = web.get(
        reverse("contributions:member-contributions", kwargs={"code": own.code, "number": "000001"})
    )
    text = page.content.decode()
    assert "อยู่ในระยะผ่อนผัน" in text and "ส่งครบ" not in text


def test_a_bad_amount_on_the_sheet_posts_nothing(own, group_of_three, web):
    before = row_counts()
    page = web.post(sheet_url(own), {"date": "2026-11-16", "amount-000001": "30", "amount-000002": "30.50"})
    assert page.status_code == 200 and row_counts() == before
    assert "000002" in page.content.decode()


def test_recording_a_payment_leads_to_its_printable_receipt(own, own_member, web, treasurer):
    form = web.get(reverse("contributions:payment-new", kwargs={"code": own.code})).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', form)[1]
    data = {"token": token, "member": "000001", "date": "2026-11-16", "amount": "0.50", "channel": "cash"}
    refused = web.post(reverse("contributions:payment-new", kwargs={"code": own.code}), data)
    assert refused.status_code == 200 and Receipt.objects.count() == 0
    assert refused.context["form"].errors["amount"] == [
        "จำนวนเงิน 0.50 บาท ต้องเป็นจำนวนเท่าของอัตรารายวัน 1.00 บาท"
    ]
    assert "จำนวนเงิน 0.50 บาท ต้องเป็นจำนวนเท่าของอัตรารายวัน 1.00 บาท" in refused.content.decode()
    data["amount"] = "365"
    response = web.post(reverse("contributions:payment-new", kwargs={"code": own.code}), data)
    assert response.status_code == 302 and response["Location"].endswith("/receipts/1/")
    web.post(reverse("contributions:payment-new", kwargs={"code": own.code}), data)  # sent twice
    assert Receipt.objects.count() == 1
    page = web.get(response["Location"]).content.decode()
    # on from the receipt: the member's statement, the next payment, and a cancel that asks first
    assert (
        reverse("contributions:member-contributions", kwargs={"code": own.code, "number": "000001"}) in page
    )
    assert (
        reverse("contributions:payment-new", kwargs={"code": own.code}) in page and "return confirm(" in page
    )
    for text in (
        "สามร้อยหกสิบห้าบาทถ้วน",
        "16 พ.ย. 2569",
        own.name_th,
        "สมศรี ใจดี",
        treasurer.username,
        "365.00 บาท",
    ):
        assert text in page


def test_a_form_sent_again_after_back_with_another_member_is_refused_then_recorded_anew(own, own_member, web):
    """Back after a payment, another member typed in, Save: not the first member's receipt again (the
    second member's money lost), but a refusal saying so, and a new key, so Save records it."""
    other = enrol(own, thai_id(20000002), first_name="สมศรี")
    url = reverse("contributions:payment-new", kwargs={"code": own.code})
    data = {"token": "t1", "member": "000001", "date": "16/11/2569", "amount": "30", "channel": "cash"}
    assert web.post(url, data).status_code == 302  # a typed Buddhist-era date is read as such
    refused = web.post(url, {**data, "member": other.number})
    form = refused.context["form"]
    assert refused.status_code == 200 and "ใบเสร็จเลขที่ 1" in form.errors["member"][0]
    assert not Receipt.objects.filter(member=other).exists()
    token = re.search(r'name="token" value="([^"]+)"', refused.content.decode())[1]
    assert token != "t1"
    again = web.post(url, {**data, "member": other.number, "token": token})
    assert again.status_code == 302 and Receipt.objects.get(member=other).paid_on == datetime.date(
        2026, 11, 16
    )


def test_the_receipts_are_found_by_number_paper_number_or_member(own, group_of_three, web):
    for n, (member, book) in enumerate([("000001", "B-7"), ("000002", ""), ("000001", "")], start=1):
        record_payment(
            SYSTEM, own, Payment(member, 3000, datetime.date(2026, 11, n), book_number=book, key=f"f{n}")
        )
    url = reverse("contributions:receipt-list", kwargs={"code": own.code})

    def found(q):
        return [r.number for r in web.get(url, {"q": q}).context["page"]]

    assert found("") == [3, 2, 1]
    assert found("๓") == [3]  # receipt 3, in Thai digits (member 000003 has no receipts)
    assert found("B-7") == [1]
    assert found("บุญมี") == [2] and found("1101400000006") == [3, 1]  # a name; a national ID
    page = web.get(url, {"q": "ไม่มีใคร"}).content.decode()
    assert "ไม่พบใบเสร็จ" in page and 'value="ไม่มีใคร"' in page


def test_a_statement_shows_the_latest_receipts_and_all_of_them_on_asking(own, own_member, web):
    """Ten years of monthly payments are 120 receipts: a phone gets the latest 24 and a link to the rest."""
    payments = [
        Payment("000001", 3000, datetime.date(2025, 1, 1) + datetime.timedelta(days=n), key=f"s{n}")
        for n in range(30)
    ]
    record_payments(SYSTEM, own, payments, today=datetime.date(2026, 11, 26))
    url = reverse("contributions:member-contributions", kwargs={"code": own.code, "number": "000001"})
    page = web.get(url)
    assert [r.number for r in page.context["receipts"]] == list(range(30, 6, -1))  # the newest first
    assert "แสดงใบเสร็จทั้งหมด 30 ใบ" in page.content.decode()
    assert len(web.get(url, {"all": "1"}).context["receipts"]) == 30


def test_cancelling_a_receipt_from_its_page(own, own_member, web):
    data = {"token": "t1", "member": "000001", "date": "2026-11-16", "amount": "30", "channel": "cash"}
    web.post(reverse("contributions:payment-new", kwargs={"code": own.code}), data)
    url = reverse("contributions:receipt-cancel", kwargs={"code": own.code, "number": 1})
    page = web.post(url, {"reason": "บันทึกผิดคน"}, follow=True).content.decode()
    assert "บันทึกผิดคน" in page and Receipt.objects.get().is_cancelled
    assert Account.objects.get(fund=own, code="1101").balance == 0


def test_an_upload_with_one_bad_row_names_it_and_keeps_nothing(own, own_member, web):
    content = "รหัสสมาชิก,วันที่,จำนวนเงิน\n000001,16/11/2569,30\n000001,16/11/2569,abc\n".encode()
    before = row_counts()
    page = web.post(
        reverse("contributions:payment-import", kwargs={"code": own.code}),
        {"file": SimpleUploadedFile("nov.csv", content)},
    )
    text = page.content.decode()
    assert page.status_code == 200 and row_counts() == before
    assert "nov.csv" in text and 'data-label="แถว">3</td>' in text and "จำนวนเงิน" in text and "abc" in text


def test_the_api_records_a_payment_once_per_key(own, own_member, treasurer):
    api = Client(headers={"Authorization": f"Bearer {token_for(treasurer)}", "Idempotency-Key": "pay-1"})
    url = reverse("api:record-payment", kwargs={"code": own.code})
    body = {"member": "000001", "amount": 3000, "date": "2026-11-16", "channel": "promptpay"}
    first = api.post(url, body, content_type="application/json")
    assert first.status_code == 201 and first.json()["number"] == 1
    before = row_counts()
    again = api.post(url, body, content_type="application/json")
    assert again.json() == first.json() and row_counts() == before
    bad = Client(headers={"Authorization": f"Bearer {token_for(treasurer)}", "Idempotency-Key": "pay-2"})
    refused = bad.post(url, {**body, "amount": 0}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["errors"][0]["where"] == "amount"
    receipt = api.get(reverse("api:receipt", kwargs={"code": own.code, "number": 1})).json()
    assert receipt["channel"] == "promptpay" and receipt["amount_words"] == "สามสิบบาทถ้วน"


def test_the_api_takes_a_key_as_long_as_the_limit_and_refuses_one_key_for_two_payments(
    own, own_member, users
):
    """An Idempotency-Key of 128 characters is allowed by the API, so it is taken (the ledger's own limit
    counts the prefix the API adds); a key used by one user for a payment, sent by another for another
    member's payment, is refused (409), not answered with the first member's receipt."""
    other = enrol(own, thai_id(20000003), first_name="สมศรี")
    url = reverse("api:record-payment", kwargs={"code": own.code})
    body = {"member": "000001", "amount": 3000, "date": "2026-11-16"}

    def send(user, key, **change):
        api = Client(headers={"Authorization": f"Bearer {token_for(users[user])}", "Idempotency-Key": key})
        return api.post(url, {**body, **change}, content_type="application/json")

    long_key = "k" * 128
    assert send("treasurer", long_key).status_code == 201
    assert send("treasurer", long_key).json()["number"] == 1  # its retry, the first answer
    assert send("treasurer", "shared").status_code == 201
    clash = send("admin", "shared", member=other.number)
    assert clash.status_code == 409 and clash.json()["errors"][0]["code"] == "key_reused"
    assert not Receipt.objects.filter(member=other).exists()


def test_a_receipt_prints_as_a_pdf_in_a_thai_font(own, own_member, web):
    data = {"token": "t1", "member": "000001", "date": "2026-11-16", "amount": "0.50", "channel": "cash"}
    web.post(reverse("contributions:payment-new", kwargs={"code": own.code}), {**data, "amount": "30"})
    for size in ("", "a4"):
        response = web.get(
            reverse("contributions:receipt-pdf", kwargs={"code": own.code, "number": 1}), {"size": size}
        )
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        pdf = response.content
        assert pdf.startswith(b"%PDF")
        fonts = {
            name for text in pdf_objects(pdf) for name in re.findall(rb"/BaseFont\s*/[A-Z]+\+(\w+)", text)
        }
        assert fonts & {b"Garuda", b"Loma", b"Kinnari"}, fonts
