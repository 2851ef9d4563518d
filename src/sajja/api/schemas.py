"""Request and response shapes of the API. Amounts are integer satang (1 baht = 100 satang)."""

from __future__ import annotations

import datetime
import re
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field, StrictInt, WithJsonSchema
from pydantic_core import PydanticCustomError

from sajja.core.ledger.records import MAX_AMOUNT


class ErrorItem(Schema):
    code: str
    where: str = ""
    message_th: str
    message_en: str


class ErrorOut(Schema):
    code: str
    message_th: str
    message_en: str
    errors: list[ErrorItem] = []


# The error answers every route may give, so OpenAPI documents them all alike: 413 a body past the size
# limit, 503 a write that waited too long for the database (busy: send it again after Retry-After).
ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 409, 413, 422, 503)}

# --- times of day -------------------------------------------------------------------------------------
# Times are Thailand's local time (Asia/Bangkok, UTC+07:00 all year, no daylight saving): "09:30" or
# "09:30:00". A time that names Thailand's zone ("09:30+07:00") is the same time; any other zone is
# refused, because its meeting would fall on another hour and maybe on another date than the one sent.
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?(\+07:00)?$"
THAILAND = datetime.timedelta(hours=7)


def _time_text(value):
    if isinstance(value, datetime.time):
        return value
    if not isinstance(value, str) or not re.fullmatch(TIME_PATTERN, value):
        if isinstance(value, str) and re.fullmatch(r"[0-9:.]+([+-][0-9:]+|Z)", value):
            raise PydanticCustomError(
                "time_zone",
                "the time must be Thailand's local time, without a zone or with +07:00 (got {value})",
                {"value": value},
            )
        raise PydanticCustomError(
            "time_parsing", "the time must be HH:MM or HH:MM:SS (Thailand's time), e.g. 09:30", {}
        )
    return value


def _thailand_time(value: datetime.time) -> datetime.time:
    if value.tzinfo is None:
        return value
    if value.utcoffset() != THAILAND:
        raise PydanticCustomError(
            "time_zone",
            "the time must be Thailand's local time, without a zone or with +07:00 (got {value})",
            {"value": value.isoformat()},
        )
    return value.replace(tzinfo=None)


LocalTime = Annotated[
    datetime.time,
    BeforeValidator(_time_text),
    AfterValidator(_thailand_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": TIME_PATTERN,
            "description": "Thailand's local time, HH:MM or HH:MM:SS; a zone other than +07:00 is refused",
            "examples": ["09:30"],
        }
    ),
]


class FundOut(Schema):
    code: str
    name_th: str
    name_en: str
    kind: str
    network: str


class MemberOut(Schema):
    number: str
    full_name: str
    national_id: str
    birth_date: datetime.date
    sex: str
    group: str | None
    joined_on: datetime.date
    status: str


class BeneficiaryIn(Schema):
    full_name: str
    relationship: str
    share_percent: StrictInt


class EnrolIn(Schema):
    national_id: str
    title: str = ""
    first_name: str
    last_name: str
    birth_date: datetime.date
    sex: str
    joined_on: datetime.date
    group: str = ""
    province_code: str = ""
    district_code: str = ""
    subdistrict_code: str = ""
    moo: int | None = None
    house_number: str = ""
    beneficiaries: list[BeneficiaryIn] = []


class AccountOut(Schema):
    code: str
    name_th: str
    name_en: str
    kind: str
    is_control: bool
    debit_total: int
    credit_total: int


class LineIn(Schema):
    account: str
    debit: StrictInt = Field(0, description="satang", ge=0, le=MAX_AMOUNT)
    credit: StrictInt = Field(0, description="satang", ge=0, le=MAX_AMOUNT)


class EntryIn(Schema):
    date: datetime.date
    memo: str = Field(..., max_length=300)
    kind: str = "general"
    lines: list[LineIn]
    authorised_by: int | None = Field(
        None,
        description="a resolution allowing what a rule of the books would refuse (administration costs past the limit)",
    )


class LineOut(Schema):
    account: str
    amount: int


class EntryOut(Schema):
    id: int
    date: datetime.date
    memo: str
    kind: str
    idempotency_key: str
    reverses: int | None
    lines: list[LineOut]
    warnings: list[ErrorItem] = Field(
        [], description="what the rules of the books say of a new entry (near a limit)"
    )


class ReverseIn(Schema):
    date: datetime.date | None = None


class TrialBalanceRowOut(Schema):
    code: str
    name_th: str
    name_en: str
    kind: str
    debit: int
    credit: int


class TrialBalanceOut(Schema):
    fund: str
    as_of: datetime.date | None
    total_debit: int
    total_credit: int
    balanced: bool
    rows: list[TrialBalanceRowOut]


class PeriodOut(Schema):
    fund: str
    period: str
    closed_at: datetime.datetime
