"""When a body meets: monthly rules (the n-th day, or the n-th weekday), pure Python on dateutil's rrule.

A rule is data; the occurrences come from dateutil, and the same rule is written into the calendar feed
as an RFC 5545 RRULE, so phones expand it exactly as we do.

>>> import datetime
>>> rule = MonthlyRule(day=16, start=datetime.date(2026, 1, 1))
>>> [d.isoformat() for d in occurrences(rule, datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))]
['2026-01-16', '2026-02-16', '2026-03-16']
>>> second_wed = MonthlyRule(nth=2, weekday=2, start=datetime.date(2026, 1, 1))
>>> [d.isoformat() for d in occurrences(second_wed, datetime.date(2026, 1, 1), datetime.date(2026, 2, 28))]
['2026-01-14', '2026-02-11']
>>> skipped_months(MonthlyRule(day=31, start=datetime.date(2026, 1, 1)), 2026)
[2, 4, 6, 9, 11]
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from dateutil.rrule import MONTHLY, rrule, weekday

# What to do when the day does not exist in a month (the 31st in April, the 30th in February).
EXACT = "exact"  # refuse such a rule: the user must choose
SKIP = "skip"  # no meeting that month
LAST_DAY = "last_day"  # meet on the month's last day instead
SHORT_MONTH_CHOICES = (EXACT, SKIP, LAST_DAY)

MONTHS_TH = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
WEEKDAYS_TH = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
WEEKDAYS_ICAL = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class RuleError(ValueError):
    """A rule that cannot be kept as written; `code`, Thai and English messages and the field at fault."""

    def __init__(self, code: str, message_th: str, message_en: str, where: str):
        self.code, self.message_th, self.message_en, self.where = code, message_th, message_en, where
        super().__init__(message_en)


@dataclass(frozen=True)
class MonthlyRule:
    """Every month: on `day` (1-31), or on the `nth` (1-4, or -1 for the last) `weekday` (0 = Monday)."""

    start: datetime.date
    day: int | None = None
    nth: int | None = None
    weekday: int | None = None
    until: datetime.date | None = None
    short_month: str = EXACT

    def describe_th(self) -> str:
        if self.day is not None:
            text = f"ทุกวันที่ {self.day} ของเดือน"
            if self.day > 28 and self.short_month == LAST_DAY:
                text += " (เดือนที่ไม่มีวันนี้ ประชุมวันสุดท้ายของเดือน)"
            elif self.day > 28 and self.short_month == SKIP:
                text += " (เดือนที่ไม่มีวันนี้ งดประชุม)"
            return text
        assert self.weekday is not None, "a rule by weekday names its weekday (check)"
        which = "สุดท้าย" if self.nth == -1 else f"ที่ {self.nth}"
        return f"ทุกวัน{WEEKDAYS_TH[self.weekday]}{which}ของเดือน"


def check(rule: MonthlyRule) -> list[RuleError]:
    """Every problem of the rule, each saying what and where; empty when it can be kept."""
    errors = []
    by_day = rule.day is not None
    by_weekday = rule.nth is not None or rule.weekday is not None
    if by_day == by_weekday:
        errors.append(
            RuleError(
                "rule_shape",
                "ระบุอย่างใดอย่างหนึ่ง: วันที่ของเดือน หรือ สัปดาห์ที่และวันในสัปดาห์",
                "give either a day of the month, or a week number and a weekday",
                "day",
            )
        )
        return errors
    if rule.day is not None and not 1 <= rule.day <= 31:
        errors.append(RuleError("bad_day", "วันที่ต้องอยู่ระหว่าง 1 ถึง 31", "the day must be 1 to 31", "day"))
    if by_weekday:
        if rule.nth not in (1, 2, 3, 4, -1):
            errors.append(
                RuleError(
                    "bad_nth",
                    "สัปดาห์ที่ต้องเป็น 1-4 หรือ -1 (สัปดาห์สุดท้าย)",
                    "the week must be 1-4, or -1 for the last",
                    "nth",
                )
            )
        if rule.weekday not in range(7):
            errors.append(
                RuleError(
                    "bad_weekday",
                    "วันในสัปดาห์ต้องเป็น 0 (จันทร์) ถึง 6 (อาทิตย์)",
                    "the weekday must be 0 (Monday) to 6 (Sunday)",
                    "weekday",
                )
            )
    if rule.short_month not in SHORT_MONTH_CHOICES:
        errors.append(
            RuleError(
                "bad_short_month",
                "เลือกได้เฉพาะ exact, skip หรือ last_day",
                "choose exact, skip or last_day",
                "short_month",
            )
        )
    if rule.until and rule.until < rule.start:
        errors.append(
            RuleError(
                "until_before_start",
                "วันสิ้นสุดอยู่ก่อนวันเริ่ม",
                "the end date is before the start date",
                "until",
            )
        )
    if not errors and rule.day is not None and rule.day > 28 and rule.short_month == EXACT:
        months = _months_without(rule.day)
        th = ", ".join(MONTHS_TH[m - 1] for m in months)
        en = ", ".join(calendar.month_name[m] for m in months)
        leap = " (ในปีที่ไม่ใช่ปีอธิกสุรทิน)" if rule.day == 29 else ""
        leap_en = " (in years that are not leap years)" if rule.day == 29 else ""
        errors.append(
            RuleError(
                "day_missing_in_some_months",
                f"วันที่ {rule.day} ไม่มีในเดือน {th}{leap}: เลือกว่าจะงดประชุมเดือนนั้น (skip)"
                " หรือเลื่อนไปวันสุดท้ายของเดือน (last_day)",
                f"there is no day {rule.day} in {en}{leap_en}: choose to skip those months (skip)"
                " or to meet on the month's last day (last_day)",
                "short_month",
            )
        )
    return errors


def _months_without(day: int) -> list[int]:
    """Months (1-12) that lack this day in some year; February counts for the 29th."""
    return [m for m in range(1, 13) if calendar.monthrange(2025, m)[1] < day]


def skipped_months(rule: MonthlyRule, year: int) -> list[int]:
    """The months of `year` in which a rule by day of month finds no such day."""
    if rule.day is None:
        return []
    return [m for m in range(1, 13) if calendar.monthrange(year, m)[1] < rule.day]


def _rrule_parts(rule: MonthlyRule) -> dict:
    """The parts shared by dateutil and the RRULE: BYMONTHDAY, or BYDAY with its week number."""
    if rule.day is not None:
        if rule.day > 28 and rule.short_month == LAST_DAY:
            # the latest of 28..day that the month has: the day itself, or the month's last day
            return {"bymonthday": list(range(28, rule.day + 1)), "bysetpos": [-1]}
        return {"bymonthday": [rule.day]}
    return {"byweekday": [weekday(rule.weekday, rule.nth)]}


def to_rrule(rule: MonthlyRule) -> rrule:
    parts = _rrule_parts(rule)
    kwargs = {"bymonthday": parts.get("bymonthday"), "byweekday": parts.get("byweekday")}
    if "bysetpos" in parts:
        kwargs["bysetpos"] = parts["bysetpos"]
    until = datetime.datetime.combine(rule.until, datetime.time.max) if rule.until else None
    start = datetime.datetime.combine(rule.start, datetime.time.min)
    return rrule(MONTHLY, dtstart=start, until=until, **kwargs)


def occurrences(rule: MonthlyRule, first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The rule's days from `first` to `last`, both included."""
    start = datetime.datetime.combine(first, datetime.time.min)
    end = datetime.datetime.combine(last, datetime.time.max)
    return [moment.date() for moment in to_rrule(rule).between(start, end, inc=True)]


def ical_recur(rule: MonthlyRule, until: datetime.datetime | None = None) -> dict:
    """The rule as an RFC 5545 RRULE (the dict icalendar's vRecur takes). `until` in UTC when timed."""
    parts = _rrule_parts(rule)
    recur: dict = {"FREQ": "MONTHLY"}
    if "bymonthday" in parts:
        recur["BYMONTHDAY"] = parts["bymonthday"]
    if "bysetpos" in parts:
        recur["BYSETPOS"] = parts["bysetpos"]
    if rule.day is None:
        assert rule.weekday is not None, "a rule by weekday names its weekday (check)"
        recur["BYDAY"] = [f"{rule.nth}{WEEKDAYS_ICAL[rule.weekday]}"]
    if until is not None:
        recur["UNTIL"] = until
    return recur


def occurrence_index(rule: MonthlyRule, day: datetime.date) -> int:
    """How many of the rule's days come before `day`: the turn of a rotating venue."""
    start = datetime.datetime.combine(rule.start, datetime.time.min)
    before = datetime.datetime.combine(day, datetime.time.min)
    return len([m for m in to_rrule(rule).between(start, before, inc=True) if m < before])


def first_occurrence(rule: MonthlyRule) -> datetime.date | None:
    """The rule's first day on or after its start (the DTSTART of its calendar event)."""
    start = datetime.datetime.combine(rule.start, datetime.time.min)
    first = to_rrule(rule).after(start, inc=True)
    return first.date() if first else None


def venue_on(rule: MonthlyRule, venues: list[str] | tuple[str, ...], day: datetime.date) -> str:
    """The venue of the meeting on `day`: the one venue, or the next in turn for a rotating list."""
    if not venues:
        return ""
    return venues[occurrence_index(rule, day) % len(venues)]


def times_overlap(a_start: datetime.time, a_end: datetime.time, b_start: datetime.time, b_end: datetime.time):
    """Two meetings on one day clash when their hours overlap (touching ends do not clash)."""
    return a_start < b_end and b_start < a_end
