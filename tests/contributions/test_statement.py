"""A member's paid-through date, arrears and standing, derived from what they paid."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.contributions.promptpay import set_promptpay_id
from sajja.contributions.selectors import statement_for
from sajja.contributions.services import cancel_receipt, record_payment
from sajja.contributions.validation import Payment
from sajja.contributions.words import thai_words
from sajja.core.errors import ValidationFailed
from sajja.core.promptpay import promptpay_payload
from sajja.ledger.services import post_entry
from tests.contributions.factories import TODAY
from tests.factories import contribution, token_for

JOINED = datetime.date(2025, 1, 1)


def pay(own, amount, key, day=datetime.date(2025, 6, 1)):
    return record_payment(SYSTEM, own, Payment("000001", amount, day, key=key), today=TODAY)


def test_nothing_paid_means_paid_through_the_day_before_joining(own, own_member, treasurer):
    s = statement_for(treasurer, own, "000001", as_of=datetime.date(2025, 1, 31))
    assert s.standing.paid_through == datetime.date(2024, 12, 31)
    assert s.standing.arrears == 31 * 100 and s.standing.standing == "in_arrears"


def test_each_baht_pays_one_day_from_joining(own, own_member, treasurer):
    pay(own, 365_00, "a")
    s = statement_for(treasurer, own, "000001", as_of=datetime.date(2026, 1, 15))
    assert s.standing.paid_total == 36500
    assert s.standing.paid_through == datetime.date(2025, 12, 31)
    assert s.standing.arrears == 15 * 100 and s.standing.standing == "paid_up"  # within 30 days' grace
    pay(own, 30_00, "b")
    s = statement_for(treasurer, own, "000001", as_of=datetime.date(2026, 1, 15))
    assert s.standing.paid_through == datetime.date(2026, 1, 30) and s.standing.arrears == 0
    assert s.standing.days_paid_ahead == 15


def test_a_cancelled_receipt_no_longer_counts(own, own_member, treasurer):
    pay(own, 365_00, "a")
    second = pay(own, 30_00, "b")
    cancel_receipt(SYSTEM, second, TODAY, "ผิดคน")
    s = statement_for(treasurer, own, "000001", as_of=datetime.date(2026, 1, 15))
    assert s.standing.paid_through == datetime.date(2025, 12, 31)
    assert [(r.number, r.is_cancelled) for r in s.receipts] == [(2, True), (1, False)]


def test_the_years_add_up_to_the_total_paid_with_carried_balances_and_late_cancellations(
    own, own_member, treasurer
):
    """What a fund carried over from its paper ledger (posted to the books, no receipt) is paid too, and a
    receipt cancelled the next year comes off that year: each year is what the books say, so the years
    add up to the total on the same page."""
    post_entry(SYSTEM, own, contribution("carried-2025", datetime.date(2025, 3, 1), satang=60_00))
    pay(own, 30_00, "a", day=datetime.date(2025, 12, 20))
    cancel_receipt(
        SYSTEM, pay(own, 45_00, "b", day=datetime.date(2025, 12, 21)), datetime.date(2026, 1, 5), "ผิด"
    )
    pay(own, 365_00, "c", day=datetime.date(2026, 1, 10))
    s = statement_for(treasurer, own, "000001", as_of=TODAY)
    assert s.paid_by_year == [(2026, 365_00 - 45_00, 1), (2025, 60_00 + 30_00 + 45_00, 1)]
    assert sum(amount for _, amount, _ in s.paid_by_year) == s.standing.paid_total == 455_00


def test_a_year_unpaid_past_the_lapse_limit_is_lapsed(own, own_member, treasurer):
    s = statement_for(treasurer, own, "000001", as_of=datetime.date(2026, 1, 2))
    assert s.standing.standing == "lapsed" and s.standing.arrears == 367 * 100


def test_the_member_sees_their_statement_on_the_web_and_the_api(world):
    own = world.own.fund
    pay(own, 30_00, "w1", day=datetime.date(2025, 1, 1))  # the world's books hold 30 baht more, paid 16 Feb
    web = Client()
    web.force_login(world.users["member"])
    page = web.get(
        reverse("contributions:member-contributions", kwargs={"code": own.code, "number": "000001"})
    )
    text = page.content.decode()
    assert page.status_code == 200 and "1 มี.ค. 2568" in text and "60.00 บาท" in text and "30.00 บาท" in text
    api = Client(headers={"Authorization": f"Bearer {token_for(world.users['member'])}"})
    body = api.get(reverse("api:member-statement", kwargs={"code": own.code, "number": "000001"})).json()
    assert body["paid_through"] == "2025-03-01" and body["receipts"][0]["amount_words"] == "สามสิบบาทถ้วน"
    other = world.other_member.number
    assert (
        api.get(reverse("api:member-statement", kwargs={"code": own.code, "number": other})).status_code
        == 404
    )


def test_amounts_in_thai_words_mind_amounts_under_one_baht():
    assert thai_words(50) == "ห้าสิบสตางค์"
    assert thai_words(1) == "หนึ่งสตางค์"
    assert thai_words(100) == "หนึ่งบาทถ้วน"
    assert thai_words(123456_75) == "หนึ่งแสนสองหมื่นสามพันสี่ร้อยห้าสิบหกบาทเจ็ดสิบห้าสตางค์"


def test_a_member_gets_a_promptpay_qr_for_what_they_owe_this_month(world):
    own = world.own.fund
    treasurer = world.users["treasurer"]
    with pytest.raises(ValidationFailed) as too_short:
        set_promptpay_id(treasurer, own, "12345")
    assert [(e.code, e.where) for e in too_short.value.errors] == [("invalid_promptpay_id", "promptpay_id")]
    with pytest.raises(ValidationFailed) as mistyped:  # a citizen ID whose check digit is wrong
        set_promptpay_id(treasurer, own, "1-1014-00000-00-7")
    assert "check digit" in mistyped.value.errors[0].message_en
    assert set_promptpay_id(treasurer, own, "1-1014-00000-00-6").promptpay_id == "1101400000006"
    web = Client()
    web.force_login(treasurer)
    empty = web.post(
        reverse("contributions:fund-promptpay", kwargs={"code": own.code}), {"promptpay_id": ""}, follow=True
    )
    said = [str(m) for m in empty.context["messages"]]
    assert len(said) == 1 and said[0].startswith("พร้อมเพย์")  # the field, named: nothing was saved
    web.post(
        reverse("contributions:fund-promptpay", kwargs={"code": own.code}), {"promptpay_id": "080-123-4567"}
    )
    api = Client(headers={"Authorization": f"Bearer {token_for(world.users['member'])}"})
    body = api.get(reverse("api:member-statement", kwargs={"code": own.code, "number": "000001"})).json()
    assert body["due_month_end"] > 0
    assert body["promptpay_payload"] == promptpay_payload("0801234567", body["due_month_end"])
    member_web = Client()
    member_web.force_login(world.users["member"])
    page = member_web.get(
        reverse("contributions:member-contributions", kwargs={"code": own.code, "number": "000001"})
    )
    assert "<svg" in page.content.decode()
