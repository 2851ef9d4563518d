"""Committee test cases, in the spirit of OpenFisca's YAML tests: situations and expected amounts.

A cases file (amounts in baht, like scheme files)::

    scheme: codi.yaml              # optional: the scheme file, relative to this one
    cases:
      - name: birth after the waiting period, 3 nights
        member: {birth_date: 1995-03-01, sex: F, joined_on: 2025-01-01, paid_through: 2025-12-31}
        event: {kind: birth, date: 2025-08-01, nights: 3}
        used: {hospital: {claims: 1, nights: 2, amount: 200}}     # already paid this year (optional)
        expect: {total: 800, benefits: {birth_grant: 500, mother_nights: 300}, reasons: []}

`expect.benefits` checks the benefits it names; `expect.reasons` is the exact set of reason codes
(of every benefit together) when given. `run_cases` is pure: it returns a result per case with the
differences, in Thai and English.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sajja.schemes.decision import Adjudication
from sajja.schemes.engine import adjudicate
from sajja.schemes.errors import SchemeError, SchemeInvalid, from_pydantic
from sajja.schemes.explain import Baht, Step, say
from sajja.schemes.loading import line_of, load_scheme_file, read_text, read_yaml
from sajja.schemes.money import Money
from sajja.schemes.parts import CEDate
from sajja.schemes.reasons import Reason
from sajja.schemes.situation import Event, MemberHistory, Payment, Usage
from sajja.schemes.versions import Scheme
from sajja.schemes.vocabulary import EventKind, Level, Sex


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Payment(_Strict):
    date: CEDate
    amount: Money


class _Member(_Strict):
    birth_date: CEDate
    sex: Sex
    joined_on: CEDate
    paid_through: CEDate | None = None
    payments: tuple[_Payment, ...] = ()
    died_on: CEDate | None = None
    left_on: CEDate | None = None
    reinstated_on: CEDate | None = None


class _Event(_Strict):
    kind: EventKind
    date: CEDate
    nights: int = Field(default=0, ge=0)
    level: Level | None = None


class _Usage(_Strict):
    claims: int = Field(default=0, ge=0)
    nights: int = Field(default=0, ge=0)
    amount: Money = 0


class _Expect(_Strict):
    total: Money | None = None
    benefits: dict[str, Money] = {}
    reasons: tuple[Reason, ...] | None = None


class _Case(_Strict):
    name: str = Field(min_length=1)
    member: _Member
    event: _Event
    used: dict[str, _Usage] = {}
    expect: _Expect


class _CaseFile(_Strict):
    scheme: str | None = None
    cases: tuple[_Case, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Case:
    name: str
    member: MemberHistory
    event: Event
    used: dict[str, Usage]
    expect: _Expect


@dataclass(frozen=True)
class CaseResult:
    name: str
    passed: bool
    differences: tuple[Step, ...]
    adjudication: Adjudication


def _case(raw: _Case) -> Case:
    m = raw.member
    member = MemberHistory(
        birth_date=m.birth_date,
        sex=m.sex.value,
        joined_on=m.joined_on,
        paid_through=m.paid_through,
        payments=tuple(Payment(p.date, p.amount) for p in m.payments),
        died_on=m.died_on,
        left_on=m.left_on,
        reinstated_on=m.reinstated_on,
    )
    event = Event(
        raw.event.kind.value,
        raw.event.date,
        raw.event.nights,
        raw.event.level.value if raw.event.level else None,
    )
    used = {code: Usage(u.claims, u.nights, u.amount) for code, u in raw.used.items()}
    return Case(raw.name, member, event, used, raw.expect)


def load_cases_text(text: str, source: str = "<cases>") -> tuple[str | None, list[Case]]:
    """(the scheme file named, if any; the cases), or `SchemeInvalid` naming each problem."""
    data, root = read_yaml(text, source)
    try:
        parsed = _CaseFile.model_validate(data)
    except ValidationError as exc:
        raise SchemeInvalid(from_pydantic(exc)).with_source(source, lambda p: line_of(root, p)) from None
    return parsed.scheme, [_case(c) for c in parsed.cases]


def run_case(scheme: Scheme, case: Case) -> CaseResult:
    result = adjudicate(scheme, case.member, case.event, case.used)
    diffs: list[Step] = []
    want = case.expect
    if want.total is not None and want.total != result.total:
        diffs.append(say("case_total", expected=Baht(want.total), got=Baht(result.total)))
    amounts = result.amounts()
    for code, expected in want.benefits.items():
        got = amounts.get(code, 0)
        if got != expected:
            diffs.append(say("case_benefit", benefit=code, expected=Baht(expected), got=Baht(got)))
    if want.reasons is not None:
        want_reasons = sorted(r.value for r in want.reasons)
        got_reasons = sorted(r.value for r in result.all_reasons())
        if want_reasons != got_reasons:
            diffs.append(
                say(
                    "case_reasons", expected=", ".join(want_reasons) or "-", got=", ".join(got_reasons) or "-"
                )
            )
    return CaseResult(case.name, not diffs, tuple(diffs), result)


def run_cases(scheme: Scheme, cases: Sequence[Case]) -> list[CaseResult]:
    return [run_case(scheme, case) for case in cases]


def run_case_file(path: str | Path, scheme: Scheme | None = None) -> list[CaseResult]:
    """Run a cases file against `scheme`, or against the scheme file it names."""
    path = Path(path)
    named, cases = load_cases_text(read_text(path), source=path.name)
    if scheme is None:
        if named is None:
            raise SchemeInvalid(
                [
                    SchemeError(
                        "scheme",
                        "missing",
                        "ต้องระบุไฟล์ระเบียบ (scheme)",
                        "name the scheme file (scheme)",
                        source=path.name,
                    )
                ]
            )
        scheme = load_scheme_file(path.parent / named)
    return run_cases(scheme, cases)
