"""Members and events as arrays, one row per event, for the vectorised engine.

Dates are day numbers (`periods_np`); optional dates are `NEVER`. Sex is 1 (F) or 2 (M); event kinds
and school levels are their index in `EventKind` and `Level` (-1: unknown, or no level). What each
benefit already paid this year is given per benefit code; a code left out means nothing was paid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sajja.schemes.coverage import resolve_paid_through
from sajja.schemes.periods_np import NEVER, day_number
from sajja.schemes.situation import NO_USAGE, Event, MemberHistory, Usage
from sajja.schemes.versions import Scheme
from sajja.schemes.vocabulary import EventKind, Level

SEX_CODE = {"F": 1, "M": 2}
KIND_CODE = {kind.value: i for i, kind in enumerate(EventKind)}
LEVEL_CODE = {level.value: i for i, level in enumerate(Level)}


_COLUMNS = (
    "birth",
    "sex",
    "joined",
    "paid_through",
    "died",
    "left",
    "reinstated",
    "kind",
    "date",
    "nights",
    "level",
)


@dataclass(frozen=True)
class Batch:
    birth: np.ndarray
    sex: np.ndarray
    joined: np.ndarray
    paid_through: np.ndarray
    died: np.ndarray
    left: np.ndarray
    reinstated: np.ndarray
    kind: np.ndarray
    date: np.ndarray
    nights: np.ndarray
    level: np.ndarray
    used_claims: Mapping[str, np.ndarray] = field(default_factory=dict)
    used_nights: Mapping[str, np.ndarray] = field(default_factory=dict)
    used_satang: Mapping[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.date)

    def part(self, rows: slice) -> Batch:
        """The rows `rows` of this batch, as views (no copies)."""
        used: dict[str, Any] = {  # keyword arguments of Batch
            f"used_{what}": {code: a[rows] for code, a in getattr(self, f"used_{what}").items()}
            for what in ("claims", "nights", "satang")
        }
        columns = {name: getattr(self, name)[rows] for name in _COLUMNS}
        return Batch(**columns, **used)

    def used(self, what: str, code: str, rows: np.ndarray | slice) -> np.ndarray:
        """What benefit `code` already paid (`claims`, `nights` or `satang`) for the given rows.

        `rows` is an array of row numbers, or `slice(None)` for every row (a view, not a copy).
        """
        values: np.ndarray | None = getattr(self, f"used_{what}").get(code)
        if values is None:
            size = len(self) if isinstance(rows, slice) else rows.size
            return np.zeros(size, dtype=np.int64)
        return values[rows]


def batch_from(scheme: Scheme, rows: Iterable[tuple[MemberHistory, Event, Mapping[str, Usage]]]) -> Batch:
    """A batch from scalar situations (a Python loop: for tests and small batches, not for speed).

    Paid-through dates are resolved as the scalar engine resolves them for each event.
    """
    rows = list(rows)
    columns: dict[str, list[int]] = {k: [] for k in _COLUMNS}
    codes = scheme.benefit_codes()
    usage: dict[str, dict[str, list[int]]] = {
        what: {code: [] for code in codes} for what in ("claims", "nights", "satang")
    }
    for member, event, used in rows:
        version = scheme.version_on(event.date)
        back = member.reinstated_on
        restarted = (
            version is not None
            and back is not None
            and back <= event.date
            and not version.contributions.reinstatement.pay_arrears
        )
        start = back if restarted and back is not None else member.joined_on  # restarted: back is a date
        columns["birth"].append(day_number(member.birth_date))
        columns["sex"].append(SEX_CODE.get(member.sex, 0))
        columns["joined"].append(day_number(member.joined_on))
        columns["paid_through"].append(day_number(resolve_paid_through(scheme, member, start, event.date)))
        columns["died"].append(day_number(member.died_on))
        columns["left"].append(day_number(member.left_on))
        columns["reinstated"].append(day_number(member.reinstated_on))
        columns["kind"].append(KIND_CODE.get(event.kind, -1))
        columns["date"].append(day_number(event.date))
        columns["nights"].append(event.nights)
        columns["level"].append(LEVEL_CODE.get(event.level, -1) if event.level is not None else -1)
        for code in codes:
            u = used.get(code, NO_USAGE)
            usage["claims"][code].append(u.claims)
            usage["nights"][code].append(u.nights)
            usage["satang"][code].append(u.satang)
    arrays = {k: np.array(v, dtype=np.int64) for k, v in columns.items()}
    used_arrays = {
        what: {c: np.array(v, dtype=np.int64) for c, v in by_code.items()} for what, by_code in usage.items()
    }
    return Batch(
        **arrays,
        used_claims=used_arrays["claims"],
        used_nights=used_arrays["nights"],
        used_satang=used_arrays["satang"],
    )


__all__ = ["NEVER", "Batch", "batch_from", "SEX_CODE", "KIND_CODE", "LEVEL_CODE"]
