"""The demo world: the four founding networks of the seed document, with funds, groups, members and books.

Deterministic (seeded), built through the same services as real use, so the demo's books pass
`sajja audit verify`. Logins exist only in a demo database; each prints with its password.
"""

from __future__ import annotations

import datetime
import importlib
import importlib.util
import random
from dataclasses import dataclass

import geothai
from django.contrib.auth import get_user_model
from django.db import transaction
from stdnum.th.pin import calc_check_digit

from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import SYSTEM
from sajja.contributions.models import Channel, Purpose
from sajja.contributions.rules import rule_book
from sajja.contributions.services import record_payments
from sajja.contributions.validation import Payment, fee_due
from sajja.core.ledger.chart import BANK, CASH, WELFARE_FUND, member_account_code
from sajja.core.ledger.records import Entry, Posting
from sajja.core.thai_dates import format_period
from sajja.ledger.services import close_period, open_fund_books, post_entries
from sajja.registry import demo as registry_demo
from sajja.registry.models import Fund, FundKind, Group, Network
from sajja.registry.services import Enrolment, PersonData, enrol_member
from sajja.welfare.demo import adopt_rules

# Each area adds its part of the demo world with `extend(rng) -> logins` in its own demo module.
DEMO_EXTENSIONS = [
    "sajja.welfare.demo",
    "sajja.contributions.demo",
    "sajja.meetings.demo",
    "sajja.knowledge.demo",
    "sajja.sustainability.demo",
    "sajja.cofunding.demo",
    "sajja.rollup.demo",  # after the others: it closes September and refreshes every fund's figures
    "sajja.pooling.demo",  # the networks' pool funds, made after the roll-up's closes (their own are done)
]
DEMO_PASSWORD = "sajja-demo-2569"
TODAY = registry_demo.TODAY

FIRST_F = ["สมศรี", "มาลี", "บุญมี", "จันทร์เพ็ญ", "สุดา", "อำไพ", "ประไพ", "ละเอียด", "นงลักษณ์", "วันเพ็ญ"]
FIRST_M = ["สมชาย", "บุญส่ง", "ประยูร", "สมบัติ", "วิชัย", "เสถียร", "อนันต์", "ชัยวัฒน์", "สุนทร", "มานพ"]
LAST = ["ใจดี", "ทองคำ", "ศรีสุข", "แก้วมณี", "บุญเรือง", "รักษ์ไทย", "สายทอง", "มีสุข", "ยอดแก้ว", "พรหมมา"]


@dataclass(frozen=True)
class FundSpec:
    code: str
    name_th: str
    name_en: str
    kind: str
    subdistrict: str
    groups: int
    members: int


NETWORKS = [
    (
        "songkhla",
        "เครือข่ายสัจจะลดรายจ่ายวันละ 1 บาท จังหวัดสงขลา",
        "Songkhla 1-baht-a-day network",
        "90",
        "เครือข่ายกองทุนระดับตำบล บริหารจัดการเองเต็มรูปแบบ ประชุมเครือข่ายทุกวันที่ 16 เวลา 10:00-15:00 น. ณ มูลนิธิ",
        [
            FundSpec(
                "songkhla-khuanlang",
                "กองทุนสวัสดิการชุมชนตำบลควนลัง",
                "Khuan Lang community welfare fund",
                str(FundKind.TAMBON),
                "901102",
                4,
                24,
            ),
            FundSpec(
                "songkhla-khutao",
                "กองทุนสวัสดิการชุมชนตำบลคูเต่า",
                "Khu Tao community welfare fund",
                str(FundKind.TAMBON),
                "901103",
                3,
                16,
            ),
            FundSpec(
                "songkhla-hatyai",
                "กองทุนสวัสดิการชุมชนเทศบาลนครหาดใหญ่",
                "Hat Yai municipal welfare fund",
                str(FundKind.MUNICIPALITY),
                "901101",
                3,
                12,
            ),
        ],
    ),
    (
        "lampang",
        "สถาบันการจัดการระบบการออมเพื่อสวัสดิการชุมชน จังหวัดลำปาง",
        "Lampang institute for saving systems for community welfare",
        "52",
        "21 กลุ่มเชื่อมเป็นกองทุนระดับจังหวัด ประชุมเครือข่ายหมุนเวียนทุกวันที่ 22",
        [
            FundSpec(
                "lampang-province",
                "กองทุนสวัสดิการจังหวัดลำปาง",
                "Lampang provincial welfare fund",
                str(FundKind.PROVINCIAL),
                "520101",
                21,
                42,
            )
        ],
    ),
    (
        "trat",
        "กองทุนเมตตาธรรม สัจจะวันละ 1 บาท จังหวัดตราด",
        "Trat Metta Tham 1-baht merit fund",
        "23",
        "ดำเนินการผ่านกลุ่มสัจจะสะสมทรัพย์และเครือข่าย",
        [
            FundSpec(
                "trat-mueang",
                "กองทุนเมตตาธรรม กลุ่มสัจจะสะสมทรัพย์เมืองตราด",
                "Mueang Trat savings-group merit fund",
                str(FundKind.SAVINGS_GROUP),
                "230101",
                3,
                15,
            ),
            FundSpec(
                "trat-khlongyai",
                "กองทุนเมตตาธรรม กลุ่มสัจจะสะสมทรัพย์คลองใหญ่",
                "Khlong Yai savings-group merit fund",
                str(FundKind.SAVINGS_GROUP),
                "230201",
                2,
                10,
            ),
        ],
    ),
    (
        "nakhon",
        "กองทุน 1 บาท เครือข่ายกองทุนหมู่บ้านตำบลกะหรอ จังหวัดนครศรีธรรมราช",
        "Karo village-fund network 1-baht fund, Nakhon Si Thammarat",
        "80",
        "ตั้งขึ้นเพื่อสนับสนุนเครือข่ายกองทุนหมู่บ้านระดับตำบล บริหารโดยคณะกรรมการเครือข่าย",
        [
            FundSpec(
                "nakhon-karo",
                "กองทุนสวัสดิการ 1 บาท ตำบลกะหรอ",
                "Tambon Karo 1-baht welfare fund",
                str(FundKind.VILLAGE_FUND),
                "802103",
                4,
                20,
            )
        ],
    ),
]


def national_id(rng: random.Random) -> str:
    body = str(rng.randint(1, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(11))
    return body + calc_check_digit(body)


def demo_exists() -> bool:
    return Network.objects.exists()


def build(stdout=None) -> list[tuple[str, str, str]]:
    """Build the demo world once. Returns the logins as (username, role, scope)."""
    rng = random.Random(2549)
    logins: list[tuple[str, str, str]] = []
    with transaction.atomic():
        for code, name_th, name_en, province, description, funds in NETWORKS:
            network = Network.objects.create(
                code=code, name_th=name_th, name_en=name_en, province_code=province, description=description
            )
            logins.append(_user(f"{code}.coordinator", Role.COORDINATOR, network=network))
            for n, spec in enumerate(funds):
                fund = _fund(network, spec, rng)
                if n == 0:
                    prefix = "" if code == "songkhla" else f"{code}."
                    logins.append(_user(f"{prefix}treasurer", Role.TREASURER, fund=fund))
                    if code == "songkhla":
                        for role, name in (
                            (Role.COMMITTEE, "committee1"),
                            (Role.COMMITTEE, "committee2"),
                            (Role.AUDITOR, "auditor"),
                        ):
                            logins.append(_user(name, role, fund=fund))
                        logins.append(_member_user(fund))
        logins.append(_user("admin", Role.ADMIN))
        for extension in DEMO_EXTENSIONS:
            if importlib.util.find_spec(extension):
                logins += importlib.import_module(extension).extend(rng) or []
    if stdout:
        stdout.write(f"demo built: {Network.objects.count()} networks, {Fund.objects.count()} funds")
    return logins


def _user(username, role, fund=None, network=None):
    user = get_user_model().objects.create_user(username, password=DEMO_PASSWORD)
    RoleAssignment.objects.create(user=user, role=role, fund=fund, network=network)
    scope = (fund or network).code if (fund or network) else "*"
    return (username, role.value, scope)


def _member_user(fund):
    member = fund.members.order_by("number").first()
    login = _user("member", Role.MEMBER, fund=fund)
    member.user = get_user_model().objects.get(username="member")
    member.save(update_fields=["user"])
    return login


def _fund(network, spec: FundSpec, rng: random.Random) -> Fund:
    sub = geothai.subdistrict(spec.subdistrict)
    if sub is None:
        raise ValueError(
            f"the demo fund {spec.code} names subdistrict {spec.subdistrict}, unknown to geothai"
        )
    fund = Fund.objects.create(
        network=network,
        code=spec.code,
        name_th=spec.name_th,
        name_en=spec.name_en,
        kind=spec.kind,
        province_code=sub.province_code,
        district_code=sub.district_code,
        subdistrict_code=sub.code,
        founded_on=datetime.date(2024, 1, 1),
    )
    open_fund_books(fund)
    adopt_rules(fund)
    groups = [
        Group.objects.create(fund=fund, code=f"G{g:02d}", name=f"หมู่ {g} {sub.name_th}", moo=g)
        for g in range(1, spec.groups + 1)
    ]
    members = []
    for i in range(spec.members):
        sex = "F" if i % 2 == 0 else "M"
        first = rng.choice(FIRST_F if sex == "F" else FIRST_M)
        joined = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 700))
        person = PersonData(
            national_id=national_id(rng),
            title="นาง" if sex == "F" else "นาย",
            first_name=first,
            last_name=rng.choice(LAST),
            birth_date=datetime.date(rng.randint(1946, 2000), rng.randint(1, 12), rng.randint(1, 28)),
            sex=sex,
            province_code=sub.province_code,
            district_code=sub.district_code,
            subdistrict_code=sub.code,
            moo=groups[i % len(groups)].moo,
            house_number=f"{rng.randint(1, 250)}/{rng.randint(1, 9)}",
        )
        members.append(enrol_member(SYSTEM, fund, Enrolment(person, joined, groups[i % len(groups)].code)))
    _books(fund, members)
    return fund


def _books(fund, members) -> None:
    """An opening balance, a monthly 30-baht contribution per member, and every month closed from the
    first month of the books to September 2026."""
    entries = [
        Entry(
            datetime.date(2024, 1, 1),
            "ยอดยกมาเงินกองทุน (opening balance)",
            (Posting(BANK, 5_000_00), Posting(WELFARE_FUND, -5_000_00)),
            "opening",
            "demo:opening",
        )
    ]
    for m in members:
        month = datetime.date(m.joined_on.year, m.joined_on.month, 1)
        while month <= datetime.date(2026, 10, 1):
            paid_on = max(month.replace(day=16), m.joined_on)
            entries.append(
                Entry(
                    paid_on,
                    f"สัจจะเดือน {format_period(month.year, month.month)} สมาชิก {m.number}",
                    (Posting(CASH, 30_00), Posting(member_account_code(m.number), -30_00)),
                    "contribution",
                    f"demo:{m.number}:{month:%Y-%m}",
                )
            )
            month = (month + datetime.timedelta(days=32)).replace(day=1)
    post_entries(SYSTEM, fund, entries, action="demo.seed")
    _entry_fees(fund, members)
    for period in [(y, m) for y in (2024, 2025, 2026) for m in range(1, 13) if (y, m) <= (2026, 9)]:
        close_period(SYSTEM, fund, *period)


def _entry_fees(fund, members) -> None:
    """Each member paid the entry fee in cash on the day they joined, with its receipt (where the rules
    of that day charge one)."""
    book = rule_book(fund)
    fees = [
        Payment(
            m.number, fee, m.joined_on, str(Channel.CASH), "", f"demo:fee:{m.number}", str(Purpose.ENTRY_FEE)
        )
        for m in members
        if (fee := fee_due(book.on(m.joined_on), str(Purpose.ENTRY_FEE)))
    ]
    if fees:
        record_payments(SYSTEM, fund, fees, today=TODAY)


def stored_logins() -> list[tuple[str, str, str]]:
    rows = RoleAssignment.objects.select_related("user", "fund", "network").order_by("user__username")
    return [
        (r.user.username, r.role, (r.fund or r.network).code if (r.fund or r.network) else "*") for r in rows
    ]
