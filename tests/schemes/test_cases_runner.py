"""The committee's YAML cases: a failing case says what differs; a bad cases file says where."""

from __future__ import annotations

import pytest

from sajja.schemes import (
    SchemeInvalid,
    load_cases_text,
    load_template,
    run_case_file,
    run_cases,
    scheme_to_yaml,
)

CASES = """\
cases:
  - name: birth, 3 nights
    member: {birth_date: 1995-03-01, sex: F, joined_on: 2025-01-01, paid_through: 2025-12-31}
    event: {kind: birth, date: 2025-08-01, nights: 3}
    expect: {total: 800, benefits: {birth_grant: 500, mother_nights: 300}, reasons: []}
  - name: a committee member expected the wrong amount
    member: {birth_date: 1995-03-01, sex: F, joined_on: 2025-01-01, paid_through: 2025-12-31}
    event: {kind: birth, date: 2025-08-01, nights: 7}
    expect: {total: "1,200", benefits: {mother_nights: 700}, reasons: []}
"""


def test_passing_and_failing_cases_with_their_differences():
    _, cases = load_cases_text(CASES)
    ok, wrong = run_cases(load_template("codi"), cases)
    assert ok.passed and ok.differences == ()
    assert not wrong.passed
    assert [d.en for d in wrong.differences] == [
        "total: expected 1,200.00 baht, got 1,000.00 baht",
        "mother_nights: expected 700.00 baht, got 500.00 baht",
        "reasons: expected [-], got [cap_nights_event]",
    ]
    assert wrong.differences[0].th == "ยอดรวม: คาดว่า 1,200.00 บาท ได้ 1,000.00 บาท"
    assert "At most 5 nights per stay" in wrong.adjudication.explain("en")


@pytest.mark.parametrize(
    ("change", "path", "line"),
    [
        (
            ("kind: birth, date: 2025-08-01, nights: 3", "kind: wedding, date: 2025-08-01"),
            "cases[0].event.kind",
            4,
        ),
        (("reasons: []}\n  - name: a", "reasons: [bad_luck]}\n  - name: a"), "cases[0].expect.reasons[0]", 5),
        (("total: 800", "total: -800"), "cases[0].expect.total", 5),
        (
            ("sex: F, joined_on: 2025-01-01, paid", "sex: X, joined_on: 2025-01-01, paid"),
            "cases[0].member.sex",
            3,
        ),
        (("nights: 7}", "nights: 7, weather: rain}"), "cases[1].event.weather", 8),
        (
            (
                "paid_through: 2025-12-31}\n    event: {kind: birth, date: 2025-08-01, nights: 7",
                "paid_through: 2568-12-31}\n    event: {kind: birth, date: 2025-08-01, nights: 7",
            ),
            "cases[1].member.paid_through",
            7,
        ),
    ],
)
def test_a_bad_cases_file_names_the_place(change, path, line):
    with pytest.raises(SchemeInvalid) as caught:
        load_cases_text(CASES.replace(*change, 1), source="mine_cases.yaml")
    error = caught.value.errors[0]
    assert (error.path, error.line, error.source) == (path, line, "mine_cases.yaml")
    assert error.message_th and error.message_en


def test_a_cases_file_runs_against_the_scheme_it_names(tmp_path):
    (tmp_path / "mine.yaml").write_text(scheme_to_yaml(load_template("codi")), encoding="utf-8")
    (tmp_path / "mine_cases.yaml").write_text("scheme: mine.yaml\n" + CASES, encoding="utf-8")
    assert [r.passed for r in run_case_file(tmp_path / "mine_cases.yaml")] == [True, False]
    (tmp_path / "orphan_cases.yaml").write_text(CASES, encoding="utf-8")
    with pytest.raises(SchemeInvalid) as caught:
        run_case_file(tmp_path / "orphan_cases.yaml")
    assert caught.value.errors[0].path == "scheme"
