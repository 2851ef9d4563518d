"""The co-funding records as the audit chain digests them, and the digest of a request's member lines.

Each write appends an event naming its record (`object_type`, the record's id) whose digest is
`sajja.audit.records.digests` of the record as stored after the write, with the rows that belong to it
(a profile's villages, a request's parties). A request's member lines are many (one per member): the
request holds their digest (`lines_digest`), which the event covers, and `stored_lines_digest` computes it
again from the stored lines, so a line changed since is found.

>>> counted, excluded = (2, 100, (), (100, 100)), (1, 0, ("nothing_paid",), (0, 0))
>>> lines_digest([counted, excluded]) == lines_digest([excluded, counted]) != lines_digest([counted])
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence

from sajja.audit.records import Kind, Part

PROFILE = Kind(
    "cofunding_profile",
    "cofunding.FundProfile",
    (
        "fund_id",
        "area_kind",
        "registered_on",
        "registered_with",
        "registration_number",
        "policy_code",
        "policy_definition",
        "updated_at",
        "updated_by_id",
    ),
    parts=(Part("cofunding.Village", "profile_id", ("id", "number", "name")),),
    noun="co-funding profile",
    label=lambda pk, row, codes: (
        f"the co-funding profile of fund {codes.get(row['fund_id'], row['fund_id'])} (#{pk})"
    ),
)

REQUEST = Kind(
    "cofunding_request",
    "cofunding.CofundingRequest",
    (
        "fund_id",
        "fiscal_year",
        "policy_code",
        "policy_from_fy",
        "requested_on",
        "due_on",
        "members_listed",
        "counted",
        "excluded_by",
        "rules",
        "lines_digest",
        "key",
        "made_by_id",
        "made_at",
    ),
    parts=(
        Part(
            "cofunding.RequestParty",
            "request_id",
            ("id", "party", "ratio", "cap_per_member", "amount", "would_be", "members_capped", "entry_id"),
        ),
    ),
    noun="co-funding request",
    label=lambda pk, row, codes: (
        f"co-funding request #{pk} (fund {codes.get(row['fund_id'], row['fund_id'])}, FY {row['fiscal_year']})"
    ),
)

_MONEY = (
    "fund_id",
    "request_id",
    "party",
    "amount",
    "note",
    "entry_id",
    "key",
    "recorded_by_id",
    "recorded_at",
)
RECEIPT = Kind(
    "cofunding_receipt",
    "cofunding.CofundingReceipt",
    (*_MONEY, "applied", "overpaid", "received_on", "into"),
    noun="co-funding receipt",
    label=lambda pk, row, codes: (
        f"co-funding receipt #{pk} (fund {codes.get(row['fund_id'], row['fund_id'])})"
    ),
)
REFUND = Kind(
    "cofunding_refund",
    "cofunding.CofundingRefund",
    (*_MONEY, "refunded_on", "paid_from"),
    noun="co-funding refund",
    label=lambda pk, row, codes: (
        f"co-funding refund #{pk} (fund {codes.get(row['fund_id'], row['fund_id'])})"
    ),
)

ADMIN_LIMIT = Kind(
    "cofunding_admin_limit",
    "cofunding.AdminLimit",
    ("fund_id", "from_fiscal_year", "percent", "note", "set_by_id", "set_at"),
    noun="administration cost limit",
    label=lambda pk, row, codes: (
        f"the administration cost limit of fund {codes.get(row['fund_id'], row['fund_id'])} (#{pk})"
    ),
)
ADMIN_OVERRIDE = Kind(
    "cofunding_admin_override",
    "cofunding.AdminCostOverride",
    (
        "fund_id",
        "entry_id",
        "resolution_id",
        "fiscal_year",
        "base",
        "spent_before",
        "adding",
        "limit_percent",
        "recorded_at",
    ),
    noun="administration cost allowed past the limit",
    label=lambda pk, row, codes: (
        f"administration cost past the limit #{pk} (fund {codes.get(row['fund_id'], row['fund_id'])})"
    ),
)

Line = tuple[int, int, Sequence[str], Sequence[int]]
"""(member id, satang paid, reason codes, each party's satang)"""


def lines_digest(lines: Iterable[Line]) -> str:
    """SHA-256 of the member lines in a canonical form: sorted by member, reasons and amounts in order."""
    body = sorted([member, paid, list(reasons), list(amounts)] for member, paid, reasons, amounts in lines)
    text = json.dumps(body, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def stored_lines_digest(request) -> str:
    """The digest of the request's lines as stored now (equal to `request.lines_digest` unless changed)."""
    rows = request.lines.order_by().values_list("member_id", "paid", "reasons", "amounts")
    return lines_digest(
        (member, paid, tuple(r for r in reasons.split(",") if r), tuple(amounts))
        for member, paid, reasons, amounts in rows
    )
