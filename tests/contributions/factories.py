"""Builders of the contributions tests: the fund of the month-end close (test_close.py's docstring), fees in
its rules, payment files as CSV and XLSX, row counts that prove nothing (or exactly what) was written."""

from __future__ import annotations

import csv
import datetime
import io
import re
import zlib

import openpyxl
from django.test import Client
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent
from sajja.contributions.models import MemberMonthStanding, Receipt
from sajja.contributions.services import record_payments
from sajja.contributions.validation import Payment
from sajja.ledger.models import Entry, Line
from sajja.registry.models import Group, Member
from sajja.welfare.services import adopt_template, publish_version
from tests.factories import enrol, thai_id, token_for

TODAY = datetime.date(2026, 11, 26)
D = datetime.date


def row_counts() -> dict[str, int]:
    return {
        "entries": Entry.objects.count(),
        "lines": Line.objects.count(),
        "receipts": Receipt.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


# --- the fund of the month-end close (tests/contributions/test_close.py) ------------------------------


def october_fund(own):
    """The fund of test_close.py's docstring (`own`, whose member 000001 is enrolled)."""
    Group.objects.create(fund=own, code="G02", name="หมู่ 2", moo=2)
    for n, joined in [(2, D(2025, 1, 1)), (3, D(2025, 1, 1)), (4, D(2025, 1, 1))]:
        enrol(own, thai_id(n), joined_on=joined)
    enrol(own, thai_id(5), joined_on=D(2026, 10, 16))
    enrol(own, thai_id(6), joined_on=D(2026, 11, 5))
    Member.objects.filter(fund=own, number__in=["000003", "000004", "000005", "000006"]).update(
        group=Group.objects.get(fund=own, code="G02")
    )
    payments = [
        ("000001", 365_00, D(2025, 1, 1)),
        ("000001", 335_00, D(2026, 10, 5)),
        ("000002", 610_00, D(2025, 2, 1)),
        ("000002", 30_00, D(2026, 10, 10)),
        ("000003", 300_00, D(2025, 1, 10)),
        ("000004", 500_00, D(2025, 3, 1)),
        ("000001", 30_00, D(2026, 11, 3)),
    ]
    record_payments(
        SYSTEM,
        own,
        [Payment(m, a, d, key=f"p{n}") for n, (m, a, d) in enumerate(payments)],
        today=TODAY,
    )
    return own


def standings(close) -> dict[str, tuple]:
    """member number -> (paid in the month, paid through, standing, arrears) of a month's close."""
    rows = MemberMonthStanding.objects.filter(close=close).select_related("member")
    return {s.member.number: (s.paid_total, s.paid_through, s.standing, s.arrears) for s in rows}


# --- fees in the fund's rules ---------------------------------------------------------------------------


def charge_fees(fund):
    """From 2026 the fund's rules charge a 20-baht entry fee and a 50-baht reinstatement fee."""
    adopt_template(SYSTEM, fund, "codi", effective_from=D(2025, 1, 1), resolution="มติ 1/2568")
    fees = {"entry_fee": 20, "reinstatement": {"fee": 50}}
    publish_version(
        SYSTEM, fund, {"effective_from": "2026-01-01", "contributions": fees}, resolution="มติ 1/2569"
    )
    return fund


def fee_from_2026(fund) -> None:
    """The fund's rules charge no entry fee in 2025, and 30 baht from 2026."""
    adopt_template(SYSTEM, fund, "codi", effective_from=D(2024, 1, 1), resolution="มติ 1/2567")
    for day, fee, resolution in (("2025-01-01", 0, "มติ 2/2568"), ("2026-01-01", 30, "มติ 1/2569")):
        publish_version(
            SYSTEM, fund, {"effective_from": day, "contributions": {"entry_fee": fee}}, resolution=resolution
        )


# --- payment files, and importing them through the API --------------------------------------------------

GOOD = [
    ["member", "date", "amount", "channel", "receipt"],
    ["000001", "2026-11-16", "30", "cash", "A-1"],
    ["000002", "16/11/2569", "1,095.00", "promptpay", ""],
    ["3-1006-00123-45-0", "2026-11-17", "365", "", "A-2"],
]


def csv_bytes(rows, encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows, merge: str = "") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_client(user, key: str) -> Client:
    """An API client of the user, sending the Idempotency-Key `key`."""
    return Client(headers={"Authorization": f"Bearer {token_for(user)}", "Idempotency-Key": key})


def import_url(fund, **query) -> str:
    """The API's address for importing a payments file into the fund."""
    path = reverse("api:import-payments", kwargs={"code": fund.code})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def pdf_objects(pdf: bytes) -> list[bytes]:
    """The PDF's bytes and every compressed stream in it, inflated (fonts are named inside them)."""
    found = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return found
