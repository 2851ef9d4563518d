"""Request and response shapes of the welfare API. Amounts are integer satang; dates ISO (common era)."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field, StrictInt


class Names(Schema):
    th: str
    en: str


class VersionOut(Schema):
    number: int
    effective_from: datetime.date
    resolution: str
    digest: str
    published_at: datetime.datetime
    published_by: str | None
    definition: dict[str, Any] = Field(description="the version as a scheme file writes it (amounts in baht)")


class SchemeOut(Schema):
    code: str
    name_th: str
    name_en: str
    template: str
    in_force: VersionOut | None = Field(description="the version in force today")
    versions: list[VersionOut]


class PublishIn(Schema):
    definition: dict[str, Any] | None = Field(None, description="the new version as data (amounts in baht)")
    yaml: str | None = Field(None, description="or the new version as YAML text")
    resolution: str = Field("", max_length=300, description="the resolution that adopted it")


class ClaimIn(Schema):
    member: str = Field(description="member number")
    benefit: str = Field(description="benefit code in the fund's scheme")
    event_date: datetime.date
    nights: StrictInt = Field(0, ge=0, le=366)
    level: str = ""
    details: str = Field("", max_length=500)


class AmendIn(Schema):
    benefit: str
    event_date: datetime.date
    nights: StrictInt = Field(0, ge=0, le=366)
    level: str = ""
    details: str = Field("", max_length=500)


class ApproveIn(Schema):
    digest: str = Field(description="the claim's digest as you saw it: the approval binds to that content")


class RejectIn(Schema):
    reason: str = Field(
        description="a coded reason: "
        + ", ".join(
            [
                "not_eligible",
                "not_a_member",
                "waiting_period",
                "in_arrears",
                "over_limit",
                "evidence_missing",
                "evidence_invalid",
                "duplicate",
                "late",
                "other",
            ]
        )
    )
    note: str = Field("", max_length=500)


class PayIn(Schema):
    source: str = Field("cash", description="cash (1101), bank (1102) or payable (2101, collected later)")
    date: datetime.date | None = Field(None, description="the day paid (today if left out)")


class ApprovalOut(Schema):
    approver: str
    approved_at: datetime.datetime
    current: bool = Field(description="false: given for an earlier content of the claim, it no longer counts")


class EvidenceIn(Schema):
    name: str = Field(max_length=200, description="the file's name")
    content_base64: str = Field(description="the file, base64-encoded (PDF, JPEG or PNG)")


class EvidenceOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str


class ClaimOut(Schema):
    id: int
    member: str
    benefit: str
    benefit_name: Names
    event: str
    event_date: datetime.date
    nights: int
    level: str
    details: str
    amount: int
    status: str
    digest: str
    revision: int
    version: int | None
    recipient: str
    entered_by: str | None
    verified_by: str | None
    approvals: list[ApprovalOut]
    rejection_reason: str
    rejection_note: str
    paid_entry: int | None
    paid_from: str
    adjudication: dict[str, Any]
    evidence: list[EvidenceOut]


class QuoteOut(Schema):
    fund: str
    member: str
    total_satang: int
    adjudication: dict[str, Any]


class EntitlementOut(Schema):
    benefit: str
    name: Names
    amount: int
    unit: str
    eligible: bool
    reasons: list[str]
    explanation: dict[str, list[str]]


class PensionIn(Schema):
    day: datetime.date = Field(description="the payment day (the monthly meeting)")


class BatchOut(Schema):
    batch: str
    digest: str = Field(description="the batch as you see it: send it back to verify or approve it")
    total: int
    claims: list[ClaimOut]


class BatchDigestIn(Schema):
    digest: str


class BatchResultOut(Schema):
    batch: str
    done: list[int]
    skipped: list[dict[str, Any]]
