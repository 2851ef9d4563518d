"""Hostile YAML (issue 15, item 2): nested aliases ("billion laughs"), a recursive alias, control characters,
values no constructor can make, and files of thousands of mistakes. Each is refused fast, in the API's error
shape (400) and as a clean error at the command line, and a refusal lists at most 50 errors and how many more."""

from __future__ import annotations

import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sajja.core import safe_yaml
from sajja.schemes import SchemeInvalid, load_scheme_text
from sajja.schemes.errors import MAX_REPORTED
from sajja.schemes.loading import TEMPLATES
from sajja.simulate.errors import SimulationError
from sajja.simulate.files import read_scenario
from tests.audit.console import sajja_console
from tests.factories import token_for

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)
RECURSIVE = "code: &loop [*loop]\n"
TEMPLATE = (TEMPLATES / "codi.yaml").read_text(encoding="utf-8")


def refusal(text: str, seconds: float = 1.0) -> SchemeInvalid:
    """The refusal, checked to come within `seconds` of this process's CPU time (not the wall clock, which
    other work on the machine stretches)."""
    started = time.process_time()
    with pytest.raises(SchemeInvalid) as caught:
        load_scheme_text(text, source="hostile.yaml")
    assert time.process_time() - started < seconds
    return caught.value


def codes(exc: SchemeInvalid) -> list[str]:
    return [e.code for e in exc.errors]


# --- the loader --------------------------------------------------------------------------------------------


def test_billion_laughs_is_refused_at_once_naming_the_line():
    assert len(LAUGHS.encode()) < 450
    exc = refusal(LAUGHS)
    assert codes(exc) == ["yaml_alias"] and exc.errors[0].line == 1
    assert "anchors and aliases" in exc.errors[0].message_en and "alias" in exc.errors[0].message_th


def test_a_recursive_alias_is_refused():
    exc = refusal(RECURSIVE)
    assert codes(exc) == ["yaml_alias"] and str(exc).startswith("hostile.yaml:1: ")


def test_a_control_character_is_refused_naming_its_line():
    exc = refusal("code: demo\nname_th: ท\x07ดลอง\n")
    assert codes(exc) == ["yaml_control_character"] and exc.errors[0].line == 2
    assert "U+0007" in exc.errors[0].message_en and "U+0007" in exc.errors[0].message_th


@pytest.mark.parametrize(
    "text, code",
    [
        ("versions:\n  - effective_from: 2025-02-30\n", "yaml_value"),  # no such day
        ("code: " + "9" * 5000 + "\n", "yaml_value"),  # past Python's digits for an integer
        ("[" * 5000, "yaml_too_deep"),
        ("versions: [" + "1, " * 30_000 + "1]\n", "yaml_too_large"),
        ("code: x\n" + "#" * safe_yaml.MAX_CHARS, "yaml_too_large"),
        ("code: !!python/object:os.system x\n", "yaml_syntax"),
        ("a: b\n---\nc: d\n", "yaml_syntax"),
    ],
)
def test_what_no_reader_should_follow_is_refused_not_raised(text, code):
    assert codes(refusal(text)) == [code]


def test_thousands_of_errors_are_answered_with_the_first_fifty_and_a_count():
    text = TEMPLATE.replace("versions:\n", "versions:\n" + "  - 1\n" * 3000, 1)
    exc = refusal(text, seconds=2.0)
    assert len(exc.errors) == MAX_REPORTED + 1
    more = exc.errors[-1]
    assert more.code == "more_errors" and "more" in more.message_en and "อีก" in more.message_th
    assert str(3000 - MAX_REPORTED) in more.message_en.replace(",", "")
    assert len(str(exc)) < 20_000


def test_a_capped_refusal_keeps_its_count_when_its_places_are_renamed():
    exc = refusal("versions:\n" + "  - 1\n" * 200)
    again = exc.with_source("other.yaml", lambda path: 7)
    assert len(again.errors) == MAX_REPORTED + 1 and again.errors[-1].message_en == exc.errors[-1].message_en


def test_the_templates_and_their_cases_still_read():
    for path in TEMPLATES.glob("*.yaml"):
        safe_yaml.load(path.read_text(encoding="utf-8"))


# --- the API -----------------------------------------------------------------------------------------------


def publish(own, user, text: str, key: str):
    client = Client(headers={"Authorization": f"Bearer {token_for(user)}", "Idempotency-Key": key})
    path = reverse("api:welfare-publish", kwargs={"code": own.code})
    started = time.process_time()
    answer = client.post(path, {"yaml": text}, content_type="application/json")
    return answer, time.process_time() - started


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, code",
    [
        (LAUGHS, "yaml_alias"),
        (RECURSIVE, "yaml_alias"),
        ("effective_from: 2027-01-01\nwaiting_days: 9\x00\n", "yaml_control_character"),
        ("effective_from: 2027-02-30\n", "yaml_value"),
    ],
)
def test_the_api_answers_hostile_yaml_with_a_400_in_its_error_shape(own, scheme, users, text, code):
    answer, took = publish(own, users["treasurer"], text, f"hostile-{code}-{len(text)}")
    assert answer.status_code == 400 and took < 1.0
    body = answer.json()
    assert set(body) == {"code", "message_th", "message_en", "errors"}
    assert [e["code"] for e in body["errors"]] == [code]
    assert body["errors"][0]["where"].startswith("version.yaml")


@pytest.mark.django_db
def test_the_api_caps_the_errors_it_answers(own, scheme, users):
    text = "effective_from: 2027-01-01\nbenefits:\n" + "  - 1\n" * 3000
    answer, took = publish(own, users["treasurer"], text, "many-errors")
    assert answer.status_code == 400 and took < 2.0
    errors = answer.json()["errors"]
    assert len(errors) == MAX_REPORTED + 1 and errors[-1]["code"] == "more_errors"
    assert len(answer.content) < 50_000


# --- the command line --------------------------------------------------------------------------------------


def check(path: Path) -> tuple[str, str | None]:
    err = StringIO()
    try:
        call_command("scheme", "check", str(path), stdout=StringIO(), stderr=err)
    except CommandError as exc:
        return err.getvalue(), str(exc)
    return err.getvalue(), None


@pytest.mark.parametrize(
    "content",
    [RECURSIVE.encode(), LAUGHS.encode(), b"code: \x1b[31mred\n", b"code: \xff\xfe\n"],
    ids=["recursive", "laughs", "control", "not-utf8"],
)
def test_scheme_check_prints_a_clear_error(tmp_path: Path, content: bytes):
    path = tmp_path / "ours.yaml"
    path.write_bytes(content)
    started = time.process_time()
    err, error = check(path)
    assert time.process_time() - started < 1.0
    assert error == "1 error(s) / พบข้อผิดพลาด 1 รายการ"
    assert err.startswith("ours.yaml")


def test_scheme_check_of_a_recursive_alias_shows_no_traceback(tmp_path: Path):
    path = tmp_path / "loop.yaml"
    path.write_text(RECURSIVE, encoding="utf-8")
    done = sajja_console("scheme", "check", str(path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "loop.yaml:1:" in done.stderr


def test_a_scenario_file_is_read_by_the_same_guarded_loader(tmp_path: Path):
    path = tmp_path / "laughs.yaml"
    path.write_text(LAUGHS, encoding="utf-8")
    with pytest.raises(SimulationError) as caught:
        read_scenario(path)
    assert "line 1" in str(caught.value) and "aliases" in str(caught.value)
    floats = tmp_path / "rate.yaml"
    floats.write_text("assumptions:\n  daily_rate: 2.0\n", encoding="utf-8")
    assert read_scenario(floats).overrides == {"daily_rate": 2.0}  # scenarios keep their floats


# --- properties: any text is read or refused, never raised, within a second -----------------------------------

YAMLISH = st.text(alphabet=st.sampled_from(list("ab0-9:,.&*!|>[]{}#'\"?%@`~ \n\t\x07ท\u2028")), max_size=300)


@settings(max_examples=300, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=500), YAMLISH))
def test_any_text_is_a_scheme_or_a_refusal(text):
    try:
        load_scheme_text(text, source="any.yaml")
    except SchemeInvalid as exc:
        assert 1 <= len(exc.errors) <= MAX_REPORTED + 1 and str(exc)


LINES = st.lists(
    st.sampled_from(
        [
            "code: demo",
            "name_th: ทดลอง",
            "name_en: Demo",
            "versions:",
            "  - effective_from: 2025-01-01",
            "    benefits:",
            "      - {code: flood, kind: lump_sum, event: disaster, name_th: น้ำ, name_en: Flood, amount: 5}",
            "      - {code: x, kind: pension, event: old_age, name_th: x, name_en: x, monthly: -1}",
            "    waiting_days: 90",
            "  - effective_from: 2024-13-01",
            "  - &a {x: 1}",
            "  - *a",
            "      amount: 1.50",
            "      - 1",
        ]
    ),
    max_size=25,
).map("\n".join)


@settings(max_examples=300, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(text=LINES)
def test_any_scheme_like_text_is_a_scheme_or_a_refusal(text):
    try:
        load_scheme_text(text, source="lines.yaml")
    except SchemeInvalid as exc:
        assert 1 <= len(exc.errors) <= MAX_REPORTED + 1
