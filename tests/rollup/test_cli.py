"""`sajja rollup`: the same figures as the pages, as a table, JSON or CSV; and `sajja rollup refresh`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sajja.registry.models import Fund
from sajja.rollup.models import FundFigures


def sajja_rollup(*args) -> str:
    out = io.StringIO()
    call_command("rollup", *args, "--as-of", "2569-11-26", stdout=out)
    return out.getvalue()


def test_the_network_as_a_table_names_the_funds_needing_attention_and_why(network_world):
    shown = sajja_rollup("--network", "net-a")
    lines = shown.splitlines()
    assert lines[0] == "Network net-a (network net-a): 2026-11 as of 2026-11-26, fiscal year 2570 BE"
    assert lines[2].split()[:2] == ["second-fund", "1"] and lines[3].split()[:2] == ["own-fund", "1"]
    total = lines[4].split()
    assert total[:3] == ["TOTAL", "2", "6"] and "52,225.00" in total
    assert (
        "  second-fund: 1 month(s) ended without being closed (latest closed: none); collected 48% of"
        in shown
    )


def test_the_network_as_json_holds_every_figure_in_satang(network_world):
    data = json.loads(sajja_rollup("--network", "net-a", "--format", "json"))
    assert (data["level"], data["code"], data["fiscal_year"], data["period"]) == (
        "network",
        "net-a",
        2570,
        202611,
    )
    total = data["total"]
    assert total["month"] == {"expected": 171_00, "collected": 120_00, "percent": 70}
    assert total["reserve"] == sum(row["figures"]["reserve"] for row in data["rows"]) == 52_225_00
    own = next(row for row in data["rows"] if row["code"] == "own-fund")
    assert own["figures"]["benefits"] == [
        {
            "category": "sickness",
            "label_th": "การเจ็บป่วย",
            "label_en": "sickness",
            "claims": 1,
            "amount": 300_00,
        }
    ]
    assert [a["code"] for a in own["attention"]] == ["months_not_closed", "risk_high"]
    assert own["standing_period"] == 202609


def test_the_network_as_csv_has_a_line_per_fund_and_the_total(network_world):
    rows = list(csv.DictReader(io.StringIO(sajja_rollup("--network", "net-a", "--format", "csv"))))
    assert [r["kind"] for r in rows] == ["fund", "fund", "total"]
    assert int(rows[-1]["reserve_satang"]) == sum(int(r["reserve_satang"]) for r in rows[:-1])
    assert rows[0]["attention"] == "months_not_closed; collections_low"


def test_a_province_and_the_nation(network_world):
    Fund.objects.update(province_code="90")
    nation = json.loads(sajja_rollup("--national", "--format", "json"))
    assert [(r["kind"], r["code"], r["name_th"]) for r in nation["rows"]] == [("province", "90", "สงขลา")]
    assert nation["total"]["funds"] == 3
    province = json.loads(sajja_rollup("--province", "90", "--format", "json"))
    assert sorted(r["code"] for r in province["rows"]) == ["net-a", "net-b"]
    assert province["total"] == nation["total"]


def test_refresh_works_out_the_figures_of_the_funds_named(network_world):
    FundFigures.objects.all().delete()
    out = io.StringIO()
    call_command("rollup", "refresh", "--network", "net-a", "--as-of", "2026-11-26", stdout=out)
    assert out.getvalue().strip() == "refreshed the figures of 2 fund(s) as of 2026-11-26"
    assert FundFigures.objects.count() == 2
    call_command("rollup", "refresh", "--national", "--as-of", "2026-11-26", stdout=io.StringIO())
    assert FundFigures.objects.count() == 3


@pytest.mark.parametrize(
    "args, said",
    [
        ((), "say which: --network CODE, --province CODE or --national"),
        (("--network", "no-such"), "network not found"),
        (("--province", "99"), "province not found"),
        (("refresh",), "say which: --fund CODE"),
        (("refresh", "--fund", "no-such"), "no fund found"),
    ],
)
def test_a_wrong_scope_is_refused_with_what_is_wrong(network_world, args, said):
    with pytest.raises(CommandError, match=said):
        sajja_rollup(*args)
