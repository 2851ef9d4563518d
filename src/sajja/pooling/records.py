"""Pooling's records as the audit chain digests them: each write appends an event naming its record whose
digest is `sajja.audit.records.digests` of the record as stored after the write."""

from __future__ import annotations

from sajja.audit.records import Kind


def _label(noun: str):
    return lambda pk, row, codes: f"{noun} #{pk} (fund {codes.get(row['fund_id'], row['fund_id'])})"


RULE = Kind(
    "pooling_rule",
    "pooling.PoolingRule",
    (
        "network_id",
        "from_fiscal_year",
        "pool_fund_id",
        "basis",
        "rate",
        "top_up_threshold",
        "top_up_percent",
        "top_up_cap",
        "note",
        "set_by_id",
        "set_at",
    ),
    noun="pooling rule",
    label=lambda pk, row, codes: f"pooling rule #{pk} (network #{row['network_id']})",
)
_MONEY = (
    "fund_id",
    "pool_fund_id",
    "rule_id",
    "amount",
    "paid_on",
    "paid_from",
    "paid_into",
    "out_entry_id",
    "in_entry_id",
    "key",
    "recorded_by_id",
    "recorded_at",
)
REMITTANCE = Kind(
    "pooling_remittance",
    "pooling.Remittance",
    (*_MONEY, "fiscal_year", "due", "note"),
    noun="remittance",
    label=_label("remittance"),
)
TOP_UP = Kind("pooling_top_up", "pooling.TopUp", (*_MONEY, "claim_id"), noun="top-up", label=_label("top-up"))
