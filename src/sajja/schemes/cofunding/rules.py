"""The fund-level rules of co-funding: small functions over plain facts, run from one list (`RULES`).

Each rule takes the fund's facts, the fiscal year and the policy's thresholds, and says whether it is
met, why, in Thai and English, with the figures (`RuleResult.figures`). The day that counts is the
last of the fiscal year, 30 September, the day the members are counted too; so a fund founded on 30
September 2025 has run one year in fiscal year 2569, and one founded a day later has not (a year is
reached on the anniversary, `sajja.schemes.periods.anniversary`: founded 29 February 2024, a year on
1 March 2025).

>>> from sajja.schemes.cofunding.policy import Thresholds
>>> facts = FundFacts(founded_on=date(2020, 1, 1), registered=True, kind="tambon", villages_total=14,
...                   villages_with_members=6)
>>> print(coverage(facts, FiscalYear(2026), Thresholds()).message("en"))
covers 6 of 14 villages (43 %), at least 50 % needed
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sajja.core.thai_dates import format_thai_date
from sajja.schemes.cofunding.fiscal import FiscalYear
from sajja.schemes.cofunding.policy import Thresholds
from sajja.schemes.cofunding.welfare import basic_welfare_of
from sajja.schemes.explain import duration_text
from sajja.schemes.periods import anniversary, whole_months
from sajja.schemes.vocabulary import Category


class AreaKind(StrEnum):
    """What a fund's coverage is counted in: the villages of a tambon, the communities of a municipality."""

    TAMBON = "tambon"
    MUNICIPALITY = "municipality"


_UNITS = {AreaKind.TAMBON: ("หมู่บ้าน", "villages"), AreaKind.MUNICIPALITY: ("ชุมชน", "communities")}


@dataclass(frozen=True)
class FundFacts:
    """What the rules need to know about a fund, read from its register, books and scheme.

    `kind` is `tambon` or `municipality` (another kind of fund meets no coverage threshold);
    `villages_total` counts the villages (หมู่) of the tambon or the communities of the municipality,
    `villages_with_members` those where the fund has members; `months_closed` holds (year, month)
    periods; `welfare_categories` the benefit categories of the scheme in force
    (`welfare.welfare_categories`)."""

    founded_on: date | None
    registered: bool
    kind: str
    villages_total: int
    villages_with_members: int
    months_closed: frozenset[tuple[int, int]] = frozenset()
    chain_intact: bool = False
    welfare_categories: frozenset[Category] = frozenset()

    def __post_init__(self) -> None:
        if not 0 <= self.villages_with_members <= self.villages_total:
            raise ValueError(
                f"villages with members ({self.villages_with_members}) must be between 0 and the villages "
                f"of the area ({self.villages_total})"
            )


@dataclass(frozen=True)
class RuleResult:
    code: str
    passed: bool
    message_th: str
    message_en: str
    figures: Mapping[str, object] = field(default_factory=dict)

    def message(self, language: str = "th") -> str:
        return self.message_en if language.startswith("en") else self.message_th


def _result(code: str, passed: bool, th: str, en: str, **figures: object) -> RuleResult:
    return RuleResult(code, passed, th, en, figures)


def _not_required(code: str) -> RuleResult:
    return _result(code, True, "นโยบายนี้ไม่กำหนดเกณฑ์ข้อนี้", "not required by this policy")


def fund_age(facts: FundFacts, fy: FiscalYear, rules: Thresholds) -> RuleResult:
    """The fund has run at least `min_fund_age` by 30 September."""
    needed = rules.min_fund_age
    if not needed:
        return _not_required("fund_age")
    need_th, need_en = duration_text(needed, "th"), duration_text(needed, "en")
    if facts.founded_on is None:
        return _result(
            "fund_age",
            False,
            f"ไม่ได้บันทึกวันก่อตั้งกองทุน (ต้องดำเนินการมาอย่างน้อย {need_th})",
            f"the fund's founding date is not recorded (it must have run at least {need_en})",
        )
    reached = anniversary(facts.founded_on, needed)
    ran = whole_months(facts.founded_on, fy.end)
    founded_th, founded_en = format_thai_date(facts.founded_on), format_thai_date(facts.founded_on, "en")
    end_th, end_en = format_thai_date(fy.end), format_thai_date(fy.end, "en")
    if reached <= fy.end:
        return _result(
            "fund_age",
            True,
            f"ก่อตั้ง {founded_th}: ณ {end_th} ดำเนินการมา {duration_text(ran, 'th')} (ต้องอย่างน้อย {need_th})",
            f"founded {founded_en}: run {duration_text(ran, 'en')} at {end_en} (at least {need_en} needed)",
            founded_on=facts.founded_on,
            months=ran,
            needed_months=needed,
        )
    reached_th, reached_en = format_thai_date(reached), format_thai_date(reached, "en")
    return _result(
        "fund_age",
        False,
        f"ก่อตั้ง {founded_th}: ณ {end_th} ดำเนินการมา {duration_text(ran, 'th')} ยังไม่ครบ {need_th} "
        f"(ครบ {reached_th})",
        f"founded {founded_en}: run {duration_text(ran, 'en')} at {end_en}, short of {need_en} "
        f"(reached on {reached_en})",
        founded_on=facts.founded_on,
        months=ran,
        needed_months=needed,
    )


def registered(facts: FundFacts, fy: FiscalYear, rules: Thresholds) -> RuleResult:
    if not rules.registered:
        return _not_required("registered")
    if facts.registered:
        return _result("registered", True, "กองทุนจดทะเบียนแล้ว", "the fund is registered")
    return _result("registered", False, "กองทุนยังไม่ได้จดทะเบียน", "the fund is not registered")


def _percent(part: int, whole: int, needed: int) -> str:
    """The share as a whole percent, or to one decimal (rounded down) where rounding would hide a miss."""
    share = part * 100 / whole
    if round(share) >= needed > share:
        return f"{int(share * 10) / 10:.1f}"
    return str(round(share))


def coverage(facts: FundFacts, fy: FiscalYear, rules: Thresholds) -> RuleResult:
    """At least the policy's share of the villages (tambon) or communities (municipality) have members."""
    if facts.kind not in _UNITS:
        return _result(
            "coverage",
            False,
            f"นโยบายไม่มีเกณฑ์ความครอบคลุมสำหรับกองทุนประเภท '{facts.kind}' (มีสำหรับตำบลและเทศบาล)",
            f"the policy has no coverage threshold for a '{facts.kind}' fund (only tambon and municipal funds)",
        )
    kind = AreaKind(facts.kind)
    unit_th, unit_en = _UNITS[kind]
    needed = getattr(rules.coverage_percent, kind.value)
    if not needed:
        return _not_required("coverage")
    total, reached = facts.villages_total, facts.villages_with_members
    if total == 0:
        return _result(
            "coverage",
            False,
            f"ยังไม่ได้บันทึก{unit_th}ในพื้นที่ของกองทุน (ต้องครอบคลุมอย่างน้อย {needed} %)",
            f"the {unit_en} of the fund's area are not recorded (at least {needed} % must be covered)",
        )
    passed = reached * 100 >= needed * total  # exact: 7 of 14 is 50 %
    shown = _percent(reached, total, needed)
    return _result(
        "coverage",
        passed,
        f"ครอบคลุม {reached} จาก {total} {unit_th} ({shown} %) ต้องอย่างน้อย {needed} %",
        f"covers {reached} of {total} {unit_en} ({shown} %), at least {needed} % needed",
        covered=reached,
        total=total,
        needed_percent=needed,
    )


def books_closed(facts: FundFacts, fy: FiscalYear, rules: Thresholds) -> RuleResult:
    """Every month of the fiscal year is closed."""
    if not rules.books_kept:
        return _not_required("books_closed")
    missing = [m for m in fy.months() if m not in facts.months_closed]
    if not missing:
        return _result(
            "books_closed",
            True,
            f"ปิดบัญชีครบ 12 เดือนของ{fy.label('th')}",
            f"all 12 months of {fy.label('en')} are closed",
        )
    return _result(
        "books_closed",
        False,
        f"ยังไม่ปิดบัญชี {len(missing)} เดือน: " + ", ".join(fy.month_label(m, "th") for m in missing),
        f"{len(missing)} month(s) not closed: " + ", ".join(fy.month_label(m, "en") for m in missing),
        missing=tuple(missing),
    )


def audit_chain(facts: FundFacts, fy: FiscalYear, rules: Thresholds) -> RuleResult:
    """The books' audit chain verifies: nothing was changed after it was recorded."""
    if not rules.books_kept:
        return _not_required("audit_chain")
    if facts.chain_intact:
        return _result("audit_chain", True, "ห่วงโซ่ตรวจสอบบัญชีสมบูรณ์", "the audit chain of the books is intact")
    return _result(
        "audit_chain",
        False,
        "ห่วงโซ่ตรวจสอบบัญชีไม่สมบูรณ์: ตรวจด้วย audit verify",
        "the audit chain of the books is broken: run audit verify",
    )


def basic_welfare(facts: FundFacts, fy: FiscalYear, rules: Thresholds) -> RuleResult:
    """The scheme in force provides at least `min_basic_welfare_types` of birth, old age, sickness, death."""
    needed = rules.min_basic_welfare_types
    if not needed:
        return _not_required("basic_welfare")
    types = sorted(basic_welfare_of(facts.welfare_categories))
    names_th = ", ".join(t.label("th") for t in types) or "ไม่มี"
    names_en = ", ".join(t.label("en") for t in types) or "none"
    return _result(
        "basic_welfare",
        len(types) >= needed,
        f"มีสวัสดิการพื้นฐาน {len(types)} ประเภท ({names_th}) ต้องอย่างน้อย {needed}",
        f"provides {len(types)} basic welfare type(s) ({names_en}), at least {needed} needed",
        types=tuple(t.value for t in types),
        needed=needed,
    )


Rule = Callable[[FundFacts, FiscalYear, Thresholds], RuleResult]

RULES: tuple[Rule, ...] = (fund_age, registered, coverage, books_closed, audit_chain, basic_welfare)


def check_fund(facts: FundFacts, fy: FiscalYear, rules: Thresholds) -> tuple[RuleResult, ...]:
    """Every rule's result, in `RULES` order (a failed rule does not hide the next)."""
    return tuple(rule(facts, fy, rules) for rule in RULES)
