"""Checks of what a claimant says happened, before the rules are asked: errors as values, each naming
its field, all of them at once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sajja.core.errors import Problem, ValidationFailed
from sajja.core.ledger.checks import control_character
from sajja.schemes.vocabulary import Level

TOKEN_MAX = 128
DETAILS_MAX = 500


@dataclass(frozen=True)
class ClaimData:
    """What the claimant says happened."""

    benefit: str
    event_date: datetime.date
    nights: int = 0
    level: str = ""
    details: str = ""


def field_error(code: str, th: str, en: str, where: str) -> Problem:
    return Problem(code, th, en, where)


def validate(scheme, data: ClaimData, today: datetime.date) -> list[Problem]:
    errors = []
    if data.benefit not in scheme.benefit_codes():
        known = ", ".join(scheme.benefit_codes())
        errors.append(
            field_error(
                "unknown_benefit",
                f"ระเบียบของกองทุนไม่มีสวัสดิการรหัส '{data.benefit}' (มี: {known})",
                f"the fund's scheme has no benefit '{data.benefit}' (it has: {known})",
                "benefit",
            )
        )
    if data.event_date > today:
        errors.append(
            field_error(
                "event_in_future", "วันเกิดเหตุอยู่ในอนาคต", "the event date is in the future", "event_date"
            )
        )
    if isinstance(data.nights, bool) or not isinstance(data.nights, int) or not 0 <= data.nights <= 366:
        errors.append(
            field_error("invalid_nights", "จำนวนคืนต้องเป็น 0-366", "nights must be 0 to 366", "nights")
        )
    if data.level and data.level not in set(Level):
        errors.append(
            field_error(
                "invalid_level",
                f"ไม่รู้จักระดับชั้น '{data.level}'",
                f"unknown school level '{data.level}'",
                "level",
            )
        )
    if len(data.details) > DETAILS_MAX or control_character(data.details):
        errors.append(
            field_error(
                "invalid_details",
                f"รายละเอียดยาวได้ไม่เกิน {DETAILS_MAX} ตัวอักษร และไม่มีอักขระควบคุม",
                f"details: at most {DETAILS_MAX} characters, no control characters",
                "details",
            )
        )
    return errors


def check_token(token: str) -> None:
    if not isinstance(token, str) or not token.strip() or len(token) > TOKEN_MAX or control_character(token):
        raise ValidationFailed(
            [
                field_error(
                    "token_required",
                    f"ต้องมีรหัสป้องกันการส่งซ้ำ (1-{TOKEN_MAX} ตัวอักษร)",
                    f"a one-time token of 1-{TOKEN_MAX} characters is required",
                    "token",
                )
            ]
        )
