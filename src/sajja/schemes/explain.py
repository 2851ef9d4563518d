"""Explanations a member can read: each step the engine took, in Thai and English.

Dates are shown in the Buddhist era, amounts in baht.

>>> from datetime import date
>>> s = say("waiting_ok", days=180, date=date(2025, 6, 30))
>>> s.th
'ผ่านระยะรอสิทธิ์ 180 วัน (ครบเมื่อ 30 มิ.ย. 2568)'
>>> s.en
'The 180-day waiting period was over on 30 Jun 2568 BE'
>>> say("per_night", rate=Baht(10000), nights=3, amount=Baht(30000)).en
'100.00 baht × 3 nights = 300.00 baht'
>>> duration_text(30, "th"), duration_text(30, "en")
('2 ปี 6 เดือน', '2 years 6 months')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from sajja.core.money import format_number
from sajja.core.thai_dates import format_thai_date


@dataclass(frozen=True)
class Step:
    code: str
    th: str
    en: str

    def text(self, language: str = "th") -> str:
        return self.en if language.startswith("en") else self.th


class Baht(int):
    """Satang, shown as baht."""


class Duration(int):
    """Whole months, shown as years and months."""


@dataclass(frozen=True)
class Words:
    th: str
    en: str


def money_text(satang: int, language: str = "th") -> str:
    return f"{format_number(int(satang))} " + ("baht" if language.startswith("en") else "บาท")


def duration_text(months: int, language: str = "th") -> str:
    years, rest = divmod(int(months), 12)
    if language.startswith("en"):
        parts = [f"{years} year" + ("s" if years != 1 else "")] if years else []
        if rest or not years:
            parts.append(f"{rest} month" + ("s" if rest != 1 else ""))
    else:
        parts = [f"{years} ปี"] if years else []
        if rest or not years:
            parts.append(f"{rest} เดือน")
    return " ".join(parts)


def _render(value: object, language: str) -> str:
    if isinstance(value, Baht):
        return money_text(value, language)
    if isinstance(value, Duration):
        return duration_text(value, language)
    if isinstance(value, date):
        return format_thai_date(value, language)
    if isinstance(value, Words):
        return value.en if language.startswith("en") else value.th
    if isinstance(value, Enum) and hasattr(value, "label"):
        label: str = value.label(language)
        return label
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def say(code: str, **params: object) -> Step:
    th, en = TEXTS[code]
    return Step(
        code,
        th.format(**{k: _render(v, "th") for k, v in params.items()}),
        en.format(**{k: _render(v, "en") for k, v in params.items()}),
    )


TEXTS: dict[str, tuple[str, str]] = {
    # about the member and the rules
    "version": ("ใช้ระเบียบของ{scheme} ฉบับที่มีผลตั้งแต่ {date}", "The rules of {scheme} in force from {date} apply"),
    "no_version": ("ไม่มีระเบียบของ{scheme} ที่มีผลในวันที่ {date}", "No rules of {scheme} were in force on {date}"),
    "no_benefit": ("ระเบียบไม่มีสวัสดิการกรณี{event}", "The rules have no benefit for {event}"),
    "paid_through": ("ส่งเงินสัจจะครอบคลุมถึง {date}", "Contributions paid up to {date}"),
    "paid_membership": ("อายุสมาชิกที่ส่งเงินครบ {duration}", "Paid membership: {duration}"),
    "age": ("อายุ {age} ปี ณ วันเกิดเหตุ", "Age {age} on the day of the event"),
    # conditions passed
    "waiting_ok": (
        "ผ่านระยะรอสิทธิ์ {days} วัน (ครบเมื่อ {date})",
        "The {days}-day waiting period was over on {date}",
    ),
    "paid_up_ok": ("ส่งเงินสัจจะตามกำหนด", "Contributions are up to date"),
    # refusals
    "not_yet_member": ("เกิดเหตุก่อนวันเข้าเป็นสมาชิก ({date})", "The event came before the member joined ({date})"),
    "left_fund": ("ออกจากกองทุนแล้วเมื่อ {date}", "Left the fund on {date}"),
    "deceased": ("สมาชิกเสียชีวิตเมื่อ {date} ก่อนเกิดเหตุ", "The member died on {date}, before the event"),
    "waiting_period": (
        "ยังไม่ครบระยะรอสิทธิ์ {days} วัน: มีสิทธิ์ตั้งแต่ {date}",
        "The {days}-day waiting period is not over: eligible from {date}",
    ),
    "reinstatement_waiting": (
        "กลับเข้าเป็นสมาชิกเมื่อ {since} ต้องรอ {days} วัน: มีสิทธิ์ตั้งแต่ {date}",
        "Reinstated on {since}, with a {days}-day wait: eligible from {date}",
    ),
    "in_arrears": (
        "ค้างส่งเงินสัจจะ {days} วัน เกินระยะผ่อนผัน {grace} วัน",
        "Contributions unpaid for {days} days, beyond the {grace}-day grace period",
    ),
    "lapsed": (
        "ขาดส่งเงินสัจจะ {days} วัน เกิน {limit} วัน จึงพ้นสภาพสมาชิก",
        "Contributions unpaid for {days} days, more than {limit}: membership has lapsed",
    ),
    "too_young": ("อายุ {age} ปี ยังไม่ถึง {limit} ปี", "Age {age} is below the minimum of {limit}"),
    "too_old": ("อายุ {age} ปี เกิน {limit} ปี", "Age {age} is above the maximum of {limit}"),
    "wrong_sex": ("สวัสดิการนี้สำหรับสมาชิก{sex}", "This benefit is for {sex}"),
    "short_membership": (
        "อายุสมาชิกที่ส่งเงินครบ {have} ยังไม่ถึง {need}",
        "Paid membership of {have} is short of the {need} required",
    ),
    "below_first_tier": (
        "อายุสมาชิกที่ส่งเงินครบ {have} ยังไม่ถึงขั้นแรก ({need})",
        "Paid membership of {have} is below the first tier ({need})",
    ),
    "max_claims": ("ใช้สิทธิ์ครบ {limit} ครั้งในปีนี้แล้ว", "Already claimed {limit} times this year, the maximum"),
    "no_nights": ("ไม่มีคืนที่นอนโรงพยาบาล", "No nights to pay for"),
    "level_not_covered": ("ไม่มีทุนสำหรับระดับ{level}", "No grant for {level}"),
    # amounts and caps
    "lump_sum": ("จ่ายครั้งละ {amount}", "{amount} per event"),
    "per_night": ("{rate} × {nights} คืน = {amount}", "{rate} × {nights} nights = {amount}"),
    "cap_nights_event": (
        "จ่ายได้ไม่เกิน {limit} คืนต่อครั้ง: นับ {nights} จาก {asked} คืน",
        "At most {limit} nights per stay: {nights} of {asked} nights count",
    ),
    "cap_nights_year": (
        "ใช้ไปแล้ว {used} จาก {limit} คืนต่อปี: นับได้อีก {nights} คืน",
        "{used} of {limit} nights a year already used: {nights} more count",
    ),
    "cap_amount_event": ("จ่ายได้ไม่เกิน {limit} ต่อครั้ง", "At most {limit} per event"),
    "cap_amount_year": (
        "ได้รับไปแล้ว {used} จากวงเงิน {limit} ต่อปี: จ่ายได้อีก {left}",
        "{used} of the {limit} a year already paid: {left} left",
    ),
    "tier": (
        "อายุสมาชิก {have} อยู่ในขั้น {tier}: {amount}",
        "Paid membership of {have} is in the tier {tier}: {amount}",
    ),
    "recurring": ("จ่าย{frequency} ครั้งละ {amount}", "Paid {frequency}, {amount} each time"),
    "level": ("ทุนการศึกษาระดับ{level}: {amount}", "Grant for {level}: {amount}"),
    "recipient": ("จ่ายให้{recipient}", "Paid to {recipient}"),
    "benefit_total": ("{name}: {amount}", "{name}: {amount}"),
    "benefit_refused": ("{name}: ไม่ได้รับ", "{name}: not payable"),
    "total": ("รวมที่จะได้รับ {amount}", "Total payable: {amount}"),
    # test cases
    "case_total": ("ยอดรวม: คาดว่า {expected} ได้ {got}", "total: expected {expected}, got {got}"),
    "case_benefit": ("{benefit}: คาดว่า {expected} ได้ {got}", "{benefit}: expected {expected}, got {got}"),
    "case_reasons": ("เหตุผล: คาดว่า [{expected}] ได้ [{got}]", "reasons: expected [{expected}], got [{got}]"),
}
