"""`sajja simulate` and `sajja sweep` as an operator uses them: tables, JSON, charts, refusals."""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.services import post_entries
from tests.factories import enrol, make_fund
from tests.sustainability.factories import national_id, pay

SMALL = ["--template", "songkhla", "--members", "400", "--years", "10", "--paths", "120", "--seed", "4"]


def simulate(*args) -> str:
    out = io.StringIO()
    call_command("simulate", *args, stdout=out)
    return out.getvalue()


def refused(command: str, *args) -> str:
    with pytest.raises(CommandError) as caught:
        call_command(command, *args, stdout=io.StringIO())
    return str(caught.value)


def test_a_template_run_prints_the_indicators_and_writes_json_and_a_chart(tmp_path):
    out = simulate(*SMALL, "--json", str(tmp_path / "a.json"), "--chart", str(tmp_path / "a.svg"))
    for words in (
        "ruin probability within 10 years",
        "expected depletion year",
        "break-even rate",
        "benefits by kind",
        "benefits by payer",
        "2569",
        "2578",
        "reserve P5",
    ):
        assert words in out
    data = json.loads((tmp_path / "a.json").read_text())
    assert data["members"] == 400 and data["paths"] == 120 and len(data["reserve_p50"]) == 11
    assert 0 <= data["ruin_by_horizon"] <= 1 and data["break_even_rate"] >= 0
    assert f"{data['break_even_rate']:,.2f}" in out
    root = ET.fromstring((tmp_path / "a.svg").read_text())
    assert root.find("{http://www.w3.org/2000/svg}title").text.startswith("template songkhla")
    simulate(*SMALL, "--json", str(tmp_path / "b.json"))
    again = json.loads((tmp_path / "b.json").read_text())
    assert again["reserve_p50"] == data["reserve_p50"]  # the same seed, the same numbers


def test_a_scenario_file_changes_the_rules_and_assumptions(tmp_path):
    (tmp_path / "two-baht.yaml").write_text(
        "name: two baht and co-funding\nassumptions:\n  daily_rate: 2.0\n  cofunding: true\n"
        "caps:\n  funeral: 1000\n"
    )
    simulate(*SMALL, "--json", str(tmp_path / "base.json"))
    out = simulate(*SMALL, "--scenario", str(tmp_path / "two-baht.yaml"), "--json", str(tmp_path / "s.json"))
    base, changed = (json.loads((tmp_path / n).read_text()) for n in ("base.json", "s.json"))
    assert changed["daily_rate"] == 2.0 and changed["cofunding"] is True
    assert changed["income_by_payer"]["local"] > 0 == base["income_by_payer"]["local"]
    assert 0 < changed["benefits_by_kind"]["death"] < base["benefits_by_kind"]["death"]
    assert "scenario: two baht and co-funding" in out


def write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text)
    return str(tmp_path / name)


def test_bad_input_is_refused_in_thai_and_english_and_nothing_is_written(tmp_path):
    out = ["--json", str(tmp_path / "x.json"), "--chart", str(tmp_path / "x.svg")]
    profile = write(tmp_path, "ages.csv", "# a fund's register\nage,male,female\n30,10,12\n70,5,4\n")
    cases = {
        "โครงสร้างอายุรวมได้ 31 คน": ["--age-profile", profile],
        "ต้องไม่ติดลบ": ["--scenario", write(tmp_path, "neg.yaml", "assumptions:\n  daily_rate: -1\n")],
        "ความน่าจะเป็นต้องอยู่ระหว่าง 0 ถึง 1": [
            "--scenario",
            write(tmp_path, "p.yaml", "assumptions:\n  leaving_rate: 1.5\n"),
        ],
        "unknown benefit(s) pension": ["--scenario", write(tmp_path, "cap.yaml", "caps:\n  pension: 100\n")],
        "unknown assumption(s): rate": ["--scenario", write(tmp_path, "u.yaml", "assumptions:\n  rate: 2\n")],
        "ไม่มีแม่แบบชื่อ": ["--template", "atlantis"],
        "unknown age profile": ["--age-profile", "mars-2020"],
    }
    for expected, extra in cases.items():
        args = [*SMALL, *extra, *out]
        if "--template" in extra:
            args = [*SMALL[:1], *extra[1:], *SMALL[2:], *out]
        message = refused("simulate", *args)
        assert expected in message, (expected, message)
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in message)  # a Thai line
        assert any("a" <= ch <= "z" for ch in message.splitlines()[-1])  # and an English one
    too_long = refused("simulate", *SMALL[:4], "--years", "101", *out)
    assert "between 1 and 100" in too_long and "1 ถึง 100" in too_long
    too_many = refused("simulate", *SMALL[:4], "--years", "100", "--paths", str(10**11), *out)
    assert "GiB of memory" in too_many and "GiB" in too_many.splitlines()[0]
    assert list(tmp_path.glob("x.*")) == []


def test_the_command_line_exits_non_zero_on_bad_input(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sajja.settings", "SAJJA_HOME": str(tmp_path)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sajja.cli",
            "simulate",
            *SMALL[:4],
            "--years",
            "500",
            "--json",
            str(tmp_path / "o.json"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode != 0
    assert "1 ถึง 100" in done.stderr and "between 1 and 100" in done.stderr
    assert not (tmp_path / "o.json").exists()


@pytest.fixture
def network_fund(db):
    fund = make_fund("cli-fund", "net-cli")
    members = [
        enrol(
            fund,
            national_id(10 + i),
            birth_date=datetime.date(1950 + 5 * i, 3, 1),
            joined_on=datetime.date(2024, 1, 1),
        )
        for i in range(6)
    ]
    post_entries(
        SYSTEM,
        fund,
        [
            Entry(
                datetime.date(2026, 1, 5),
                "ยอดยกมา",
                (Posting("1102", 2_000_000), Posting("3101", -2_000_000)),
                "opening",
                "open",
            ),
            *(pay(fund, m, 36_500, f"p{i}") for i, m in enumerate(members)),
        ],
    )
    return fund


def test_a_real_fund_is_projected_from_its_members_reserve_and_scheme(network_fund, tmp_path):
    out = simulate(
        "--fund",
        "cli-fund",
        "--as-of",
        "2026-11-01",
        "--years",
        "5",
        "--paths",
        "50",
        "--json",
        str(tmp_path / "f.json"),
    )
    data = json.loads((tmp_path / "f.json").read_text())
    assert data["fund"] == "cli-fund" and data["members"] == 6
    assert data["reserve_p50"][0] == 20_000 + 6 * 365
    assert data["scheme_source"] == "template codi"
    assert "กองทุน cli-fund" in out
    assert "fund not found: nowhere" in refused("simulate", "--fund", "nowhere", "--years", "5")
    assert "--members goes with --template" in refused("simulate", "--fund", "cli-fund", "--members", "5")


def test_sweep_a_network_and_a_national_population(network_fund, tmp_path):
    out = io.StringIO()
    call_command(
        "sweep",
        "--network",
        "net-cli",
        "--as-of",
        "2026-11-01",
        "--years",
        "5",
        "--paths",
        "30",
        "--json",
        str(tmp_path / "n.json"),
        stdout=out,
    )
    rows = json.loads((tmp_path / "n.json").read_text())["funds"]
    assert [r["fund"] for r in rows] == ["cli-fund"] and rows[0]["members"] == 6
    assert "network net-cli, 1 funds" in out.getvalue()
    out = io.StringIO()
    call_command(
        "sweep",
        "--national",
        "--funds",
        "3",
        "--years",
        "4",
        "--paths",
        "20",
        "--seed",
        "5",
        "--json",
        str(tmp_path / "d.json"),
        stdout=out,
    )
    national = json.loads((tmp_path / "d.json").read_text())
    assert national["overview"]["funds"] == 3 and len(national["funds"]) == 3
    assert "funds 3" in out.getvalue()
    assert "between 1 and 100" in refused("sweep", "--national", "--funds", "2", "--years", "0")
    assert "network not found: nowhere" in refused("sweep", "--network", "nowhere")
