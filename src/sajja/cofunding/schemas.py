"""Request and response shapes of the co-funding API. Amounts are integer satang; dates ISO (common era);
a fiscal year is given in the path in either era (2569 or 2026) and answered in both."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field, StrictInt

from sajja.core.ledger.records import MAX_AMOUNT

PARTY_DESCRIPTION = "local_government, central_government, province or other_donors"


class CofundingFiscalYearOut(Schema):
    be: int = Field(description="the Buddhist-era year (2569)")
    ce: int = Field(description="the common-era year it ends in (2026)")
    start: datetime.date
    end: datetime.date
    label_th: str
    label_en: str
    read_as: str | None = Field(None, description="be or ce: how the year given was read")
    said_th: str | None = None
    said_en: str | None = None


class CofundingRuleOut(Schema):
    code: str
    passed: bool
    message_th: str
    message_en: str


class CofundingMembersOut(Schema):
    listed: int = Field(description="members who had joined by the end of the year")
    counted: int
    excluded: int
    excluded_by: dict[str, int] = Field(description="members not counted, by reason (one may have two)")


class CofundingPolicyOut(Schema):
    code: str
    name_th: str
    name_en: str
    version_from_fy: int
    max_matched_years: int | None
    rounding: str


class CofundingPartyOut(Schema):
    party: str
    label_th: str
    label_en: str
    ratio: str
    cap_per_member: int | None
    amount: int
    would_be: int = Field(description="what it would be were every fund-level rule met")
    members_capped: int
    withheld_by: list[str] = Field(description="the failed rules that withhold a government party's amount")


class CofundingMemberLineOut(Schema):
    member: str
    joined_on: datetime.date
    status: str
    status_since: datetime.date
    paid: int
    years_matched: int
    counted: bool
    reasons: list[str]
    why_th: list[str]
    why_en: list[str]
    amounts: dict[str, int]


class CofundingEntitlementOut(Schema):
    fund: str
    fiscal_year: CofundingFiscalYearOut
    computed_on: datetime.date
    provisional: bool = Field(description="computed before the fiscal year was over")
    policy: CofundingPolicyOut
    rules_met: bool
    rules: list[CofundingRuleOut]
    members: CofundingMembersOut
    parties: list[CofundingPartyOut]
    lines_digest: str
    lines: list[CofundingMemberLineOut] | None = None


class CofundingRequestIn(Schema):
    due_on: datetime.date | None = Field(
        None, description="when the parties are due (default: the end of the fiscal year it is requested in)"
    )


class CofundingStandingOut(Schema):
    party: str
    label_th: str
    label_en: str
    ratio: str
    cap_per_member: int | None
    requested: int
    would_be: int
    members_capped: int
    entry: int | None = Field(description="the receivable's entry in the books")
    received: int
    applied: int = Field(description="received against what was owed")
    outstanding: int
    overpaid: int
    refunded: int
    to_refund: int
    receipts: int
    received_late: int = Field(description="satang received after the due date")
    settled: bool


class CofundingReceiptOut(Schema):
    id: int
    party: str
    label_th: str
    label_en: str
    amount: int
    applied: int
    overpaid: int
    received_on: datetime.date
    late: bool
    into: str
    note: str
    entry: int


class CofundingRefundOut(Schema):
    id: int
    party: str
    label_th: str
    label_en: str
    amount: int
    refunded_on: datetime.date
    paid_from: str
    note: str
    entry: int


class CofundingRequestPolicyOut(Schema):
    code: str
    version_from_fy: int


class CofundingRequestOut(Schema):
    id: int
    fund: str
    fiscal_year: CofundingFiscalYearOut
    requested_on: datetime.date
    due_on: datetime.date
    policy: CofundingRequestPolicyOut
    members: CofundingMembersOut
    rules: list[CofundingRuleOut]
    lines_digest: str
    members_paid: int = Field(description="what the counted members paid in the year: what the others match")
    parties: list[CofundingStandingOut]
    receipts: list[CofundingReceiptOut]
    refunds: list[CofundingRefundOut]


class CofundingReceiptIn(Schema):
    party: str = Field(description=PARTY_DESCRIPTION)
    amount: StrictInt = Field(gt=0, le=MAX_AMOUNT, description="satang")
    received_on: datetime.date
    into: str = Field("bank", description="bank or cash")
    note: str = Field("", max_length=200)


class CofundingRefundIn(Schema):
    party: str = Field(description=PARTY_DESCRIPTION)
    amount: StrictInt = Field(gt=0, le=MAX_AMOUNT, description="satang")
    refunded_on: datetime.date
    paid_from: str = Field("bank", description="bank or cash")
    note: str = Field("", max_length=200)


class CofundingReceiptDone(Schema):
    receipt: CofundingReceiptOut
    request: CofundingRequestOut


class CofundingRefundDone(Schema):
    refund: CofundingRefundOut
    request: CofundingRequestOut


class CofundingSourceOut(Schema):
    source: str
    label_th: str
    label_en: str
    income: int
    outstanding: int
    received: int
    spent: int
    welfare: int
    held: int


class CofundingShareOut(Schema):
    source: str
    amount: int
    percent: float


class CofundingBenefitOut(Schema):
    account: str
    name_th: str
    name_en: str
    total: int
    by_source: dict[str, int]


class CofundingWelfareOut(Schema):
    first: datetime.date | None
    last: datetime.date | None
    total: int
    by_source: list[CofundingShareOut]
    benefits: list[CofundingBenefitOut]


class CofundingMoneyOut(Schema):
    as_of: datetime.date | None
    balance: int = Field(description="the fund's balance: assets less liabilities")
    held: int = Field(description="what the sources still hold")
    outstanding: int = Field(description="co-funding requested and not yet received")
    adds_up: bool = Field(description="held + outstanding = balance")
    sources: list[CofundingSourceOut]
    welfare: CofundingWelfareOut
    method_th: str
    method_en: str
    fiscal_year: CofundingFiscalYearOut | None = Field(None, description="the year whose welfare is reported")
