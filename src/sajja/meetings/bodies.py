"""A body holds meetings: a fund or a network."""

from __future__ import annotations

from sajja.registry.models import Fund


def body_label(body) -> str:
    """How the audit trail names a body: fund:F001 or network:N01."""
    return f"fund:{body.code}" if isinstance(body, Fund) else f"network:{body.code}"


def body_fields(body) -> dict:
    """The (fund, network) fields of a row that belongs to this body: one is the body, the other None."""
    return {"fund": body, "network": None} if isinstance(body, Fund) else {"fund": None, "network": body}


def fund_id_of(body) -> int | None:
    """The body's fund id, or None for a network."""
    return body.pk if isinstance(body, Fund) else None
