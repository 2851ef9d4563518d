"""Every write to meeting schedules: checked, in one transaction, audited, and safe to repeat."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from sajja.access.policy import require
from sajja.audit.services import record, serialise_audited_writes
from sajja.core.errors import Problem, ValidationFailed
from sajja.core.thai_dates import format_thai_date
from sajja.meetings import reasons, recurrence
from sajja.meetings.bodies import body_fields, body_label, fund_id_of
from sajja.meetings.models import ChangeKind, Meeting, Schedule, ScheduleChange
from sajja.meetings.selectors import Occurrence, body_occurrences, schedule_occurrences
from sajja.reasons import Both

HORIZON_DAYS = 3 * 366  # clashes between rules are looked for over three years


@dataclass(frozen=True)
class ScheduleData:
    title_th: str
    start_on: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    venues: tuple[str, ...] = field(default_factory=tuple)
    day: int | None = None
    nth: int | None = None
    weekday: int | None = None
    until: datetime.date | None = None
    short_month: str = recurrence.EXACT


@dataclass(frozen=True)
class MeetingData:
    title_th: str
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    venue: str = ""


def _hours_errors(start: datetime.time, end: datetime.time) -> list[Problem]:
    if end <= start:
        return [reasons.ENDS_BEFORE_START.problem("end_time")]
    return []


def clashes(body, slots: list[Occurrence], ignore=lambda o: False) -> list[Problem]:
    """A body cannot hold two meetings at once: each planned slot against the body's calendar."""
    if not slots:
        return []
    first, last = min(s.date for s in slots), max(s.date for s in slots)
    taken = [o for o in body_occurrences(body, first, last) if o.status != "cancelled" and not ignore(o)]
    for slot in slots:
        for other in taken:
            if other.date == slot.date and recurrence.times_overlap(
                slot.start_time, slot.end_time, other.start_time, other.end_time
            ):
                return [
                    reasons.MEETINGS_OVERLAP.problem(
                        "date",
                        day=Both(format_thai_date(slot.date), slot.date.isoformat()),
                        start=f"{slot.start_time:%H:%M}",
                        end=f"{slot.end_time:%H:%M}",
                        title=other.title_th,
                        other_start=f"{other.start_time:%H:%M}",
                        other_end=f"{other.end_time:%H:%M}",
                    )
                ]
    return []


def create_schedule(actor, body, data: ScheduleData) -> Schedule:
    """A new recurring meeting of a fund or a network. A rule that misses some months must say what then."""
    require(actor, body, "manage_meetings")
    rule = recurrence.MonthlyRule(
        data.start_on, data.day, data.nth, data.weekday, data.until, data.short_month
    )
    errors = [Problem(e.code, e.message_th, e.message_en, e.where) for e in recurrence.check(rule)]
    errors += _hours_errors(data.start_time, data.end_time)
    venues = tuple(v.strip() for v in data.venues if v.strip())
    if not data.title_th.strip():
        errors.append(reasons.TITLE_REQUIRED.problem("title_th"))
    # a rule without an end always meets: only an end too soon leaves it without a meeting
    if not errors and data.until is not None and recurrence.first_occurrence(rule) is None:
        errors.append(
            reasons.NEVER_OCCURS.problem(
                "until",
                start=Both(format_thai_date(data.start_on), data.start_on.isoformat()),
                until=Both(format_thai_date(data.until), data.until.isoformat()),
                rule=Both(f" ({rule.describe_th()})", ""),
            )
        )
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        serialise_audited_writes()
        end = min(data.until or datetime.date.max, data.start_on + datetime.timedelta(days=HORIZON_DAYS))
        slots = [
            Occurrence(data.title_th, day, data.start_time, data.end_time, "")
            for day in recurrence.occurrences(rule, data.start_on, end)
        ]
        if clash := clashes(body, slots):
            raise ValidationFailed(clash)
        schedule = Schedule.objects.create(
            **body_fields(body),
            title_th=data.title_th.strip(),
            day=data.day,
            nth=data.nth,
            weekday=data.weekday,
            short_month=data.short_month,
            start_on=data.start_on,
            until=data.until,
            start_time=data.start_time,
            end_time=data.end_time,
            venues=list(venues),
        )
        record(
            actor,
            "meetings.schedule_created",
            "meetings.Schedule",
            schedule.pk,
            fund_id=fund_id_of(body),
            data={"body": body_label(body), "rule": rule.describe_th()},
        )
    return schedule


def _occurrence_of(schedule: Schedule, day: datetime.date) -> Occurrence:
    found = [
        o
        for o in schedule_occurrences(schedule, day, day)
        if o.original_date == day and o.status == "planned"
    ]
    if not found:
        raise reasons.NOT_AN_OCCURRENCE.invalid("date", day=Both(format_thai_date(day), day.isoformat()))
    return found[0]


def cancel_occurrence(actor, schedule: Schedule, day: datetime.date, reason: str = "") -> ScheduleChange:
    require(actor, schedule.body, "manage_meetings")
    with transaction.atomic():
        serialise_audited_writes()
        _occurrence_of(schedule, day)
        change = ScheduleChange.objects.create(
            schedule=schedule, original_date=day, kind=ChangeKind.CANCEL, reason=reason.strip()
        )
        record(
            actor,
            "meetings.occurrence_cancelled",
            "meetings.Schedule",
            schedule.pk,
            fund_id=fund_id_of(schedule.body),
            data={"date": day.isoformat()},
        )
    return change


def move_occurrence(
    actor, schedule: Schedule, day: datetime.date, to: MeetingData, reason: str = ""
) -> ScheduleChange:
    """Move one meeting of the schedule to another day, hour or venue; the rest of the rule stands."""
    require(actor, schedule.body, "manage_meetings")
    if errors := _hours_errors(to.start_time, to.end_time):
        raise ValidationFailed(errors)
    with transaction.atomic():
        serialise_audited_writes()
        current = _occurrence_of(schedule, day)
        slot = Occurrence(schedule.title_th, to.date, to.start_time, to.end_time, to.venue)

        # the meeting being moved does not clash with itself
        def itself(o):
            return o.schedule_id == schedule.pk and o.original_date == day

        if clash := clashes(schedule.body, [slot], ignore=itself):
            raise ValidationFailed(clash)
        change = ScheduleChange.objects.create(
            schedule=schedule,
            original_date=day,
            kind=ChangeKind.MOVE,
            new_date=to.date,
            start_time=to.start_time,
            end_time=to.end_time,
            venue=to.venue.strip() or current.venue,
            reason=reason.strip(),
        )
        record(
            actor,
            "meetings.occurrence_moved",
            "meetings.Schedule",
            schedule.pk,
            fund_id=fund_id_of(schedule.body),
            data={"date": day.isoformat(), "to": to.date.isoformat()},
        )
    return change


def add_meeting(actor, body, data: MeetingData) -> Meeting:
    """A single meeting of a fund or a network, outside its schedules."""
    require(actor, body, "manage_meetings")
    errors = _hours_errors(data.start_time, data.end_time)
    if not data.title_th.strip():
        errors.append(reasons.TITLE_REQUIRED.problem("title_th"))
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        serialise_audited_writes()
        if clash := clashes(body, [Occurrence(data.title_th, data.date, data.start_time, data.end_time, "")]):
            raise ValidationFailed(clash)
        meeting = Meeting.objects.create(
            **body_fields(body),
            title_th=data.title_th.strip(),
            date=data.date,
            start_time=data.start_time,
            end_time=data.end_time,
            venue=data.venue.strip(),
        )
        record(
            actor,
            "meetings.meeting_added",
            "meetings.Meeting",
            meeting.pk,
            fund_id=fund_id_of(body),
            data={"body": body_label(body), "date": data.date.isoformat()},
        )
    return meeting


def end_schedule(actor, schedule: Schedule, last_day: datetime.date) -> Schedule:
    """The schedule's last meeting day: a changed rule is the old schedule ended and a new one begun."""
    require(actor, schedule.body, "manage_meetings")
    if last_day < schedule.start_on or (schedule.until and last_day >= schedule.until):
        raise reasons.BAD_END.invalid("until", start=Both(f" ({format_thai_date(schedule.start_on)})", ""))
    with transaction.atomic():
        serialise_audited_writes()
        if schedule.held.filter(original_date__gt=last_day).exists():
            raise reasons.HELD_AFTER_END.invalid("until")
        schedule.until = last_day
        schedule.save(update_fields=["until"])
        record(
            actor,
            "meetings.schedule_ended",
            "meetings.Schedule",
            schedule.pk,
            fund_id=fund_id_of(schedule.body),
            data={"until": last_day.isoformat()},
        )
    return schedule
