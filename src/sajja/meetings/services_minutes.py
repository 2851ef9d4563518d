"""Writes of a held meeting of a fund or a network: its record (number in the term, the default Thai
agenda), attendance, minutes and resolutions. Each checked, in one transaction, audited."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from sajja.access.policy import require
from sajja.audit.services import record, serialise_audited_writes
from sajja.core.errors import ValidationFailed
from sajja.meetings import reasons
from sajja.meetings.bodies import body_fields, body_label, fund_id_of
from sajja.meetings.models import AgendaItem, Attendance, AttendeeKind, Meeting, QuorumRule, Resolution
from sajja.meetings.resolution_links import check_links, store_links
from sajja.meetings.selectors import Occurrence, schedule_occurrences
from sajja.meetings.services import clashes
from sajja.registry.models import Fund, Member

DEFAULT_AGENDA = (
    "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
    "ระเบียบวาระที่ 2 รับรองรายงานการประชุมครั้งที่แล้ว",
    "ระเบียบวาระที่ 3 เรื่องสืบเนื่อง",
    "ระเบียบวาระที่ 4 เรื่องเพื่อพิจารณา",
    "ระเบียบวาระที่ 5 เรื่องอื่น ๆ",
)


@dataclass(frozen=True)
class HoldData:
    """A meeting to record: an occurrence of a schedule (`schedule_id` + its planned `date`) or a new one."""

    term: int  # the committee's term, a Buddhist-era year: 2569
    number: int  # ครั้งที่ number/term
    date: datetime.date
    schedule_id: int | None = None
    title_th: str = ""
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    venue: str = ""
    meeting_id: int | None = None  # a single meeting already on the calendar, opened as it is


def _occurrence(body, schedule_id: int, day: datetime.date) -> Occurrence:
    schedule = body.schedules.filter(pk=schedule_id).first()
    if schedule is None:
        raise reasons.SCHEDULE_NOT_FOUND.not_found()
    window = (day - datetime.timedelta(days=62), day + datetime.timedelta(days=62))
    for o in schedule_occurrences(schedule, *window):
        if o.original_date == day and o.status != "cancelled":
            return o
    raise reasons.NOT_ON_THAT_DAY.invalid("date")


def hold_meeting(actor, body, data: HoldData) -> Meeting:
    """Open the record of a fund's or a network's meeting, numbered in the committee's term, with the
    standard five-item agenda."""
    require(actor, body, "manage_meetings")
    if not 2400 <= data.term <= 2800 or data.number < 1:
        raise reasons.BAD_NUMBER.invalid("number")
    with transaction.atomic():
        serialise_audited_writes()
        if Meeting.objects.filter(**body_fields(body), term=data.term, number=data.number).exists():
            raise reasons.MEETING_NUMBER_TAKEN.invalid("number", number=data.number, term=data.term)
        if data.meeting_id:
            meeting = Meeting.objects.filter(
                pk=data.meeting_id, number__isnull=True, **body_fields(body)
            ).first()
            if meeting is None:
                raise reasons.MEETING_NOT_FOUND.not_found()
            meeting.term, meeting.number = data.term, data.number
            meeting.save(update_fields=["term", "number"])
            return _opened(actor, body, meeting)
        if data.schedule_id:
            o = _occurrence(body, data.schedule_id, data.date)
            fields = {
                "title_th": o.title_th,
                "date": o.date,
                "start_time": o.start_time,
                "end_time": o.end_time,
                "venue": o.venue,
                "schedule_id": data.schedule_id,
                "original_date": data.date,
            }
        else:
            if not data.title_th.strip() or not data.start_time or not data.end_time:
                raise reasons.MEETING_DETAILS_REQUIRED.invalid("title_th")
            if data.end_time <= data.start_time:
                raise reasons.ENDS_BEFORE_START.invalid("end_time")
            slot = Occurrence(data.title_th, data.date, data.start_time, data.end_time, data.venue)
            if clash := clashes(body, [slot]):
                raise ValidationFailed(clash)
            fields = {
                "title_th": data.title_th.strip(),
                "date": data.date,
                "start_time": data.start_time,
                "end_time": data.end_time,
                "venue": data.venue.strip(),
            }
        meeting = Meeting.objects.create(**body_fields(body), term=data.term, number=data.number, **fields)
        return _opened(actor, body, meeting)


def _opened(actor, body, meeting: Meeting) -> Meeting:
    """The standard agenda of a newly numbered meeting, and the record of its opening."""
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, order=n, title=title) for n, title in enumerate(DEFAULT_AGENDA, 1)
    )
    record(
        actor,
        "meetings.meeting_held",
        "meetings.Meeting",
        meeting.pk,
        fund_id=fund_id_of(body),
        data={"body": body_label(body), "reference": meeting.reference, "date": meeting.date.isoformat()},
    )
    return meeting


def _record_of(actor, meeting: Meeting):
    """The meeting's body, once the actor may write its record."""
    if not meeting.number:
        raise reasons.NOT_A_RECORD.invalid("meeting")
    require(actor, meeting.body, "manage_meetings")
    return meeting.body


def _attendee(body, member_number: str, fund_code: str) -> Member | None:
    """A member of the fund; at a network's meeting, a member of one of its funds (by fund and number)."""
    found = Member.objects.filter(number=member_number.strip()).select_related("person")
    if isinstance(body, Fund):
        return found.filter(fund=body).first()
    return found.filter(fund__network=body, fund__code=fund_code.strip()).first()


def attend(
    actor, meeting: Meeting, kind: str, member_number: str = "", guest_name: str = "", fund_code: str = ""
) -> Attendance:
    """Sign in a member or committee member of the fund (by member number), or a guest by name. At a
    network's meeting, members of its funds come by their fund's code and their number."""
    body = _record_of(actor, meeting)
    if kind not in AttendeeKind.values:
        raise reasons.BAD_ATTENDEE_KIND.invalid("kind")
    member = None
    if kind == AttendeeKind.GUEST:
        if not guest_name.strip():
            raise reasons.GUEST_NAME_REQUIRED.invalid("guest_name")
    else:
        member = _attendee(body, member_number, fund_code)
        if member is None and not isinstance(body, Fund):
            raise reasons.NOT_A_MEMBER_OF_THE_NETWORK.invalid(
                "member_number", number=member_number, fund=fund_code
            )
        if member is None:
            raise reasons.NOT_A_MEMBER_OF_THE_FUND.invalid("member_number", number=member_number)
    with transaction.atomic():
        serialise_audited_writes()
        if member and meeting.attendance.filter(member=member).exists():
            raise reasons.ALREADY_PRESENT.invalid("member_number")
        row = Attendance.objects.create(
            meeting=meeting, kind=kind, member=member, guest_name=guest_name.strip()
        )
        record(
            actor,
            "meetings.attended",
            "meetings.Meeting",
            meeting.pk,
            fund_id=fund_id_of(body),
            data={"kind": kind, "member": member.pk if member else None},
        )
    return row


def write_minutes(actor, meeting: Meeting, minutes: str, notes: dict[int, str] | None = None) -> Meeting:
    """The minutes of the meeting, and the notes of each agenda item (by its order)."""
    body = _record_of(actor, meeting)
    with transaction.atomic():
        serialise_audited_writes()
        meeting.minutes = minutes.strip()
        meeting.save(update_fields=["minutes"])
        for order, text in (notes or {}).items():
            meeting.agenda.filter(order=order).update(notes=text.strip())
        record(
            actor,
            "meetings.minutes_written",
            "meetings.Meeting",
            meeting.pk,
            fund_id=fund_id_of(body),
            data={"minutes": meeting.minutes, "notes": notes or {}},
        )
    return meeting


def resolve(
    actor, meeting: Meeting, text: str, link_kind: str = "", refs=(), number: int | None = None
) -> Resolution:
    """A resolution of the meeting, numbered next unless a number is given (a number used is refused).
    It may name what it decided: `link_kind` and its `refs` (member numbers, claim ids, a scheme version's
    number, a co-funding request's reference), each checked against the body's own records."""
    body = _record_of(actor, meeting)
    if not text.strip():
        raise reasons.RESOLUTION_TEXT_REQUIRED.invalid("text")
    refs = [part.strip() for r in ([refs] if isinstance(refs, str) else refs) for part in r.split(",")]
    refs = list(dict.fromkeys(r for r in refs if r))
    if bool(link_kind.strip()) != bool(refs):
        raise reasons.LINK_INCOMPLETE.invalid("link_kind")
    with transaction.atomic():
        serialise_audited_writes()
        links = check_links(body, link_kind.strip(), refs) if refs else []
        if number is None:
            number = (meeting.resolutions.aggregate(n=Max("number"))["n"] or 0) + 1
        elif meeting.resolutions.filter(number=number).exists():
            raise reasons.RESOLUTION_NUMBER_TAKEN.invalid(
                "number", number=number, meeting=f"{meeting.number}/{meeting.term}"
            )
        resolution = Resolution.objects.create(
            meeting=meeting,
            number=number,
            text=text.strip(),
            link_kind=link_kind.strip(),
            link_id=",".join(refs)[:40],
        )
        store_links(resolution, links)
        record(
            actor,
            "meetings.resolved",
            "meetings.Resolution",
            resolution.pk,
            fund_id=fund_id_of(body),
            data={"meeting": meeting.pk, "number": number, "link": [link_kind, refs]},
        )
    return resolution


def set_quorum_rule(actor, fund: Fund, committee_size: int, percent: int = 50) -> QuorumRule:
    require(actor, fund, "manage_meetings")
    if committee_size < 1 or not 1 <= percent <= 100:
        raise reasons.BAD_QUORUM.invalid("committee_size")
    with transaction.atomic():
        serialise_audited_writes()
        rule, _ = QuorumRule.objects.update_or_create(
            fund=fund, defaults={"committee_size": committee_size, "percent": percent}
        )
        record(
            actor,
            "meetings.quorum_rule_set",
            "meetings.QuorumRule",
            rule.pk,
            fund_id=fund.pk,
            data={"committee_size": committee_size, "percent": percent},
        )
    return rule
