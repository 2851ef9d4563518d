"""The `sajja` commands: `report trial-balance` (table, csv, json, by period), `export beancount` (checked by
beancount 3's own bean-check, outside the app), and the demo world with its books and audit chain."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sajja.access.policy import SYSTEM
from sajja.contributions.models import Receipt
from sajja.contributions.selectors import statement_for
from sajja.ledger.models import Account, Entry
from sajja.ledger.selectors import trial_balance
from sajja.ops import demo
from sajja.pooling.models import Remittance
from sajja.registry.models import Fund, FundKind, Group, Member, Network
from tests.audit.console import run_verify, sajja_console
from tests.ops.factories import COFUNDING_MEMO, EXPECTED_ALL, EXPECTED_FEBRUARY, EXPENSE_MEMO

BIN = Path(sys.executable).parent
TOTALS_SCRIPT = Path(__file__).with_name("beancount_totals.py")


def command(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def report(fund: str, *extra: str) -> str:
    return command("report", "trial-balance", "--fund", fund, *extra)


# --- report trial-balance ------------------------------------------------------------------------


def test_report_as_json_parses_and_balances(books):
    data = json.loads(report("own-fund", "--format", "json"))
    assert (data["fund"], data["as_of"], data["balanced"]) == ("own-fund", None, True)
    assert {r["code"]: (r["debit"], r["credit"]) for r in data["rows"]} == EXPECTED_ALL
    assert data["total_debit"] == data["total_credit"] == 1227050
    cash = next(r for r in data["rows"] if r["code"] == "1101")
    assert (cash["name_th"], cash["name_en"], cash["kind"]) == ("เงินสด", "Cash", "asset")


def test_report_as_csv_has_the_same_rows_and_totals(books):
    rows = list(csv.DictReader(StringIO(report("own-fund", "--format", "csv"))))
    assert list(rows[0]) == ["code", "name_th", "name_en", "kind", "debit_satang", "credit_satang"]
    assert {r["code"]: (int(r["debit_satang"]), int(r["credit_satang"])) for r in rows} == EXPECTED_ALL
    assert sum(int(r["debit_satang"]) for r in rows) == sum(int(r["credit_satang"]) for r in rows) == 1227050


def test_report_as_a_table_shows_baht_and_equal_totals(books):
    text = report("own-fund")
    assert text.startswith("Trial balance own-fund (to date)")
    assert re.search(r"^1101\s+Cash\s+3,150\.00\s+3,120\.50$", text, re.M)
    assert re.search(r"^4101\s+Member contributions\s+3,000\.00\s+3,150\.00$", text, re.M)
    assert re.search(r"^\s+TOTAL\s+12,270\.50\s+12,270\.50$", text, re.M)
    assert text.rstrip().endswith("balanced")
    assert "4101-000001" not in text  # member sub-accounts roll up into their control account


@pytest.mark.parametrize("period", ["2025-02", "2568-02"])  # a Buddhist-era year is understood too
def test_report_for_a_period_counts_entries_up_to_that_months_end(books, period):
    data = json.loads(report("own-fund", "--period", period, "--format", "json"))
    assert data["as_of"] == "2025-02-28"
    assert {r["code"]: (r["debit"], r["credit"]) for r in data["rows"]} == EXPECTED_FEBRUARY
    assert data["total_debit"] == data["total_credit"] == 524050
    table = report("own-fund", "--period", period)
    assert table.startswith("Trial balance own-fund as of 2025-02-28")
    assert re.search(r"TOTAL\s+5,240\.50\s+5,240\.50$", table, re.M)


def test_report_before_any_entry_is_empty_and_balanced(books):
    data = json.loads(report("own-fund", "--period", "2024-12", "--format", "json"))
    assert (data["rows"], data["total_debit"], data["total_credit"], data["balanced"]) == ([], 0, 0, True)


def test_report_on_an_unknown_fund_or_period_is_a_clear_command_error(books):
    with pytest.raises(CommandError, match="ไม่พบกองทุน / fund not found"):
        report("no-such-fund")
    with pytest.raises(CommandError, match="invalid month"):
        report("own-fund", "--period", "2025-13")
    with pytest.raises(CommandError, match="use YYYY-MM"):
        report("own-fund", "--period", "February")


def test_report_agrees_with_the_trial_balance_selector(books):
    tb = trial_balance(SYSTEM, books["fund"])
    data = json.loads(report("own-fund", "--format", "json"))
    assert (data["total_debit"], data["total_credit"]) == (tb.total_debit, tb.total_credit)


# --- export beancount ----------------------------------------------------------------------------


def bean_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "bean-check"), str(path)], capture_output=True, text=True, timeout=120)


def read_with_beancount(path: Path) -> dict:
    """What beancount 3 itself reads from the file (in a child process: it is a test-only dependency)."""
    done = subprocess.run(
        [sys.executable, str(TOTALS_SCRIPT), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def gl_totals(ledger: dict) -> dict[str, tuple[int, int]]:
    """(debit, credit) per general-ledger code, member sub-accounts rolled up into 4101, zero rows left out."""
    totals: dict[str, list[int]] = {}
    for account in ledger["accounts"].values():
        code = account["meta"]["code"].split("-")[0]
        pair = totals.setdefault(code, [0, 0])
        pair[0] += account["debit"]
        pair[1] += account["credit"]
    return {code: (d, c) for code, (d, c) in totals.items() if d or c}


def export(fund: str, path: Path) -> Path:
    call_command("export", "beancount", "--fund", fund, "-o", str(path), stdout=StringIO(), stderr=StringIO())
    return path


def test_export_passes_bean_check_with_the_trial_balance_totals(books, tmp_path):
    path = export("own-fund", tmp_path / "own.beancount")
    checked = bean_check(path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == checked.stderr == ""
    ledger = read_with_beancount(path)
    assert ledger["errors"] == []
    assert gl_totals(ledger) == EXPECTED_ALL
    tb = trial_balance(SYSTEM, books["fund"])
    assert gl_totals(ledger) == {r.code: (r.debit, r.credit) for r in tb.rows if r.debit or r.credit}
    assert len(ledger["transactions"]) == Entry.objects.filter(fund=books["fund"]).count()


def test_export_names_accounts_in_ascii_and_carries_thai_names_as_metadata(books, tmp_path):
    path = export("own-fund", tmp_path / "own.beancount")
    ledger = read_with_beancount(path)
    names = set(ledger["accounts"])
    assert all(name.isascii() for name in names)
    assert "Assets:1101-Cash" in names
    assert ledger["accounts"]["Assets:1101-Cash"]["meta"] == {"name_th": "เงินสด", "code": "1101"}
    members = {
        n: a for n, a in ledger["accounts"].items() if n.startswith("Income:4101-MemberContributions:")
    }
    assert sorted(members) == [
        "Income:4101-MemberContributions:M000001",
        "Income:4101-MemberContributions:M000002",
    ]
    first = members["Income:4101-MemberContributions:M000001"]
    assert first["meta"]["code"] == "4101-000001"
    # 30 baht in January, February and March, and 3,000 baht posted by mistake, then reversed
    assert (first["debit"], first["credit"]) == (300000, 309000)
    text = path.read_text(encoding="utf-8")
    opened = re.findall(r"^\d{4}-\d\d-\d\d open (\S+) THB$", text, re.M)
    posted = re.findall(r"^  (\S+)  -?\d+\.\d\d THB$", text, re.M)
    assert set(opened) == names and set(posted) <= names
    assert all(name.isascii() for name in opened + posted)


def test_export_keeps_memos_with_quotes_and_thai_and_links_the_reversal(books, tmp_path):
    ledger = read_with_beancount(export("own-fund", tmp_path / "own.beancount"))
    by_key = {t["meta"]["key"]: t for t in ledger["transactions"]}
    assert by_key["exp-1"]["narration"] == EXPENSE_MEMO
    assert by_key["cf-1"]["narration"] == COFUNDING_MEMO
    mistake, reversal = books["mistake"], books["reversal"]
    rev = by_key["c3-1-rev"]
    assert rev["meta"]["reverses"] == str(mistake.pk)
    assert rev["meta"]["entry_id"] == str(reversal.pk)
    assert rev["narration"] == f"reversal: {mistake.memo}"
    original = by_key["c3-1"]["postings"]
    assert sorted(rev["postings"]) == sorted([account, -satang] for account, satang in original)
    assert [t["date"] for t in ledger["transactions"]] == sorted(t["date"] for t in ledger["transactions"])


def test_export_to_standard_output_and_of_an_unknown_fund(books):
    text = command("export", "beancount", "--fund", "own-fund", "-o", "-")
    assert text.startswith('option "title" "Fund own-fund (own-fund)"')
    assert "  Income:4101-MemberContributions:M000002  -30.00 THB" in text
    with pytest.raises(CommandError, match="fund not found"):
        command("export", "beancount", "--fund", "no-such-fund", "-o", "-")


def test_export_of_a_fund_without_entries_passes_bean_check(own, tmp_path):
    path = export("own-fund", tmp_path / "empty.beancount")
    checked = bean_check(path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_the_console_commands_report_and_export_from_the_database(books, tmp_path):
    shown = sajja_console("report", "trial-balance", "--fund", "own-fund", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["total_debit"] == 1227050
    missing = sajja_console("report", "trial-balance", "--fund", "no-such-fund")
    assert missing.returncode != 0
    assert "fund not found" in missing.stderr
    path = tmp_path / "console.beancount"
    written = sajja_console("export", "beancount", "--fund", "own-fund", "-o", str(path))
    assert written.returncode == 0, written.stderr
    assert bean_check(path).returncode == 0
    assert gl_totals(read_with_beancount(path)) == EXPECTED_ALL


# --- the demo world ------------------------------------------------------------------------------


@pytest.fixture
def demo_world(db):
    logins = demo.build()
    return logins


@pytest.mark.slow
def test_demo_builds_the_four_founding_networks_with_funds_groups_members_and_books(demo_world):
    assert set(Network.objects.values_list("code", flat=True)) == {"songkhla", "lampang", "trat", "nakhon"}
    for network in Network.objects.all():
        # the welfare funds; a network's pool fund (sajja.pooling) holds no members: checked below
        funds = list(network.funds.exclude(kind=FundKind.NETWORK_POOL))
        assert funds, network.code
        for fund in funds:
            assert Group.objects.filter(fund=fund).exists(), fund.code
            members = Member.objects.filter(fund=fund)
            assert members.count() >= 10, fund.code
            assert Entry.objects.filter(fund=fund, kind="contribution").count() >= members.count(), fund.code
            assert fund.subdistrict_code.startswith(network.province_code), fund.code
            closed = sorted(fund.closed_periods.values_list("period", flat=True))
            assert (closed[0], closed[-1], len(closed)) == (202401, 202609, 33), (
                fund.code
            )  # every month to Sept.
    assert Group.objects.filter(fund__code="lampang-province").count() == 21  # 21 groups, one provincial fund
    assert Fund.objects.filter(network__code="songkhla").count() >= 3
    pools = Fund.objects.filter(kind=FundKind.NETWORK_POOL)
    assert sorted(pools.values_list("code", flat=True)) == ["lampang-pool", "songkhla-pool"]
    for pool in pools:
        assert not Member.objects.filter(fund=pool).exists()
        remitted = Remittance.objects.filter(pool_fund=pool)
        assert remitted.exists() and all(r.fund.network_id == pool.network_id for r in remitted), pool.code
    assert {role for _, role, _ in demo_world} >= {
        "treasurer",
        "committee",
        "auditor",
        "member",
        "coordinator",
        "admin",
    }
    assert demo.demo_exists()


@pytest.mark.slow
def test_demo_members_paid_their_entry_fee_on_the_day_they_joined(demo_world):
    """The templates charge a 20-baht entry fee: each member has its receipt, dated the joining day, so
    no member's page says the fee is still due."""
    for fund in Fund.objects.all():
        members = list(Member.objects.filter(fund=fund))
        fees = Receipt.objects.filter(fund=fund, purpose="entry_fee")
        assert sorted((r.member_id, r.paid_on, r.amount) for r in fees) == sorted(
            (m.pk, m.joined_on, 20_00) for m in members
        ), fund.code
        assert Account.objects.get(fund=fund, code="4102").balance == -20_00 * len(members)
    fund = Fund.objects.get(code="songkhla-khuanlang")
    some = Member.objects.filter(fund=fund).order_by("number").first()
    assert statement_for(SYSTEM, fund, some.number).entry_fee_due == 0


@pytest.mark.slow
def test_demo_books_pass_audit_verify_and_every_trial_balance_balances(demo_world):
    assert run_verify()[0] is None
    for fund in Fund.objects.all():
        tb = trial_balance(SYSTEM, fund)
        assert tb.is_balanced and tb.total_debit > 0, fund.code
        control = next(r for r in tb.rows if r.code == "4101")
        assert control.credit == 30_00 * Entry.objects.filter(fund=fund, kind="contribution").count()
        data = json.loads(report(fund.code, "--format", "json"))
        assert data["balanced"] and data["total_debit"] == tb.total_debit


@pytest.mark.slow
def test_a_demo_fund_exports_a_ledger_that_bean_check_accepts(demo_world, tmp_path):
    path = export("songkhla-khuanlang", tmp_path / "khuanlang.beancount")
    checked = bean_check(path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tb = trial_balance(SYSTEM, Fund.objects.get(code="songkhla-khuanlang"))
    assert gl_totals(read_with_beancount(path)) == {
        r.code: (r.debit, r.credit) for r in tb.rows if r.debit or r.credit
    }


@pytest.mark.slow
def test_the_demo_command_builds_once_and_prints_the_logins(db):
    first = command("demo", "--build-only")
    assert "demo built: 4 networks" in first
    assert f"password for all: {demo.DEMO_PASSWORD}" in first
    assert re.search(r"^\s+treasurer\s+treasurer\s+songkhla-khuanlang$", first, re.M)
    again = command("demo", "--build-only")
    assert "demo database already built" in again
    assert Network.objects.count() == 4
    assert re.search(r"^\s+treasurer\s+treasurer\s+songkhla-khuanlang$", again, re.M)
