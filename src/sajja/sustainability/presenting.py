"""A stored projection as a page shows it: the chart, the yearly table, the labelled splits, the fixes.

Plain reading of stored JSON (no projection runs here); labels go through gettext, amounts are shown
as `1,234.50 บาท`, years in the Buddhist era.
"""

from __future__ import annotations

from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sajja.core.money import format_baht
from sajja.core.thai_dates import buddhist_year
from sajja.simulate.chart import fan_chart
from sajja.sustainability.compute import PENSION_CAP, RAISED_RATE, YOUNG_RATE

SHOWN_YEARS = (1, 5, 10, 15, 20, 25, 30, 40, 50)

KIND_LABELS = {
    "death": gettext_lazy("Funerals"),
    "hospital": gettext_lazy("Hospital stays"),
    "birth": gettext_lazy("Births"),
    "old_age": gettext_lazy("Old-age pensions"),
}
PAYER_LABELS = {
    "member": gettext_lazy("Members"),
    "local": gettext_lazy("Local government"),
    "central": gettext_lazy("Central government"),
}


def baht(value) -> str:
    return "—" if value is None else format_baht(round(float(value) * 100))


def percent(value) -> str:
    return "—" if value is None else f"{float(value):.1%}"


def be_year(year) -> str:
    return "—" if year is None else str(buddhist_year(int(year)))


def _at(values: list | None, t: int):
    return values[t] if values and 0 <= t < len(values) and values[t] is not None else None


def yearly(summary: dict) -> list[dict]:
    """Rows for years 1, 5, 10, ... of the horizon: ruin so far, median reserve, ratios, PAYG cost."""
    years, start = int(summary["years"]), int(summary["start_year"])
    rows = []
    for t in (y for y in SHOWN_YEARS if y <= years):
        rows.append(
            {
                "year": be_year(start + t - 1),
                "ruin": percent(_at(summary.get("ruin_probability"), t - 1)),
                "funds_ruined": _at(summary.get("funds_ruined"), t - 1),
                "median": baht(_at(summary.get("reserve_p50"), t)),
                "reserve_ratio": _ratio(_at(summary.get("reserve_ratio"), t - 1)),
                "claims_ratio": percent(_at(summary.get("claims_ratio"), t - 1)),
                "payg": baht(_at(summary.get("payg_cost_per_member"), t - 1)),
            }
        )
    return rows


def _ratio(value) -> str:
    return "—" if value is None else _("%(years).1f years") % {"years": float(value)}


def _labelled(values: dict | None, labels: dict) -> list[tuple[str, str]]:
    return [(str(labels.get(k, k)), baht(v)) for k, v in (values or {}).items()]


def scenario_label(key: str) -> str:
    if key.startswith("template:"):
        return _("Template %(name)s") % {"name": key.removeprefix("template:")}
    labels = {
        "own": _("This fund's rules"),
        "cofunding": _("With 1:1:1 co-funding"),
        "raised_rate": _("At %(rate)s baht a day") % {"rate": f"{RAISED_RATE:g}"},
        "pension_cap": _("Pension capped at %(cap)s baht") % {"cap": f"{PENSION_CAP:,}"},
        "young": _("Recruiting the young (%(rate)s a year, ages 15-34)") % {"rate": f"{YOUNG_RATE:.0%}"},
    }
    return labels.get(key, key)


def scenarios(rows: list[dict] | None) -> list[dict]:
    return [
        {
            "label": scenario_label(r.get("key", r.get("scenario", ""))),
            "rate": f"{r['daily_rate']:.2f}",
            "members_end": f"{r['members_end']:,.0f}",
            "benefits": baht(r["benefits"]),
            "reserve_end": baht(r["reserve_end_p50"]),
            "ruin": percent(r["ruin_probability"]),
            "depletion": be_year(r["depletion_year"]),
            "break_even": "—" if r["break_even_rate"] is None else f"{r['break_even_rate']:.2f}",
        }
        for r in rows or []
    ]


def present(standing, *, is_fund: bool) -> dict:
    """What the page template needs of a standing (nothing when there is no result yet)."""
    done = standing.done
    if done is None or not done.summary:
        return {"result": None}
    s = done.summary
    title = (
        _("Projected reserve of the fund")
        if is_fund
        else _("Projected reserve of the network's funds, together")
    )
    language = "en" if (get_language() or "th").startswith("en") else "th"
    fixes = done.fixes or {}
    return {
        "result": {
            "chart": mark_safe(
                fan_chart(s, lang=language, title=title)
            ),  # our own SVG; every text in it is escaped
            "years": s["years"],
            "paths": s["paths"],
            "first_year": be_year(s["start_year"]),
            "last_year": be_year(int(s["start_year"]) + int(s["years"]) - 1),
            "ruin": percent(s["ruin_by_horizon"]),
            "depletion": be_year(s.get("depletion_year")),
            "members": s["members"],
            "reserve": baht(done.inputs.get("reserve")),
            "reserve_end": baht(s["reserve_p50"][-1]),
            "yearly": yearly(s),
            "by_kind": _labelled(s.get("benefits_by_kind"), KIND_LABELS),
            "by_payer": _labelled(s.get("benefits_by_payer"), PAYER_LABELS),
            "unprojected": s.get("unprojected_benefits") or [],
            "break_even": fixes.get("break_even_rate"),
            "break_even_problem": fixes.get("break_even_problem", ""),
            "pension_scale": percent(fixes.get("pension_scale")) if fixes.get("pension_codes") else None,
            "pension_problem": fixes.get("pension_problem", ""),
            "target": percent(fixes.get("target", 0.05)),
            "daily_rate": f"{s['daily_rate']:.2f}" if s.get("daily_rate") is not None else None,
            "scenarios": scenarios(done.scenarios),
            "funds": [
                {
                    **f,
                    "reserve": baht(f["reserve"]),
                    "ruin": percent(f["ruin_by_horizon"]),
                    "depletion": be_year(f["depletion_year"]),
                    "break_even": "—" if f["break_even_rate"] is None else f"{f['break_even_rate']:.2f}",
                }
                for f in s.get("funds", [])
            ],
            "notes": done.inputs.get("notes", []),
        }
    }
