"""The rows that carry identity and money outside the books' entries and receipts, each under the digest
of the audit event that last wrote it.

Each kind of record names the columns its digest covers, and the rows that belong to it (a member's
beneficiaries and status history, a claim's approvals and evidence, a month-end close's standings and
group summaries). The service that writes a record appends an event naming it (`object_type`, and the
record's id as `object_id`) whose digest is `digests(kind, ...)` of the record as stored after the write:
a later write through a service appends a later event, so the latest event names the record's current
state. `audit verify` recomputes every record's digest in batches with the same code, and compares.

The canonical form is public and the digest a plain SHA-256 (of ids, numbers, dates, texts, and the
ciphertext and keyed hash of a national ID): the keyed event hash covers it, and the event itself holds
no personal data.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter


@dataclass(frozen=True)
class Part:
    """Rows of another table that belong to the record: `link` names the record, `columns` are covered;
    within a record they are sorted by their id (the first column), so the database's own order does not
    matter and SQLite and PostgreSQL digest alike."""

    model: str
    link: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Kind:
    object_type: str
    model: str  # "app.Model"
    columns: tuple[str, ...]  # every concrete column but the id, by attname
    parts: tuple[Part, ...] = ()
    key: str = "pk"  # the column the event's object id is (or `object_id` makes it from)
    noun: str = ""  # how a problem names a record that is gone (with the event's object id)
    batch: int = 5000  # records read at once by `audit verify` (fewer where their parts are many)
    object_id: Callable | None = None  # values row -> object id, when it is not the key itself
    label: Callable = field(default=lambda pk, row, codes: f"#{pk}")  # the record's name in a problem

    def get_model(self):
        from django.apps import apps

        return apps.get_model(self.model)


def _period(period: int) -> str:
    return f"{period // 100}-{period % 100:02d}"


PERSON = Kind(
    "person",
    "registry.Person",
    (
        "national_id_encrypted",
        "national_id_hash",
        "title",
        "first_name",
        "last_name",
        "birth_date",
        "sex",
        "province_code",
        "district_code",
        "subdistrict_code",
        "moo",
        "house_number",
    ),
    noun="person",
    label=lambda pk, row, codes: f"person #{pk}",
)

MEMBER = Kind(
    "member",
    "registry.Member",
    ("fund_id", "person_id", "number", "group_id", "joined_on", "status", "status_since"),
    parts=(
        Part(
            "registry.Beneficiary",
            "member_id",
            ("id", "full_name", "relationship", "share_percent", "position"),
        ),
        Part(
            "registry.MemberStatusChange",
            "member_id",
            ("id", "status", "effective_on", "note", "recorded_at"),
        ),
    ),
    noun="member",
    label=lambda pk, row, codes: (
        f"member #{pk} ({codes.get(row['fund_id'], row['fund_id'])} no. {row['number']})"
    ),
)

CLAIM = Kind(
    "claim",
    "welfare.Claim",
    (
        "fund_id",
        "member_id",
        "token",
        "batch",
        "benefit",
        "benefit_name_th",
        "benefit_name_en",
        "category",
        "recipient",
        "event",
        "event_date",
        "nights",
        "nights_counted",
        "level",
        "details",
        "amount",
        "adjudication",
        "version_id",
        "digest",
        "revision",
        "status",
        "entered_by_id",
        "entered_at",
        "verified_by_id",
        "verified_at",
        "rejection_reason",
        "rejection_note",
        "rejected_by_id",
        "rejected_at",
        "paid_from",
        "paid_entry_id",
        "paid_by_id",
        "paid_at",
    ),
    parts=(
        Part("welfare.ClaimApproval", "claim_id", ("id", "approver_id", "digest", "approved_at")),
        Part(
            "welfare.ClaimEvidence",
            "claim_id",
            ("id", "name", "content_type", "size", "sha256", "uploaded_by_id", "uploaded_at"),
        ),
    ),
    noun="claim",
    label=lambda pk, row, codes: f"claim #{pk} ({codes.get(row['fund_id'], row['fund_id'])})",
)

MONTH_CLOSE = Kind(
    "month_close",
    "contributions.MonthClose",
    (
        "fund_id",
        "period",
        "month_end",
        "rules_version",
        "expected",
        "collected",
        "members_active",
        "members_in_arrears",
        "members_lapsed",
        "status_changes",
        "closed_at",
        "closed_by_id",
    ),
    parts=(
        Part(
            "contributions.MemberMonthStanding",
            "close_id",
            ("id", "member_id", "paid_total", "paid_through", "standing", "arrears"),
        ),
        Part(
            "contributions.GroupMonthSummary",
            "close_id",
            (
                "id",
                "group_id",
                "expected",
                "collected",
                "members_active",
                "members_in_arrears",
                "members_lapsed",
            ),
        ),
    ),
    noun="month close",
    batch=20,  # a close holds a standing for each of the fund's members
    label=lambda pk, row, codes: (
        f"month close #{pk} ({codes.get(row['fund_id'], row['fund_id'])} {_period(row['period'])})"
    ),
)

# A closed month of the books: its event names it "FUND:PERIOD" (as it always has).
CLOSED_PERIOD = Kind(
    "period",
    "ledger.ClosedPeriod",
    ("fund_id", "period", "closed_at", "closed_by_id"),
    noun="closed period",
    object_id=lambda row: f"{row['fund_id']}:{row['period']}",
    label=lambda pk, row, codes: (
        f"closed period #{pk} ({codes.get(row['fund_id'], row['fund_id'])} {_period(row['period'])})"
    ),
)

# The fund's PromptPay ID (one per fund): its event names the fund.
PROMPTPAY = Kind(
    "promptpay",
    "contributions.FundPromptPay",
    ("fund_id", "promptpay_id", "set_by_id", "set_at"),
    noun="the PromptPay ID of fund",
    key="fund_id",
    label=lambda pk, row, codes: (
        f"the PromptPay ID of fund {codes.get(row['fund_id'], row['fund_id'])} (#{pk})"
    ),
)

KINDS = (PERSON, MEMBER, CLAIM, MONTH_CLOSE, CLOSED_PERIOD, PROMPTPAY)
_REGISTERED: list[Kind] = []


def register_kinds(*kinds: Kind) -> None:
    """Add an area's records to those `audit verify` checks (from its AppConfig.ready(): the audit area sits
    below the areas and imports none of them). A kind named twice is refused."""
    taken = {k.object_type for k in all_kinds()}
    for kind in kinds:
        if kind.object_type in taken:
            raise ValueError(f"audit record kind {kind.object_type!r} is registered twice")
        taken.add(kind.object_type)
        _REGISTERED.append(kind)


def all_kinds() -> tuple[Kind, ...]:
    """The records `audit verify` checks: the audit area's own list, then those the areas registered."""
    return (*KINDS, *_REGISTERED)


def _canonical(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview | bytearray):
        return bytes(value).hex()
    return value


def digest_row(kind: Kind, row: dict, parts: list[list[tuple]]) -> str:
    """The record's digest: its kind, its columns in order, and each part's rows sorted."""
    body = [
        kind.object_type,
        [_canonical(row[c]) for c in kind.columns],
        [sorted(([_canonical(v) for v in r] for r in rows), key=itemgetter(0)) for rows in parts],
    ]
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def object_id_of(kind: Kind, row: dict) -> str:
    return kind.object_id(row) if kind.object_id else str(row[kind.key])


def rows_with_digests(kind: Kind, queryset, limit: int | None = None, by_range: bool = False):
    """Each row of `queryset` (of the kind's model; `limit` rows at most) with its digest: one query for
    the rows and one for each part (a few, for many ids), whatever the batch's size. `by_range`: the
    rows are every record between the first and the last id (a batch in id order), so each part is read
    by that range of ids."""
    names = ["pk", *kind.columns] + ([kind.key] if kind.key not in ("pk", *kind.columns) else [])
    rows = queryset.values(*names)
    rows = list(rows[:limit] if limit else rows)
    if not rows:
        return []
    ids = [r["pk"] for r in rows]
    found: list[dict[int, list[tuple]]] = []
    for part in kind.parts:
        model = _model(part.model)
        by_record: dict[int, list[tuple]] = defaultdict(list)
        if by_range:
            filters = [{f"{part.link}__gte": ids[0], f"{part.link}__lte": ids[-1]}]
        else:
            filters = [{f"{part.link}__in": chunk} for chunk in _chunks(ids)]
        for where in filters:
            for link, *values in (
                model.objects.filter(**where).order_by().values_list(part.link, *part.columns)
            ):
                by_record[link].append(values)
        found.append(by_record)
    return [(r, digest_row(kind, r, [by_record.get(r["pk"], []) for by_record in found])) for r in rows]


def digests(kind: Kind, pks: Iterable[int]) -> dict[str, str]:
    """The digest of each record with these ids, as stored now: object id -> digest."""
    model = kind.get_model()
    out = {}
    for chunk in _chunks(sorted(set(pks))):
        for row, digest in rows_with_digests(kind, model.objects.filter(pk__in=chunk).order_by("pk")):
            out[object_id_of(kind, row)] = digest
    return out


def digest_of_record(kind: Kind, pk: int) -> str:
    (digest,) = digests(kind, [pk]).values()
    return digest


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def _chunks(values: list, size: int = 900) -> list[list]:
    """Lists short enough for SQLite's limit on a query's parameters."""
    return [values[i : i + size] for i in range(0, len(values), size)]
