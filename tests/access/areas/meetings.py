"""Access policy of the meetings area: calendars, schedules and the calendar feeds."""

from __future__ import annotations

import datetime

from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.meetings.selectors import feed_token
from sajja.meetings.services import ScheduleData, create_schedule
from sajja.meetings.services_knowledge import NoteData, write_note
from sajja.meetings.services_minutes import HoldData, hold_meeting
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


def _schedule_in(world, side):
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
    return create_schedule(SYSTEM, side.fund, data)


def _change(world, side, role) -> Ask:
    schedule = _schedule_in(world, side)
    path = reverse("api:meeting-schedule-change", kwargs={**_fund(side), "schedule_id": schedule.pk})
    body = {"date": f"{schedule.start_on.year}-03-10", "action": "cancel", "reason": "ตรงกับวันหยุด"}
    return Ask(path, body, _key(world))


def _meeting_body(world) -> dict:
    year = _year(world)
    return {"title_th": "ประชุมวิสามัญ", "date": f"{year}-06-02", "start_time": "13:00", "end_time": "15:00"}


def _feed(kind, body) -> Ask:
    return Ask(reverse(f"meetings-feed-{kind}", kwargs={kind: body.code, "token": feed_token(body)}))


def _held(world, side):
    """A held meeting of the side's fund, on a day of its own."""
    n = world.serial()
    data = HoldData(
        2569, n, datetime.date(2030 + n, 1, 2), None, "ประชุมประจำเดือน", datetime.time(9), datetime.time(12)
    )
    return hold_meeting(SYSTEM, side.fund, data)


def _on_held(name, data):
    def ask(world, side, role) -> Ask:
        meeting = _held(world, side)
        path = reverse(name, kwargs={**_fund(side), "pk": meeting.pk})
        return Ask(path, data(world, side) if data else None)

    return ask


def _hold(world, side, role) -> Ask:
    schedule = _schedule_in(world, side)
    body = {
        "schedule": schedule.pk,
        "date": f"{schedule.start_on.year}-02-10",
        "number": world.serial(),
        "term": 2569,
    }
    return Ask(reverse("meeting-hold", kwargs=_fund(side)), body)


def _note(world, side, role) -> Ask:
    data = NoteData("lesson", "เก็บเงินสัจจะในวันประชุม", "กองทุนสวัสดิการชุมชนเก็บเงินในวันประชุม", "everyone")
    return Ask(reverse("knowledge-note", kwargs={"pk": write_note(SYSTEM, side.fund, data).pk}))


RECIPES = {
    ("knowledge-search", "GET"): lambda w, s, role: Ask(reverse("knowledge-search") + "?q=สวัสดิการ"),
    ("knowledge-note", "GET"): _note,
    ("model-profiles", "GET"): lambda w, s, role: Ask(reverse("model-profiles")),
    ("model-profile", "GET"): lambda w, s, role: Ask(
        reverse("model-profile", kwargs={"network": s.fund.network.code})
    ),
    ("api:knowledge-search", "GET"): lambda w, s, role: Ask(reverse("api:knowledge-search") + "?q=สวัสดิการ"),
    ("meeting-hold", "GET"): lambda w, s, role: Ask(reverse("meeting-hold", kwargs=_fund(s))),
    ("meeting-hold", "POST"): _hold,
    ("meeting-detail", "GET"): _on_held("meeting-detail", None),
    ("meeting-report", "GET"): _on_held("meeting-report", None),
    ("meeting-attend", "GET"): _on_held("meeting-attend", None),
    ("meeting-attend", "POST"): _on_held(
        "meeting-attend", lambda w, s: {"kind": "committee", "member_number": s.member.number}
    ),
    ("meeting-minutes", "GET"): _on_held("meeting-minutes", None),
    ("meeting-minutes", "POST"): _on_held(
        "meeting-minutes", lambda w, s: {"minutes": "ที่ประชุมรับทราบ", "item-1": "แจ้ง"}
    ),
    ("meeting-resolve", "GET"): _on_held("meeting-resolve", None),
    ("meeting-resolve", "POST"): _on_held(
        "meeting-resolve",
        lambda w, s: {"text": "อนุมัติจ่ายสวัสดิการ 3 ราย", "link_kind": "claims", "link_id": "12"},
    ),
    ("meeting-calendar", "GET"): lambda w, s, role: Ask(reverse("meeting-calendar", kwargs=_fund(s))),
    ("meetings-feed-fund", "GET"): lambda w, s, role: _feed("fund", s.fund),
    ("meetings-feed-network", "GET"): lambda w, s, role: _feed("network", s.fund.network),
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
}


def _rules():
    # tests.access.policy gathers every area's RULES while it loads: it is imported here, when RULES is
    # first asked for (by then it has defined R), never at the top, so neither module loads half-made.
    from tests.access.policy import ANY, FUND, PUBLIC, R

    # fmt: off
    return [
        # route                              method  scope   nobody member treas. commit. auditor coord. admin  what it is
        R("meeting-calendar",                "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "the fund's and its network's meetings"),
        R("meeting-hold",                    "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "opening a record needs the button (POST)"),
        R("meeting-hold",                    "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "opening the record of a planned meeting"),
        R("meeting-detail",                  "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "a meeting's record: agenda, attendance, minutes, resolutions"),
        R("meeting-report",                  "GET",  FUND,   302,   200,   200,   200,    200,    200,   200,   "the one-page report to members after a meeting"),
        R("meeting-attend",                  "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "signing in needs the button (POST)"),
        R("meeting-attend",                  "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "signing a member in"),
        R("meeting-minutes",                 "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "saving minutes needs the button (POST)"),
        R("meeting-minutes",                 "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "saving the minutes"),
        R("meeting-resolve",                 "GET",  FUND,   302,   405,   405,   405,    405,    405,   405,   "recording a resolution needs the button (POST)"),
        R("meeting-resolve",                 "POST", FUND,   302,   403,   302,   302,    403,    403,   302,   "recording a resolution"),
        R("knowledge-search",                "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "searching knowledge notes shared with you"),
        R("knowledge-note",                  "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "a note shared with everyone"),
        R("model-profiles",                  "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "the founding models side by side"),
        R("model-profile",                   "GET",  ANY,    302,   200,   200,   200,    200,    200,   200,   "one model (figures only for its officers)"),
        R("api:knowledge-search",            "GET",  ANY,    401,   200,   200,   200,    200,    200,   200,   "searching knowledge notes shared with you"),
        R("meetings-feed-fund",              "GET",  PUBLIC, 200,   200,   200,   200,    200,    200,   200,   "a fund's calendar feed (the token is the key)"),
        R("meetings-feed-network",           "GET",  PUBLIC, 200,   200,   200,   200,    200,    200,   200,   "a network's calendar feed (the token is the key)"),
        R("api:meetings",                    "GET",  FUND,   401,   200,   200,   200,    200,    200,   200,   "the fund's coming meetings"),
        R("api:meeting-new",                 "POST", FUND,   401,   403,   201,   201,    403,    403,   201,   "a single meeting"),
        R("api:meeting-schedules",           "GET",  FUND,   401,   200,   200,   200,    200,    200,   200,   "the fund's meeting schedules"),
        R("api:meeting-schedule-new",        "POST", FUND,   401,   403,   201,   201,    403,    403,   201,   "a monthly meeting schedule"),
        R("api:meeting-schedule-change",     "POST", FUND,   401,   403,   201,   201,    403,    403,   201,   "cancelling or moving one meeting"),
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
