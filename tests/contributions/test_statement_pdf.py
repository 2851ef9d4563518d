"""A member's statement as a PDF, in Thai, beside the statement page and the API."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.contributions.selectors import statement_for
from sajja.contributions.services import cancel_receipt, record_payment
from sajja.contributions.validation import Payment
from sajja.contributions.views_report import statement_document
from tests.contributions.factories import TODAY, pdf_objects


def pay(own, baht, key, day):
    return record_payment(SYSTEM, own, Payment("000001", baht * 100, day, key=key), today=TODAY)


def test_the_statement_document_shows_what_the_member_paid_and_to_when(own, own_member, treasurer):
    pay(own, 365, "y2025", datetime.date(2025, 1, 5))
    mistaken = pay(own, 30, "wrong", datetime.date(2026, 1, 5))
    pay(own, 31, "jan", datetime.date(2026, 1, 6))
    cancel_receipt(SYSTEM, mistaken, datetime.date(2026, 1, 6), "บันทึกซ้ำ")
    html = statement_document(own, statement_for(treasurer, own, "000001", as_of=TODAY))
    for text in (
        own.name_th,
        "สมศรี ใจดี",
        "396.00 บาท",  # paid in total, net of the cancelled receipt
        "31 ม.ค. 2569",  # paid through: 396 days from 1 Jan 2025
        "ยกเลิก",  # the cancelled receipt, marked
        "6 ม.ค. 2569",
        "ค้างส่ง",  # in arrears: 299 unpaid days on 26 Nov 2026
    ):
        assert text in html, text
    assert "<td>2568</td>" in html and "<td>2569</td>" in html  # paid each year, Buddhist era


def test_the_member_downloads_their_statement_as_a_pdf_in_a_thai_font(world):
    own = world.own.fund
    web = Client()
    web.force_login(world.users["member"])
    url = reverse(
        "contributions:member-statement-pdf", kwargs={"code": own.code, "number": world.own.member.number}
    )
    response = web.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    fonts = {name for text in pdf_objects(response.content) for name in _font_names(text)}
    assert fonts & {b"Garuda", b"Loma", b"Kinnari"}, fonts
    other = reverse(
        "contributions:member-statement-pdf", kwargs={"code": own.code, "number": world.other_member.number}
    )
    assert web.get(other).status_code == 404


def _font_names(text: bytes) -> list[bytes]:
    import re

    return re.findall(rb"/BaseFont\s*/[A-Z]+\+(\w+)", text)
