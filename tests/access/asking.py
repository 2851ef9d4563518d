"""How the access matrix asks for a route: a path, a body and headers, built per fund and role."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Ask:
    path: str
    data: dict | None = None  # form fields (web) or a JSON body (API)
    headers: dict = field(default_factory=dict)


def _fund(side) -> dict:
    """URL arguments naming the fund asked about."""
    return {"code": side.fund.code}


def _key(world) -> dict:
    """A fresh Idempotency-Key header."""
    return {"Idempotency-Key": f"matrix-key-{world.serial()}"}
