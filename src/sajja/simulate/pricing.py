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

import weakref
from dataclasses import dataclass
from datetime import date

import numpy as np

from sajja.schemes import Scheme, adjudicate_batch
from sajja.schemes.batch import KIND_CODE, Batch
from sajja.schemes.benefits import DisabilityAllowance, Pension
from sajja.schemes.periods_np import NEVER, day_number

KINDS = ("death", "hospital", "birth", "old_age")


def event_day(start_year: int, t: int) -> date:
    return date(start_year + t, 7, 1)


def _january(years: np.ndarray) -> np.ndarray:
    return (years - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)


def event_batch(day: date, age, sex, years, kind, nights) -> Batch:
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
    """Baht paid per event for each cell: death[c], old_age[c], hospital[c, nights], birth[c, nights]."""

    death: np.ndarray
    old_age: np.ndarray
    hospital: np.ndarray
    birth: np.ndarray


_MEMO: dict[int, tuple[weakref.ref, dict]] = {}
MEMO_CELLS = 5000


def _memo(scheme: Scheme) -> dict:
    """Prices already asked of this scheme object, by (day, nights) and cell; dropped with the scheme."""
    key = id(scheme)
    held = _MEMO.get(key)
    if held is None or held[0]() is not scheme:
        held = (weakref.ref(scheme, lambda _, key=key: _MEMO.pop(key, None)), {})
        _MEMO[key] = held
    return held[1]


def price_cells(scheme: Scheme, day: date, age, sex, years, max_nights: int, max_birth_nights: int) -> Prices:
    """What the scheme pays per event for each cell on `day`, remembered per cell and day for as
    long as the scheme object lives: a projection run again (a scenario, a page's recompute) or the
    many funds of one template in a sweep ask the same cells again."""
    age, sex, years = (np.asarray(x, dtype=np.int64) for x in (age, sex, years))
    memo = _memo(scheme).setdefault((day, max_nights, max_birth_nights), {})
    codes = (age * 4 + sex) * 100_000 + years
    unique, inverse = np.unique(codes, return_inverse=True)
    if len(memo) > MEMO_CELLS:  # bounded: a few thousand cells a day
        memo.clear()
    found = {}  # read once: another thread may clear the memo meanwhile
    for c in unique.tolist():
        row = memo.get(c)
        if row is not None:
            found[c] = row
    missing = np.array([c for c in unique.tolist() if c not in found], dtype=np.int64)
    if missing.size:
        new = _price(
            scheme,
            day,
            missing // 100_000 // 4,
            missing // 100_000 % 4,
            missing % 100_000,
            max_nights,
            max_birth_nights,
        )
        for i, c in enumerate(missing.tolist()):
            found[c] = memo[c] = (new.death[i], new.old_age[i], new.hospital[i], new.birth[i])
    rows = [found[c] for c in unique.tolist()]
    inverse = inverse.reshape(-1)
    return Prices(
        death=np.array([r[0] for r in rows])[inverse],
        old_age=np.array([r[1] for r in rows])[inverse],
        hospital=np.stack([r[2] for r in rows])[inverse],
        birth=np.stack([r[3] for r in rows])[inverse],
    )


def _price(scheme: Scheme, day: date, age, sex, years, max_nights: int, max_birth_nights: int) -> Prices:
    n = age.size

    def grid(kind: str, most: int) -> np.ndarray:
        k = np.arange(most + 1)
        rep = np.repeat(np.arange(n), most + 1)
        paid = pay(scheme, event_batch(day, age[rep], sex[rep], years[rep], kind, np.tile(k, n)))
        return paid.reshape(n, most + 1)

    return Prices(
        death=pay(scheme, event_batch(day, age, sex, years, "death", 0)),
        old_age=pay(scheme, event_batch(day, age, sex, years, "old_age", 0)),
        hospital=grid("hospital", max_nights),
        birth=grid("birth", max_birth_nights),
    )
