"""`{% audit_anchor %}`: the audit chain's head as a network keeps it outside Sajja (see chain.anchor_text).

Printed on each meeting's report and minutes and on each month-end close: whoever keeps the paper can
later run `sajja audit verify --anchor SEQ:HASH` and learn whether the chain up to it was rewritten."""

from __future__ import annotations

from django import template

from sajja.audit.chain import anchor_text
from sajja.audit.models import AuditEvent, ChainHead

register = template.Library()


@register.simple_tag
def audit_anchor(obj=None) -> str:
    """The anchor of the event that recorded `obj` (a month-end close), else the chain's head now;
    empty while the chain is empty."""
    row = None
    if obj is not None and obj._meta.label == "contributions.MonthClose":
        row = (
            AuditEvent.objects.filter(object_type="month_close", object_id=str(obj.pk))
            .order_by("-seq")
            .values_list("seq", "hash")
            .first()
        )
    if row is None:
        head = ChainHead.objects.filter(pk=1).values_list("last_seq", "last_hash").first()
        row = head if head and head[0] else None
    return anchor_text(*row) if row else ""
