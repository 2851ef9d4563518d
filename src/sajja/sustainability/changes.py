"""What a projection starts from, and when it is out of date: the audit events that change a fund's
members, scheme or money."""

from __future__ import annotations

from django.db.models import Max, Q

from sajja.audit.chain import ENTRIES_OBJECT
from sajja.audit.models import AuditEvent
from sajja.registry.models import Fund

# The audit events that change what a projection starts from: members, the scheme, the money.
CHANGES = (
    Q(object_type=ENTRIES_OBJECT)
    | Q(action__startswith="registry.member.")
    | Q(action__startswith="welfare.scheme.")
)


def is_change(action: str, object_type: str) -> bool:
    return object_type == ENTRIES_OBJECT or action.startswith(("registry.member.", "welfare.scheme."))


def body_filter(body) -> dict:
    return {"fund": body, "network": None} if isinstance(body, Fund) else {"fund": None, "network": body}


def _fund_ids(body) -> list[int]:
    return [body.pk] if isinstance(body, Fund) else list(body.funds.values_list("pk", flat=True))


def last_change(body) -> int:
    """The sequence number of the body's latest change (0 if none)."""
    events = AuditEvent.objects.filter(fund_id__in=_fund_ids(body)).filter(CHANGES)
    return events.aggregate(last=Max("seq"))["last"] or 0
