"""API routes of the meetings area (a django-ninja router mounted under /api/)."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router

from sajja.access.policy import require
from sajja.api.idempotency import KEY_HEADER, idempotent
from sajja.api.schemas import ERRORS
from sajja.core import thai_dates
from sajja.meetings import reasons, selectors, services
from sajja.meetings import schemas as s
from sajja.registry.selectors import fund_for

router = Router(tags=["meetings"])


def _schedule_out(schedule) -> dict:
    return {
        "id": schedule.pk,
        "title_th": schedule.title_th,
        "rule_th": schedule.rule.describe_th(),
        **{
            f: getattr(schedule, f)
            for f in ("day", "nth", "weekday", "short_month", "start_on", "until", "start_time", "end_time")
        },
        "venues": list(schedule.venues),
    }


def _change_out(change) -> dict:
    return {
        "schedule_id": change.schedule_id,
        **{
            f: getattr(change, f)
            for f in ("original_date", "kind", "new_date", "start_time", "end_time", "venue", "reason")
        },
    }


@router.get("/funds/{code}/meetings", response={200: list[s.OccurrenceOut], **ERRORS}, url_name="meetings")
def meetings(request, code: str, months: int = 3):
    """The fund's meetings from today, for `months` months (at most 24), cancellations and moves shown."""
    fund = fund_for(request.auth, code)
    return selectors.upcoming_for(request.auth, fund, thai_dates.today(), max(1, min(months, 24)))


@router.post("/funds/{code}/meetings", response={201: s.MeetingOut, **ERRORS}, url_name="meeting-new")
def meeting_new(
    request, response: HttpResponse, code: str, payload: s.MeetingIn, idempotency_key: str | None = KEY_HEADER
):
    """A single meeting of the fund, outside its schedules; refused if it overlaps another of its meetings."""
    fund = fund_for(request.auth, code)
    require(request.auth, fund, "manage_meetings")

    def write():
        meeting = services.add_meeting(request.auth, fund, services.MeetingData(**payload.dict()))
        return 201, {"id": meeting.pk, **payload.dict()}

    return idempotent(request, response, payload.dict(), write)


@router.get(
    "/funds/{code}/meeting-schedules",
    response={200: list[s.ScheduleOut], **ERRORS},
    url_name="meeting-schedules",
)
def meeting_schedules(request, code: str):
    fund = fund_for(request.auth, code)
    return [_schedule_out(x) for x in selectors.schedules_for(request.auth, fund)]


@router.post(
    "/funds/{code}/meeting-schedules",
    response={201: s.ScheduleOut, **ERRORS},
    url_name="meeting-schedule-new",
)
def meeting_schedule_new(
    request,
    response: HttpResponse,
    code: str,
    payload: s.ScheduleIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """A monthly meeting: by `day` of the month, or by the `nth` (1-4, -1 last) `weekday` (0 Monday).
    A day past the 28th must say what happens in months without it: `skip` or `last_day`."""
    fund = fund_for(request.auth, code)
    require(request.auth, fund, "manage_meetings")

    def write():
        data = services.ScheduleData(**{**payload.dict(), "venues": tuple(payload.venues)})
        return 201, _schedule_out(services.create_schedule(request.auth, fund, data))

    return idempotent(request, response, payload.dict(), write)


@router.post(
    "/funds/{code}/meeting-schedules/{schedule_id}/changes",
    response={201: s.ChangeOut, **ERRORS},
    url_name="meeting-schedule-change",
)
def meeting_schedule_change(
    request,
    response: HttpResponse,
    code: str,
    schedule_id: int,
    payload: s.ChangeIn,
    idempotency_key: str | None = KEY_HEADER,
):
    """Cancel one meeting of a schedule, or move it (`to_date`, and optionally new hours and venue)."""
    fund = fund_for(request.auth, code)
    schedule = selectors.schedule_for(request.auth, fund, schedule_id)
    require(request.auth, fund, "manage_meetings")

    def write():
        if payload.action == "cancel":
            change = services.cancel_occurrence(request.auth, schedule, payload.date, payload.reason)
            return 201, _change_out(change)
        if payload.to_date is None:
            raise reasons.TO_DATE_REQUIRED.invalid("to_date")
        to = services.MeetingData(
            schedule.title_th,
            payload.to_date,
            payload.start_time or schedule.start_time,
            payload.end_time or schedule.end_time,
            payload.venue,
        )
        change = services.move_occurrence(request.auth, schedule, payload.date, to, payload.reason)
        return 201, _change_out(change)

    return idempotent(request, response, payload.dict(), write)
