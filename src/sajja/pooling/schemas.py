"""Request and response shapes of the pooling API. Amounts are integer satang; dates ISO (common era); a
fiscal year is given in either era (2569 or 2026) and answered in both."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field, StrictInt

from sajja.core.ledger.records import MAX_AMOUNT


class PoolingFiscalYearOut(Schema):
    be: int = Field(description="the Buddhist-era year (2569)")
    ce: int = Field(description="the common-era year it ends in (2026)")
    start: datetime.date
    end: datetime.date
    read_as: str | None = Field(None, description="be or ce: how the year given was read")
    said_th: str | None = None
    said_en: str | None = None


class PoolingRuleOut(Schema):
    from_fiscal_year: int = Field(description="Buddhist era")
    pool_fund: str
    basis: str = Field(description="contributions, surplus or per_member")
    rate: int = Field(description="basis points of the basis (1000 = 10 %), or satang per member")
    top_up_threshold: int
    top_up_percent: int
    top_up_cap: int | None
    note: str


class PoolingFundOut(Schema):
    code: str
    name_th: str
    name_en: str
    holds_pool: bool
    contributions: int
    surplus: int
    members: int
    due: int
    remitted: int
    outstanding: int
    ahead: int
    topped_up: int


class PoolingTopUpOut(Schema):
    id: int
    fund: str
    pool_fund: str
    claim: int
    amount: int
    paid_on: datetime.date
    paid_from: str
    paid_into: str


class PoolingRemittanceOut(Schema):
    id: int
    fund: str
    pool_fund: str
    fiscal_year: int = Field(description="Buddhist era")
    due: int = Field(description="satang due for the year when it was paid")
    amount: int
    paid_on: datetime.date
    paid_from: str
    paid_into: str
    note: str
    out_entry: int = Field(description="the entry in the fund's books")
    in_entry: int = Field(description="the entry in the pool's books")


class PoolingAccountOut(Schema):
    code: str
    name_th: str
    name_en: str
    kind: str
    amount: int
    inter_fund: bool = Field(description="money between the network's funds: eliminated")


class PoolingConsolidatedOut(Schema):
    rows: list[PoolingAccountOut]
    funds_income: int
    funds_expenses: int
    eliminated_income: int
    eliminated_expenses: int
    income: int
    expenses: int
    surplus: int
    matched: bool = Field(description="each side of money between the funds has its other side")


class PoolingYearOut(Schema):
    network: str
    fiscal_year: PoolingFiscalYearOut
    rule: PoolingRuleOut | None
    funds: list[PoolingFundOut]
    due: int
    remitted: int
    outstanding: int
    top_ups: list[PoolingTopUpOut]
    topped_up: int
    consolidated: PoolingConsolidatedOut


_MONEY = Field("bank", description="bank or cash")


class PoolingRemitIn(Schema):
    fund: str = Field(description="the code of the fund remitting")
    fiscal_year: str | int = Field(description="2569 (Buddhist era) or 2026 (the common-era year it ends in)")
    amount: StrictInt = Field(ge=1, le=MAX_AMOUNT, description="satang")
    paid_on: datetime.date
    paid_from: str = _MONEY
    paid_into: str = _MONEY
    note: str = Field("", max_length=200)


class PoolingTopUpIn(Schema):
    claim: StrictInt = Field(ge=1, le=2**63 - 1)
    amount: StrictInt | None = Field(None, ge=1, le=MAX_AMOUNT, description="satang; empty: the rule's most")
    paid_on: datetime.date
    paid_from: str = _MONEY
    paid_into: str = _MONEY
