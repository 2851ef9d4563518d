"""The fan chart of a fund's reserve, as a small self-contained SVG (a few KB, no script, no font file).

Drawn from a projection's summary (`summarise`), so a page can redraw it from stored plain data
without running the projection again: the P5–P95 band, the P25–P75 band, the median line and the
zero line, years on the x axis in the Buddhist era, amounts in baht (or millions of baht) on the y
axis. It scales to its container (`width="100%"`, a viewBox), and says what it shows in its
`<title>` and `<desc>` for screen readers. Hand-built: it is four shapes and some text.

>>> s = {"start_year": 2026, "reserve_p5": [0, -50.0, -200.0], "reserve_p25": [0, 10.0, 0.0],
...      "reserve_p50": [0, 40.0, 60.0], "reserve_p75": [0, 70.0, 120.0], "reserve_p95": [0, 90.0, 250.0],
...      "ruin_by_horizon": 0.12}
>>> svg = fan_chart(s, lang="en")
>>> svg.startswith("<svg") and "<title" in svg and "2571" in svg and len(svg) < 6000
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, TypedDict
from xml.sax.saxutils import escape

from sajja.core.thai_dates import buddhist_year

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 44, 36


class _Words(TypedDict):
    title: str
    baht: str
    million: str
    year: str
    desc: str
    legend: tuple[str, str, str]


WORDS: dict[str, _Words] = {
    "th": {
        "title": "ทุนสำรองที่คาดการณ์ของกองทุน",
        "baht": "บาท",
        "million": "ล้านบาท",
        "year": "ปี พ.ศ.",
        "desc": (
            "ทุนสำรองตั้งแต่ต้นปี {first} ถึงสิ้นปี {last}: ค่ามัธยฐานสิ้นปี {last} {median} บาท, "
            "ช่วง 90% จาก {p5} ถึง {p95} บาท; โอกาสเงินหมดภายใน {years} ปี {ruin}"
        ),
        "legend": ("90% ของเส้นทาง", "50% ของเส้นทาง", "ค่ามัธยฐาน"),
    },
    "en": {
        "title": "Projected reserve of the fund",
        "baht": "baht",
        "million": "million baht",
        "year": "year (B.E.)",
        "desc": (
            "Reserve from the start of {first} to the end of {last}: median at the end {median} baht, "
            "90% of paths between {p5} and {p95} baht; probability of ruin within {years} years {ruin}"
        ),
        "legend": ("90% of paths", "50% of paths", "median"),
    },
}


def _ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round values (1, 2 or 5 × a power of ten apart) covering low..high.

    >>> _ticks(-200, 250)
    [-200, -100, 0, 100, 200]
    """
    span = max(high - low, 1.0)
    raw = span / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [round(first + i * step, 10) for i in range(int((high - first) // step) + 1)]


def _points(xs: list[float], ys: list[float]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))


def fan_chart(summary: Mapping[str, Any], *, lang: str = "th", title: str | None = None) -> str:
    """The reserve's fan chart of a summary (`reserve_p5` .. `reserve_p95`, `start_year`) as SVG text."""
    w = WORDS["th" if lang == "th" else "en"]
    bands = {q: [float(v) for v in summary[f"reserve_p{q}"]] for q in (5, 25, 50, 75, 95)}
    n = len(bands[50])
    first = int(summary["start_year"])
    low = min(min(bands[5]), 0.0)
    high = max(max(bands[95]), 0.0)
    if high - low < 1:
        high = low + 1
    pad = (high - low) * 0.04
    low, high = low - (pad if low < 0 else 0), high + pad
    millions = max(abs(low), abs(high)) >= 1_000_000
    scale = 1_000_000 if millions else 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(t: float) -> float:
        return LEFT + plot_w * t / max(n - 1, 1)

    def y(v: float) -> float:
        return TOP + plot_h * (high - v) / (high - low)

    xs = [x(t) for t in range(n)]

    def band(lower: list[float], upper: list[float]) -> str:
        return _points(xs + xs[::-1], [y(v) for v in upper] + [y(v) for v in lower[::-1]])

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="fan-title fan-desc" font-family="sans-serif" font-size="12">',
        f'<title id="fan-title">{escape(title or w["title"])}</title>',
        f'<desc id="fan-desc">{escape(_describe(summary, bands, w))}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
    ]
    for v in _ticks(low / scale, high / scale):
        ty = y(v * scale)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#e5e5e5"/>'
            f'<text x="{LEFT - 4}" y="{ty + 4:.1f}" text-anchor="end" fill="#444">{v:,.{_digits(v)}f}</text>'
        )
    step = max(1, math.ceil((n - 1) / 6 / 5) * 5) if n > 8 else 1
    for t in range(0, n, step):
        parts.append(
            f'<text x="{xs[t]:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" fill="#444">'
            f"{buddhist_year(first + t)}</text>"
        )
    parts += [
        f'<polygon points="{band(bands[5], bands[95])}" fill="#9ecae1" fill-opacity="0.55"/>',
        f'<polygon points="{band(bands[25], bands[75])}" fill="#4292c6" fill-opacity="0.6"/>',
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#b30000" '
        'stroke-width="1.5" stroke-dasharray="6 4"/>',
        f'<polyline points="{_points(xs, [y(v) for v in bands[50]])}" fill="none" stroke="#08306b" '
        'stroke-width="2.5"/>',
        f'<text x="4" y="38" fill="#222">{escape(w["million"] if millions else w["baht"])}</text>',
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 4}" text-anchor="end" fill="#222">{escape(w["year"])}</text>',
    ]
    lx = 4
    for (label, colour), dx in zip(
        ((w["legend"][0], "#9ecae1"), (w["legend"][1], "#4292c6"), (w["legend"][2], "#08306b")),
        (0, 130, 260),
        strict=True,
    ):
        parts.append(
            f'<rect x="{lx + dx}" y="8" width="12" height="10" fill="{colour}"/>'
            f'<text x="{lx + dx + 16}" y="17" fill="#222">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _digits(v: float) -> int:
    return 0 if float(v).is_integer() else 1


def _describe(summary: Mapping[str, Any], bands: dict[int, list[float]], w: _Words) -> str:
    n = len(bands[50])
    ruin = summary.get("ruin_by_horizon")
    return w["desc"].format(
        first=buddhist_year(int(summary["start_year"])),
        last=buddhist_year(int(summary["start_year"])) + n - 2,
        median=f"{bands[50][-1]:,.0f}",
        p5=f"{bands[5][-1]:,.0f}",
        p95=f"{bands[95][-1]:,.0f}",
        years=n - 1,
        ruin="—" if ruin is None else f"{ruin:.0%}",
    )
