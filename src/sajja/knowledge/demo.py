"""The knowledge part of the demo world: what each founding model has learned, in Thai, shared with
everyone, and a lesson from the meeting the meetings demo holds (sajja.meetings.demo runs before this)."""

from __future__ import annotations

from sajja.access.policy import SYSTEM
from sajja.knowledge.services import NoteData, write_note
from sajja.meetings.models import Meeting
from sajja.registry.models import Network

# (network, kind, title, text, tags)
NOTES = [
    (
        "songkhla",
        "practice",
        "รูปแบบสงขลา: กองทุนระดับตำบลบริหารเอง",
        "เครือข่ายสัจจะลดรายจ่ายวันละ 1 บาท จังหวัดสงขลา ให้แต่ละตำบลตั้งกองทุนสวัสดิการชุมชนของตนเอง"
        " เก็บเงินสัจจะในวันประชุมประจำเดือน และประชุมเครือข่ายทุกวันที่ 16 ณ มูลนิธิ"
        " เพื่อแลกเปลี่ยนบทเรียนและช่วยกองทุนที่มีเงินสำรองน้อย",
        ("รูปแบบสงขลา", "การบริหารจัดการ"),
    ),
    (
        "lampang",
        "lesson",
        "รูปแบบลำปาง: 21 กลุ่มรวมเป็นกองทุนระดับจังหวัด",
        "ลำปางรวมกลุ่มออมทรัพย์ 21 กลุ่มเป็นกองทุนเดียวระดับจังหวัด กระจายความเสี่ยงได้ดี"
        " แต่ต้องมีกรรมการกลุ่มที่เข้มแข็งในการเก็บเงินและตรวจเอกสารขอรับสวัสดิการ"
        " การประชุมหมุนเวียนสถานที่ทุกวันที่ 22 ทำให้สมาชิกทุกอำเภอได้มีส่วนร่วม",
        ("รูปแบบลำปาง", "การกระจายความเสี่ยง"),
    ),
    (
        "trat",
        "case",
        "รูปแบบตราด: กองทุนเมตตาธรรมผ่านกลุ่มสัจจะสะสมทรัพย์",
        "ตราดใช้กลุ่มสัจจะสะสมทรัพย์ที่มีอยู่แล้วเป็นฐาน สมาชิกไว้ใจกันจึงเก็บเงินได้สม่ำเสมอ"
        " กรณีศึกษา: เมื่อสมาชิกเสียชีวิตพร้อมกันหลายราย กองทุนขอสมทบจากกลุ่มเพื่อจ่ายสวัสดิการได้ครบ",
        ("รูปแบบตราด", "กรณีศึกษา"),
    ),
    (
        "nakhon",
        "answer",
        "ถาม-ตอบ: กองทุนหมู่บ้านจัดสวัสดิการได้อย่างไร (รูปแบบนครศรีธรรมราช)",
        "ถาม: กองทุนหมู่บ้านจะจัดสวัสดิการวันละ 1 บาทได้หรือไม่ ตอบ: ตำบลกะหรอตั้งกองทุนโดยเครือข่าย"
        "กองทุนหมู่บ้าน ใช้คณะกรรมการเครือข่ายบริหาร แยกบัญชีสวัสดิการออกจากเงินกู้ของกองทุนหมู่บ้านให้ชัดเจน",
        ("รูปแบบนครศรีธรรมราช", "คำถามที่พบบ่อย"),
    ),
]


def extend(rng) -> list[tuple[str, str, str]]:
    for code, kind, title, text, tags in NOTES:
        network = Network.objects.filter(code=code).first()
        if network is None:
            continue
        fund = network.funds.order_by("code").first()
        write_note(SYSTEM, network, NoteData(kind, title, text, "everyone", tags, about_fund=fund))
    _lesson_from_the_held_meeting()
    return []


def _lesson_from_the_held_meeting() -> None:
    meeting = Meeting.objects.filter(fund__isnull=False, number__isnull=False).select_related("fund").first()
    if meeting is None:
        return
    text = (
        "ที่ประชุมอนุมัติจ่ายสวัสดิการ 3 รายในวันเดียวกับที่เก็บเงินสัจจะ สมาชิกเห็นการตัดสินใจต่อหน้า"
        " จึงเชื่อมั่นในกองทุน บทเรียน: ตรวจเอกสารให้ครบก่อนวันประชุม"
    )
    data = NoteData(
        "lesson",
        "อนุมัติสวัสดิการในวันประชุมประจำเดือน",
        text,
        "network",
        ("การประชุม",),
        meeting=meeting,
        resolution=meeting.resolutions.first(),
    )
    write_note(SYSTEM, meeting.fund, data)
