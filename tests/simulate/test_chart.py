"""The reserve's fan chart: a small, well-formed, accessible SVG drawn from a projection's summary."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sajja.simulate import Population, fan_chart, project, summarise

SVG = "{http://www.w3.org/2000/svg}"


def test_the_fan_chart_shows_the_bands_the_median_and_zero_in_buddhist_years(songkhla):
    p = project(songkhla, Population.synthetic(300, from_age=40, to_age=79), years=30, paths=200, seed=5)
    s = summarise(p)
    svg = fan_chart(s)
    assert len(svg.encode()) < 8_000  # light enough for a cheap phone
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "ทุนสำรองที่คาดการณ์ของกองทุน"
    desc = root.find(f"{SVG}desc").text
    assert "2569" in desc and "2598" in desc and f"{s['ruin_by_horizon']:.0%}" in desc
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"2569", "2574", "2599"} <= set(texts)
    bands = root.findall(f"{SVG}polygon")
    assert len(bands) == 2 and all(len(b.get("points").split()) == 2 * 31 for b in bands)
    median = root.find(f"{SVG}polyline").get("points").split()
    assert len(median) == 31
    # the drawn median is inside the drawn 90% band at every year (y grows downwards)
    outer = [tuple(map(float, pt.split(","))) for pt in bands[0].get("points").split()]
    upper, lower = outer[:31], outer[31:][::-1]
    for t, pt in enumerate(median):
        y = float(pt.split(",")[1])
        assert upper[t][1] - 0.2 <= y <= lower[t][1] + 0.2


def test_the_chart_speaks_english_when_asked_and_escapes_its_title(songkhla):
    s = summarise(
        project(songkhla, Population.synthetic(100, from_age=20, to_age=59), years=5, paths=20, seed=1)
    )
    root = ET.fromstring(fan_chart(s, lang="en", title="Fund <A> & B"))
    assert root.find(f"{SVG}title").text == "Fund <A> & B"
    assert "probability of ruin within 5 years" in root.find(f"{SVG}desc").text
    assert "2569" in [t.text for t in root.iter(f"{SVG}text")]
