"""What the scheme pays for each simulated event, asked of the vectorised engine of `sajja.schemes`.

Benefits are never written here: every amount comes from `adjudicate_batch`. Simulated events of
year `t` all fall on 1 July of that year; a member of age `a` with `y` whole years of paid
membership at the start of the year was born on 1 January `a` years earlier and joined on 1 January
`y` years earlier, and is paid up. So on the event day they are `a` years old with `12 y + 6` months
of paid membership (a new member has passed a 180-day waiting period).

Four kinds of event are projected: death, hospital stay, birth (to women members) and old age (the
yearly pension, claimed by every member alive at the start of the year). Benefits for other events
(education, disability, disaster...) have no assumed event rate and are listed by `unprojected`.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike

from sajja.schemes import Scheme, adjudicate_batch
from sajja.schemes.batch import KIND_CODE, Batch
from sajja.schemes.benefits import DisabilityAllowance, Pension
from sajja.schemes.periods_np import NEVER, day_number

KINDS = ("death", "hospital", "birth", "old_age")


def event_day(start_year: int, t: int) -> date:
    return date(start_year + t, 7, 1)


def _january(years: np.ndarray) -> np.ndarray:
    return (years - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)


def event_batch(
    day: date, age: ArrayLike, sex: ArrayLike, years: ArrayLike, kind: ArrayLike, nights: ArrayLike
) -> Batch:
    """One row per event on `day` for members described by (age, sex, paid years).

    `kind` is an event kind name for every row, or an array of `KIND_CODE` values.
    """
    age, sex, years, nights = (np.asarray(x, dtype=np.int64) for x in (age, sex, years, nights))
    n = age.size
    never = np.full(n, NEVER, dtype=np.int64)
    today = np.full(n, day_number(day), dtype=np.int64)
    return Batch(
        birth=_january(day.year - age),
        sex=sex,
        joined=_january(day.year - years),
        paid_through=today,
        died=never,
        left=never,
        reinstated=never,
        kind=np.full(n, KIND_CODE[kind], dtype=np.int64) if isinstance(kind, str) else np.asarray(kind),
        date=today,
        nights=np.broadcast_to(nights, (n,)).copy(),
        level=np.full(n, -1, dtype=np.int64),
    )


def yearly_factor(scheme: Scheme) -> dict[str, int]:
    """Claims a year of each recurring benefit (a monthly pension is paid 12 times)."""
    return {
        b.code: b.frequency.per_year
        for v in scheme.versions
        for b in v.benefits
        if isinstance(b, Pension | DisabilityAllowance)
    }


def pay(scheme: Scheme, batch: Batch) -> np.ndarray:
    """Baht paid for each row, recurring benefits counted for the whole year."""
    result = adjudicate_batch(scheme, batch)
    factors = yearly_factor(scheme)
    total = np.zeros(len(batch))
    for code, amount in result.amounts.items():
        total += amount * factors.get(code, 1)
    return total / 100


def unprojected(scheme: Scheme) -> list[str]:
    """Benefit codes whose events the projection does not draw."""
    return sorted({b.code for v in scheme.versions for b in v.benefits if b.event.value not in KINDS})


@dataclass(frozen=True)
class Prices:
    """Baht paid per event for each cell: death[c], old_age[c], and for stays by the number of
    nights a row of a table of the distinct rows: hospital_rows[hospital[c], nights], likewise birth."""

    death: np.ndarray
    old_age: np.ndarray
    hospital: np.ndarray
    birth: np.ndarray
    hospital_rows: np.ndarray
    birth_rows: np.ndarray

    def take(self, at: np.ndarray) -> Prices:
        """The prices of the cells at positions `at` (the tables of rows are shared)."""
        return replace(
            self,
            death=self.death[at],
            old_age=self.old_age[at],
            hospital=self.hospital[at],
            birth=self.birth[at],
        )


@dataclass(frozen=True)
class _Known:
    """Cells already priced on one day: their codes, sorted, and their prices in that order."""

    codes: np.ndarray
    prices: Prices


class _Memo:
    """Prices asked of one scheme object, by (day, nights): a snapshot read without a lock (a
    projection run again, a scenario, or the many funds of one template in a sweep ask the same
    cells again); new cells are priced and merged under a lock, rarely."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.days: dict[tuple[date, int, int], _Known] = {}


_MEMO: dict[int, tuple[weakref.ref[Scheme], _Memo]] = {}
_MEMO_LOCK = threading.Lock()
MEMO_CELLS = 250_000
"""Cells remembered per day at most (about 30 bytes each), then forgotten and priced again."""


def _memo(scheme: Scheme) -> _Memo:
    """The memo of this scheme object, dropped with it."""
    key = id(scheme)
    with _MEMO_LOCK:
        held = _MEMO.get(key)
        if held is None or held[0]() is not scheme:
            held = (weakref.ref(scheme, lambda _: _MEMO.pop(key, None)), _Memo())
            _MEMO[key] = held
        return held[1]


def _distinct(rows: np.ndarray, known: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(id of each row in the table, the table): `known` extended by the rows not yet in it."""
    table = np.concatenate([known, rows]) if known.size else rows
    unique, first, inverse = np.unique(table, axis=0, return_index=True, return_inverse=True)
    # keep the known rows' ids: order the distinct rows by where they first appear
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return rank[inverse.reshape(-1)][len(known) :], unique[order]


def price_cells(
    scheme: Scheme,
    day: date,
    age: ArrayLike,
    sex: ArrayLike,
    years: ArrayLike,
    max_nights: int,
    max_birth_nights: int,
) -> Prices:
    """What the scheme pays per event for each cell (age, sex, paid years) on `day`."""
    age, sex, years = (np.asarray(x, dtype=np.int64) for x in (age, sex, years))
    codes = (age * 4 + sex) * 100_000 + years
    memo = _memo(scheme)
    key = (day, max_nights, max_birth_nights)
    known = memo.days.get(key)
    if known is None or not _all_known(known, codes):
        with memo.lock:
            known = memo.days.get(key)
            if known is not None and known.codes.size > MEMO_CELLS:
                known = None
            have = known.codes if known is not None else np.zeros(0, dtype=np.int64)
            missing = np.setdiff1d(codes, have)
            if missing.size or known is None:  # nothing priced yet: even no cells get their (empty) tables
                priced = _price(
                    scheme,
                    day,
                    missing // 100_000 // 4,
                    missing // 100_000 % 4,
                    missing % 100_000,
                    max_nights,
                    max_birth_nights,
                )
                known = memo.days[key] = _merged(known, missing, priced)
    return known.prices.take(np.searchsorted(known.codes, codes))


_Priced: TypeAlias = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""(death, old age, hospital by nights, birth by nights) per cell."""


def _all_known(known: _Known, codes: np.ndarray) -> bool:
    at = np.minimum(np.searchsorted(known.codes, codes), known.codes.size - 1)
    return bool((known.codes[at] == codes).all())


def _merged(known: _Known | None, codes: np.ndarray, new: _Priced) -> _Known:
    death, old_age, hospital, birth = new
    if known is None:
        old = Prices(*(np.zeros(0),) * 4, np.zeros((0, hospital.shape[1])), np.zeros((0, birth.shape[1])))
        codes_before = np.zeros(0, dtype=np.int64)
    else:
        old, codes_before = known.prices, known.codes
    h_ids, h_rows = _distinct(hospital, old.hospital_rows)
    b_ids, b_rows = _distinct(birth, old.birth_rows)
    codes = np.concatenate([codes_before, codes])
    merged = Prices(
        np.concatenate([old.death, death]),
        np.concatenate([old.old_age, old_age]),
        np.concatenate([old.hospital, h_ids]).astype(np.int64),
        np.concatenate([old.birth, b_ids]).astype(np.int64),
        h_rows,
        b_rows,
    )
    order = np.argsort(codes, kind="stable")
    return _Known(codes[order], merged.take(order))


def _price(
    scheme: Scheme,
    day: date,
    age: np.ndarray,
    sex: np.ndarray,
    years: np.ndarray,
    max_nights: int,
    max_birth_nights: int,
) -> _Priced:
    """(death, old age, hospital by nights, birth by nights) per cell, from the vectorised engine."""
    n = age.size

    def grid(kind: str, most: int) -> np.ndarray:
        k = np.arange(most + 1)
        rep = np.repeat(np.arange(n), most + 1)
        paid = pay(scheme, event_batch(day, age[rep], sex[rep], years[rep], kind, np.tile(k, n)))
        return paid.reshape(n, most + 1)

    return (
        pay(scheme, event_batch(day, age, sex, years, "death", 0)),
        pay(scheme, event_batch(day, age, sex, years, "old_age", 0)),
        grid("hospital", max_nights),
        grid("birth", max_birth_nights),
    )
