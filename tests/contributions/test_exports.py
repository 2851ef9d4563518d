"""Exported CSV and XLSX cells that could start a spreadsheet formula come out as text."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from sajja.contributions.exports import csv_bytes, safe_cell, xlsx_bytes
from sajja.registry.models import Group

DANGEROUS = [
    '=HYPERLINK("http://example.com","คลิก")',
    "=สมศรี ใจดี",
    "+66812345678",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", DANGEROUS)
def test_text_that_could_start_a_formula_gets_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["สมศรี ใจดี", "หมู่ 1", "A-1", "", "1,234.50", "ราคา=30"])
def test_ordinary_text_is_left_alone(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [-500, 0, 30, None])
def test_numbers_stay_numbers(value):
    assert safe_cell(value) == value


def test_a_csv_reads_back_with_every_dangerous_value_escaped():
    data = csv_bytes(["name"], [[v] for v in DANGEROUS]).decode("utf-8-sig")
    cells = [row[0] for row in csv.reader(io.StringIO(data, newline=""))][1:]
    assert cells == ["'" + v for v in DANGEROUS]


def test_an_xlsx_holds_text_where_a_formula_was_smuggled_in():
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes("t", ["=name"], [[v, -5] for v in DANGEROUS])))
    cells = list(book.active.iter_rows())
    # text cells marked as typed with an apostrophe: shown as they are, never run as formulas
    assert all(row[0].data_type == "s" and row[0].quotePrefix for row in cells)
    # XML reads a carriage return back as a line feed
    assert [row[0].value for row in cells] == ["=name"] + [v.replace("\r", "\n") for v in DANGEROUS]
    assert not any(row[1].quotePrefix for row in cells[1:])
    assert [row[1].value for row in cells[1:]] == [-5] * len(DANGEROUS)


def test_an_xlsx_shows_baht_with_two_decimals_as_numbers():
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes("t", ["amount"], [[Decimal("548.00"), 3]])))
    amount, count = list(book.active.iter_rows())[1]
    assert (amount.value, amount.number_format) == (548, "#,##0.00")  # a number the sheet can add up
    assert count.number_format == "General"


def test_the_collection_report_escapes_a_group_named_like_a_formula(own, own_member, treasurer):
    Group.objects.filter(fund=own, code="G01").update(name="=สมศรี กลุ่มหนึ่ง")
    Group.objects.create(fund=own, code="@G2", name="+ออมทรัพย์")
    web = Client()
    web.force_login(treasurer)
    csv_text = web.get(
        reverse("contributions:collection-report-csv", kwargs={"code": own.code}), {"year": "2025"}
    )
    rows = list(csv.reader(io.StringIO(csv_text.content.decode("utf-8-sig"), newline="")))
    assert ["2025-01", "'@G2", "'+ออมทรัพย์"] in [r[:3] for r in rows]
    assert ["2025-01", "G01", "'=สมศรี กลุ่มหนึ่ง"] in [r[:3] for r in rows]
    response = web.get(
        reverse("contributions:collection-report-xlsx", kwargs={"code": own.code}), {"year": "2025"}
    )
    assert response["Content-Disposition"].endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[2] for row in sheet.iter_rows()]
    assert all(c.data_type == "s" for c in names)
    smuggled = [c for c in names if c.value == "=สมศรี กลุ่มหนึ่ง"]
    assert smuggled and all(c.quotePrefix for c in smuggled)  # text, shown without an apostrophe, never run
