"""`sajja scheme check | test | quote`: what a committee's secretary types, and what they read back."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sajja.schemes.loading import TEMPLATES
from tests.audit.console import sajja_console
from tests.welfare.factories import paid

BAD = """\
code: our_fund
name_th: กองทุนของเรา
name_en: Our fund
versions:
  - effective_from: 2025-01-01
    benefits:
      - {code: flood, kind: lump_sum, event: disaster, name_th: น้ำท่วม, name_en: Flood, amount: -5}
      - {code: moon, kind: moon_grant, event: other, name_th: ดวงจันทร์, name_en: Moon}
  - effective_from: 2024-06-01
"""


def run(*args: str) -> tuple[str, str, str | None]:
    """(stdout, stderr, the error that ended the command or None)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("scheme", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), str(exc)
    return out.getvalue(), err.getvalue(), None


def test_check_accepts_a_template():
    out, _, error = run("check", str(TEMPLATES / "songkhla.yaml"))
    assert error is None
    assert "OK" in out and "scheme 'songkhla'" in out


def test_check_lists_every_error_with_its_line_and_fails(tmp_path: Path):
    path = tmp_path / "ours.yaml"
    path.write_text(BAD, encoding="utf-8")
    _, err, error = run("check", str(path))
    assert error is not None and "2 error(s)" in error
    lines = err.splitlines()
    assert any(
        line.startswith("ours.yaml:7: versions[0].benefits[0].amount:") and "negative amount" in line
        for line in lines
    )
    assert any(
        "versions[0].benefits[1].kind" in line and "unknown benefit kind 'moon_grant'" in line
        for line in lines
    )
    # once the shape is right, the order of versions is checked too
    path.write_text(
        BAD.replace("amount: -5", "amount: 5").replace(", kind: moon_grant,", ", kind: lump_sum, amount: 1,")
    )
    _, err, error = run("check", str(path))
    assert error is not None and "1 error(s)" in error
    assert err.startswith("ours.yaml:9: versions[1].effective_from:")


@pytest.mark.slow
def test_check_exits_with_status_1_from_the_console(tmp_path: Path):
    path = tmp_path / "ours.yaml"
    path.write_text(BAD, encoding="utf-8")
    done = sajja_console("scheme", "check", str(path))
    assert done.returncode == 1
    assert "negative amount" in done.stderr
    good = sajja_console("scheme", "check", str(TEMPLATES / "codi.yaml"))
    assert good.returncode == 0, good.stderr


@pytest.mark.parametrize("name", ["codi", "songkhla", "lampang", "trat", "nakhon"])
def test_each_templates_cases_pass(name):
    out, _, error = run("test", str(TEMPLATES / f"{name}.yaml"), str(TEMPLATES / f"{name}_cases.yaml"))
    assert error is None, out
    assert "0 failed" in out and "FAIL" not in out


def test_a_failing_case_shows_the_difference_and_fails(tmp_path: Path):
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        """\
cases:
  - name: birth, 3 nights
    member: {birth_date: 1995-03-01, sex: F, joined_on: 2025-01-01, paid_through: 2025-12-31}
    event: {kind: birth, date: 2025-08-01, nights: 3}
    expect: {total: 900, benefits: {birth_grant: 500}}
  - name: birth in the waiting period
    member: {birth_date: 1995-03-01, sex: F, joined_on: 2025-01-01, paid_through: 2025-12-31}
    event: {kind: birth, date: 2025-03-01}
    expect: {total: 0, reasons: [no_nights, waiting_period]}
""",
        encoding="utf-8",
    )
    out, _, error = run("test", str(TEMPLATES / "codi.yaml"), str(cases))
    assert error is not None and "1 case(s) failed" in error
    assert "FAIL  birth, 3 nights" in out
    assert "total: expected 900.00 baht, got 800.00 baht" in out
    assert "PASS  birth in the waiting period" in out
    assert "2 case(s): 1 passed, 1 failed" in out


def test_quote_uses_what_the_member_really_paid(own, paid_member):
    out, _, error = run(
        "quote",
        "--fund",
        own.code,
        "--member",
        paid_member.number,
        "--event",
        "birth",
        "--date",
        "2025-08-01",
        "--nights",
        "3",
        "--json",
    )
    assert error is None
    data = json.loads(out)
    assert (data["fund"], data["member"], data["total_satang"]) == (own.code, "000001", 800_00)
    assert {b["code"]: b["amount_satang"] for b in data["benefits"]} == {
        "birth_grant": 500_00,
        "mother_nights": 300_00,
    }
    assert "Contributions paid up to 31 Dec 2568 BE" in data["explanation"]["en"]

    text, _, _ = run(
        "quote",
        "--fund",
        own.code,
        "--member",
        "000001",
        "--event",
        "hospital",
        "--date",
        "2568-08-01",
        "--nights",
        "2",
    )
    assert text.splitlines()[0] == f"{own.code} / 000001: 200.00 บาท"
    assert "ส่งเงินสัจจะครอบคลุมถึง 31 ธ.ค. 2568" in text


def test_quote_for_a_member_who_paid_one_month_is_zero_with_the_reason(own, own_member, scheme):
    paid(own, own_member, 3000, datetime.date(2025, 1, 1), "one-month")
    out, _, error = run(
        "quote",
        "--fund",
        own.code,
        "--member",
        "000001",
        "--event",
        "hospital",
        "--date",
        "2025-08-01",
        "--nights",
        "2",
        "--language",
        "en",
    )
    assert error is None
    assert out.splitlines()[0].endswith("0.00 บาท")
    assert "Contributions paid up to 30 Jan 2568 BE" in out
    assert "beyond the 90-day grace period" in out


def test_a_quote_in_json_names_each_reason_with_its_thai_label(own, own_member, scheme):
    paid(own, own_member, 3000, datetime.date(2025, 1, 1), "one-month")
    out, _, error = run(
        "quote",
        "--fund",
        own.code,
        "--member",
        "000001",
        "--event",
        "hospital",
        "--date",
        "2025-08-01",
        "--nights",
        "2",
        "--json",
    )
    assert error is None
    (hospital,) = json.loads(out)["benefits"]
    assert (hospital["amount_satang"], hospital["status"], hospital["reasons"]) == (
        0,
        "refused",
        ["in_arrears"],
    )
    assert hospital["reason_labels"] == {
        "in_arrears": {"th": "ค้างส่งเงินสัจจะ", "en": "contributions in arrears"}
    }


def test_quote_refuses_what_it_cannot_find(own, own_member, scheme):
    _, _, error = run(
        "quote", "--fund", "nowhere", "--member", "1", "--event", "birth", "--date", "2025-01-01"
    )
    assert "fund not found" in error
    _, _, error = run(
        "quote", "--fund", own.code, "--member", "999", "--event", "birth", "--date", "2025-01-01"
    )
    assert "member not found" in error
    _, _, error = run(
        "quote", "--fund", own.code, "--member", "000001", "--event", "birth", "--date", "1/8/2025"
    )
    assert "not a date" in error


def test_adopt_publish_and_show_at_the_command_line(own, tmp_path: Path):
    _, _, error = run("adopt", "--fund", own.code, "--template", "lampang", "--from", "2024-01-01")
    assert error is None
    version = tmp_path / "v2.yaml"
    version.write_text("effective_from: 2026-01-01\nwaiting_days: 90\n", encoding="utf-8")
    out, _, error = run("publish", "--fund", own.code, str(version), "--resolution", "มติ 1/2569")
    assert error is None and "version 2 in force from 2026-01-01" in out
    shown, _, _ = run("show", "--fund", own.code)
    assert "effective_from: '2026-01-01'" in shown or "effective_from: 2026-01-01" in shown
    version.write_text("effective_from: 2025-06-01\n", encoding="utf-8")
    _, err, error = run("publish", "--fund", own.code, str(version))
    assert error is not None and "v2.yaml:1: effective_from:" in err
