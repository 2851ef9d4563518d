"""The rules of recurring meetings, without a database: days, weekdays, short months, venues in turn."""

import datetime

from sajja.meetings import recurrence
from sajja.meetings.recurrence import (
    LAST_DAY,
    SKIP,
    MonthlyRule,
    check,
    occurrences,
    skipped_months,
    venue_on,
)

D = datetime.date
YEAR_2027 = (D(2027, 1, 1), D(2027, 12, 31))


def test_a_day_of_the_month_every_month():
    days = occurrences(MonthlyRule(D(2026, 1, 1), day=16), *YEAR_2027)
    assert [d.day for d in days] == [16] * 12
    assert [d.month for d in days] == list(range(1, 13))


def test_the_nth_weekday_and_the_last_weekday():
    second_sunday = MonthlyRule(D(2027, 1, 1), nth=2, weekday=6)
    days = occurrences(second_sunday, D(2027, 1, 1), D(2027, 3, 31))
    assert days == [D(2027, 1, 10), D(2027, 2, 14), D(2027, 3, 14)]
    assert all(d.weekday() == 6 for d in days)
    last_friday = MonthlyRule(D(2027, 1, 1), nth=-1, weekday=4)
    assert occurrences(last_friday, D(2027, 1, 1), D(2027, 2, 28)) == [D(2027, 1, 29), D(2027, 2, 26)]


def test_the_31st_as_written_is_refused_naming_the_months_without_it():
    errors = check(MonthlyRule(D(2027, 1, 1), day=31))
    assert [e.code for e in errors] == ["day_missing_in_some_months"]
    for month in ("กุมภาพันธ์", "เมษายน", "มิถุนายน", "กันยายน", "พฤศจิกายน"):
        assert month in errors[0].message_th
    assert "มกราคม" not in errors[0].message_th
    assert "February, April, June, September, November" in errors[0].message_en
    assert errors[0].where == "short_month"


def test_the_31st_skipping_short_months_meets_seven_times_a_year():
    rule = MonthlyRule(D(2027, 1, 1), day=31, short_month=SKIP)
    assert check(rule) == []
    assert [d.month for d in occurrences(rule, *YEAR_2027)] == [1, 3, 5, 7, 8, 10, 12]
    assert skipped_months(rule, 2027) == [2, 4, 6, 9, 11]


def test_the_31st_moved_to_the_last_day_meets_every_month():
    rule = MonthlyRule(D(2027, 1, 1), day=31, short_month=LAST_DAY)
    days = occurrences(rule, *YEAR_2027)
    assert len(days) == 12
    assert days[1] == D(2027, 2, 28) and days[3] == D(2027, 4, 30) and days[0] == D(2027, 1, 31)
    # the 30th in a leap year's February: the 29th
    leap = occurrences(
        MonthlyRule(D(2028, 1, 1), day=30, short_month=LAST_DAY), D(2028, 2, 1), D(2028, 3, 31)
    )
    assert leap == [D(2028, 2, 29), D(2028, 3, 30)]


def test_the_29th_is_refused_only_for_february_in_common_years():
    errors = check(MonthlyRule(D(2027, 1, 1), day=29))
    assert "กุมภาพันธ์" in errors[0].message_th and "ปีอธิกสุรทิน" in errors[0].message_th
    assert check(MonthlyRule(D(2027, 1, 1), day=28)) == []


def test_shapeless_and_impossible_rules_say_where():
    assert [e.where for e in check(MonthlyRule(D(2027, 1, 1)))] == ["day"]
    assert [e.where for e in check(MonthlyRule(D(2027, 1, 1), nth=5, weekday=7))] == ["nth", "weekday"]
    assert [e.code for e in check(MonthlyRule(D(2027, 1, 1), day=32))] == ["bad_day"]
    assert [e.code for e in check(MonthlyRule(D(2027, 5, 1), day=3, until=D(2027, 1, 1)))] == [
        "until_before_start"
    ]


def test_rotating_venues_are_taken_in_turn_from_the_first_meeting():
    rule = MonthlyRule(D(2026, 1, 1), day=22)
    venues = ("ลำปาง", "เกาะคา", "แม่ทะ")
    turns = [venue_on(rule, venues, d) for d in occurrences(rule, D(2026, 1, 1), D(2026, 7, 31))]
    assert turns == ["ลำปาง", "เกาะคา", "แม่ทะ", "ลำปาง", "เกาะคา", "แม่ทะ", "ลำปาง"]
    assert venue_on(rule, ("ที่เดียว",), D(2030, 5, 22)) == "ที่เดียว"


def test_the_rule_in_rfc_5545_words():
    assert recurrence.ical_recur(MonthlyRule(D(2026, 1, 1), day=16)) == {
        "FREQ": "MONTHLY",
        "BYMONTHDAY": [16],
    }
    assert recurrence.ical_recur(MonthlyRule(D(2026, 1, 1), nth=-1, weekday=4))["BYDAY"] == ["-1FR"]
    last = recurrence.ical_recur(MonthlyRule(D(2026, 1, 1), day=31, short_month=LAST_DAY))
    assert last["BYMONTHDAY"] == [28, 29, 30, 31] and last["BYSETPOS"] == [-1]


def test_hours_overlap_but_touching_ends_do_not():
    t = datetime.time
    assert recurrence.times_overlap(t(9), t(12), t(11), t(13))
    assert not recurrence.times_overlap(t(9), t(12), t(12), t(15))
