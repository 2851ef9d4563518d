"""Checks of what a claimant says happened, before the rules are asked: errors as values, each naming
its field, all of them at once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sajja.core.errors import Problem
from sajja.core.ledger.checks import control_character
from sajja.schemes.vocabulary import Level
from sajja.welfare import reasons

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


def validate(scheme, data: ClaimData, today: datetime.date) -> list[Problem]:
    errors = []
    if data.benefit not in scheme.benefit_codes():
        known = ", ".join(scheme.benefit_codes())
        errors.append(reasons.UNKNOWN_BENEFIT.problem("benefit", benefit=data.benefit, known=known))
    if data.event_date > today:
        errors.append(reasons.EVENT_IN_FUTURE.problem("event_date"))
    if isinstance(data.nights, bool) or not isinstance(data.nights, int) or not 0 <= data.nights <= 366:
        errors.append(reasons.INVALID_NIGHTS.problem("nights"))
    if data.level and data.level not in set(Level):
        errors.append(reasons.INVALID_LEVEL.problem("level", level=data.level))
    if len(data.details) > DETAILS_MAX or control_character(data.details):
        errors.append(reasons.INVALID_DETAILS.problem("details", limit=DETAILS_MAX))
    return errors


def check_token(token: str) -> None:
    if not isinstance(token, str) or not token.strip() or len(token) > TOKEN_MAX or control_character(token):
        raise reasons.TOKEN_REQUIRED.invalid("token", limit=TOKEN_MAX)
