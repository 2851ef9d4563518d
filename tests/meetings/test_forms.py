"""Arranging meetings from the phone-sized forms: a monthly schedule (a day of the month or the n-th
weekday; one venue or several in turn), a single meeting, cancelling and moving one meeting. Bad input
comes back on the form, in Thai, and nothing is written."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse

from sajja.audit.models import AuditEvent
from sajja.meetings.models import Meeting, Schedule, ScheduleChange
from sajja.meetings.selectors import body_occurrences

D = datetime.date


def schedule_form(**changes) -> dict:
    form = {
        "title_th": "ประชุมคณะกรรมการ",
        "pattern": "day",
        "day": "31",
        "short_month": "exact",
        "start_on": "2027-01-01",
        "until": "2027-12-31",
        "start_time": "09:00",
        "end_time": "12:00",
        "venues": "ศาลาหมู่ 1\nศาลาหมู่ 2",
    }
    return {**form, **changes}


def test_the_31st_from_the_form_names_the_months_it_skips_and_stores_nothing(client, own, treasurer):
    client.force_login(treasurer)
    url = reverse("meetings:meeting-schedule-new", args=[own.code])
    assert client.get(url).status_code == 200
    before = AuditEvent.objects.count()
    refused = client.post(url, schedule_form())
    text = refused.content.decode()
    assert refused.status_code == 400
    for month in ("กุมภาพันธ์", "เมษายน", "มิถุนายน", "กันยายน", "พฤศจิกายน"):
        assert month in text, month
    assert "มกราคม" not in text.split("errorlist")[1][:300]  # January has a 31st: not named as skipped
    assert Schedule.objects.count() == 0 and AuditEvent.objects.count() == before
    moved = client.post(url, schedule_form(short_month="last_day"))
    assert moved.status_code == 302 and moved["Location"] == reverse(
        "meetings:meeting-calendar", args=[own.code]
    )
    schedule = Schedule.objects.get()
    assert (schedule.day, schedule.short_month, schedule.venues) == (31, "last_day", ["ศาลาหมู่ 1", "ศาลาหมู่ 2"])


def test_the_nth_weekday_from_the_form(client, own, treasurer):
    client.force_login(treasurer)
    form = schedule_form(pattern="weekday", day="", nth="-1", weekday="4", venues="วัดกลาง")
    assert client.post(reverse("meetings:meeting-schedule-new", args=[own.code]), form).status_code == 302
    schedule = Schedule.objects.get()
    assert (schedule.day, schedule.nth, schedule.weekday) == (None, -1, 4)
    page = client.get(reverse("meetings:meeting-schedule", args=[own.code, schedule.pk])).content.decode()
    assert "ทุกวันศุกร์สุดท้ายของเดือน" in page and "วัดกลาง" in page


def test_a_single_meeting_and_an_overlapping_one_of_the_same_fund(client, own, foreign, treasurer):
    client.force_login(treasurer)
    url = reverse("meetings:meeting-new", args=[own.code])
    one = {"title_th": "ประชุมวิสามัญ", "date": "2027-03-02", "start_time": "13:00", "end_time": "15:00"}
    assert client.post(url, one).status_code == 302
    clash = client.post(url, {**one, "title_th": "ประชุมชี้แจง", "start_time": "14:00", "end_time": "16:00"})
    assert (
        clash.status_code == 400
        and "ซ้อนกับ" in clash.content.decode()
        and "ประชุมวิสามัญ" in clash.content.decode()
    )
    backwards = client.post(url, {**one, "date": "2027-03-03", "end_time": "12:00"})
    assert backwards.status_code == 400 and "เวลาเลิกประชุมต้องหลังเวลาเริ่ม" in backwards.content.decode()
    assert list(Meeting.objects.values_list("title_th", flat=True)) == ["ประชุมวิสามัญ"]
    assert client.post(reverse("meetings:meeting-new", args=[foreign.code]), one).status_code == 404


def test_cancelling_and_moving_one_meeting_from_the_schedule_page(client, own, treasurer, users):
    client.force_login(treasurer)
    client.post(
        reverse("meetings:meeting-schedule-new", args=[own.code]),
        schedule_form(day="16", start_on="2026-11-01"),
    )
    schedule = Schedule.objects.get()
    url = reverse("meetings:meeting-schedule", args=[own.code, schedule.pk])
    assert (
        client.post(url, {"date": "2026-12-16", "action": "cancel", "reason": "ตรงกับงานบุญ"}).status_code
        == 302
    )
    no_date = client.post(url, {"date": "2027-01-16", "action": "move"})
    assert no_date.status_code == 400 and "ต้องระบุวันที่ใหม่" in no_date.content.decode()
    not_planned = client.post(url, {"date": "2027-01-17", "action": "cancel"})
    assert not_planned.status_code == 400 and "ไม่มีการประชุมตามตารางนี้" in not_planned.content.decode()
    moved = client.post(url, {"date": "2027-01-16", "action": "move", "to_date": "2027-01-18", "venue": "วัด"})
    assert moved.status_code == 302
    changes = {(c.original_date, c.kind, c.new_date) for c in ScheduleChange.objects.all()}
    assert changes == {(D(2026, 12, 16), "cancel", None), (D(2027, 1, 16), "move", D(2027, 1, 18))}
    client.force_login(users["auditor"])  # reads the schedule, changes nothing
    assert client.get(url).status_code == 200
    assert client.post(url, {"date": "2027-02-16", "action": "cancel"}).status_code == 403
    assert ScheduleChange.objects.count() == 2


def test_a_networks_coordinator_arranges_its_meetings_from_the_form(client, own, foreign, users):
    network = own.network
    url = reverse("meetings:network-meeting-schedule-new", args=[network.code])
    client.force_login(users["treasurer"])  # a fund's officer reads the network's meetings only
    assert client.get(reverse("meetings:network-meeting-calendar", args=[network.code])).status_code == 200
    assert client.post(url, schedule_form(day="16")).status_code == 403
    client.force_login(users["coordinator"])
    assert client.post(url, schedule_form(day="16", start_on="2026-11-01")).status_code == 302
    assert Schedule.objects.get().network == network
    page = client.get(reverse("meetings:network-meeting-calendar", args=[network.code])).content.decode()
    assert "ทุกวันที่ 16 ของเดือน" in page
    assert (
        client.get(reverse("meetings:network-meeting-calendar", args=[foreign.network.code])).status_code
        == 404
    )
    assert (
        client.get(reverse("meetings:network-meeting-calendar", args=["no-such-network"])).status_code == 404
    )


def test_a_schedule_is_changed_by_ending_it_and_making_the_new_one(client, own, treasurer):
    client.force_login(treasurer)
    client.post(
        reverse("meetings:meeting-schedule-new", args=[own.code]),
        schedule_form(day="16", start_on="2026-11-01"),
    )
    old = Schedule.objects.get()
    url = reverse("meetings:meeting-schedule", args=[own.code, old.pk])
    before = AuditEvent.objects.count()
    refused = client.post(url, {"form": "end", "until": "2026-10-01"})
    assert refused.status_code == 400 and "วันสิ้นสุดต้องอยู่ระหว่างวันเริ่ม" in refused.content.decode()
    assert AuditEvent.objects.count() == before
    assert client.post(url, {"form": "end", "until": "2027-02-28"}).status_code == 302
    client.post(
        reverse("meetings:meeting-schedule-new", args=[own.code]),
        schedule_form(day="20", start_on="2027-03-01", until="", venues="วัดใหม่"),
    )
    new = Schedule.objects.exclude(pk=old.pk).get()
    days = [o.date for o in body_occurrences(own, D(2027, 1, 1), D(2027, 5, 31))]
    assert days == [D(2027, 1, 16), D(2027, 2, 16), D(2027, 3, 20), D(2027, 4, 20), D(2027, 5, 20)]
    assert new.venues == ["วัดใหม่"]


def test_the_links_for_the_fund_and_network_pages_point_at_the_meetings(own):
    fund_links = render_to_string("meetings/fund_links.html", {"fund": own})
    assert (
        reverse("meetings:meeting-calendar", args=[own.code]) in fund_links
        and reverse("knowledge:knowledge-search") in fund_links
    )
    network_links = render_to_string("meetings/network_links.html", {"network": own.network})
    assert reverse("meetings:network-meeting-calendar", args=[own.network.code]) in network_links


def test_a_schedule_that_never_meets_is_refused_saying_so(client, own, treasurer):
    client.force_login(treasurer)
    # the 31st, skipping short months, only in April: no meeting at all
    never = schedule_form(short_month="skip", start_on="2027-04-01", until="2027-04-30")
    refused = client.post(reverse("meetings:meeting-schedule-new", args=[own.code]), never)
    assert refused.status_code == 400 and "ไม่มีวันประชุมตามกำหนดนี้เลย" in refused.content.decode()
    assert not Schedule.objects.exists()
    once = schedule_form(short_month="skip", start_on="2027-04-01", until="2027-05-31")
    assert client.post(reverse("meetings:meeting-schedule-new", args=[own.code]), once).status_code == 302
