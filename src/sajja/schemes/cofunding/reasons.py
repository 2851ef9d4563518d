"""Coded reasons why a member does not count toward a fiscal year's co-funding, with Thai and English labels.

>>> Exclusion.JOINED_LATE.label("en")
'joined after 30 September of the year before'
>>> Exclusion.for_status("deceased"), Exclusion.for_status("active") is None
(<Exclusion.DECEASED: 'deceased'>, True)
"""

from __future__ import annotations

from enum import StrEnum


class MemberState(StrEnum):
    """A member's status in the register (the same words as `registry.MemberStatus`)."""

    ACTIVE = "active"
    LAPSED = "lapsed"
    RESIGNED = "resigned"
    DECEASED = "deceased"


class Exclusion(StrEnum):
    JOINED_LATE = "joined_late"
    LAPSED = "lapsed"
    RESIGNED = "resigned"
    DECEASED = "deceased"
    NOTHING_PAID = "nothing_paid"
    MAX_YEARS = "max_years"

    def label(self, language: str = "th") -> str:
        th, en = _LABELS[self]
        return en if language.startswith("en") else th

    @classmethod
    def for_status(cls, status: str) -> Exclusion | None:
        """The reason a member with `status` (taking effect by the end of the year) does not count;
        None for an active member. An unknown status is a ValueError."""
        return None if MemberState(status) is MemberState.ACTIVE else cls(status)


_LABELS = {
    Exclusion.JOINED_LATE: (
        "สมัครหลัง 30 ก.ย. ของปีก่อน: เป็นสมาชิกไม่ครบปี",
        "joined after 30 September of the year before",
    ),
    Exclusion.LAPSED: ("พ้นสภาพเพราะขาดส่งเงินสัจจะ", "membership lapsed"),
    Exclusion.RESIGNED: ("ลาออก", "resigned"),
    Exclusion.DECEASED: ("เสียชีวิต", "died"),
    Exclusion.NOTHING_PAID: ("ไม่ได้ส่งเงินสัจจะในปีงบประมาณนี้", "paid nothing in the fiscal year"),
    Exclusion.MAX_YEARS: (
        "ได้รับเงินสมทบครบจำนวนปีสูงสุดแล้ว",
        "already matched the maximum number of years",
    ),
}
