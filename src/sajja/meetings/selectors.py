"""Every read of the meetings area, already scoped to what the user may see."""

from __future__ import annotations

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings

from sajja.access import policy
from sajja.access.policy import require
from sajja.meetings import reasons, recurrence
from sajja.meetings.bodies import body_label
from sajja.meetings.models import ChangeKind, Meeting, Schedule
from sajja.registry.models import Fund, Network


@dataclass(frozen=True)
class Occurrence:
    """One meeting on the calendar: from a schedule (possibly moved or cancelled), or a single meeting."""

    title_th: str
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    venue: str
    schedule_id: int | None = None
    original_date: datetime.date | None = None
    meeting_id: int | None = None
    status: str = "planned"  # planned / moved / cancelled


def _body_filter(body) -> dict:
    return {"fund": body} if isinstance(body, Fund) else {"network": body}


def schedules_of(body):
    return Schedule.objects.filter(**_body_filter(body)).prefetch_related("changes")


def schedule_occurrences(schedule: Schedule, first: datetime.date, last: datetime.date) -> list[Occurrence]:
    """The schedule's meetings from `first` to `last`, with its cancellations and moves applied."""
    rule = schedule.rule
    changes = {c.original_date: c for c in schedule.changes.all()}
    # an occurrence held as a meeting record is that record now (listed with the body's meetings)
    held = set(schedule.held.values_list("original_date", flat=True))
    # a meeting moved into the window from a day outside it still shows
    days = set(recurrence.occurrences(rule, first, last)) | {
        c.original_date for c in changes.values() if c.new_date and first <= c.new_date <= last
    }
    found = []
    for day in sorted(days - held):
        venue = recurrence.venue_on(rule, schedule.venues, day)
        change = changes.get(day)
        base = {"title_th": schedule.title_th, "schedule_id": schedule.pk, "original_date": day}
        if change is None or change.kind == ChangeKind.CANCEL:
            if first <= day <= last:
                status = "planned" if change is None else "cancelled"
                found.append(
                    Occurrence(
                        date=day,
                        start_time=schedule.start_time,
                        end_time=schedule.end_time,
                        venue=venue,
                        status=status,
                        **base,
                    )
                )
        elif first <= change.new_date <= last:
            found.append(
                Occurrence(
                    date=change.new_date,
                    start_time=change.start_time or schedule.start_time,
                    end_time=change.end_time or schedule.end_time,
                    venue=change.venue or venue,
                    status="moved",
                    **base,
                )
            )
    return found


def body_occurrences(body, first: datetime.date, last: datetime.date) -> list[Occurrence]:
    """Every meeting of the body in the window, by date and hour (no permission check: callers scope)."""
    found = [o for s in schedules_of(body) for o in schedule_occurrences(s, first, last)]
    for m in Meeting.objects.filter(date__range=(first, last), **_body_filter(body)):
        found.append(Occurrence(m.title_th, m.date, m.start_time, m.end_time, m.venue, meeting_id=m.pk))
    return sorted(found, key=lambda o: (o.date, o.start_time))


def upcoming_for(user, body, first: datetime.date, months: int = 3) -> list[Occurrence]:
    """The body's meetings for `months` months from `first` (that day included)."""
    require(user, body, "view_meetings")
    return body_occurrences(body, first, first + relativedelta(months=months) - datetime.timedelta(days=1))


def schedules_for(user, body):
    require(user, body, "view_meetings")
    return schedules_of(body)


def schedule_for(user, body, pk: int) -> Schedule:
    require(user, body, "view_meetings")
    schedule = schedules_of(body).filter(pk=pk).first()
    if schedule is None:
        raise reasons.SCHEDULE_NOT_FOUND.not_found()
    return schedule


# --- calendar feeds: a secret address per body, no login ----------------------------------------------


def feed_token(body) -> str:
    """The body's feed token: a keyed hash, so it needs no table and a guessed one never matches."""
    message = f"meetings-feed:{body_label(body)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def body_for_feed(kind: str, code: str, token: str):
    """The fund or network whose feed this is; 404 for a wrong token or an unknown body alike."""
    model = Fund if kind == "fund" else Network
    body = model.objects.filter(code=code).first()
    if body is None or not hmac.compare_digest(feed_token(body), token):
        raise reasons.CALENDAR_NOT_FOUND.not_found()
    return body


# --- held meetings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quorum:
    present: int  # committee members signed in
    needed: int | None  # None: the fund has set no quorum rule
    committee_size: int | None

    @property
    def met(self) -> bool | None:
        return None if self.needed is None else self.present >= self.needed


def network_for(user, code: str) -> Network:
    """A network whose meetings the user may see; any other is 404, as if it did not exist."""
    return policy.network_for(user, code, "view_meetings")


def meeting_for(user, body, pk: int) -> Meeting:
    """A meeting of the fund or network the user may see; another body's is 404, as if it did not exist."""
    require(user, body, "view_meetings")
    meeting = Meeting.objects.filter(pk=pk, **_body_filter(body)).select_related("fund", "network").first()
    if meeting is None:
        raise reasons.MEETING_NOT_FOUND.not_found()
    return meeting


def quorum_of(meeting: Meeting) -> Quorum:
    present = meeting.attendance.filter(kind="committee").count()
    rule = getattr(meeting.fund, "quorum_rule", None) if meeting.fund else None
    return Quorum(present, rule.needed if rule else None, rule.committee_size if rule else None)


def held_meetings_for(user, body):
    require(user, body, "view_meetings")
    return Meeting.objects.filter(number__isnull=False, **_body_filter(body)).order_by("-date")


def next_meeting_number(body, term: int) -> int:
    """The number the next meeting of the term takes: ครั้งที่ n/term."""
    numbers = Meeting.objects.filter(term=term, **_body_filter(body)).values_list("number", flat=True)
    return max(numbers, default=0) + 1
