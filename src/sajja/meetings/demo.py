"""The demo's meetings: each network's monthly meeting and each fund's own, as the founding networks meet."""

from __future__ import annotations

import datetime
from typing import Any

from sajja.access.policy import SYSTEM
from sajja.meetings.services import MeetingData, ScheduleData, create_schedule, move_occurrence
from sajja.meetings.services_minutes import (
    HoldData,
    attend,
    hold_meeting,
    resolve,
    set_quorum_rule,
    write_minutes,
)
from sajja.registry.models import Fund, Network

START = datetime.date(2026, 1, 1)
HELD_IN = "songkhla-khuanlang"  # the fund whose November meeting the demo shows as held
SONGKHLA_VENUE = "มูลนิธิสัจจะลดรายจ่ายวันละ 1 บาท อ.เมืองสงขลา"
LAMPANG_VENUES = (
    "ศาลาอเนกประสงค์บ้านต้นธง อ.เมืองลำปาง",
    "ศาลาการเปรียญวัดพระธาตุลำปางหลวง อ.เกาะคา",
    "ที่ทำการกลุ่มออมทรัพย์บ้านนาครัว อ.แม่ทะ",
    "หอประชุมอำเภอห้างฉัตร",
)
# Songkran: the network's April meeting moves from the 16th to the 20th.
SONGKHLA_MOVED = (datetime.date(2027, 4, 16), datetime.date(2027, 4, 20))

# A schedule's rule, as ScheduleData's fields: a day of the month, or the nth weekday (and short_month).
Rule = dict[str, Any]

# (network, title, rule, hours, venues)
NETWORK_MEETINGS: list[tuple[str, str, Rule, tuple[int, int], tuple[str, ...]]] = [
    ("songkhla", "ประชุมเครือข่ายสัจจะวันละ 1 บาท จ.สงขลา", {"day": 16}, (10, 15), (SONGKHLA_VENUE,)),
    ("lampang", "ประชุมเครือข่ายสวัสดิการชุมชน จ.ลำปาง (หมุนเวียนสถานที่)", {"day": 22}, (9, 12), LAMPANG_VENUES),
    ("trat", "ประชุมกองทุนเมตตาธรรม จ.ตราด", {"nth": 3, "weekday": 5}, (9, 12), ("ศาลากลางจังหวัดตราด",)),
    (
        "nakhon",
        "ประชุมเครือข่ายกองทุนหมู่บ้านตำบลกะหรอ",
        {"day": 30, "short_month": "last_day"},
        (13, 16),
        ("ที่ทำการ อบต.กะหรอ",),
    ),
]
# Each fund's own monthly meeting, where cash is collected, claims approved and members admitted.
FUND_RULES: dict[str, Rule] = {
    "songkhla": {"day": 5},
    "lampang": {"nth": 2, "weekday": 6},
    "trat": {"day": 10},
    "nakhon": {"nth": -1, "weekday": 4},
}


def _time(hour: int) -> datetime.time:
    return datetime.time(hour, 0)


def extend(rng) -> list[tuple[str, str, str]]:
    for code, title, rule, (start, end), venues in NETWORK_MEETINGS:
        network = Network.objects.filter(code=code).first()
        if network is None:
            continue
        schedule = create_schedule(
            SYSTEM, network, ScheduleData(title, START, _time(start), _time(end), venues, **rule)
        )
        if code == "songkhla":
            day, to = SONGKHLA_MOVED
            move = MeetingData(title, to, _time(start), _time(end), SONGKHLA_VENUE)
            move_occurrence(SYSTEM, schedule, day, move, "ตรงกับช่วงเทศกาลสงกรานต์")
    for fund in Fund.objects.select_related("network"):
        rule = FUND_RULES.get(fund.network.code, {"day": 5})
        data = ScheduleData(
            f"ประชุมประจำเดือน{fund.name_th}",
            START,
            _time(9),
            _time(12),
            (f"ที่ทำการ{fund.name_th}",),
            **rule,
        )
        schedule = create_schedule(SYSTEM, fund, data)
        if fund.code == HELD_IN:
            _held_meeting(fund, schedule)
    return []


def _held_meeting(fund: Fund, schedule) -> None:
    """November's meeting of the first Songkhla fund, held: attendance, minutes and a resolution."""
    set_quorum_rule(SYSTEM, fund, committee_size=7, percent=50)
    meeting = hold_meeting(SYSTEM, fund, HoldData(2569, 11, datetime.date(2026, 11, 5), schedule.pk))
    for member in fund.members.order_by("number")[:5]:
        attend(SYSTEM, meeting, "committee", member.number)
    for member in fund.members.order_by("number")[5:12]:
        attend(SYSTEM, meeting, "member", member.number)
    attend(SYSTEM, meeting, "guest", guest_name="เจ้าหน้าที่ พมจ.สงขลา")
    notes = {
        1: "ประธานแจ้งกำหนดประชุมเครือข่ายวันที่ 16 ณ มูลนิธิ",
        2: "รับรองรายงานการประชุมครั้งที่ 10/2569 โดยไม่มีแก้ไข",
        4: "พิจารณาคำขอรับสวัสดิการ 3 ราย (คลอดบุตร 1 เจ็บป่วย 2) เอกสารครบ",
    }
    write_minutes(SYSTEM, meeting, "เปิดประชุม 09:00 น. ปิดประชุม 12:00 น. เก็บเงินสัจจะประจำเดือนเรียบร้อย", notes)
    # the claims verified and awaiting the meeting's approval, if the welfare demo has made them yet
    verified = [str(pk) for pk in fund.claims.filter(status="verified").values_list("pk", flat=True)]
    text = f"อนุมัติจ่ายสวัสดิการ {len(verified) or 3} ราย ตามที่เหรัญญิกเสนอ"
    resolve(SYSTEM, meeting, text, "claims" if verified else "", verified)
