"""A header the app prints is always read back by the payments import: the list of members behind,
downloaded as CSV or XLSX in Thai or English, comes back with a date and an amount added (the meeting
sheet's own words), and "เลขที่สมาชิก", the member number as every page prints it, names the member."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sajja.contributions import arrears
from sajja.contributions.imports import import_payments
from sajja.contributions.reading import field_of, read_payments
from tests.contributions.factories import csv_bytes, xlsx_bytes


def _download(user, name: str, code: str, language: str) -> list[list]:
    web = Client()
    web.force_login(user)
    web.cookies["django_language"] = language
    body = web.get(reverse(name, args=[code])).content
    if name.endswith("csv"):
        return [list(row) for row in csv.reader(io.StringIO(body.decode("utf-8-sig")))]
    return [list(row) for row in openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)]


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_list_of_members_behind_comes_back_as_payments(fund, treasurer, language, kind):
    """Download the list, add the day and what each paid under the meeting sheet's headers, import it."""
    table = _download(treasurer, f"contributions:members-behind-{kind}", fund.code, language)
    with translation.override(language):
        added = [translation.gettext("Date"), translation.gettext("Paid (baht)")]
    day = datetime.date.today()
    rows = [[*table[0], *added]] + [[*row, day.isoformat(), 30] for row in table[1:]]
    assert len(rows) > 2
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)
    result = import_payments(treasurer, fund, f"behind.{kind}", data, today=day)
    assert result.created == len(table) - 1
    assert sorted(r.member.number for r in result.receipts) == sorted(str(row[1]) for row in table[1:])
    assert {r.amount for r in result.receipts} == {3000}


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_header_the_app_prints_for_a_member_is_known(language):
    with translation.override(language):
        printed = [
            *arrears.header(),
            *(
                translation.gettext(label)
                for label in ("Member", "Member number", "Member number or national ID", "National ID")
            ),
            *(
                translation.gettext(label)
                for label in ("Date", "Paid on", "Amount", "Paid (baht)", "Channel")
            ),
            *(translation.gettext(label) for label in ("Name", "Group", "Due this month")),
        ]
    # the co-funding member sheets (Thai only)
    printed += ["เลขสมาชิก", "ชื่อ-สกุล"]
    assert [h for h in printed if field_of(h) is None] == []


def test_the_member_number_header_as_the_app_prints_it_is_read():
    read = read_payments("payments.csv", "เลขที่สมาชิก,วันที่,จำนวนเงิน\n000001,16/11/2569,30\n".encode(), key=b"k")
    assert read.columns == {"member": "เลขที่สมาชิก", "date": "วันที่", "amount": "จำนวนเงิน"}
    assert [(p.member, p.amount, p.paid_on) for _, p in read.rows] == [
        ("000001", 3000, datetime.date(2026, 11, 16))
    ]
    assert field_of(" Member  Number ") == "member"
    assert field_of("note") is None  # a header the app never prints is still refused
