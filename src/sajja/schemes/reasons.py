"""Coded reasons why a benefit was refused or reduced, with Thai and English labels.

A refusal makes the amount zero; a cap reduces it (possibly to zero). The vectorised engine carries a
set of reasons as a bit mask: `Reason.bit`.

>>> Reason.WAITING_PERIOD.label("th"), Reason.CAP_NIGHTS_YEAR.refusal
('ยังไม่ครบระยะรอสิทธิ์', False)
>>> sorted(r.value for r in Reason.from_mask(Reason.LAPSED.bit | Reason.DECEASED.bit))
['deceased', 'lapsed']
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    NO_VERSION = "no_version"
    NO_BENEFIT = "no_benefit"
    NOT_YET_MEMBER = "not_yet_member"
    LEFT_FUND = "left_fund"
    DECEASED = "deceased"
    WAITING_PERIOD = "waiting_period"
    REINSTATEMENT_WAITING = "reinstatement_waiting"
    IN_ARREARS = "in_arrears"
    LAPSED = "lapsed"
    TOO_YOUNG = "too_young"
    TOO_OLD = "too_old"
    WRONG_SEX = "wrong_sex"
    SHORT_MEMBERSHIP = "short_membership"
    BELOW_FIRST_TIER = "below_first_tier"
    MAX_CLAIMS = "max_claims"
    NO_NIGHTS = "no_nights"
    LEVEL_NOT_COVERED = "level_not_covered"
    CAP_NIGHTS_EVENT = "cap_nights_event"
    CAP_NIGHTS_YEAR = "cap_nights_year"
    CAP_AMOUNT_EVENT = "cap_amount_event"
    CAP_AMOUNT_YEAR = "cap_amount_year"

    @property
    def bit(self) -> int:
        return 1 << _ORDER.index(self)

    @property
    def refusal(self) -> bool:
        return not self.value.startswith("cap_")

    def label(self, language: str = "th") -> str:
        th, en = _LABELS[self]
        return en if language.startswith("en") else th

    @classmethod
    def from_mask(cls, mask: int) -> frozenset[Reason]:
        return frozenset(r for r in _ORDER if mask & r.bit)


_ORDER = list(Reason)
REFUSAL_MASK = sum(r.bit for r in Reason if r.refusal)

_LABELS = {
    Reason.NO_VERSION: ("ไม่มีระเบียบที่มีผลในวันเกิดเหตุ", "no rules in force on the day of the event"),
    Reason.NO_BENEFIT: ("ระเบียบไม่มีสวัสดิการกรณีนี้", "the rules have no benefit for this event"),
    Reason.NOT_YET_MEMBER: ("เกิดเหตุก่อนเป็นสมาชิก", "the event came before joining"),
    Reason.LEFT_FUND: ("ออกจากกองทุนแล้ว", "left the fund"),
    Reason.DECEASED: ("สมาชิกเสียชีวิตก่อนเกิดเหตุ", "the member died before the event"),
    Reason.WAITING_PERIOD: ("ยังไม่ครบระยะรอสิทธิ์", "waiting period not over"),
    Reason.REINSTATEMENT_WAITING: (
        "ยังไม่ครบระยะรอสิทธิ์หลังกลับเข้าเป็นสมาชิก",
        "waiting period after reinstatement not over",
    ),
    Reason.IN_ARREARS: ("ค้างส่งเงินสัจจะ", "contributions in arrears"),
    Reason.LAPSED: ("พ้นสภาพเพราะขาดส่งเงินสัจจะ", "membership lapsed for unpaid contributions"),
    Reason.TOO_YOUNG: ("อายุยังไม่ถึงเกณฑ์", "below the age limit"),
    Reason.TOO_OLD: ("อายุเกินเกณฑ์", "above the age limit"),
    Reason.WRONG_SEX: ("ไม่ตรงเพศที่กำหนด", "for members of the other sex"),
    Reason.SHORT_MEMBERSHIP: ("อายุสมาชิกที่ส่งเงินไม่ถึงเกณฑ์", "paid membership too short"),
    Reason.BELOW_FIRST_TIER: ("อายุสมาชิกยังไม่ถึงขั้นแรก", "paid membership below the first tier"),
    Reason.MAX_CLAIMS: ("ใช้สิทธิ์ครบจำนวนครั้งของปีแล้ว", "claims for the year used up"),
    Reason.NO_NIGHTS: ("ไม่มีคืนที่นอนโรงพยาบาล", "no nights to pay"),
    Reason.LEVEL_NOT_COVERED: ("ไม่มีทุนสำหรับระดับชั้นนี้", "no grant for this school level"),
    Reason.CAP_NIGHTS_EVENT: ("เกินจำนวนคืนสูงสุดต่อครั้ง", "over the nights per stay"),
    Reason.CAP_NIGHTS_YEAR: ("เกินจำนวนคืนสูงสุดต่อปี", "over the nights per year"),
    Reason.CAP_AMOUNT_EVENT: ("เกินวงเงินต่อครั้ง", "over the amount per event"),
    Reason.CAP_AMOUNT_YEAR: ("เกินวงเงินต่อปี", "over the amount per year"),
}
