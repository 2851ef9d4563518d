"""Answer shapes of the roll-up API. Amounts are integer satang; shares are whole percentages (null when
nothing was expected); the probability of running out is a share of the projection's paths (0..1).
Co-funding is the fiscal year claimed's (`cofunding_fiscal_year`, the one that ended most recently):
received is what settled the requested amount, outstanding what is still owed (requested - received),
to_refund what was overpaid and is not given back yet."""

from __future__ import annotations

import datetime

from ninja import Schema


class RollupMembersOut(Schema):
    active: int
    lapsed: int
    resigned: int
    deceased: int


class RollupStandingOut(Schema):
    paid_up: int
    in_arrears: int
    lapsed: int
    arrears_percent: int | None


class RollupCollectionOut(Schema):
    expected: int
    collected: int
    percent: int | None


class RollupBenefitOut(Schema):
    category: str
    label_th: str
    label_en: str
    claims: int
    amount: int


class RollupPaidOut(Schema):
    claims: int
    amount: int


class RollupCofundingPartyOut(Schema):
    party: str
    label_th: str
    label_en: str
    requested: int
    received: int
    outstanding: int
    to_refund: int


class RollupCofundingOut(Schema):
    funds_requested: int
    funds_not_requested: int
    requested: int
    received: int
    outstanding: int
    to_refund: int
    parties: list[RollupCofundingPartyOut]
    overdue: int


class RollupFiguresOut(Schema):
    funds: int
    members: RollupMembersOut
    standing: RollupStandingOut
    month: RollupCollectionOut
    last_month: RollupCollectionOut
    fiscal_year: RollupCollectionOut
    benefits: list[RollupBenefitOut]
    benefits_paid: RollupPaidOut
    reserve: int
    months_unclosed: int
    ruin_probability: float | None
    funds_projected: int
    funds_at_risk: int
    funds_not_current: int
    funds_needing_attention: int
    cofunding: RollupCofundingOut


class RollupAttentionOut(Schema):
    code: str
    message_th: str
    message_en: str


class RollupRowOut(Schema):
    kind: str
    code: str
    name_th: str
    name_en: str
    figures: RollupFiguresOut
    attention: list[RollupAttentionOut]
    as_of: datetime.date | None = None
    standing_period: int | None = None
    latest_closed: int | None = None


class RollupOut(Schema):
    level: str
    code: str
    name_th: str
    name_en: str
    as_of: datetime.date
    period: int
    fiscal_year: int
    fiscal_year_start: datetime.date
    cofunding_fiscal_year: int
    oldest_refresh: datetime.date | None
    total: RollupFiguresOut
    rows: list[RollupRowOut]
    attention: list[RollupRowOut]
