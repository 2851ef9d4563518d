"""`sajja cofunding ...` as an operator runs it: policy files checked, the entitlement in three formats (saying
which era the year was read in), the request written as a Thai PDF and an XLSX of its members, money received
and refunded, the fund's money by source."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sajja.cofunding.models import CofundingReceipt, CofundingRequest
from sajja.ops.commands_help import listing
from tests.cofunding.factories import TODAY, D, close_year, member, pay, ready_fund, written

NATIONAL_LIKE = """\
code: mine
name_th: นโยบายทดลอง
name_en: Trial
versions:
  - from_fy: 2560
    to_fy: 2568
    parties:
      - {party: members, ratio: 1}
      - {party: local_government, ratio: 1, cap_per_member: 365}
  - from_fy: 2569
    parties:
      - {party: members, ratio: 1}
      - {party: local_government, ratio: "0.5"}
"""


def run(*args) -> str:
    out = io.StringIO()
    call_command("cofunding", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refused(*args) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("cofunding", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_a_good_policy_file_is_checked_ok(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(NATIONAL_LIKE, encoding="utf-8")
    assert "OK" in run("policy", "check", str(path)) and "2 version(s)" in run("policy", "check", str(path))


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            ('ratio: "0.5"', "ratio: -1"),
            "bad.yaml:13: versions[1].parties[1].ratio: อัตราส่วนติดลบ: -1 / negative ratio: -1",
        ),
        (("to_fy: 2568", "to_fy: 2570"), "bad.yaml:10: versions[1].from_fy: ปีงบประมาณ 2569 ซ้อนกับฉบับก่อนหน้า"),
    ],
)
def test_a_policy_with_a_negative_ratio_or_overlapping_years_exits_non_zero_naming_the_error(
    tmp_path, change, said
):
    path = tmp_path / "bad.yaml"
    path.write_text(NATIONAL_LIKE.replace(*change), encoding="utf-8")
    assert said in refused("policy", "check", str(path))


def test_a_missing_policy_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("cofunding", "policy", "check", str(tmp_path / "none.yaml"))


@pytest.fixture
def fund(db, fixed_today):
    fixed_today(TODAY)
    fund = ready_fund()
    for moo in (1, 2):
        pay(fund, member(fund, D(2025, 9, 30), moo), 400_00, D(2025, 10, 5))
    pay(fund, member(fund, D(2025, 10, 1)), 100_00, D(2025, 10, 5))
    close_year(fund)
    return fund


def test_the_entitlement_says_which_era_it_read_and_what_each_party_owes(fund):
    table = run("entitlement", "--fund", fund.code, "--fy", "2026")
    assert "read as a common-era year" in table and "อ่านเป็นปี ค.ศ." in table
    assert "PASS  fund_age" in table and "730.00" in table
    english = run("entitlement", "--fund", fund.code, "--fy", "2569", "--language", "en", "--members")
    assert "joined 1 Oct 2568 BE, after 30 Sep 2568 BE" in english


def test_the_entitlement_as_json_and_csv(fund):
    data = json.loads(
        run("entitlement", "--fund", fund.code, "--fy", "2569", "--format", "json", "--members")
    )
    assert data["fiscal_year"]["read_as"] == "be" and data["members"]["counted"] == 2
    assert {p["party"]: p["amount"] for p in data["parties"]}["central_government"] == 730_00
    assert len(data["lines"]) == 3
    text = run("entitlement", "--fund", fund.code, "--fy", "2569", "--format", "csv")
    rows = text.strip().splitlines()
    assert rows[0].startswith("เลขสมาชิก,ชื่อ-สกุล") and len(rows) == 4
    assert "สมัคร 1 ต.ค. 2568 หลัง 30 ก.ย. 2568" in text and "365.00" in text and ",เป็นสมาชิก," in text


def test_the_request_is_recorded_once_and_written_as_a_thai_pdf_and_an_xlsx(fund, tmp_path):
    pdf, xlsx = tmp_path / "request.pdf", tmp_path / "members.xlsx"
    said = run("request", "--fund", fund.code, "--fy", "2569", "-o", str(pdf), "-o", str(xlsx))
    assert "request #" in said and "recorded" in said
    assert pdf.read_bytes().startswith(b"%PDF") and len(pdf.read_bytes()) > 10_000
    sheet = openpyxl.load_workbook(xlsx).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("เลขสมาชิก", "ชื่อ-สกุล") and len(rows) == 4
    assert sorted(r[4] for r in rows[1:]) == ["ใช่", "ใช่", "ไม่"]
    before = written()
    again = run("request", "--fund", fund.code, "--fy", "2026")
    assert "already requested" in again and written() == before
    assert CofundingRequest.objects.count() == 1


def test_money_is_received_and_refunded_and_a_repeat_records_nothing(fund, fixed_today):
    run("request", "--fund", fund.code, "--fy", "2569")
    fixed_today(D(2026, 12, 1))
    said = run(
        "receive",
        "--fund",
        fund.code,
        "--fy",
        "2569",
        "--party",
        "local_government",
        "--amount",
        "1,000",
        "--on",
        "2569-11-01",
    )
    assert "overpaid 270.00" in said
    before = written()
    assert "already recorded" in run(
        "receive",
        "--fund",
        fund.code,
        "--fy",
        "2569",
        "--party",
        "local_government",
        "--amount",
        "1000",
        "--on",
        "2026-11-01",
    )
    assert written() == before
    assert "refunded 270.00" in run(
        "refund",
        "--fund",
        fund.code,
        "--fy",
        "2569",
        "--party",
        "local_government",
        "--amount",
        "270",
        "--on",
        "2026-11-02",
    )
    status = json.loads(run("status", "--fund", fund.code, "--fy", "2569", "--format", "json"))
    local = next(p for p in status["parties"] if p["party"] == "local_government")
    assert (local["settled"], local["to_refund"]) == (True, 0)
    assert CofundingReceipt.objects.count() == 1


def test_a_refused_receipt_says_why_and_records_nothing(fund):
    run("request", "--fund", fund.code, "--fy", "2569")
    before = written()
    said = refused("receive", "--fund", fund.code, "--fy", "2569", "--party", "province", "--amount", "10")
    assert "party:" in said and "owes nothing under this request" in said
    assert written() == before


def test_money_by_source_is_printed_with_its_method(fund):
    table = run("sources", "--fund", fund.code, "--fy", "2569")
    assert "adds up" in table and "method:" in table and "วิธีคำนวณ" in table
    data = json.loads(run("sources", "--fund", fund.code, "--format", "json"))
    assert data["adds_up"] and data["sources"][0]["source"] == "members"


def test_the_fund_command_keeps_the_villages_and_policy(fund, tmp_path):
    villages = tmp_path / "villages.csv"
    villages.write_text("number,name\n1,บ้านนา\n2,บ้านดอน\n3,บ้านใหม่\n", encoding="utf-8")
    policy = tmp_path / "mine.yaml"
    policy.write_text(NATIONAL_LIKE, encoding="utf-8")
    said = run("fund", "--fund", fund.code, "--villages", str(villages), "--policy", str(policy))
    assert "3 village(s)" in said and "policy 'mine'" in said
    data = json.loads(run("entitlement", "--fund", fund.code, "--fy", "2569", "--format", "json"))
    assert {p["party"]: p["ratio"] for p in data["parties"]} == {"members": "1", "local_government": "0.5"}


def test_sajja_help_lists_the_cofunding_command_under_its_area():
    text = listing()
    area = text[text.index("Co-funding:") : text.index("Maintenance")]
    assert area.splitlines()[1].split(maxsplit=1) == [
        "cofunding",
        "Co-funding (1:1:1): check policies, compute the entitlement, request, receive and refund",
    ]
