"""Arranging meetings: a rule that misses months must say what then, one body never meets twice at once,
a meeting can be cancelled or moved, and nothing of another fund is reachable."""

import datetime

import pytest
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent
from sajja.core.errors import NotFound, NotPermitted, ValidationFailed
from sajja.meetings.models import Meeting, Schedule, ScheduleChange
from sajja.meetings.selectors import upcoming_for
from sajja.meetings.services import (
    MeetingData,
    ScheduleData,
    add_meeting,
    cancel_occurrence,
    create_schedule,
    move_occurrence,
)
from tests.factories import token_for

D, T = datetime.date, datetime.time


def monthly(title="ประชุมประจำเดือน", **rule) -> ScheduleData:
    rule = rule or {"day": 5}
    return ScheduleData(title, D(2027, 1, 1), T(9), T(12), ("ศาลาหมู่บ้าน",), **rule)


def test_the_31st_is_refused_naming_the_months_and_nothing_is_written(own, treasurer):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        create_schedule(treasurer, own, monthly(day=31))
    assert refused.value.code == "day_missing_in_some_months"
    assert "เมษายน" in refused.value.message_th and "September" in refused.value.message_en
    assert Schedule.objects.count() == 0 and AuditEvent.objects.count() == before


def test_the_31st_moved_to_the_last_day_is_kept_and_audited(own, treasurer):
    before = AuditEvent.objects.count()
    schedule = create_schedule(treasurer, own, monthly(day=31, short_month="last_day"))
    assert AuditEvent.objects.count() == before + 1
    days = [o.date for o in upcoming_for(treasurer, own, D(2027, 2, 1), months=2)]
    assert days == [D(2027, 2, 28), D(2027, 3, 31)]
    assert "วันสุดท้ายของเดือน" in schedule.rule.describe_th()


def test_two_meetings_of_the_same_body_at_once_are_refused(own, foreign, treasurer):
    create_schedule(treasurer, own, monthly(day=10))
    with pytest.raises(ValidationFailed) as refused:
        # the 2nd Wednesday of February 2027 is the 10th: the first clash
        create_schedule(treasurer, own, monthly("ประชุมกรรมการ", nth=2, weekday=2))
    assert refused.value.code == "meetings_overlap"
    assert "ประชุมประจำเดือน" in refused.value.message_th and "10 ก.พ. 2570" in refused.value.message_th
    with pytest.raises(ValidationFailed) as refused:
        add_meeting(treasurer, own, MeetingData("ประชุมวิสามัญ", D(2027, 6, 10), T(11), T(13)))
    assert refused.value.code == "meetings_overlap" and "10 มิ.ย. 2570" in refused.value.message_th
    assert Schedule.objects.count() == 1 and Meeting.objects.count() == 0
    # the afternoon is free, and another fund may meet at the same hour
    add_meeting(treasurer, own, MeetingData("ประชุมวิสามัญ", D(2027, 6, 10), T(13), T(15)))
    create_schedule(SYSTEM, foreign, monthly(day=10))


def test_a_cancelled_and_a_moved_meeting_show_on_the_calendar(own, treasurer):
    schedule = create_schedule(treasurer, own, monthly(day=5))
    cancel_occurrence(treasurer, schedule, D(2027, 2, 5), "ตรงกับงานบุญ")
    move_occurrence(treasurer, schedule, D(2027, 3, 5), MeetingData("", D(2027, 3, 8), T(13), T(16), "วัด"))
    shown = {(o.date, o.status, o.venue) for o in upcoming_for(treasurer, own, D(2027, 1, 1), months=4)}
    assert shown == {
        (D(2027, 1, 5), "planned", "ศาลาหมู่บ้าน"),
        (D(2027, 2, 5), "cancelled", "ศาลาหมู่บ้าน"),
        (D(2027, 3, 8), "moved", "วัด"),
        (D(2027, 4, 5), "planned", "ศาลาหมู่บ้าน"),
    }
    # a meeting already cancelled cannot be cancelled again, nor a day the rule never meets
    for day in (D(2027, 2, 5), D(2027, 4, 6)):
        with pytest.raises(ValidationFailed) as refused:
            cancel_occurrence(treasurer, schedule, day)
        assert refused.value.code == "not_an_occurrence"
    assert ScheduleChange.objects.count() == 2


def test_a_move_onto_another_meeting_is_refused(own, treasurer):
    schedule = create_schedule(treasurer, own, monthly(day=5))
    add_meeting(treasurer, own, MeetingData("อบรม", D(2027, 3, 8), T(9), T(16)))
    with pytest.raises(ValidationFailed) as refused:
        move_occurrence(treasurer, schedule, D(2027, 3, 5), MeetingData("", D(2027, 3, 8), T(10), T(12)))
    assert refused.value.code == "meetings_overlap"
    # moving it later the same day does not clash with itself
    move_occurrence(treasurer, schedule, D(2027, 3, 5), MeetingData("", D(2027, 3, 5), T(10), T(13)))


def test_only_officers_arrange_meetings_and_a_foreign_fund_does_not_exist(own, foreign, users):
    with pytest.raises(NotPermitted, match="your role does not allow this"):
        create_schedule(users["member"], own, monthly())
    with pytest.raises(NotPermitted, match="your role does not allow this"):
        create_schedule(users["coordinator"], own, monthly())
    with pytest.raises(NotFound, match="fund not found"):
        create_schedule(users["treasurer"], foreign, monthly())
    with pytest.raises(NotFound, match="fund not found"):
        upcoming_for(users["treasurer"], foreign, D(2027, 1, 1))
    assert Schedule.objects.count() == 0


def test_network_meetings_are_arranged_by_its_coordinator_and_read_by_its_funds(own, foreign, users):
    network = own.network
    with pytest.raises(NotPermitted, match="your role does not allow this"):
        create_schedule(users["treasurer"], network, monthly())
    create_schedule(users["coordinator"], network, monthly(day=16))
    assert [o.date.day for o in upcoming_for(users["member"], network, D(2027, 1, 1), months=1)] == [16]
    with pytest.raises(NotFound, match="network not found"):
        upcoming_for(users["coordinator"], foreign.network, D(2027, 1, 1))


def test_the_api_creates_a_schedule_once_per_key_and_explains_a_refusal(own, treasurer):
    client_headers = {"Authorization": f"Bearer {token_for(treasurer)}", "Idempotency-Key": "k-31"}
    url = reverse("api:meeting-schedule-new", kwargs={"code": own.code})
    from django.test import Client

    client = Client()
    body = {
        "title_th": "ประชุม",
        "day": 31,
        "start_on": "2027-01-01",
        "start_time": "09:00",
        "end_time": "12:00",
    }
    refused = client.post(url, body, content_type="application/json", headers=client_headers)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["where"] == "short_month"
    assert "พฤศจิกายน" in refused.json()["message_th"]
    body["short_month"] = "skip"
    first = client.post(
        url, body, content_type="application/json", headers={**client_headers, "Idempotency-Key": "k2"}
    )
    again = client.post(
        url, body, content_type="application/json", headers={**client_headers, "Idempotency-Key": "k2"}
    )
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert Schedule.objects.count() == 1 and first.json()["rule_th"].startswith("ทุกวันที่ 31")


def test_the_calendar_page_lists_the_meetings_and_a_foreign_one_is_404(client, own, foreign, treasurer):
    create_schedule(treasurer, own, monthly(day=5))
    client.force_login(treasurer)
    page = client.get(reverse("meetings:meeting-calendar", kwargs={"code": own.code}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "ประชุมประจำเดือน" in text and "ศาลาหมู่บ้าน" in text and ".ics" in text
    assert "การประชุมของกองทุน" in text  # the page speaks Thai
    assert client.get(reverse("meetings:meeting-calendar", kwargs={"code": foreign.code})).status_code == 404
