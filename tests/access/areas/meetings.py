"""Access policy of the meetings area: calendars, schedules and the calendar feeds."""

from __future__ import annotations

import datetime
import os
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.knowledge.services import NoteData, write_note
from sajja.meetings.attachments import attach
from sajja.meetings.selectors import feed_token
from sajja.meetings.services import ScheduleData, create_schedule
from sajja.meetings.services_minutes import HoldData, hold_meeting, resolve
from tests.access.asking import Ask, _fund, _key


def _year(world) -> int:
    """A year of its own for each ask, so that meetings made by the matrix never overlap."""
    return 2030 + world.serial()


def _schedule_body(world) -> dict:
    year = _year(world)
    return {
        "title_th": "ประชุมคณะกรรมการ",
        "day": 5,
        "start_on": f"{year}-01-01",
        "until": f"{year}-12-31",
        "start_time": "09:00",
        "end_time": "12:00",
        "venues": ["ศาลาหมู่บ้าน"],
    }


def _schedule_in(world, side, body=None):
    year = _year(world)
    data = ScheduleData(
        "ประชุมประจำเดือน",
        datetime.date(year, 1, 1),
        datetime.time(9),
        datetime.time(12),
        ("ศาลาหมู่บ้าน",),
        day=10,
        until=datetime.date(year, 12, 31),
    )
    return create_schedule(SYSTEM, body or side.fund, data)


def _change(world, side, role) -> Ask:
    schedule = _schedule_in(world, side)
    path = reverse("api:meeting-schedule-change", kwargs={**_fund(side), "schedule_id": schedule.pk})
    body = {"date": f"{schedule.start_on.year}-03-10", "action": "cancel", "reason": "ตรงกับวันหยุด"}
    return Ask(path, body, _key(world))


def _meeting_body(world) -> dict:
    year = _year(world)
    return {"title_th": "ประชุมวิสามัญ", "date": f"{year}-06-02", "start_time": "13:00", "end_time": "15:00"}


def _feed(kind, body) -> Ask:
    return Ask(reverse(f"meetings:meetings-feed-{kind}", kwargs={kind: body.code, "token": feed_token(body)}))


def _held(world, side, body=None):
    """A held meeting of the side's fund (or of `body`), on a day of its own."""
    n = world.serial()
    data = HoldData(
        2569, n, datetime.date(2030 + n, 1, 2), None, "ประชุมประจำเดือน", datetime.time(9), datetime.time(12)
    )
    return hold_meeting(SYSTEM, body or side.fund, data)


def _network(side) -> dict:
    return {"network": side.fund.network.code}


def _on_held(name, data, network=False, extra=None):
    """Ask `name` about a fresh held meeting of the side's fund (or, `network`, of its network)."""

    def ask(world, side, role) -> Ask:
        meeting = _held(world, side, side.fund.network if network else None)
        where = _network(side) if network else _fund(side)
        kwargs = {**where, "pk": meeting.pk, **(extra(meeting) if extra else {})}
        return Ask(reverse(name, kwargs=kwargs), data(world, side) if data else None)

    return ask


def _network_hold(world, side, role) -> Ask:
    schedule = _schedule_in(world, side, side.fund.network)
    body = {
        "schedule": schedule.pk,
        "date": f"{schedule.start_on.year}-02-10",
        "number": world.serial(),
        "term": 2569,
    }
    return Ask(reverse("meetings:network-meeting-hold", kwargs=_network(side)), body)


def _files_dir() -> None:
    """Files the matrix attaches go to a temporary folder, never into the working directory."""
    if not os.environ.get("SAJJA_EVIDENCE_DIR"):
        os.environ["SAJJA_EVIDENCE_DIR"] = tempfile.mkdtemp(prefix="sajja-matrix-files-")


def _pdf(world, side):
    _files_dir()
    return {
        "file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 signed minutes " + str(world.serial()).encode())
    }


def _meeting_file(name, network=False):
    def ask(world, side, role) -> Ask:
        _files_dir()
        meeting = _held(world, side, side.fund.network if network else None)
        data = b"%PDF-1.4 attendance sheet"
        attachment = attach(SYSTEM, meeting, "sheet.pdf", data)
        where = _network(side) if network else _fund(side)
        return Ask(reverse(name, kwargs={**where, "pk": meeting.pk, "file_id": attachment.pk}))

    return ask


def _schedule_page(name, network=False, post=False):
    def ask(world, side, role) -> Ask:
        body = side.fund.network if network else side.fund
        schedule = _schedule_in(world, side, body)
        where = _network(side) if network else _fund(side)
        data = {"date": f"{schedule.start_on.year}-04-10", "action": "cancel"} if post else None
        return Ask(reverse(name, kwargs={**where, "pk": schedule.pk}), data)

    return ask


def _schedule_form(world, side) -> dict:
    body = _schedule_body(world)
    return {**body, "pattern": "day", "short_month": "exact", "venues": "ศาลา"}


def _meeting_form(world, side) -> dict:
    return _meeting_body(world)


def _note_form(world, side, role) -> Ask:
    author = f"network:{side.fund.network.code}" if role == "coordinator" else f"fund:{side.fund.code}"
    data = {
        "author": author,
        "kind": "lesson",
        "title": "บทเรียน",
        "body": "เก็บเงินในวันประชุม",
        "sharing": "fund",
    }
    return Ask(reverse("knowledge:knowledge-new"), data)


def _written(side):
    data = NoteData("lesson", "เก็บเงินสัจจะ", "กองทุนเก็บเงินในวันประชุม", "everyone")
    return write_note(SYSTEM, side.fund, data)


def _note_file(world, side, role) -> Ask:
    _files_dir()
    note = _written(side)
    attachment = attach(SYSTEM, note, "handout.pdf", b"%PDF-1.4 handout")
    return Ask(reverse("knowledge:knowledge-attachment", kwargs={"pk": note.pk, "file_id": attachment.pk}))


def _note_file_add(world, side, role) -> Ask:
    return Ask(
        reverse("knowledge:knowledge-attachment-add", kwargs={"pk": _written(side).pk}), _pdf(world, side)
    )


def _approve(world, side, role) -> Ask:
    meeting = _held(world, side)
    resolve(SYSTEM, meeting, "อนุมัติจ่ายสวัสดิการ")
    return Ask(reverse("meetings:meeting-approve", kwargs={**_fund(side), "pk": meeting.pk, "number": 1}), {})


def _hold(world, side, role) -> Ask:
    schedule = _schedule_in(world, side)
    body = {
        "schedule": schedule.pk,
        "date": f"{schedule.start_on.year}-02-10",
        "number": world.serial(),
        "term": 2569,
    }
    return Ask(reverse("meetings:meeting-hold", kwargs=_fund(side)), body)


def _note(world, side, role) -> Ask:
    data = NoteData("lesson", "เก็บเงินสัจจะในวันประชุม", "กองทุนสวัสดิการชุมชนเก็บเงินในวันประชุม", "everyone")
    return Ask(reverse("knowledge:knowledge-note", kwargs={"pk": write_note(SYSTEM, side.fund, data).pk}))


RECIPES = {
    ("knowledge:knowledge-search", "GET"): lambda w, s, role: Ask(
        reverse("knowledge:knowledge-search") + "?q=สวัสดิการ"
    ),
    ("knowledge:knowledge-note", "GET"): _note,
    ("knowledge:model-profiles", "GET"): lambda w, s, role: Ask(reverse("knowledge:model-profiles")),
    ("knowledge:model-profile", "GET"): lambda w, s, role: Ask(
        reverse("knowledge:model-profile", kwargs={"network": s.fund.network.code})
    ),
    ("api:knowledge-search", "GET"): lambda w, s, role: Ask(reverse("api:knowledge-search") + "?q=สวัสดิการ"),
    ("meetings:meeting-hold", "GET"): lambda w, s, role: Ask(
        reverse("meetings:meeting-hold", kwargs=_fund(s))
    ),
    ("meetings:meeting-hold", "POST"): _hold,
    ("meetings:meeting-detail", "GET"): _on_held("meetings:meeting-detail", None),
    ("meetings:meeting-report", "GET"): _on_held("meetings:meeting-report", None),
    ("meetings:meeting-attend", "GET"): _on_held("meetings:meeting-attend", None),
    ("meetings:meeting-attend", "POST"): _on_held(
        "meetings:meeting-attend", lambda w, s: {"kind": "committee", "member_number": s.member.number}
    ),
    ("meetings:meeting-minutes", "GET"): _on_held("meetings:meeting-minutes", None),
    ("meetings:meeting-minutes", "POST"): _on_held(
        "meetings:meeting-minutes", lambda w, s: {"minutes": "ที่ประชุมรับทราบ", "item-1": "แจ้ง"}
    ),
    ("meetings:meeting-resolve", "GET"): _on_held("meetings:meeting-resolve", None),
    ("meetings:meeting-resolve", "POST"): _on_held(
        "meetings:meeting-resolve",
        lambda w, s: {"text": "อนุมัติจ่ายสวัสดิการ 3 ราย", "link_kind": "claims", "link_id": "12"},
    ),
    ("meetings:meeting-calendar", "GET"): lambda w, s, role: Ask(
        reverse("meetings:meeting-calendar", kwargs=_fund(s))
    ),
    ("meetings:meetings-feed-fund", "GET"): lambda w, s, role: _feed("fund", s.fund),
    ("meetings:meetings-feed-network", "GET"): lambda w, s, role: _feed("network", s.fund.network),
    ("api:meetings", "GET"): lambda w, s, role: Ask(reverse("api:meetings", kwargs=_fund(s))),
    ("api:meeting-new", "POST"): lambda w, s, role: Ask(
        reverse("api:meeting-new", kwargs=_fund(s)), _meeting_body(w), _key(w)
    ),
    ("api:meeting-schedules", "GET"): lambda w, s, role: Ask(
        reverse("api:meeting-schedules", kwargs=_fund(s))
    ),
    ("api:meeting-schedule-new", "POST"): lambda w, s, role: Ask(
        reverse("api:meeting-schedule-new", kwargs=_fund(s)), _schedule_body(w), _key(w)
    ),
    ("api:meeting-schedule-change", "POST"): _change,
    # the forms that arrange a fund's meetings
    ("meetings:meeting-new", "GET"): lambda w, s, role: Ask(reverse("meetings:meeting-new", kwargs=_fund(s))),
    ("meetings:meeting-new", "POST"): lambda w, s, role: Ask(
        reverse("meetings:meeting-new", kwargs=_fund(s)), _meeting_form(w, s)
    ),
    ("meetings:meeting-schedule-new", "GET"): lambda w, s, role: Ask(
        reverse("meetings:meeting-schedule-new", kwargs=_fund(s))
    ),
    ("meetings:meeting-schedule-new", "POST"): lambda w, s, role: Ask(
        reverse("meetings:meeting-schedule-new", kwargs=_fund(s)), _schedule_form(w, s)
    ),
    ("meetings:meeting-schedule", "GET"): _schedule_page("meetings:meeting-schedule"),
    ("meetings:meeting-schedule", "POST"): _schedule_page("meetings:meeting-schedule", post=True),
    ("meetings:meeting-report-pdf", "GET"): _on_held("meetings:meeting-report-pdf", None),
    ("meetings:meeting-approve", "GET"): _approve,
    ("meetings:meeting-approve", "POST"): _approve,
    ("meetings:meeting-attachment-add", "GET"): _on_held("meetings:meeting-attachment-add", None),
    ("meetings:meeting-attachment-add", "POST"): _on_held("meetings:meeting-attachment-add", _pdf),
    ("meetings:meeting-attachment", "GET"): _meeting_file("meetings:meeting-attachment"),
    # a network's meetings
    ("meetings:network-meeting-calendar", "GET"): lambda w, s, role: Ask(
        reverse("meetings:network-meeting-calendar", kwargs=_network(s))
    ),
    ("meetings:network-meeting-hold", "GET"): lambda w, s, role: Ask(
        reverse("meetings:network-meeting-hold", kwargs=_network(s))
    ),
    ("meetings:network-meeting-hold", "POST"): _network_hold,
    ("meetings:network-meeting-new", "GET"): lambda w, s, role: Ask(
        reverse("meetings:network-meeting-new", kwargs=_network(s))
    ),
    ("meetings:network-meeting-new", "POST"): lambda w, s, role: Ask(
        reverse("meetings:network-meeting-new", kwargs=_network(s)), _meeting_form(w, s)
    ),
    ("meetings:network-meeting-schedule-new", "GET"): lambda w, s, role: Ask(
        reverse("meetings:network-meeting-schedule-new", kwargs=_network(s))
    ),
    ("meetings:network-meeting-schedule-new", "POST"): lambda w, s, role: Ask(
        reverse("meetings:network-meeting-schedule-new", kwargs=_network(s)), _schedule_form(w, s)
    ),
    ("meetings:network-meeting-schedule", "GET"): _schedule_page(
        "meetings:network-meeting-schedule", network=True
    ),
    ("meetings:network-meeting-schedule", "POST"): _schedule_page(
        "meetings:network-meeting-schedule", network=True, post=True
    ),
    ("meetings:network-meeting-detail", "GET"): _on_held(
        "meetings:network-meeting-detail", None, network=True
    ),
    ("meetings:network-meeting-report", "GET"): _on_held(
        "meetings:network-meeting-report", None, network=True
    ),
    ("meetings:network-meeting-report-pdf", "GET"): _on_held(
        "meetings:network-meeting-report-pdf", None, network=True
    ),
    ("meetings:network-meeting-attend", "GET"): _on_held(
        "meetings:network-meeting-attend", None, network=True
    ),
    ("meetings:network-meeting-attend", "POST"): _on_held(
        "meetings:network-meeting-attend",
        lambda w, s: {"kind": "member", "fund_code": s.fund.code, "member_number": s.member.number},
        network=True,
    ),
    ("meetings:network-meeting-minutes", "GET"): _on_held(
        "meetings:network-meeting-minutes", None, network=True
    ),
    ("meetings:network-meeting-minutes", "POST"): _on_held(
        "meetings:network-meeting-minutes", lambda w, s: {"minutes": "แลกเปลี่ยนบทเรียน"}, network=True
    ),
    ("meetings:network-meeting-resolve", "GET"): _on_held(
        "meetings:network-meeting-resolve", None, network=True
    ),
    ("meetings:network-meeting-resolve", "POST"): _on_held(
        "meetings:network-meeting-resolve",
        lambda w, s: {"text": "ขอสมทบจาก พอช.", "link_kind": "cofunding", "link_id": "พอช-1"},
        network=True,
    ),
    ("meetings:network-meeting-attachment-add", "GET"): _on_held(
        "meetings:network-meeting-attachment-add", None, network=True
    ),
    ("meetings:network-meeting-attachment-add", "POST"): _on_held(
        "meetings:network-meeting-attachment-add", _pdf, network=True
    ),
    ("meetings:network-meeting-attachment", "GET"): _meeting_file(
        "meetings:network-meeting-attachment", network=True
    ),
    # writing knowledge notes and their files
    ("knowledge:knowledge-new", "GET"): lambda w, s, role: Ask(reverse("knowledge:knowledge-new")),
    ("knowledge:knowledge-new", "POST"): _note_form,
    ("knowledge:knowledge-attachment", "GET"): _note_file,
    ("knowledge:knowledge-attachment-add", "GET"): lambda w, s, role: Ask(
        reverse("knowledge:knowledge-attachment-add", kwargs={"pk": _written(s).pk})
    ),
    ("knowledge:knowledge-attachment-add", "POST"): _note_file_add,
}


def _rules():
    # tests.access.policy gathers every area's RULES while it loads: it is imported here, when RULES is
    # first asked for (by then it has defined R), never at the top, so neither module loads half-made.
    from tests.access.policy import ANY, FUND, PUBLIC, R

    # fmt: off
    return [
        # route                                      method  scope   nobody member treas. commit. auditor coord. admin  what it is
        R("meetings:meeting-calendar",               "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "the fund's and its network's meetings"),
        R("meetings:meeting-hold",                   "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "opening a record needs the button (POST)"),
        R("meetings:meeting-hold",                   "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "opening the record of a planned meeting"),
        R("meetings:meeting-detail",                 "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "a meeting's record: agenda, attendance, minutes, resolutions"),
        R("meetings:meeting-report",                 "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "the one-page report to members after a meeting"),
        R("meetings:meeting-attend",                 "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "signing in needs the button (POST)"),
        R("meetings:meeting-attend",                 "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "signing a member in"),
        R("meetings:meeting-minutes",                "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "saving minutes needs the button (POST)"),
        R("meetings:meeting-minutes",                "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "saving the minutes"),
        R("meetings:meeting-resolve",                "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "recording a resolution needs the button (POST)"),
        R("meetings:meeting-resolve",                "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "recording a resolution"),
        R("knowledge:knowledge-search",              "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "searching knowledge notes shared with you"),
        R("knowledge:knowledge-note",                "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "a note shared with everyone"),
        R("knowledge:model-profiles",                "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "the founding models side by side"),
        R("knowledge:model-profile",                 "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "one model (figures only for its officers)"),
        R("api:knowledge-search",                    "GET",  ANY,    401,   200,   200,   200,    200,    200,   200,   "searching knowledge notes shared with you"),
        R("meetings:meetings-feed-fund",             "GET",  PUBLIC, 200,   200,   200,   200,    200,    200,   200,   "a fund's calendar feed (the token is the key)"),
        R("meetings:meetings-feed-network",          "GET",  PUBLIC, 200,   200,   200,   200,    200,    200,   200,   "a network's calendar feed (the token is the key)"),
        R("api:meetings",                            "GET",  FUND,   401,   200,   200,   200,    200,    200,   200,   "the fund's coming meetings"),
        R("api:meeting-new",                         "POST", FUND,   401,   403,   201,   201,    403,    403,   201,   "a single meeting"),
        R("api:meeting-schedules",                   "GET",  FUND,   401,   200,   200,   200,    200,    200,   200,   "the fund's meeting schedules"),
        R("api:meeting-schedule-new",                "POST", FUND,   401,   403,   201,   201,    403,    403,   201,   "a monthly meeting schedule"),
        R("api:meeting-schedule-change",             "POST", FUND,   401,   403,   201,   201,    403,    403,   201,   "cancelling or moving one meeting"),
        R("meetings:meeting-new",                    "GET",  FUND,   302,   403,   200,   200,    403,    403,   200,   "the form for a single meeting"),
        R("meetings:meeting-new",                    "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "adding a single meeting"),
        R("meetings:meeting-schedule-new",           "GET",  FUND,   302,   403,   200,   200,    403,    403,   200,   "the form for a monthly schedule"),
        R("meetings:meeting-schedule-new",           "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "a monthly schedule"),
        R("meetings:meeting-schedule",               "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "a schedule and its coming meetings"),
        R("meetings:meeting-schedule",               "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "cancelling or moving one meeting"),
        R("meetings:meeting-report-pdf",             "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "the report to members as one A4 PDF page"),
        R("meetings:meeting-approve",                "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "approving needs the button (POST)"),
        R("meetings:meeting-approve",                "POST", FUND,   302,   403,   403,   302,    403,    403,   403,   "a committee member present approves the resolution's claims"),
        R("meetings:meeting-attachment-add",         "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "attaching needs the button (POST)"),
        R("meetings:meeting-attachment-add",         "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "a file of the meeting's record"),
        R("meetings:meeting-attachment",             "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "a file of a meeting's record"),
        R("meetings:network-meeting-calendar",       "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "the network's meetings (its funds' people read them)"),
        R("meetings:network-meeting-hold",           "GET",  ANY,    302,   405,   405,   405,    405,    405,   405,   "opening a record needs the button (POST)"),
        R("meetings:network-meeting-hold",           "POST", ANY,    302,   403,   403,   403,    403,    302,   302,   "opening the record of a network meeting"),
        R("meetings:network-meeting-new",            "GET",  ANY,    302,   403,   403,   403,    403,    200,   200,   "the form for a single network meeting"),
        R("meetings:network-meeting-new",            "POST", ANY,    302,   403,   403,   403,    403,    302,   302,   "adding a single network meeting"),
        R("meetings:network-meeting-schedule-new",   "GET",  ANY,    302,   403,   403,   403,    403,    200,   200,   "the form for the network's monthly schedule"),
        R("meetings:network-meeting-schedule-new",   "POST", ANY,    302,   403,   403,   403,    403,    302,   302,   "the network's monthly schedule"),
        R("meetings:network-meeting-schedule",       "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "a network schedule and its coming meetings"),
        R("meetings:network-meeting-schedule",       "POST", ANY,    302,   403,   403,   403,    403,    302,   302,   "cancelling or moving one network meeting"),
        R("meetings:network-meeting-detail",         "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "a network meeting's record"),
        R("meetings:network-meeting-report",         "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "the report after a network meeting"),
        R("meetings:network-meeting-report-pdf",     "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "the report after a network meeting, as PDF"),
        R("meetings:network-meeting-attend",         "GET",  ANY,    302,   405,   405,   405,    405,    405,   405,   "signing in needs the button (POST)"),
        R("meetings:network-meeting-attend",         "POST", ANY,    302,   403,   403,   403,    403,    302,   302,   "signing in a member of the network's funds"),
        R("meetings:network-meeting-minutes",        "GET",  ANY,    302,   405,   405,   405,    405,    405,   405,   "saving minutes needs the button (POST)"),
        R("meetings:network-meeting-minutes",        "POST", ANY,    302,   403,   403,   403,    403,    302,   302,   "saving a network meeting's minutes"),
        R("meetings:network-meeting-resolve",        "GET",  ANY,    302,   405,   405,   405,    405,    405,   405,   "recording a resolution needs the button (POST)"),
        R("meetings:network-meeting-resolve",        "POST", ANY,    302,   403,   403,   403,    403,    302,   302,   "recording a network resolution"),
        R("meetings:network-meeting-attachment-add", "GET",  ANY,    302,   405,   405,   405,    405,    405,   405,   "attaching needs the button (POST)"),
        R("meetings:network-meeting-attachment-add", "POST", ANY,    302,   403,   403,   403,    403,    302,   302,   "a file of a network meeting's record"),
        R("meetings:network-meeting-attachment",     "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "a file of a network meeting's record"),
        R("knowledge:knowledge-new",                 "GET",  ANY,    302,   403,   200,   200,    403,    200,   200,   "the form for a knowledge note"),
        R("knowledge:knowledge-new",                 "POST", ANY,    302,   403,   302,   302,    403,    302,   302,   "writing a knowledge note"),
        R("knowledge:knowledge-attachment-add",      "GET",  ANY,    302,   405,   405,   405,    405,    405,   405,   "attaching needs the button (POST)"),
        R("knowledge:knowledge-attachment-add",      "POST", ANY,    302,   403,   302,   302,    403,    403,   302,   "a file of a note, by its writer's officers"),
        R("knowledge:knowledge-attachment",          "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "a file of a note shared with everyone"),
    ]
    # fmt: on


def __getattr__(name):
    if name == "RULES":
        rules = _rules()
        _also_in_api_list(rules)
        return rules
    raise AttributeError(name)


def _also_in_api_list(rules) -> None:
    """tests.access.policy.API (what the API checks walk) lists only its own rows: add ours once."""
    from tests.access import policy

    listed = {(r.route, r.method) for r in policy.API}
    policy.API.extend(r for r in rules if r.route.startswith("api:") and (r.route, r.method) not in listed)
