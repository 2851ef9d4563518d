"""The vectorised rules engine: the rules of `eligibility` and `engine`, over arrays of events.

The only Python loops are over versions and benefits (a handful), never over members or events.
Amounts and reasons equal the scalar engine's; property tests prove it. Reasons come back as bit
masks (`Reason.bit`), per benefit code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sajja.schemes.batch import KIND_CODE, SEX_CODE, Batch
from sajja.schemes.benefits import DisabilityAllowance, EducationGrant, LumpSum, PerNight, Tiered
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
    """Set `reason` in `bits` where `mask` holds (in place)."""
    np.bitwise_or(bits, np.uint32(reason.bit), out=bits, where=mask)


def _gross(benefit, b: Batch, rows, months, bits) -> np.ndarray:
    """Amounts before the yearly cap, flagging the caps hit into `bits` (where not refused)."""
    if isinstance(benefit, LumpSum | DisabilityAllowance):
        return np.full(rows.size, benefit.amount, dtype=np.int64)
    if isinstance(benefit, Tiered):
        index = np.searchsorted([t.start for t in benefit.tiers], months, side="right") - 1
        return np.array([t.amount for t in benefit.tiers], dtype=np.int64)[np.maximum(index, 0)]
    if isinstance(benefit, EducationGrant):
        return _education(benefit, b.level[rows])
    nights = b.nights[rows]
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


def _decide(version: SchemeVersion, benefit, b: Batch, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    cond, rules = benefit.conditions, version.contributions
    date, joined, back = b.date[rows], b.joined[rows], b.reinstated[rows]
    restarted = (back <= date) & (not rules.reinstatement.pay_arrears)
    start = np.where(restarted, back, joined)
    paid_to = b.paid_through[rows]
    unpaid = date - paid_to
    months = paid_months(start, paid_to, date)
    age = age_on(b.birth[rows], date)
    bits = np.zeros(rows.size, dtype=np.uint32)

    def flag(mask, reason: Reason) -> None:
        _flag(bits, mask, reason)

    wait, back_wait = version.waiting_days_for(benefit), rules.reinstatement.waiting_days
    flag(date < joined, Reason.NOT_YET_MEMBER)
    flag(date >= b.left[rows], Reason.LEFT_FUND)
    flag(b.died[rows] < date, Reason.DECEASED)
    flag((joined <= date) & (date < joined + wait), Reason.WAITING_PERIOD)
    flag((back <= date) & (date < back + back_wait), Reason.REINSTATEMENT_WAITING)
    lapsed = unpaid > rules.lapse_after_days
    flag(lapsed, Reason.LAPSED)
    if cond.paid_up:
        flag(~lapsed & (unpaid > rules.grace_days), Reason.IN_ARREARS)
    if (youngest := min_age(benefit)) is not None:
        flag(age < youngest, Reason.TOO_YOUNG)
    if cond.max_age is not None:
        flag(age > cond.max_age, Reason.TOO_OLD)
    if cond.sex is not None:
        flag(b.sex[rows] != SEX_CODE[cond.sex.value], Reason.WRONG_SEX)
    short = np.zeros(rows.size, dtype=bool)
    if (need := min_months(benefit)) is not None:
        short = months < need
        flag(short, Reason.SHORT_MEMBERSHIP)
    if (limit := benefit.claims_limit()) is not None:
        flag(b.used("claims", benefit.code, rows) >= limit, Reason.MAX_CLAIMS)
    if isinstance(benefit, PerNight):
        flag(b.nights[rows] < 1, Reason.NO_NIGHTS)
    if isinstance(benefit, Tiered):
        flag((months < benefit.tiers[0].start) & ~short, Reason.BELOW_FIRST_TIER)
    if isinstance(benefit, EducationGrant):
        flag(_education(benefit, b.level[rows]) < 0, Reason.LEVEL_NOT_COVERED)

    refused = bits != 0
    caps = np.zeros(rows.size, dtype=np.uint32)
    amount = _gross(benefit, b, rows, months, caps)
    if (cap := cond.max_amount_per_year) is not None:
        left = np.maximum(cap - b.used("satang", benefit.code, rows), 0)
        _flag(caps, amount > left, Reason.CAP_AMOUNT_YEAR)
        amount = np.minimum(amount, left)
    return np.where(refused, 0, amount), np.where(refused, bits, caps)


def adjudicate_batch(scheme: Scheme, batch: Batch) -> BatchResult:
    """Every event of `batch` under the version in force on its date."""
    n = len(batch)
    starts = day_numbers(v.effective_from for v in scheme.versions)
    version = np.searchsorted(starts, batch.date, side="right") - 1
    total = np.zeros(n, dtype=np.int64)
    amounts = {code: np.zeros(n, dtype=np.int64) for code in scheme.benefit_codes()}
    reasons = {code: np.zeros(n, dtype=np.uint32) for code in amounts}
    answered = np.zeros(n, dtype=bool)
    of_kind = {
        kind: batch.kind == KIND_CODE[kind]
        for kind in {b.event.value for v in scheme.versions for b in v.benefits}
    }
    for index, v in enumerate(scheme.versions):
        in_version = version == index
        if not in_version.any():
            continue
        for benefit in v.benefits:
            rows = np.flatnonzero(in_version & of_kind[benefit.event.value])
            if rows.size == 0:
                continue
            amount, bits = _decide(v, benefit, batch, rows)
            answered[rows] = True
            amounts[benefit.code][rows] = amount
            reasons[benefit.code][rows] = bits
            total[rows] += amount
    event_reasons = np.where(version < 0, Reason.NO_VERSION.bit, 0) | np.where(
        (version >= 0) & ~answered, Reason.NO_BENEFIT.bit, 0
    )
    return BatchResult(total, amounts, reasons, event_reasons.astype(np.uint32), version)
