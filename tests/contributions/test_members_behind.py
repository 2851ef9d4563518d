"""The members behind (รายชื่อผู้ค้างส่ง): who is in arrears or lapsed, group by group, the longest behind
first, with what covers them through the month's end — on a page, as CSV and as XLSX. The fund is the
one of test_close.py, whose standings at 31 October 2026 that module works out by hand."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
from django.test import Client
from django.urls import reverse

from sajja.contributions.arrears import members_behind
from sajja.registry.models import Person
from tests.factories import token_for

D = datetime.date


def test_who_is_behind_on_a_day_and_what_covers_them(fund, treasurer):
    rows = members_behind(treasurer, fund, as_of=D(2026, 10, 31))
    got = [(r.member.group.code, r.member.number, r.standing.standing, r.days_unpaid, r.owed) for r in rows]
    assert got == [
        # 000003 paid through 27 Oct 2025, 000004 through 15 May 2026; 000002 (29 days) and 000005
        # (16 days) are within the 30 days' grace
        ("G02", "000003", "lapsed", 369, 369_00),
        ("G02", "000004", "in_arrears", 169, 169_00),
    ]


def test_the_page_and_the_files_list_the_same_members(fund, treasurer, users):
    Person.objects.filter(memberships__number="000004").update(first_name="=HYPERLINK(1)")
    expected = [(r.member.number, r.days_unpaid) for r in members_behind(treasurer, fund)]
    web = Client()
    web.force_login(treasurer)
    page = web.get(reverse("contributions:members-behind", args=[fund.code])).content.decode()
    assert "รายชื่อผู้ค้างส่ง" in page and "ขาดสมาชิกภาพ" in page
    assert len(expected) >= 2 and all(f"{n} " in page for n, _ in expected)
    table = list(
        csv.reader(
            io.StringIO(
                web.get(reverse("contributions:members-behind-csv", args=[fund.code])).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert table[0][:3] == ["กลุ่ม", "เลขที่สมาชิก", "ชื่อ-นามสกุล"]
    assert [(row[1], int(row[4])) for row in table[1:]] == expected
    assert any(row[2].startswith("'=HYPERLINK(1)") for row in table[1:])  # text, never a formula
    book = openpyxl.load_workbook(
        io.BytesIO(web.get(reverse("contributions:members-behind-xlsx", args=[fund.code])).content)
    )
    cells = list(book.active.iter_rows(values_only=True))
    assert [(row[1], row[4]) for row in cells[1:]] == expected


def test_the_api_gives_the_same_list_in_satang(fund, treasurer):
    expected = members_behind(treasurer, fund)
    api = Client(headers={"Authorization": f"Bearer {token_for(treasurer)}"})
    body = api.get(reverse("api:members-behind", args=[fund.code])).json()
    assert [(b["member"], b["days_unpaid"], b["to_pay"]) for b in body] == [
        (r.member.number, r.days_unpaid, r.owed) for r in expected
    ]
    lapsed = next(b for b in body if b["member"] == "000003")
    assert (lapsed["group"], lapsed["standing"], lapsed["paid_through"]) == ("G02", "lapsed", "2025-10-27")


def test_a_member_sees_no_list(fund, users):
    web = Client()
    web.force_login(users["member"])
    assert web.get(reverse("contributions:members-behind", args=[fund.code])).status_code == 403
