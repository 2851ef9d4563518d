"""The fund's collection report: expected vs. collected per group and month, members paying and in arrears.

Four members in two groups, January to March 2026 (today: 15 March 2026):

- 000001 (G01) joined 1 Jan 2025; 365 baht on 1 Jun 2025, 31 on 10 Jan 2026, 59 on 5 Mar 2026;
- 000002 (G02) joined 1 Jan 2025; never paid (lapsed after 365 unpaid days);
- 000003 (G02) joined 1 Jun 2025; 30 baht on 1 Jun 2025; resigned from 15 Feb 2026;
- 000004 (G01) joined 10 Feb 2026; 30 baht on 10 Feb 2026; 30 on 3 Mar 2026, cancelled on 4 Mar.
"""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.contributions.collection import collection_report
from sajja.contributions.services import cancel_receipt, record_payment
from sajja.contributions.validation import Payment
from sajja.registry.models import Group
from sajja.registry.services import Enrolment, PersonData, change_member_status, enrol_member
from tests.factories import thai_id, token_for

TODAY = datetime.date(2026, 3, 15)


def join(fund, n: int, group: str, joined_on: datetime.date, first_name: str = "สมาชิก"):
    person = PersonData(
        national_id=thai_id(n),
        first_name=first_name,
        last_name=f"ที่ {n}",
        birth_date=datetime.date(1970, 1, 1),
        sex="F",
    )
    return enrol_member(SYSTEM, fund, Enrolment(person, joined_on, group))


def pay(fund, number: str, baht: int, day: datetime.date, key: str):
    return record_payment(SYSTEM, fund, Payment(number, baht * 100, day, key=key), today=TODAY)


@pytest.fixture
def four(own, own_member, users):
    Group.objects.create(fund=own, code="G02", name="หมู่ 2", moo=2)
    join(own, 9001, "G02", datetime.date(2025, 1, 1))
    resigning = join(own, 9002, "G02", datetime.date(2025, 6, 1))
    join(own, 9003, "G01", datetime.date(2026, 2, 10))
    pay(own, "000001", 365, datetime.date(2025, 6, 1), "a1")
    pay(own, "000001", 31, datetime.date(2026, 1, 10), "a2")
    pay(own, "000001", 59, datetime.date(2026, 3, 5), "a3")
    pay(own, "000003", 30, datetime.date(2025, 6, 1), "c1")
    change_member_status(SYSTEM, resigning, "resigned", datetime.date(2026, 2, 15))
    pay(own, "000004", 30, datetime.date(2026, 2, 10), "d1")
    mistaken = pay(own, "000004", 30, datetime.date(2026, 3, 3), "d2")
    cancel_receipt(SYSTEM, mistaken, datetime.date(2026, 3, 4), "ผิดคน")
    return own


def figures(tally) -> tuple:
    return (
        tally.members,
        tally.expected,
        tally.collected,
        tally.paying,
        tally.in_arrears,
        tally.lapsed,
    )


def test_expected_and_collected_by_group_and_month(four, treasurer):
    report = collection_report(treasurer, four, 202601, 202603, today=TODAY)
    got = {(m.period, t.group.code): figures(t) for m in report.months for t in m.groups}
    assert got == {
        # members, expected, collected (satang), paying, in arrears, lapsed
        # January: 000001 paid through 31 Jan; 000002 lapsed; 000003 paid through 30 Jun 2025: in arrears
        (202601, "G01"): (1, 31_00, 31_00, 1, 0, 0),
        (202601, "G02"): (2, 62_00, 0, 0, 1, 1),
        # February: 000004 joined on the 10th (19 days); 000003 belonged until the 14th, then left
        (202602, "G01"): (2, 28_00 + 19_00, 30_00, 1, 0, 0),
        (202602, "G02"): (2, 28_00 + 14_00, 0, 0, 0, 1),
        # March: 000004's payment was cancelled in the same month: nothing collected from them
        (202603, "G01"): (2, 62_00, 59_00, 1, 0, 0),
        (202603, "G02"): (1, 31_00, 0, 0, 0, 1),
    }
    assert [figures(m.total) for m in report.months] == [
        (3, 93_00, 31_00, 1, 1, 1),
        (4, 89_00, 30_00, 1, 0, 1),
        (3, 93_00, 59_00, 1, 0, 1),
    ]
    assert report.months[0].total.percent == 33


def test_a_receipt_of_an_earlier_month_cancelled_later_is_named_where_it_comes_off(four, treasurer, web):
    """February's receipt of 000004, cancelled in March: February keeps it (its books do); March's collected
    is 30 baht below March's own receipts, and the report says so beside it, so the receipt book reconciles."""
    february = four.receipts.get(member__number="000004", paid_on=datetime.date(2026, 2, 10))
    cancel_receipt(SYSTEM, february, datetime.date(2026, 3, 6), "ผิดเดือน")
    report = collection_report(treasurer, four, 202602, 202603, today=TODAY)
    feb, march = report.months
    assert (feb.total.collected, feb.total.cancelled_earlier) == (30_00, 0)
    g01 = next(t for t in march.groups if t.group.code == "G01")
    assert (g01.collected, g01.cancelled_earlier) == (
        59_00 - 30_00,
        30_00,
    )  # the same-month one is not counted
    assert march.total.cancelled_earlier == 30_00
    page = web.get(
        reverse("contributions:collection-report", kwargs={"code": four.code}), {"year": "2026"}
    ).content.decode()
    assert "หลังหักใบเสร็จของเดือนก่อนที่ยกเลิก 30.00 บาท" in page
    csv_text = web.get(
        reverse("contributions:collection-report-csv", kwargs={"code": four.code}), {"year": "2026"}
    )
    march_g01 = [r for r in csv_text.content.decode("utf-8-sig").splitlines() if r.startswith("2026-03,G01")]
    assert march_g01[0].endswith(",30.00")


def test_a_payment_that_puts_a_member_behind_the_grace_period_shows_them_in_arrears(
    own, own_member, treasurer
):
    """Paid through 31 Jan: paid up on 2 Mar (30 unpaid days), in arrears from 3 Mar."""
    pay(own, "000001", 396, datetime.date(2025, 6, 1), "a")  # 1 Jan 2025 to 31 Jan 2026
    march_2 = collection_report(treasurer, own, 202603, 202603, today=datetime.date(2026, 3, 2))
    march_3 = collection_report(treasurer, own, 202603, 202603, today=datetime.date(2026, 3, 3))
    assert march_2.months[0].total.in_arrears == 0 and march_3.months[0].total.in_arrears == 1
    february = collection_report(treasurer, own, 202602, 202602, today=datetime.date(2026, 3, 3))
    assert february.months[0].total.in_arrears == 0  # on 28 Feb: 28 unpaid days


def test_the_report_reads_the_same_few_queries_for_3_members_or_30(own, own_member, treasurer):
    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            collection_report(treasurer, own, 202501, 202512, today=TODAY)
        return len(seen)

    pay(own, "000001", 30, datetime.date(2025, 3, 1), "p1")
    for n in range(2):
        join(own, 9100 + n, "G01", datetime.date(2025, 2, 1))
    few = queries()
    for n in range(2, 29):
        member = join(own, 9100 + n, "G01", datetime.date(2025, 2, 1))
        pay(own, member.number, 30, datetime.date(2025, 4, 1), f"p{n}")
    assert queries() == few


def test_a_member_cannot_see_the_report(four, users):
    web = Client()
    web.force_login(users["member"])
    assert web.get(reverse("contributions:collection-report", kwargs={"code": four.code})).status_code == 403


@pytest.fixture
def web(treasurer):
    client = Client()
    client.force_login(treasurer)
    return client


def test_the_report_page_shows_each_month_in_the_buddhist_era(four, web, settings):
    page = web.get(reverse("contributions:collection-report", kwargs={"code": four.code}), {"year": "2569"})
    text = page.content.decode()
    assert page.status_code == 200
    # the month lines are there, newest first; this year runs to today's month
    assert text.index("ม.ค. 2569") > text.index("ก.พ. 2569") > 0
    assert "หมู่ 2" in text and "31.00 บาท" in text


def test_the_report_downloads_as_csv_and_xlsx_with_the_same_rows(four, web):
    url = reverse("contributions:collection-report-csv", kwargs={"code": four.code})
    csv_text = web.get(url, {"year": "2026"}).content.decode("utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[1].split(",")[:6] == ["2026-01", "G01", "หมู่ 1", "1", "31.00", "31.00"]
    book = openpyxl.load_workbook(
        io.BytesIO(
            web.get(
                reverse("contributions:collection-report-xlsx", kwargs={"code": four.code}), {"year": "2026"}
            ).content
        )
    )
    sheet = book.active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(rows) == len(lines)
    assert rows[1][:6] == ["2026-01", "G01", "หมู่ 1", 1, 31, 31]


def test_the_api_gives_the_report_in_satang(four, treasurer):
    api = Client(headers={"Authorization": f"Bearer {token_for(treasurer)}"})
    url = reverse("api:collection-report", kwargs={"code": four.code})
    body = api.get(url, {"from": "2569-02", "to": "2026-02"}).json()
    assert body["first"] == body["last"] == "2026-02"
    month = body["months"][0]
    assert month["total"]["expected"] == 89_00 and month["total"]["collected"] == 30_00
    assert [(g["group"], g["members"], g["paying"]) for g in month["groups"]] == [
        ("G01", 2, 1),
        ("G02", 2, 0),
    ]
    for asked, where, code in [
        ({"from": "2026-13", "to": "2026-02"}, "from", "invalid_period"),
        ({"from": "2026-05", "to": "2026-02"}, "to", "range_backwards"),  # not read as one month
        ({"from": "2020-01", "to": "2026-02"}, "to", "range_too_long"),  # not cut to its first 24 months
    ]:
        refused = api.get(url, asked)
        error = refused.json()["errors"][0]
        assert (refused.status_code, error["where"], error["code"]) == (400, where, code), asked
