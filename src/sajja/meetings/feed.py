"""The calendar feed of a fund or a network (RFC 5545): one event per schedule with its RRULE, EXDATE for
a cancelled meeting, an override (RECURRENCE-ID) for a moved one or a rotating venue, times in Asia/Bangkok."""

from __future__ import annotations

import datetime

from icalendar import Calendar, Event

from sajja.core.thai_dates import THAILAND, buddhist_year
from sajja.meetings import recurrence
from sajja.meetings.models import ChangeKind, Meeting, Schedule
from sajja.meetings.selectors import schedules_of
from sajja.registry.models import Fund

DOMAIN = "sajja.meetings"
# A rotating venue cannot be said in an RRULE: each meeting in this window gets its own venue.
ROTATION_BEFORE = datetime.timedelta(days=92)
ROTATION_AFTER = datetime.timedelta(days=400)


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=THAILAND)


def _stamp(event: Event, uid: str, made: datetime.datetime) -> None:
    event.add("uid", uid)
    event.add("dtstamp", made)


def _schedule_events(schedule: Schedule, today: datetime.date, made: datetime.datetime) -> list[Event]:
    rule = schedule.rule
    first = recurrence.first_occurrence(rule)
    if first is None:
        return []
    uid = f"schedule-{schedule.pk}@{DOMAIN}"
    venues = schedule.venues
    master = Event()
    _stamp(master, uid, made)
    master.add("summary", schedule.title_th)
    master.add("dtstart", _at(first, schedule.start_time))
    master.add("dtend", _at(first, schedule.end_time))
    until = _at(rule.until, schedule.end_time).astimezone(datetime.UTC) if rule.until else None
    master.add("rrule", recurrence.ical_recur(rule, until))
    if len(venues) == 1:
        master.add("location", venues[0])
    elif venues:
        master.add("location", "สถานที่หมุนเวียน: " + " / ".join(venues))
    master.add("description", rule.describe_th())
    changes = {c.original_date: c for c in schedule.changes.all()}
    cancelled = [
        _at(d, schedule.start_time) for d, c in sorted(changes.items()) if c.kind == ChangeKind.CANCEL
    ]
    if cancelled:
        master.add("exdate", cancelled)
    events = [master]
    overridden = {d for d, c in changes.items() if c.kind == ChangeKind.MOVE}
    for day, change in sorted(changes.items()):
        if change.kind == ChangeKind.MOVE:
            events.append(
                _override(
                    schedule,
                    uid,
                    made,
                    day,
                    change.new_date,
                    change.start_time,
                    change.end_time,
                    change.venue or recurrence.venue_on(rule, venues, day),
                    f"เลื่อนจากวันที่ {day:%d/%m}/{buddhist_year(day.year)}"
                    + (f": {change.reason}" if change.reason else ""),
                )
            )
    if len(venues) > 1:
        for day in recurrence.occurrences(rule, today - ROTATION_BEFORE, today + ROTATION_AFTER):
            if day not in changes and day not in overridden:
                events.append(
                    _override(
                        schedule,
                        uid,
                        made,
                        day,
                        day,
                        schedule.start_time,
                        schedule.end_time,
                        recurrence.venue_on(rule, venues, day),
                        rule.describe_th(),
                    )
                )
    return events


def _override(schedule, uid, made, original, day, start, end, venue, description) -> Event:
    event = Event()
    _stamp(event, uid, made)
    event.add("recurrence-id", _at(original, schedule.start_time))
    event.add("summary", schedule.title_th)
    event.add("dtstart", _at(day, start or schedule.start_time))
    event.add("dtend", _at(day, end or schedule.end_time))
    if venue:
        event.add("location", venue)
    event.add("description", description)
    return event


def _meeting_event(meeting: Meeting, made: datetime.datetime) -> Event:
    event = Event()
    _stamp(event, f"meeting-{meeting.pk}@{DOMAIN}", made)
    event.add("summary", meeting.title_th)
    event.add("dtstart", _at(meeting.date, meeting.start_time))
    event.add("dtend", _at(meeting.date, meeting.end_time))
    if meeting.venue:
        event.add("location", meeting.venue)
    return event


def build_feed(body, today: datetime.date, made: datetime.datetime | None = None) -> bytes:
    """The body's calendar as iCalendar text, for phones to subscribe to."""
    made = made or datetime.datetime.now(datetime.UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Sajja//meetings//TH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"การประชุม {body.name_th}")
    calendar.add("x-wr-timezone", "Asia/Bangkok")
    for schedule in schedules_of(body):
        for event in _schedule_events(schedule, today, made):
            calendar.add_component(event)
    where = {"fund": body} if isinstance(body, Fund) else {"network": body}
    for meeting in Meeting.objects.filter(**where):
        calendar.add_component(_meeting_event(meeting, made))
    calendar.add_missing_timezones()
    return calendar.to_ical()
