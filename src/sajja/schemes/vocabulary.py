"""The words of a scheme: event kinds, national reporting categories, school levels, and so on.

Each is a closed list (a typo in a scheme file is an error, not a new word), with Thai and English
labels for screens and explanations.

>>> EventKind("hospital").label("th"), Category.for_event(EventKind.HOSPITAL).label("en")
('นอนโรงพยาบาล', 'sickness')
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """An enum whose members have Thai and English labels in `_LABELS`."""

    def label(self, language: str = "th") -> str:
        th, en = _LABELS[type(self).__name__][self.value]
        return en if language.startswith("en") else th


class EventKind(Labelled):
    """What happened to the member: the thing a claim is about."""

    BIRTH = "birth"
    HOSPITAL = "hospital"
    DEATH = "death"
    OLD_AGE = "old_age"
    EDUCATION = "education"
    DISABILITY = "disability"
    DISASTER = "disaster"
    TRADITION = "tradition"
    HOUSING = "housing"
    OCCUPATION = "occupation"
    OTHER = "other"


class Category(Labelled):
    """The benefit categories funds report nationally."""

    BIRTH = "birth"
    SICKNESS = "sickness"
    ELDERLY = "elderly"
    DEATH = "death"
    FUNERAL = "funeral"
    DISADVANTAGED = "disadvantaged"
    OCCUPATION = "occupation"
    EDUCATION = "education"
    TRADITION = "tradition"
    HOUSING = "housing"
    DISASTER = "disaster"
    PUBLIC_BENEFIT = "public_benefit"
    ENVIRONMENT = "environment"
    OTHER = "other"

    @classmethod
    def for_event(cls, kind: EventKind) -> Category:
        return _DEFAULT_CATEGORY[kind]


class Level(Labelled):
    PRE_SCHOOL = "pre_school"
    PRIMARY = "primary"
    LOWER_SECONDARY = "lower_secondary"
    UPPER_SECONDARY = "upper_secondary"
    VOCATIONAL = "vocational"
    HIGHER = "higher"


class Sex(Labelled):
    F = "F"
    M = "M"


class Recipient(Labelled):
    MEMBER = "member"
    BENEFICIARY = "beneficiary"


class Frequency(Labelled):
    """How often a recurring benefit (pension, allowance) is paid."""

    MONTHLY = "monthly"
    YEARLY = "yearly"

    @property
    def per_year(self) -> int:
        return 12 if self is Frequency.MONTHLY else 1


class PaymentFrequency(Labelled):
    """How members may pay their contributions."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    YEARLY = "yearly"
    ADVANCE = "advance"


class BenefitYear(Labelled):
    CALENDAR = "calendar"
    FISCAL = "fiscal"


_DEFAULT_CATEGORY = {
    EventKind.BIRTH: Category.BIRTH,
    EventKind.HOSPITAL: Category.SICKNESS,
    EventKind.DEATH: Category.DEATH,
    EventKind.OLD_AGE: Category.ELDERLY,
    EventKind.EDUCATION: Category.EDUCATION,
    EventKind.DISABILITY: Category.DISADVANTAGED,
    EventKind.DISASTER: Category.DISASTER,
    EventKind.TRADITION: Category.TRADITION,
    EventKind.HOUSING: Category.HOUSING,
    EventKind.OCCUPATION: Category.OCCUPATION,
    EventKind.OTHER: Category.OTHER,
}

_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "EventKind": {
        "birth": ("คลอดบุตร", "birth"),
        "hospital": ("นอนโรงพยาบาล", "hospital stay"),
        "death": ("เสียชีวิต", "death"),
        "old_age": ("ชราภาพ", "old age"),
        "education": ("การศึกษา", "education"),
        "disability": ("ความพิการ", "disability"),
        "disaster": ("ภัยพิบัติ", "disaster"),
        "tradition": ("ประเพณี", "tradition"),
        "housing": ("ที่อยู่อาศัย", "housing"),
        "occupation": ("อาชีพ", "occupation"),
        "other": ("อื่น ๆ", "other"),
    },
    "Category": {
        "birth": ("การเกิด", "birth"),
        "sickness": ("การเจ็บป่วย", "sickness"),
        "elderly": ("ผู้สูงอายุ", "elderly"),
        "death": ("การเสียชีวิต", "death"),
        "funeral": ("ฌาปนกิจ", "funeral"),
        "disadvantaged": ("ผู้ด้อยโอกาส/ผู้พิการ", "disadvantaged/disabled"),
        "occupation": ("อาชีพ", "occupation"),
        "education": ("การศึกษา", "education"),
        "tradition": ("ประเพณี", "tradition"),
        "housing": ("ที่อยู่อาศัย", "housing"),
        "disaster": ("ภัยพิบัติ", "disaster"),
        "public_benefit": ("กิจกรรมสาธารณประโยชน์", "public-benefit activities"),
        "environment": ("สิ่งแวดล้อม", "environment"),
        "other": ("อื่น ๆ", "other"),
    },
    "Level": {
        "pre_school": ("ก่อนวัยเรียน", "pre-school"),
        "primary": ("ประถมศึกษา", "primary school"),
        "lower_secondary": ("มัธยมศึกษาตอนต้น", "lower secondary school"),
        "upper_secondary": ("มัธยมศึกษาตอนปลาย", "upper secondary school"),
        "vocational": ("อาชีวศึกษา", "vocational school"),
        "higher": ("อุดมศึกษา", "higher education"),
    },
    "Sex": {"F": ("หญิง", "women"), "M": ("ชาย", "men")},
    "Recipient": {
        "member": ("สมาชิก", "the member"),
        "beneficiary": ("ผู้รับผลประโยชน์ที่สมาชิกระบุไว้", "the beneficiary the member named"),
    },
    "Frequency": {"monthly": ("รายเดือน", "monthly"), "yearly": ("รายปี", "yearly")},
    "PaymentFrequency": {
        "daily": ("รายวัน", "daily"),
        "weekly": ("รายสัปดาห์", "weekly"),
        "monthly": ("รายเดือน", "monthly"),
        "yearly": ("รายปี", "yearly"),
        "advance": ("ล่วงหน้าจำนวนใดก็ได้", "any amount in advance"),
    },
    "BenefitYear": {
        "calendar": ("ปีปฏิทิน", "calendar year"),
        "fiscal": ("ปีงบประมาณ (ต.ค.-ก.ย.)", "fiscal year (Oct-Sep)"),
    },
}
