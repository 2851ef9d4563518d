"""Request and response shapes of the API. Amounts are integer satang (1 baht = 100 satang)."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field, StrictInt


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


# The error answers every route may give, so OpenAPI documents them all alike.
ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 409, 422)}


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
    debit: StrictInt = Field(0, description="satang", ge=0)
    credit: StrictInt = Field(0, description="satang", ge=0)


class EntryIn(Schema):
    date: datetime.date
    memo: str = Field(..., max_length=300)
    kind: str = "general"
    lines: list[LineIn]


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
