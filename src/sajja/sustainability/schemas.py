"""Response shapes of the sustainability API. Amounts are baht (projections are estimates, not books);
probabilities are shares of the Monte Carlo paths (0..1); years are Christian-era calendar years."""

from __future__ import annotations

import datetime

from ninja import Schema


class RequestOut(Schema):
    id: int
    status: str
    reason: str
    requested_at: datetime.datetime
    started_at: datetime.datetime | None


class ResultOut(Schema):
    id: int
    computed_at: datetime.datetime
    digest: str
    years: int
    paths: int
    seed: int
    start_year: int
    inputs: dict
    indicators: dict
    percentiles: dict[str, list[float]]
    ruin_probability: list[float]
    fixes: dict | None
    scenarios: list[dict] | None


class FailureOut(Schema):
    id: int
    finished_at: datetime.datetime
    message_th: str
    message_en: str


class ProjectionOut(Schema):
    fund: str | None
    network: str | None
    status: str
    stale: bool
    computed_at: datetime.datetime | None
    result: ResultOut | None
    pending: RequestOut | None
    failed: FailureOut | None
