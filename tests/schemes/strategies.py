"""Hypothesis strategies: random valid schemes (as the data a committee would write) and situations."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from sajja.schemes import Event, MemberHistory, Payment, Usage, load_scheme_data
from sajja.schemes.vocabulary import EventKind, Level

KINDS = [k.value for k in EventKind]
LEVELS = [lv.value for lv in Level]
AMOUNTS = st.one_of(st.integers(0, 20_000), st.sampled_from(["0.50", "12.25", "99.99", "1,500.75"]))
RATES = st.one_of(st.integers(1, 500), st.sampled_from(["0.50", "1.25", "2.75"]))


def _maybe(strategy, often: int = 1):
    """`strategy` one time in `often + 1`, else None."""
    return st.integers(0, often).flatmap(lambda k: strategy if k == 0 else st.none())


def _sometimes(draw, often: int = 2) -> bool:
    return draw(st.integers(0, often)) == 0


@st.composite
def conditions(draw) -> dict:
    out = {}
    if _sometimes(draw):
        out["waiting_days"] = draw(st.integers(0, 400))
    out["paid_up"] = draw(st.booleans())
    if _sometimes(draw, 3):
        out["min_paid_membership"] = f"{draw(st.integers(0, 240))} months"
    low, high = draw(_maybe(st.integers(0, 80), 3)), draw(_maybe(st.integers(0, 100), 3))
    if low is not None:
        out["min_age"] = low
    if high is not None:
        out["max_age"] = max(high, low or 0)
    if _sometimes(draw, 3):
        out["sex"] = draw(st.sampled_from(["F", "M"]))
    if _sometimes(draw):
        out["max_claims_per_year"] = draw(st.integers(1, 12))
    if _sometimes(draw):
        out["max_amount_per_year"] = draw(AMOUNTS)
    out["recipient"] = draw(st.sampled_from(["member", "beneficiary"]))
    return out


@st.composite
def tiers(draw) -> list[dict]:
    bounds = sorted(draw(st.lists(st.integers(0, 480), min_size=1, max_size=5, unique=True)))
    out = []
    for i, start in enumerate(bounds):
        tier = {"from": f"{start} months", "amount": draw(AMOUNTS)}
        if i + 1 < len(bounds):
            tier["to"] = f"{bounds[i + 1]} months"
        out.append(tier)
    return out


@st.composite
def benefit(draw, code: str) -> dict:
    kind = draw(
        st.sampled_from(
            [
                "lump_sum",
                "per_night",
                "membership_tiered",
                "pension",
                "education_grant",
                "disability_allowance",
            ]
        )
    )
    out = {
        "code": code,
        "kind": kind,
        "event": draw(st.sampled_from(KINDS)),
        "name_th": code,
        "name_en": code,
        "conditions": draw(conditions()),
    }
    if kind in ("lump_sum", "disability_allowance"):
        out["amount"] = draw(AMOUNTS)
    if kind == "disability_allowance" or kind == "pension":
        out["frequency"] = draw(st.sampled_from(["monthly", "yearly"]))
    if kind == "per_night":
        out["rate"] = draw(RATES)
        for cap, values in (
            ("max_nights_per_event", st.integers(1, 30)),
            ("max_nights_per_year", st.integers(1, 60)),
            ("max_amount_per_event", AMOUNTS),
        ):
            if draw(st.booleans()):
                out[cap] = draw(values)
    if kind in ("membership_tiered", "pension"):
        out["tiers"] = draw(tiers())
    if kind == "pension":
        out["from_age"] = draw(st.integers(40, 80))
        if draw(st.booleans()):
            out["min_paid_membership"] = f"{draw(st.integers(0, 360))} months"
    if kind == "education_grant":
        levels = draw(st.lists(st.sampled_from(LEVELS), unique=True, max_size=4))
        out["levels"] = [{"level": lv, "amount": draw(AMOUNTS)} for lv in levels]
        if not levels or draw(st.booleans()):
            out["amount"] = draw(AMOUNTS)
    return out


@st.composite
def version(draw, start: date) -> dict:
    grace = draw(st.integers(0, 120))
    codes = draw(
        st.lists(
            st.sampled_from(["a", "b", "c", "d", "e", "f", "g", "h"]), unique=True, min_size=1, max_size=7
        )
    )
    return {
        "effective_from": start.isoformat(),
        "waiting_days": draw(st.integers(0, 365)),
        "contributions": {
            "daily_rate": draw(st.sampled_from([1, 2, "0.50", "1.25"])),
            "grace_days": grace,
            "lapse_after_days": grace + draw(st.integers(1, 400)),
            "reinstatement": {"pay_arrears": draw(st.booleans()), "waiting_days": draw(st.integers(0, 200))},
        },
        "benefits": [draw(benefit(code)) for code in codes],
    }


@st.composite
def scheme_data(draw) -> dict:
    starts = sorted(
        draw(st.lists(st.dates(date(2005, 1, 1), date(2030, 12, 31)), min_size=1, max_size=3, unique=True))
    )
    return {
        "code": "random",
        "name_th": "สุ่ม",
        "name_en": "Random",
        "versions": [draw(version(s)) for s in starts],
    }


schemes = scheme_data().map(load_scheme_data)


def _days(lo: int, hi: int):
    return st.integers(lo, hi).map(lambda n: timedelta(days=n))


@st.composite
def situation(draw, scheme):
    """A member and an event near the scheme's dates, mostly of a kind the scheme pays for."""
    codes = scheme.benefit_codes()
    day = scheme.versions[0].effective_from + draw(_days(-30, 25 * 365))
    version = scheme.version_on(day)
    answered = sorted({b.event.value for b in version.benefits}) if version else KINDS
    joined = day - draw(_days(-30, 30 * 365))
    near = st.builds(lambda d: day + d, _days(-400, 400))
    member = MemberHistory(
        birth_date=joined - draw(_days(0, 70 * 365)),
        sex=draw(st.sampled_from(["F", "M"])),
        joined_on=joined,
        paid_through=day + draw(_days(-200, 400)),
        died_on=draw(_maybe(st.just(day) | near, 4)),
        left_on=draw(_maybe(near, 6)),
        reinstated_on=draw(_maybe(st.builds(lambda d: day + d, _days(-300, 100)), 4)),
    )
    event = Event(
        kind=draw(
            st.sampled_from(answered) if not _sometimes(draw, 6) else st.sampled_from([*KINDS, "not_a_kind"])
        ),
        date=day,
        nights=draw(st.integers(0, 40)),
        level=draw(st.sampled_from([None, *LEVELS, "unknown"])),
    )
    used = {
        code: Usage(draw(st.integers(0, 13)), draw(st.integers(0, 70)), draw(st.integers(0, 3_000_000)))
        for code in codes
        if _sometimes(draw)
    }
    return member, event, used


@st.composite
def payments(draw, joined: date) -> tuple[Payment, ...]:
    return tuple(
        Payment(joined + draw(_days(-10, 3000)), draw(st.integers(0, 400_00)))
        for _ in range(draw(st.integers(0, 8)))
    )
