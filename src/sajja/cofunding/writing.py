"""What the co-funding writes share: their keys, the limits of what they take, and the values their
refusals name in each language's way.

>>> ratio_text(Decimal("1.00")), ratio_text(Decimal("0.50"))
('1', '0.5')
>>> ledger_key("receipt", "k-1") == ledger_key("receipt", "k-1") != ledger_key("refund", "k-1")
True
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

from sajja.cofunding import reasons
from sajja.core.errors import Problem
from sajja.core.ledger.checks import control_character
from sajja.core.money import format_baht
from sajja.core.thai_dates import format_thai_date
from sajja.reasons import Both

KEY_LIMIT = 160
NOTE_LIMIT = 200


def ratio_text(ratio: Decimal) -> str:
    """A ratio as a policy file writes it: "1", "0.5"."""
    return str(int(ratio)) if ratio == ratio.to_integral_value() else str(ratio.normalize())


def day_said(day: datetime.date) -> Both:
    return Both(format_thai_date(day), day.isoformat())


def baht_said(satang: int) -> Both:
    return Both(format_baht(satang), format_baht(satang, "en"))


def checked_key(key: object, where: str = "key") -> tuple[str, list[Problem]]:
    """The write's key, stripped, or the problem: present, at most KEY_LIMIT characters, no control ones."""
    if not isinstance(key, str) or not key.strip() or len(key) > KEY_LIMIT or control_character(key):
        return "", [reasons.KEY_REQUIRED.problem(where, limit=KEY_LIMIT)]
    return key.strip(), []


def ledger_key(kind: str, key: str) -> str:
    """The key of the write's entry in the books: short, and the same for the same write."""
    return f"cofunding:{kind}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"


def actor_id(actor) -> int | None:
    return getattr(actor, "pk", None)
