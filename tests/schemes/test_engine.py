"""The scalar engine: amounts, refusals as values (never exceptions), explanations in Thai and English."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from sajja.schemes import (
    Event,
    MemberHistory,
    Payment,
    Reason,
    Status,
    Usage,
    adjudicate,
    entitlements,
    load_scheme_text,
    load_template,
)

THAI = re.compile(r"[\u0e00-\u0e7f]")
CODI = load_template("codi")

TWO_VERSIONS = """\
code: changing
name_th: กองทุนที่แก้ระเบียบ
name_en: A fund that changed its rules
versions:
  - effective_from: 2024-01-01
    waiting_days: 0
    contributions: {daily_rate: 1, reinstatement: {pay_arrears: false, waiting_days: 30}}
    benefits:
      - {code: hospital, kind: per_night, event: hospital, name_th: นอนโรงพยาบาล, name_en: Hospital, rate: 100,
         max_amount_per_event: 250}
      - code: funeral
        kind: membership_tiered
        event: death
        name_th: ฌาปนกิจ
        name_en: Funeral
        tiers: [{from: 0 months, to: 1 year, amount: 1000}, {from: 1 year, amount: 5000}]
  - effective_from: 2025-01-01
    waiting_days: 0
    contributions: {daily_rate: 2}
    benefits:
      - {code: hospital, kind: per_night, event: hospital, name_th: นอนโรงพยาบาล, name_en: Hospital, rate: 150}
"""


def member(**changes) -> MemberHistory:
    base = dict(
        birth_date=date(1980, 1, 1), sex="F", joined_on=date(2024, 1, 1), paid_through=date(2026, 12, 31)
    )
    return MemberHistory(**(base | changes))


def test_the_version_in_force_on_the_event_date_decides():
    scheme = load_scheme_text(TWO_VERSIONS)
    before = adjudicate(scheme, member(), Event("hospital", date(2024, 12, 31), nights=2))
    after = adjudicate(scheme, member(), Event("hospital", date(2025, 1, 1), nights=2))
    assert (before.total, before.version_from) == (20_000, date(2024, 1, 1))
    assert (after.total, after.version_from) == (30_000, date(2025, 1, 1))
    gone = adjudicate(scheme, member(), Event("death", date(2025, 6, 1)))
    assert (gone.total, gone.reasons) == (0, {Reason.NO_BENEFIT})


def test_per_event_amount_cap():
    scheme = load_scheme_text(TWO_VERSIONS)
    result = adjudicate(scheme, member(), Event("hospital", date(2024, 6, 1), nights=4))
    decision = result.decisions[0]
    assert (decision.amount, decision.reasons, decision.status) == (
        25_000,
        {Reason.CAP_AMOUNT_EVENT},
        Status.REDUCED,
    )
    assert "At most 250.00 baht per event" in result.explain("en")
    assert "จ่ายได้ไม่เกิน 250.00 บาท ต่อครั้ง" in result.explain("th")


def test_payments_count_at_the_rate_of_each_day_and_only_until_the_event():
    scheme = load_scheme_text(TWO_VERSIONS)
    # 366 baht pay 2024 (a leap year) at 1 baht; 2 baht a day from 2025: 60 baht more cover 30 days
    paid = member(
        paid_through=None, payments=(Payment(date(2024, 1, 1), 36_600), Payment(date(2025, 1, 5), 6_000))
    )
    late = adjudicate(scheme, paid, Event("hospital", date(2025, 1, 4), nights=1))
    assert "31 ธ.ค. 2567" in late.explain("th")  # the 2025 payment came after this event
    on_time = adjudicate(scheme, paid, Event("hospital", date(2025, 1, 31), nights=1))
    assert "30 Jan 2568 BE" in on_time.explain("en")


def test_reinstatement_without_arrears_starts_paid_membership_anew():
    scheme = load_scheme_text(TWO_VERSIONS)
    back = member(joined_on=date(2020, 1, 1), reinstated_on=date(2024, 3, 1))
    waiting = adjudicate(scheme, back, Event("death", date(2024, 3, 15)))
    assert waiting.all_reasons() == {Reason.REINSTATEMENT_WAITING}
    counted_from_return = adjudicate(scheme, back, Event("death", date(2024, 6, 1)))
    assert counted_from_return.total == 100_000  # 3 months since reinstatement: the first tier, not 4 years


@pytest.mark.parametrize(
    ("history", "event", "reasons"),
    [
        (member(), Event("teleportation", date(2025, 8, 1)), {Reason.NO_BENEFIT}),
        (member(), Event("hospital", date(2024, 12, 31), nights=1), {Reason.NO_VERSION}),
        (member(), Event("hospital", date(2025, 8, 1), nights=-3), {Reason.NO_NIGHTS}),
        (member(), Event("education", date(2025, 8, 1), level="doctorate"), {Reason.LEVEL_NOT_COVERED}),
        (
            member(joined_on=date(2025, 3, 1), paid_through=None),
            Event("hospital", date(2025, 9, 1), nights=1),
            {Reason.IN_ARREARS},
        ),
        (
            member(birth_date=date(2030, 1, 1)),
            Event("old_age", date(2025, 8, 1)),
            {Reason.TOO_YOUNG, Reason.SHORT_MEMBERSHIP},
        ),
    ],
)
def test_odd_claims_are_answered_never_raised(history, event, reasons):
    result = adjudicate(CODI, history, event)
    assert result.total == 0
    assert result.all_reasons() == reasons
    assert result.explain("th") and result.explain("en")


def test_explanations_are_in_both_languages_for_every_step():
    history = member(joined_on=date(2025, 1, 1))
    results = [
        adjudicate(CODI, history, Event("birth", date(2025, 8, 1), nights=9)),
        adjudicate(CODI, history, Event("birth", date(2025, 3, 1), nights=2)),
        adjudicate(
            CODI, member(sex="M", left_on=date(2025, 2, 1)), Event("hospital", date(2025, 3, 1), nights=2)
        ),
        adjudicate(
            CODI,
            member(joined_on=date(2000, 1, 1), birth_date=date(1950, 1, 1)),
            Event("old_age", date(2025, 3, 1)),
            {"old_age_pension": Usage(claims=1)},
        ),
    ]
    for result in results:
        steps = list(result.steps) + [s for d in result.decisions for s in d.steps] + list(result.closing)
        assert len(steps) >= 5
        for step in steps:
            assert THAI.search(step.th), step
            assert not THAI.search(step.en), step
    waiting = results[1].explain("th"), results[1].explain("en")
    assert "ยังไม่ครบระยะรอสิทธิ์ 180 วัน: มีสิทธิ์ตั้งแต่ 30 มิ.ย. 2568" in waiting[0]
    assert "The 180-day waiting period is not over: eligible from 30 Jun 2568 BE" in waiting[1]
    assert "At most 5 nights per stay: 5 of 9 nights count" in results[0].explain("en")
    assert "Already claimed 1 times this year" in results[3].explain("en")


def test_a_decision_serialises_for_the_api():
    result = adjudicate(CODI, member(), Event("death", date(2025, 8, 1)))
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["total_satang"] == 300_000  # 1 year 7 months of paid membership: the first tier
    assert data["benefits"][0]["recipient"] == "beneficiary"
    assert data["benefits"][0]["status"] == "paid"
    assert data["explanation"]["th"][-1] == "รวมที่จะได้รับ 3,000.00 บาท"


def test_what_a_member_would_get_today():
    today = date(2025, 8, 1)
    rows = {
        e.decision.code: e
        for e in entitlements(CODI, member(sex="M"), today, {"hospital": Usage(1, 20, 2000_00)})
    }
    assert list(rows) == [b.code for b in CODI.versions[0].benefits]
    assert (rows["birth_grant"].amount, rows["birth_grant"].unit) == (50_000, "event")
    assert rows["mother_nights"].decision.reasons == {Reason.WRONG_SEX}
    assert rows["hospital"].amount == 0 and rows["hospital"].decision.reasons == {Reason.CAP_NIGHTS_YEAR}
    assert (rows["funeral"].amount, rows["funeral"].decision.recipient) == (300_000, "beneficiary")
    assert rows["old_age_pension"].decision.reasons == {Reason.TOO_YOUNG, Reason.SHORT_MEMBERSHIP}
    assert (rows["disability_allowance"].amount, rows["disability_allowance"].unit_label("en")) == (
        10_000,
        "a month",
    )
    assert "20 of 20 nights a year already used" in rows["hospital"].explain("en")
    assert entitlements(CODI, member(), date(2020, 1, 1)) == []
