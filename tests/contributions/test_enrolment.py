"""Enrolling a member from the web, and taking the entry fee at the same desk: a treasurer signs up a new
member on the phone and, where the fund charges an entry fee, takes it with its receipt in the same
step. Both happen or neither does, and sending the form twice enrols once."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from sajja.contributions.enrolment import enrol_taking_entry_fee
from sajja.contributions.models import Receipt
from sajja.contributions.selectors import statement_for
from sajja.core.errors import ValidationFailed
from sajja.ledger.models import Account
from sajja.registry.models import Member
from sajja.registry.services import Enrolment, PersonData
from tests.contributions.factories import TODAY, fee_from_2026, row_counts
from tests.factories import thai_id

D = datetime.date


def form(**changes) -> dict:
    data = {
        "token": "enrol-1",
        "national_id": thai_id(40000123),
        "title": "นาง",
        "first_name": "มาลี",
        "last_name": "ใจงาม",
        "birth_date": "1975-03-02",
        "sex": "F",
        "joined_on": "2026-11-16",
        "group": "G01",
        "house_number": "12/3",
        "moo": "1",
        "beneficiary_name": "สมใจ ใจงาม",
        "beneficiary_relationship": "ลูก",
        "fee_channel": "cash",
    }
    return {**data, **changes}


@pytest.fixture
def web(treasurer):
    client = Client()
    client.force_login(treasurer)
    return client


def enrolled(fund) -> Member:
    return Member.objects.select_related("person").get(fund=fund, person__first_name="มาลี")


def test_enrolling_takes_the_entry_fee_with_its_receipt(charging, web, treasurer):
    page = web.get(reverse("registry:member-new", args=[charging.code]))
    assert "20.00 บาท" in page.content.decode()  # the fee is said before it is taken
    answer = web.post(reverse("registry:member-new", args=[charging.code]), form(), follow=True)
    member = enrolled(charging)
    assert answer.redirect_chain[-1][0] == reverse(
        "registry:member-detail", args=[charging.code, member.number]
    )
    receipt = Receipt.objects.get(fund=charging, member=member)
    assert (receipt.purpose, receipt.amount, receipt.channel) == ("entry_fee", 20_00, "cash")
    assert f"ใบเสร็จเลขที่ {receipt.number}" in answer.content.decode()
    assert (member.group.code, member.person.house_number, member.person.moo) == ("G01", "12/3", 1)
    assert [(b.full_name, b.share_percent) for b in member.beneficiaries.all()] == [("สมใจ ใจงาม", 100)]
    assert Account.objects.get(fund=charging, code="4102").balance == -20_00
    statement = statement_for(treasurer, charging, member.number, as_of=TODAY)
    assert statement.entry_fee_due == 0 and statement.standing.paid_total == 0  # a fee buys no days


def test_sending_the_form_twice_enrols_once(charging, web):
    web.post(reverse("registry:member-new", args=[charging.code]), form())
    before = row_counts() | {"members": Member.objects.count()}
    again = web.post(reverse("registry:member-new", args=[charging.code]), form(), follow=True)
    assert row_counts() | {"members": Member.objects.count()} == before
    assert "ส่งแบบฟอร์มนี้แล้ว" in again.content.decode()
    assert again.redirect_chain[-1][0].endswith(f"/members/{enrolled(charging).number}/")


def test_a_fee_not_paid_now_stays_due(charging, web, treasurer):
    web.post(reverse("registry:member-new", args=[charging.code]), form(fee_channel=""))
    member = enrolled(charging)
    assert not Receipt.objects.filter(member=member).exists()
    assert statement_for(treasurer, charging, member.number, as_of=TODAY).entry_fee_due == 20_00


def test_a_fund_without_an_entry_fee_asks_nothing_of_it(own, web):
    page = web.get(reverse("registry:member-new", args=[own.code])).content.decode()
    assert 'name="fee_channel"' not in page
    web.post(reverse("registry:member-new", args=[own.code]), form())
    assert not Receipt.objects.filter(member=enrolled(own)).exists()


def test_bad_input_is_shown_on_its_field_and_changes_nothing(charging, web):
    before = row_counts() | {"members": Member.objects.count()}
    wrong_id = thai_id(40000123)[:-1] + str((int(thai_id(40000123)[-1]) + 1) % 10)
    page = web.post(
        reverse("registry:member-new", args=[charging.code]),
        form(national_id=wrong_id, joined_on="1970-01-01"),
    )
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert "เลขตรวจสอบ (หลักที่ 13) ไม่ตรง" in errors["national_id"][0] and errors["joined_on"] == [
        "วันสมัครก่อนวันเกิด"
    ]
    assert row_counts() | {"members": Member.objects.count()} == before


def test_a_half_given_beneficiary_is_refused(charging, web):
    page = web.post(reverse("registry:member-new", args=[charging.code]), form(beneficiary_relationship=""))
    assert page.status_code == 200 and page.context["form"].non_field_errors()
    assert not Member.objects.filter(person__first_name="มาลี").exists()


def person(n=40000123):
    return PersonData(thai_id(n), "มาลี", "ใจงาม", D(1975, 3, 2), "F")


def test_a_fee_that_cannot_be_taken_undoes_the_enrolment(charging, treasurer):
    before = row_counts() | {"members": Member.objects.count()}
    with pytest.raises(ValidationFailed) as refused:  # a channel no fund knows: the fee cannot be taken
        enrol_taking_entry_fee(
            treasurer, charging, Enrolment(person(), D(2026, 11, 2), "G01"), channel="pigeon", today=TODAY
        )
    assert [e.code for e in refused.value.errors] == ["unknown_channel"]
    assert row_counts() | {"members": Member.objects.count()} == before


def test_the_fee_is_the_one_the_rules_set_on_the_joining_day(own, treasurer):
    """The rules charge no entry fee in 2025 and 30 baht from 2026: a member joining in 2025 owes none,
    and none is taken; one joining in 2026 pays 30 baht."""
    fee_from_2026(own)
    early = enrol_taking_entry_fee(
        treasurer, own, Enrolment(person(), D(2025, 6, 1), "G01"), channel="cash", today=TODAY
    )
    assert early.created and early.receipt is None
    assert statement_for(treasurer, own, early.member.number, as_of=TODAY).entry_fee_due == 0
    late = enrol_taking_entry_fee(
        treasurer, own, Enrolment(person(40000124), D(2026, 11, 2), "G01"), channel="promptpay", today=TODAY
    )
    assert (late.receipt.amount, late.receipt.channel, late.receipt.paid_on) == (30_00, "promptpay", TODAY)
