"""The calendar feeds, checked the way a phone reads them: parsed back with icalendar and expanded for a
year with dateutil's RFC 5545 parser (rrulestr), applying EXDATE and RECURRENCE-ID overrides as RFC 5545
says, they give the demo networks' meetings on their days (16th, 22nd)."""

import datetime
from dataclasses import dataclass

from dateutil.rrule import rrulestr
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from sajja.access.policy import SYSTEM
from sajja.meetings import demo
from sajja.meetings.models import Schedule
from sajja.meetings.selectors import feed_token
from sajja.meetings.services import cancel_occurrence
from sajja.registry.models import Network
from tests.factories import make_fund

YEAR = (datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))


def demo_networks():
    make_fund("songkhla-khuanlang", "songkhla")
    make_fund("lampang-province", "lampang")
    demo.extend(None)
    return Network.objects.get(code="songkhla"), Network.objects.get(code="lampang")


def fetch(client, body):
    kind = "network" if isinstance(body, Network) else "fund"
    url = reverse(f"meetings:meetings-feed-{kind}", kwargs={kind: body.code, "token": feed_token(body)})
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@dataclass(frozen=True)
class Seen:
    """One meeting as a calendar app shows it."""

    start: datetime.datetime
    end: datetime.datetime
    location: str
    summary: str


def _seen(event, start=None, end=None) -> Seen:
    start = start or event["DTSTART"].dt
    return Seen(start, end or event["DTEND"].dt, str(event.get("LOCATION", "")), str(event["SUMMARY"]))


def between(calendar, first: datetime.date, last: datetime.date) -> list[Seen]:
    """Every meeting from `first` to `last`: rules expanded, EXDATEs dropped, overrides put in place."""
    masters, overrides, singles = {}, {}, []
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"])
        if "RECURRENCE-ID" in event:
            overrides[(uid, event["RECURRENCE-ID"].dt)] = event
        elif "RRULE" in event:
            masters[uid] = event
        else:
            singles.append(event)
    found = []
    for uid, event in masters.items():
        start = event["DTSTART"].dt
        length = event["DTEND"].dt - start
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
        exdates = event.get("EXDATE", [])
        skipped = {d.dt for group in (exdates if isinstance(exdates, list) else [exdates]) for d in group.dts}
        for moment in rule.between(
            start - datetime.timedelta(days=800), start + datetime.timedelta(days=3000), inc=True
        ):
            if moment in skipped:
                continue
            override = overrides.get((uid, moment))
            found.append(_seen(override) if override else _seen(event, moment, moment + length))
    found += [_seen(event) for event in singles]
    return sorted((s for s in found if first <= s.start.date() <= last), key=lambda s: s.start)


def expand(calendar):
    return between(calendar, *YEAR)


def test_songkhla_meets_on_the_16th_at_the_foundation_from_10_to_15(client, db):
    songkhla, _ = demo_networks()
    events = expand(fetch(client, songkhla))
    days = [e.start.date() for e in events]
    # every 16th, but April's, moved for Songkran to the 20th
    assert days == [datetime.date(2027, m, 20 if m == 4 else 16) for m in range(1, 13)]
    assert {(e.start.hour, e.end.hour) for e in events} == {(10, 15)}
    assert {str(e.start.tzinfo) for e in events} == {"Asia/Bangkok"}
    assert {e.location for e in events} == {demo.SONGKHLA_VENUE}
    assert events[0].summary == demo.NETWORK_MEETINGS[0][1]


def test_lampang_meets_on_the_22nd_at_a_venue_in_turn(client, db, fixed_today):
    # the feed names each meeting's venue from about three months before today to a year after
    today = fixed_today(datetime.date(2026, 12, 7))
    _, lampang = demo_networks()
    calendar = fetch(client, lampang)
    master = next(c for c in calendar.walk("VEVENT") if "RECURRENCE-ID" not in c)
    assert master["RRULE"]["BYMONTHDAY"] == [22] and master["RRULE"]["FREQ"] == ["MONTHLY"]
    assert any(c.name == "VTIMEZONE" and str(c["TZID"]) == "Asia/Bangkok" for c in calendar.subcomponents)
    events = expand(calendar)
    assert [e.start.date() for e in events] == [datetime.date(2027, m, 22) for m in range(1, 13)]
    # the coming year, where each meeting names its own venue: the first meeting (January 2026) at the
    # first venue, then the next each month
    coming = between(calendar, today, today + datetime.timedelta(days=364))
    assert len(coming) == 12
    for event in coming:
        day = event.start.date()
        turn = (day.year - 2026) * 12 + day.month - 1
        assert event.location == demo.LAMPANG_VENUES[turn % 4], day


def test_a_cancelled_meeting_leaves_the_feed_as_an_exdate(client, db):
    songkhla, _ = demo_networks()
    schedule = Schedule.objects.get(network=songkhla)
    cancel_occurrence(SYSTEM, schedule, datetime.date(2027, 6, 16), "ตรงกับการประชุมจังหวัด")
    calendar = fetch(client, songkhla)
    master = next(c for c in calendar.walk("VEVENT") if "RECURRENCE-ID" not in c and "RRULE" in c)
    assert "EXDATE" in master
    days = [e.start.date() for e in expand(calendar)]
    assert datetime.date(2027, 6, 16) not in days and len(days) == 11


def test_a_fund_feed_holds_the_funds_own_meetings_in_thai(client, db):
    demo_networks()
    fund = make_fund("songkhla-khutao", "songkhla")
    from sajja.meetings.services import ScheduleData, create_schedule

    create_schedule(
        SYSTEM,
        fund,
        ScheduleData(
            "ประชุมประจำเดือนกองทุน",
            datetime.date(2027, 1, 1),
            datetime.time(9),
            datetime.time(12),
            ("วัด",),
            day=5,
        ),
    )
    events = expand(fetch(client, fund))
    assert [e.start.day for e in events] == [5] * 12
    assert events[0].summary == "ประชุมประจำเดือนกองทุน"


def test_a_wrong_token_or_an_unknown_body_is_404(client, db):
    songkhla, lampang = demo_networks()
    good = feed_token(songkhla)
    wrong = [
        reverse("meetings:meetings-feed-network", kwargs={"network": "songkhla", "token": "0" * 32}),
        reverse(
            "meetings:meetings-feed-network", kwargs={"network": "lampang", "token": good}
        ),  # another's token
        reverse("meetings:meetings-feed-network", kwargs={"network": "no-such", "token": good}),
        reverse(
            "meetings:meetings-feed-fund", kwargs={"fund": "songkhla", "token": good}
        ),  # a network's token as a fund
    ]
    for url in wrong:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "BEGIN:VCALENDAR" not in response.content.decode()


def test_the_cli_writes_the_network_feed(db, tmp_path):
    demo_networks()
    out = tmp_path / "lampang.ics"
    call_command("meetings", "ics", "--network", "lampang", "-o", str(out))
    events = expand(Calendar.from_ical(out.read_bytes()))
    assert [e.start.day for e in events] == [22] * 12
    fund_out = tmp_path / "fund.ics"
    call_command("meetings", "ics", "--network", "lampang", "--fund", "lampang-province", "-o", str(fund_out))
    fund_events = expand(Calendar.from_ical(fund_out.read_bytes()))
    # the Lampang fund's own meeting: the second Sunday
    assert fund_events and all(e.start.weekday() == 6 and 8 <= e.start.day <= 14 for e in fund_events)
