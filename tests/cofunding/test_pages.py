"""The co-funding pages as a treasurer uses them on a phone: the year's entitlement read in Thai and in English
(the year typed in either era), the request made with a button, the money received in parts until nothing
is owed, a second payment that overpays and its refund, a bad amount refused with nothing written; and the
committee reading it all without a form to send.

    the fund: two members who joined on 30 September 2568, each paid 400 baht in FY 2569; a third joined
    on 1 October 2568 (the day after the cut-off) and does not count. Today: 15 October 2569 (2026).
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from sajja.access.models import Role, RoleAssignment
from sajja.cofunding import selectors
from sajja.cofunding.models import CofundingReceipt, CofundingRequest
from sajja.schemes.cofunding import Party
from tests.cofunding.factories import TODAY, D, close_year, member, pay, ready_fund, written

pytestmark = pytest.mark.django_db


def _user(fund, role: Role, name: str):
    user = get_user_model().objects.create_user(f"{name}-{fund.code}", password="x")
    RoleAssignment.objects.create(user=user, role=role, fund=fund)
    return user


@pytest.fixture
def fund(fixed_today):
    fixed_today(TODAY)
    fund = ready_fund()
    for moo in (1, 2):
        pay(fund, member(fund, D(2025, 9, 30), moo), 400_00, D(2025, 10, 5))
    pay(fund, member(fund, D(2025, 10, 1), 3), 400_00, D(2025, 10, 6))
    close_year(fund)
    return fund


@pytest.fixture
def web(client, fund):
    client.force_login(_user(fund, Role.TREASURER, "treasurer"))
    return client


def _year(fund, fy=2569) -> str:
    return reverse("cofunding:year", args=[fund.code, fy])


def _text(response) -> str:
    """The page's words without its tags, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _token(response, form_id: str) -> str:
    html = response.content.decode()
    form = html[html.index(f'id="{form_id}"') :]
    return re.search(r'name="token" value="([^"]+)"', form).group(1)


def _receive(web, fund, token, amount: str, party="local_government", day="15/10/2569"):
    data = {"token": token, "party": party, "amount": amount, "received_on": day, "into": "bank", "note": ""}
    return web.post(reverse("cofunding:receipt", args=[fund.code, 2569]), data)


def test_the_treasurer_reads_the_entitlement_in_thai_with_the_rules_and_who_does_not_count(web, fund):
    page = web.get(_year(fund))
    assert page.status_code == 200
    text = _text(page)
    assert "ปีงบประมาณ พ.ศ. 2569" in text and "อ่านเป็นปี พ.ศ." in text
    assert "สิ้นปีงบประมาณแล้ว ยังไม่ได้ยื่นคำขอ" in text  # the year is over: final, not provisional
    assert "✓ ผ่าน กองทุนจดทะเบียนแล้ว" in text and "ไม่ผ่าน" not in text
    assert "นับได้ 2 คน ไม่นับ 1 คน" in text
    assert "730.00 บาท" in text  # each government party: two members, 365 baht each (capped)
    assert "สมัครหลัง 30 ก.ย. ของปีก่อน" in text  # the member who joined on 1 October 2568, by number
    assert 'data-label="' in page.content.decode()
    assert 'id="request"' in page.content.decode()  # every rule met, the year over: the button is there


def test_the_same_year_in_the_common_era_reads_in_english_and_says_so(web, fund):
    web.cookies["django_language"] = "en"
    text = _text(web.get(_year(fund, 2026)))
    assert "FY 2569 BE" in text and "read as a common-era year" in text
    assert "730.00 baht" in text
    assert "3 members listed: 2 count, 1 do not." in text
    assert "joined after 30 September of the year before" in text
    assert "✓ met the fund is registered" in text


def test_request_then_receive_in_two_parts_until_nothing_is_owed(web, fund):
    page = web.get(_year(fund))
    done = web.post(reverse("cofunding:request", args=[fund.code, 2569]), {"token": _token(page, "request")})
    assert done.status_code == 302
    made = CofundingRequest.objects.get(fund=fund)
    assert made.counted == 2

    page = web.get(_year(fund))
    text = _text(page)
    assert "PDF" in text and "XLSX" in text
    assert 'id="receive"' in page.content.decode() and 'id="refund"' not in page.content.decode()
    assert _receive(web, fund, _token(page, "receive"), "500").status_code == 302

    page = web.get(_year(fund))
    assert "230.00 บาท" in _text(page)  # the local government still owes the rest
    assert _receive(web, fund, _token(page, "receive"), "230.00").status_code == 302
    assert _receive(web, fund, "cg-1", "730", party="central_government").status_code == 302

    overview = _text(web.get(reverse("cofunding:years", args=[fund.code])))
    assert "ยื่นคำขอแล้ว 15 ต.ค. 2569 · ผ่านเกณฑ์ 2 1,460.00 บาท 1,460.00 บาท 0.00 บาท 0.00 บาท" in overview
    standing = _text(web.get(_year(fund)))
    assert standing.count("ครบแล้ว") == 2 and "ยังค้าง" not in standing
    assert [r.applied for r in CofundingReceipt.objects.order_by("id")] == [500_00, 230_00, 730_00]
    sheet = web.get(reverse("cofunding:request-xlsx", args=[fund.code, 2026]))
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"


def test_sending_the_same_form_twice_records_it_once(web, fund):
    web.post(reverse("cofunding:request", args=[fund.code, 2569]), {"token": "once"})
    _receive(web, fund, "same", "100")
    before = written()
    assert _receive(web, fund, "same", "100").status_code == 302
    assert written() == before


def test_a_second_payment_that_overpays_shows_overpaid_and_the_refund_form(web, fund):
    web.post(reverse("cofunding:request", args=[fund.code, 2569]), {"token": "r"})
    _receive(web, fund, "first", "730")
    _receive(web, fund, "again", "730")
    page = web.get(_year(fund))
    html = page.content.decode()
    assert 'id="refund"' in html
    assert "รัฐบาล" not in html[html.index('id="refund"') :].split("</form>")[0]  # only who overpaid
    overview = _text(web.get(reverse("cofunding:years", args=[fund.code])))
    assert (
        "1,460.00 บาท 1,460.00 บาท 730.00 บาท 730.00 บาท" in overview
    )  # requested, received, owed, to refund
    done = web.post(
        reverse("cofunding:refund", args=[fund.code, 2569]),
        {
            "token": _token(page, "refund"),
            "party": "local_government",
            "amount": "730",
            "refunded_on": "2026-10-15",
            "paid_from": "bank",
            "note": "",
        },
    )
    assert done.status_code == 302
    assert 'id="refund"' not in web.get(_year(fund)).content.decode()


def test_a_bad_amount_is_refused_with_a_clear_error_and_nothing_written(web, fund):
    web.post(reverse("cofunding:request", args=[fund.code, 2569]), {"token": "r"})
    before = written()
    refused = _receive(web, fund, "bad", "สามร้อย")
    assert refused.status_code == 400
    assert "กรอกจำนวนเงินเป็นบาท ทศนิยมไม่เกินสองตำแหน่ง" in _text(refused)
    future = _receive(web, fund, "future", "100", day="1/1/2570")
    assert future.status_code == 400 and "หลังวันนี้" in _text(future)
    assert written() == before


def test_the_committee_reads_the_year_but_has_no_form_and_cannot_post(client, fund):
    client.force_login(_user(fund, Role.COMMITTEE, "committee"))
    page = client.get(_year(fund))
    assert page.status_code == 200
    html = page.content.decode()
    assert "นับได้ 2 คน" in _text(page)
    assert not any(f'id="{form}"' in html for form in ("request", "receive", "refund"))
    before = written()
    refused = client.post(reverse("cofunding:request", args=[fund.code, 2569]), {"token": "c"})
    assert refused.status_code == 403
    assert written() == before


def test_money_by_source_shows_the_sources_and_the_method(web, fund):
    page = web.get(reverse("cofunding:sources", args=[fund.code]) + "?fy=2026")
    text = _text(page)
    assert page.status_code == 200
    assert "เงินสัจจะและค่าธรรมเนียมของสมาชิก" in text
    assert "อ่านเป็นปี ค.ศ." in text
    assert "สัดส่วน" in text  # the method, in words


@pytest.mark.slow
def test_the_demo_songkhla_and_lampang_funds_show_their_rounds(client, fixed_today):
    """After `make demo`: Khuan Lang's FY 2568 paid in full and FY 2569 partly paid; Lampang's CODI share
    paid twice and the second payment refunded; each fund's money by source adds up."""
    from sajja.ops import demo

    fixed_today(demo.TODAY)
    demo.build()
    client.force_login(get_user_model().objects.get(username="treasurer"))  # Khuan Lang's
    years = _text(client.get(reverse("cofunding:years", args=["songkhla-khuanlang"])))
    assert years.count("ยื่นคำขอแล้ว") == 2 and years.count("ยังค้าง") == 2  # FY 2569: both parties owe
    full = _text(client.get(reverse("cofunding:year", args=["songkhla-khuanlang", 2568])))
    assert full.count("ครบแล้ว") == 2
    part = _text(client.get(reverse("cofunding:year", args=["songkhla-khuanlang", 2569])))
    assert "ครบแล้ว" not in part and "โอนเข้าบัญชีกองทุน" in part  # a receipt, and neither party settled
    made = CofundingRequest.objects.get(fund__code="songkhla-khuanlang", fiscal_year=2026)
    owed = {s.party.value: s.outstanding for s in selectors.standings(made)}
    assert 0 < owed["local_government"] < made.parties.get(party="local_government").amount
    assert owed["central_government"] == made.parties.get(party="central_government").amount
    assert "ยอดตรงกัน" in _text(client.get(reverse("cofunding:sources", args=["songkhla-khuanlang"])))

    client.force_login(get_user_model().objects.get(username="lampang.treasurer"))
    lampang = CofundingRequest.objects.get(fund__code="lampang-province", fiscal_year=2026)
    codi = selectors.standing_of(lampang, Party.CENTRAL_GOVERNMENT)
    assert codi.settled and codi.overpaid == codi.refunded == codi.requested > 0 and codi.to_refund == 0
    page = client.get(reverse("cofunding:year", args=["lampang-province", 2026]))
    assert page.status_code == 200 and "คืนเงินที่โอนซ้ำ" in _text(page)
