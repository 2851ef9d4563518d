"""The vectorised rules engine: the rules of `eligibility` and `engine`, over arrays of events.

The only Python loops are over versions and benefits (a handful), never over members or events.
Amounts and reasons equal the scalar engine's; property tests prove it. Reasons come back as bit
masks (`Reason.bit`), per benefit code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sajja.schemes.batch import KIND_CODE, SEX_CODE, Batch
from sajja.schemes.benefits import Benefit, DisabilityAllowance, EducationGrant, LumpSum, PerNight, Tiered
from sajja.schemes.eligibility import min_age, min_months
from sajja.schemes.periods_np import age_on, day_numbers, paid_months
from sajja.schemes.reasons import Reason
from sajja.schemes.versions import Scheme, SchemeVersion
from sajja.schemes.vocabulary import Level


@dataclass(frozen=True)
class BatchResult:
    total: np.ndarray
    amounts: dict[str, np.ndarray]
    reasons: dict[str, np.ndarray]
    event_reasons: np.ndarray
    version: np.ndarray

    def row(self, i: int) -> tuple[dict[str, int], dict[str, frozenset[Reason]]]:
        """Amounts and reasons of row `i`, for the benefits that paid something or gave a reason."""
        answered = [c for c, r in self.reasons.items() if r[i] or self.amounts[c][i]]
        return (
            {c: int(self.amounts[c][i]) for c in answered},
            {c: Reason.from_mask(int(self.reasons[c][i])) for c in answered},
        )


def _flag(bits: np.ndarray, mask: np.ndarray, reason: Reason) -> None:
    """Set `reason` in `bits` where `mask` holds (in place; a product, much faster than `where=`)."""
    bits |= np.multiply(mask, np.uint32(reason.bit), dtype=np.uint32)


def _within(days: np.ndarray, limit: int) -> np.ndarray:
    """0 <= days < limit, in one comparison: a negative count of days, read as unsigned, is huge."""
    return days.view(f"u{days.dtype.itemsize}") < limit


def _gross(
    benefit: Benefit,
    b: Batch,
    rows: np.ndarray | slice,
    size: int,
    months: np.ndarray | None,
    nights: np.ndarray | None,
    bits: np.ndarray,
) -> np.ndarray:
    """Amounts before the yearly cap, flagging the caps hit into `bits` (where not refused)."""
    if isinstance(benefit, LumpSum | DisabilityAllowance):
        return np.full(size, benefit.amount, dtype=np.int64)
    if isinstance(benefit, Tiered):
        assert months is not None  # `_decide` computes months for a tiered benefit
        index = np.searchsorted([t.start for t in benefit.tiers], months, side="right") - 1
        amounts: np.ndarray = np.array([t.amount for t in benefit.tiers], dtype=np.int64)[
            np.maximum(index, 0)
        ]
        return amounts
    if isinstance(benefit, EducationGrant):
        return _education(benefit, b.level[rows])
    assert nights is not None  # `_decide` gathers nights for a per-night benefit
    if benefit.max_nights_per_event is not None:
        _flag(bits, nights > benefit.max_nights_per_event, Reason.CAP_NIGHTS_EVENT)
        nights = np.minimum(nights, benefit.max_nights_per_event)
    if benefit.max_nights_per_year is not None:
        left = np.maximum(benefit.max_nights_per_year - b.used("nights", benefit.code, rows), 0)
        _flag(bits, nights > left, Reason.CAP_NIGHTS_YEAR)
        nights = np.minimum(nights, left)
    amount = nights * benefit.rate
    if benefit.max_amount_per_event is not None:
        _flag(bits, amount > benefit.max_amount_per_event, Reason.CAP_AMOUNT_EVENT)
        amount = np.minimum(amount, benefit.max_amount_per_event)
    return amount


def _education(benefit: EducationGrant, levels: np.ndarray) -> np.ndarray:
    """The grant by level code; -1 where there is no grant."""
    default = -1 if benefit.amount is None else benefit.amount
    table = np.full(len(Level) + 1, default, dtype=np.int64)  # the extra last cell: no or unknown level
    for item in benefit.levels:
        table[list(Level).index(item.level)] = item.amount
    return table[np.where(levels >= 0, levels, len(Level))]


@dataclass(frozen=True)
class StandingBits:
    """What a version's rules say of every member of a chunk, whatever the benefit, as reason bits:
    `bits` for benefits that pay members in arrears, `paid_up` for those that do not (the usual). The
    waiting period is the version's; a benefit with its own recomputes it from `since_joining`.
    Computed once per chunk and version, on whole columns; a benefit then gathers one array of bits
    instead of the dates behind them."""

    bits: np.ndarray
    paid_up: np.ndarray
    since_joining: np.ndarray

    @classmethod
    def of(cls, version: SchemeVersion, b: Batch) -> StandingBits:
        rules = version.contributions
        date = b.date
        since_joining = date - b.joined
        unpaid = date - b.paid_through
        bits = np.zeros(date.size, dtype=np.uint32)
        _flag(bits, since_joining < 0, Reason.NOT_YET_MEMBER)
        _flag(bits, date >= b.left, Reason.LEFT_FUND)
        _flag(bits, b.died < date, Reason.DECEASED)
        _flag(bits, _within(since_joining, version.waiting_days), Reason.WAITING_PERIOD)
        _flag(
            bits, _within(date - b.reinstated, rules.reinstatement.waiting_days), Reason.REINSTATEMENT_WAITING
        )
        lapsed = unpaid > rules.lapse_after_days
        _flag(bits, lapsed, Reason.LAPSED)
        paid_up = bits.copy()
        _flag(paid_up, ~lapsed & (unpaid > rules.grace_days), Reason.IN_ARREARS)
        return cls(bits, paid_up, since_joining)


def _decide(
    version: SchemeVersion,
    benefit: Benefit,
    b: Batch,
    rows: np.ndarray | slice,
    standing: StandingBits | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Amounts and reason bits of `benefit` for `rows` (row numbers, or `slice(None)`: every row).

    `standing` is `StandingBits.of(version, b)` when the caller has it already."""
    cond, rules = benefit.conditions, version.contributions
    standing = standing or StandingBits.of(version, b)
    bits = (standing.paid_up if cond.paid_up else standing.bits)[rows]
    if isinstance(rows, slice):  # a view: copy it, more flags are added to it below
        bits = bits.copy()
    if (wait := version.waiting_days_for(benefit)) != version.waiting_days:  # the benefit's own wait
        bits &= ~np.uint32(Reason.WAITING_PERIOD.bit)
        _flag(bits, _within(standing.since_joining[rows], wait), Reason.WAITING_PERIOD)
    size = bits.size
    need, youngest = min_months(benefit), min_age(benefit)
    months = age = nights = None  # calendar arithmetic, the costliest step: only for the rules that need it
    if need is not None or isinstance(benefit, Tiered):
        date, joined, back, paid_to = b.date[rows], b.joined[rows], b.reinstated[rows], b.paid_through[rows]
        restarted = (back <= date) & (not rules.reinstatement.pay_arrears)
        months = paid_months(np.where(restarted, back, joined), paid_to, date)
    if youngest is not None or cond.max_age is not None:
        age = age_on(b.birth[rows], b.date[rows])

    def flag(mask: np.ndarray, reason: Reason) -> None:
        _flag(bits, mask, reason)

    if youngest is not None:
        assert age is not None  # computed above for an age limit
        flag(age < youngest, Reason.TOO_YOUNG)
    if cond.max_age is not None:
        assert age is not None
        flag(age > cond.max_age, Reason.TOO_OLD)
    if cond.sex is not None:
        flag(b.sex[rows] != SEX_CODE[cond.sex.value], Reason.WRONG_SEX)
    short: np.ndarray = np.zeros(size, dtype=bool)
    if need is not None:
        assert months is not None  # computed above for a membership limit
        short = months < need
        flag(short, Reason.SHORT_MEMBERSHIP)
    if (limit := benefit.claims_limit()) is not None:
        flag(b.used("claims", benefit.code, rows) >= limit, Reason.MAX_CLAIMS)
    if isinstance(benefit, PerNight):
        nights = b.nights[rows]  # gathered once, for this check and the amount
        flag(nights < 1, Reason.NO_NIGHTS)
    if isinstance(benefit, Tiered):
        assert months is not None  # computed above for a tiered benefit
        flag((months < benefit.tiers[0].start) & ~short, Reason.BELOW_FIRST_TIER)
    if isinstance(benefit, EducationGrant):
        flag(_education(benefit, b.level[rows]) < 0, Reason.LEVEL_NOT_COVERED)

    refused = bits != 0
    caps = np.zeros(size, dtype=np.uint32)
    amount = _gross(benefit, b, rows, size, months, nights, caps)
    if (cap := cond.max_amount_per_year) is not None:
        left = np.maximum(cap - b.used("satang", benefit.code, rows), 0)
        _flag(caps, amount > left, Reason.CAP_AMOUNT_YEAR)
        amount = np.minimum(amount, left)
    # Refused: nothing, and the refusals; else the amount and the caps it hit (bits are 0 there).
    allowed = ~refused
    np.multiply(amount, allowed, out=amount)
    np.multiply(caps, allowed, out=caps)
    return amount, np.bitwise_or(caps, bits, out=caps)


CHUNK = 1 << 16
"""Events adjudicated together: small enough that the temporaries stay in cache and are reused,
large enough that the Python overhead per chunk is negligible (a whole batch at once is slower)."""


def adjudicate_batch(scheme: Scheme, batch: Batch) -> BatchResult:
    """Every event of `batch` under the version in force on its date."""
    n = len(batch)
    result = BatchResult(
        total=np.zeros(n, dtype=np.int64),
        amounts={code: np.zeros(n, dtype=np.int64) for code in scheme.benefit_codes()},
        reasons={code: np.zeros(n, dtype=np.uint32) for code in scheme.benefit_codes()},
        event_reasons=np.zeros(n, dtype=np.uint32),
        version=np.zeros(n, dtype=np.intp),
    )
    starts = day_numbers(v.effective_from for v in scheme.versions)
    for start in range(0, n, CHUNK):
        _adjudicate_part(scheme, starts, batch, result, slice(start, min(start + CHUNK, n)))
    return result


def _adjudicate_part(scheme: Scheme, starts: np.ndarray, whole: Batch, out: BatchResult, part: slice) -> None:
    """Adjudicate the rows `part` of `whole` into the same rows of `out`."""
    batch = whole.part(part)
    total, version = out.total[part], out.version[part]
    amounts = {code: a[part] for code, a in out.amounts.items()}
    reasons = {code: r[part] for code, r in out.reasons.items()}
    _version_index(starts, batch.date, out=version)
    answered = np.zeros(len(batch), dtype=bool)
    of_kind = {
        kind: batch.kind == KIND_CODE[kind]
        for kind in {b.event.value for v in scheme.versions for b in v.benefits}
    }
    for index, v in enumerate(scheme.versions):
        in_version = version == index
        if not in_version.any():
            continue
        everyone = bool(in_version.all())  # the common case of one version: no mask to combine
        standing = StandingBits.of(v, batch)
        for benefit in v.benefits:
            kind = of_kind[benefit.event.value]
            selected = kind if everyone else in_version & kind
            rows = np.flatnonzero(selected)
            if rows.size == 0:
                continue
            amount, bits = _decide(v, benefit, batch, rows, standing)
            answered |= selected
            amounts[benefit.code][rows] = amount
            reasons[benefit.code][rows] = bits
    for amount in amounts.values():  # a sum of whole arrays: cheaper than adding row by row
        total += amount
    event_reasons = out.event_reasons[part]
    np.multiply(~answered, np.uint32(Reason.NO_BENEFIT.bit), out=event_reasons)
    event_reasons[version < 0] = Reason.NO_VERSION.bit  # no rules in force: nothing could answer


def _version_index(starts: np.ndarray, days: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Index of the version in force on each day, -1 before the first (a few comparisons for a few versions)."""
    if starts.size > 4:
        found = np.searchsorted(starts, days, side="right") - 1
        if out is None:
            return found
        out[:] = found
        return out
    index: np.ndarray = np.subtract(days >= starts[0], 1, out=out, dtype=np.intp)
    for start in starts[1:]:
        index += days >= start
    return index
