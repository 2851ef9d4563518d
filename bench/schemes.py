"""Vectorised vs. scalar adjudication of welfare claims under the generic (CODI) template.

A synthetic, seeded population of events of every kind (hospital stays most often), with members of
all ages and standings. The scalar engine (with its explanations) runs on a sample and is scaled to
the full count; both engines must agree on the sample, or the benchmark stops.

    python -m bench.schemes --events 1000000
"""

from __future__ import annotations

import argparse
import time
from datetime import date

import numpy as np

from sajja.schemes import Event, MemberHistory, Usage, adjudicate, adjudicate_batch, load_template
from sajja.schemes.batch import KIND_CODE, Batch
from sajja.schemes.periods_np import NEVER, day_number, to_date
from sajja.schemes.vocabulary import EventKind, Level

SCALAR_SAMPLE = 20_000
KINDS = ["hospital", "birth", "death", "old_age", "education", "disability", "disaster"]
WEIGHTS = [0.55, 0.08, 0.07, 0.12, 0.08, 0.05, 0.05]


def population(n: int, seed: int = 2569) -> Batch:
    rng = np.random.default_rng(seed)
    day = day_number(date(2025, 1, 1)) + rng.integers(0, 3 * 365, n)
    joined = day - rng.integers(-30, 30 * 365, n)
    died = np.where(rng.random(n) < 0.03, day - rng.integers(0, 400, n), NEVER)
    kind = rng.choice([KIND_CODE[k] for k in KINDS], size=n, p=WEIGHTS)
    died = np.where(kind == KIND_CODE[EventKind.DEATH.value], day, died)
    nights = rng.poisson(4, n)
    return Batch(
        birth=joined - rng.integers(15 * 365, 70 * 365, n),
        sex=rng.integers(1, 3, n),
        joined=joined,
        paid_through=day + rng.integers(-200, 400, n),
        died=died,
        left=np.where(rng.random(n) < 0.01, day - rng.integers(0, 200, n), NEVER),
        reinstated=np.where(rng.random(n) < 0.02, day - rng.integers(0, 200, n), NEVER),
        kind=kind,
        date=day,
        nights=nights,
        level=rng.integers(-1, len(Level), n),
        used_claims={"hospital": rng.integers(0, 4, n), "old_age_pension": rng.integers(0, 2, n)},
        used_nights={"hospital": rng.integers(0, 22, n)},
        used_satang={"hospital": rng.integers(0, 22, n) * 10_000},
    )


def _situations(batch: Batch, count: int) -> list[tuple[MemberHistory, Event, dict[str, Usage]]]:
    kinds, levels = list(EventKind), list(Level)

    def optional(value: int) -> date | None:
        return None if value == NEVER else to_date(value)

    rows = []
    for i in range(count):
        member = MemberHistory(
            birth_date=to_date(batch.birth[i]),
            sex="F" if batch.sex[i] == 1 else "M",
            joined_on=to_date(batch.joined[i]),
            paid_through=to_date(batch.paid_through[i]),
            died_on=optional(batch.died[i]),
            left_on=optional(batch.left[i]),
            reinstated_on=optional(batch.reinstated[i]),
        )
        level = levels[batch.level[i]].value if batch.level[i] >= 0 else None
        event = Event(kinds[batch.kind[i]].value, to_date(batch.date[i]), int(batch.nights[i]), level)
        used = {
            "hospital": Usage(
                int(batch.used_claims["hospital"][i]),
                int(batch.used_nights["hospital"][i]),
                int(batch.used_satang["hospital"][i]),
            ),
            "old_age_pension": Usage(int(batch.used_claims["old_age_pension"][i])),
        }
        rows.append((member, event, used))
    return rows


def run(n_events: int = 1_000_000) -> list[tuple[str, int, float]]:
    """Rows of (what, events, seconds): the scalar sample, the scalar engine scaled to n, the vectorised."""
    scheme = load_template("codi")
    batch = population(n_events)
    sample = min(SCALAR_SAMPLE, n_events)
    rows = _situations(batch, sample)
    started = time.perf_counter()
    scalar_totals = [adjudicate(scheme, m, e, u).total for m, e, u in rows]
    scalar = time.perf_counter() - started
    started = time.perf_counter()
    result = adjudicate_batch(scheme, batch)
    vectorised = time.perf_counter() - started
    if result.total[:sample].tolist() != scalar_totals:
        raise AssertionError("the vectorised and scalar engines disagree on the benchmark sample")
    return [
        ("scalar adjudicate (sample, with explanations)", sample, scalar),
        (f"scalar adjudicate (scaled to {n_events:,})", n_events, scalar * n_events / sample),
        ("vectorised adjudicate_batch", n_events, vectorised),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    rows = run(args.events)
    for name, count, seconds in rows:
        print(f"{name:<48} {count:>10,} events {seconds:>9.3f} s {count / seconds:>13,.0f} events/s")
    print(f"vectorised / scalar: {rows[1][2] / rows[2][2]:,.0f}×")


if __name__ == "__main__":
    main()
