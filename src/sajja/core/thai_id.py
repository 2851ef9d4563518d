"""Thai national ID (เลขประจำตัวประชาชน): 13 digits with a checksum, checked by python-stdnum.

>>> normalize_national_id("1-1014-00000-00-6")
'1101400000006'
>>> normalize_national_id("๑๑๐๑๔๐๐๐๐๐๐๐๖")
'1101400000006'
>>> mask_national_id("1101400000006")
'1-1014-xxxxx-xx-6'
"""

from __future__ import annotations

from stdnum.exceptions import ValidationError
from stdnum.th import pin

from sajja.core.errors import DomainError

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


class InvalidNationalId(DomainError):
    code = "invalid_national_id"


def normalize_national_id(value: str) -> str:
    """Return the 13 digits (Thai digits, spaces and dashes accepted), or raise InvalidNationalId saying why."""
    try:
        return pin.validate(str(value).translate(_THAI_DIGITS))
    except ValidationError as exc:
        raise InvalidNationalId(
            f"เลขประจำตัวประชาชนไม่ถูกต้อง ({value}): {_reason_th(exc)}",
            f"invalid Thai national ID ({value}): {exc}",
        ) from exc


def _reason_th(exc: ValidationError) -> str:
    name = type(exc).__name__
    return {
        "InvalidChecksum": "เลขตรวจสอบ (หลักที่ 13) ไม่ตรง",
        "InvalidLength": "ต้องมี 13 หลัก",
        "InvalidFormat": "ต้องเป็นตัวเลข 13 หลัก",
        "InvalidComponent": "หลักแรกไม่ถูกต้อง",
    }.get(name, "รูปแบบไม่ถูกต้อง")


def mask_national_id(digits: str) -> str:
    """Show only the first and last digits and the province part, as receipts commonly do."""
    return f"{digits[0]}-{digits[1:5]}-xxxxx-xx-{digits[12]}"


def format_national_id(digits: str) -> str:
    return pin.format(digits)
