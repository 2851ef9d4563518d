"""Who puts money into a fund: the members, and the parties that match what the members pay.

"1:1:1" is members 1, local government 1, central government (through CODI) 1. A policy may add the
province or other donors. Government parties pay only when the fund meets the fund-level rules.

>>> Party.CENTRAL_GOVERNMENT.label("th"), Party.LOCAL_GOVERNMENT.is_government, Party.OTHER_DONORS.is_government
('รัฐบาล (ผ่าน พอช.)', True, False)
"""

from __future__ import annotations

from enum import StrEnum


class Party(StrEnum):
    MEMBERS = "members"
    LOCAL_GOVERNMENT = "local_government"
    CENTRAL_GOVERNMENT = "central_government"
    PROVINCE = "province"
    OTHER_DONORS = "other_donors"

    @property
    def is_government(self) -> bool:
        """A government party matches only funds that meet the fund-level rules."""
        return self in _GOVERNMENT

    def label(self, language: str = "th") -> str:
        th, en = _LABELS[self]
        return en if language.startswith("en") else th


_GOVERNMENT = frozenset({Party.LOCAL_GOVERNMENT, Party.CENTRAL_GOVERNMENT, Party.PROVINCE})

_LABELS = {
    Party.MEMBERS: ("สมาชิก", "members"),
    Party.LOCAL_GOVERNMENT: ("องค์กรปกครองส่วนท้องถิ่น (อบต./เทศบาล)", "local government (TAO/municipality)"),
    Party.CENTRAL_GOVERNMENT: ("รัฐบาล (ผ่าน พอช.)", "central government (through CODI)"),
    Party.PROVINCE: ("จังหวัด/องค์การบริหารส่วนจังหวัด", "province (PAO)"),
    Party.OTHER_DONORS: ("ผู้สมทบอื่น", "other donors"),
}
