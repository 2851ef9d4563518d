"""A body holds meetings: a fund or a network."""

from __future__ import annotations

from sajja.registry.models import Fund


def body_label(body) -> str:
    """How the audit trail names a body: fund:F001 or network:N01."""
    return f"fund:{body.code}" if isinstance(body, Fund) else f"network:{body.code}"
