"""A projection's summary as a readable text table (the command line's output), Thai and English.

Years are Buddhist-era, amounts baht. The table shows the start, every `step` years and the last
year; the headline lines give the ruin probability over the horizon, the expected depletion year,
the break-even rate and the benefits by kind and by payer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sajja.core.thai_dates import buddhist_year

KIND_NAMES = {
    "death": "เสียชีวิต/death",
    "hospital": "นอนโรงพยาบาล/hospital",
    "birth": "คลอดบุตร/birth",
    "old_age": "บำนาญ/pension",
}
PAYER_NAMES = {"member": "สมาชิก/members", "local": "อปท./local gov.", "central": "รัฐ/central gov."}


def _baht(v: float) -> str:
    return f"{v:,.0f}"


def _ratio(v: float) -> str:
    return "∞" if v == float("inf") else f"{v:,.2f}"


def table(
    summary: Mapping[str, Any],
    *,
    title: str = "",
    break_even: float | None = None,
    target: float = 0.05,
    seconds: float | None = None,
    step: int = 5,
) -> str:
    s = summary
    first = s["start_year"]
    years = s["years"]
    lines = []
    if title:
        lines.append(title)
    lines.append(
        f"สมาชิก/members {s['members']:,} · {years} ปี/years from {buddhist_year(first)} · "
        f"{s['paths']:,} เส้นทาง/paths · seed {s['seed']} · engine {s['engine']}"
        + (f" · {seconds:.1f} s" if seconds is not None else "")
    )
    lines.append(
        f"ระเบียบ/scheme {s['scheme']} · สมทบ/contribution {s['daily_rate']:.2f} บาท/baht a day · "
        f"สมทบ 1:1:1/co-funding {'yes' if s['cofunding'] else 'no'} · "
        f"ทุนสำรองตั้งต้น/starting reserve {_baht(s['reserve_p50'][0])} บาท/baht"
    )
    head = (
        "ปี/year",
        "members",
        "reserve P5",
        "P50",
        "P95",
        "P(ruin)",
        "res. ratio",
        "claims ratio",
        "PAYG/member",
    )
    rows = []
    shown = sorted({0, *range(step - 1, years, step), years - 1})
    for t in shown:
        rows.append(
            (
                str(buddhist_year(first + t)),
                f"{s['members_by_year'][t]:,.0f}",
                _baht(s["reserve_p5"][t + 1]),
                _baht(s["reserve_p50"][t + 1]),
                _baht(s["reserve_p95"][t + 1]),
                f"{s['ruin_probability'][t]:.1%}",
                _ratio(s["reserve_ratio"][t]),
                _ratio(s["claims_ratio"][t]),
                _baht(s["payg_cost_per_member"][t]),
            )
        )
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    lines.append("")
    lines.append("  ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)))
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(
        "(reserve at the end of each year, baht; P(ruin): below zero at the end of some year so far)"
    )
    lines.append("")
    depletion = s["depletion_year"]
    lines.append(
        f"โอกาสเงินหมดภายใน {years} ปี / ruin probability within {years} years: {s['ruin_by_horizon']:.1%}"
    )
    lines.append(
        "ปีที่คาดว่าเงินหมด / expected depletion year: "
        + ("ไม่หมดในช่วงนี้ / none within the horizon" if depletion is None else str(buddhist_year(depletion)))
    )
    if break_even is not None:
        lines.append(
            f"อัตราสมทบคุ้มทุน / break-even rate (P(ruin) ≤ {target:.0%}): {break_even:,.2f} บาท/baht a day"
        )
    lines.append(
        "สวัสดิการตามประเภท / benefits by kind (baht, mean over the horizon): "
        + ", ".join(f"{KIND_NAMES.get(k, k)} {_baht(v)}" for k, v in s["benefits_by_kind"].items())
    )
    lines.append(
        "สวัสดิการตามผู้จ่าย / benefits by payer: "
        + ", ".join(f"{PAYER_NAMES.get(k, k)} {_baht(v)}" for k, v in s["benefits_by_payer"].items())
    )
    if s.get("unprojected_benefits"):
        lines.append("ไม่ได้คาดการณ์ / not projected (no event rate): " + ", ".join(s["unprojected_benefits"]))
    return "\n".join(lines)
