"""Request and response shapes of the meetings API. Dates are ISO (Christian era), times HH:MM in Thailand
(a time with a zone other than +07:00 is refused: see `LocalTime`)."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema

from sajja.api.schemas import LocalTime


class OccurrenceOut(Schema):
    title_th: str
    date: datetime.date
    start_time: LocalTime
    end_time: LocalTime
    venue: str
    status: str
    schedule_id: int | None
    original_date: datetime.date | None
    meeting_id: int | None


class ScheduleIn(Schema):
    title_th: str
    start_on: datetime.date
    start_time: LocalTime
    end_time: LocalTime
    venues: list[str] = []
    day: int | None = None
    nth: int | None = None
    weekday: int | None = None
    until: datetime.date | None = None
    short_month: Literal["exact", "skip", "last_day"] = "exact"


class ScheduleOut(Schema):
    id: int
    title_th: str
    rule_th: str
    day: int | None
    nth: int | None
    weekday: int | None
    short_month: str
    start_on: datetime.date
    until: datetime.date | None
    start_time: LocalTime
    end_time: LocalTime
    venues: list[str]


class ChangeIn(Schema):
    date: datetime.date
    action: Literal["cancel", "move"]
    to_date: datetime.date | None = None
    start_time: LocalTime | None = None
    end_time: LocalTime | None = None
    venue: str = ""
    reason: str = ""


class ChangeOut(Schema):
    schedule_id: int
    original_date: datetime.date
    kind: str
    new_date: datetime.date | None
    start_time: LocalTime | None
    end_time: LocalTime | None
    venue: str
    reason: str


class MeetingIn(Schema):
    title_th: str
    date: datetime.date
    start_time: LocalTime
    end_time: LocalTime
    venue: str = ""


class MeetingOut(Schema):
    id: int
    title_th: str
    date: datetime.date
    start_time: LocalTime
    end_time: LocalTime
    venue: str
