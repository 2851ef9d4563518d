"""Vectorised vs. scalar adjudication of welfare claims under the generic (CODI) template, and the
same hospital-stay rule in OpenFisca.

A synthetic, seeded population of events of every kind (hospital stays most often), with members of
all ages and standings. The scalar engine (with its explanations) runs on a sample and is scaled to
the full count; both engines must agree on the sample, or the benchmark stops. The hospital-stay
rule alone is then run by both engines and by OpenFisca (bench/openfisca, in its own environment,
created on first use) on the same events, which must give the same amount on every event.

    python -m bench.schemes --events 1000000 [--no-openfisca]
"""

from __future__ import annotations

import argparse
import time
from datetime import date

import numpy as np

from sajja.schemes import Event, MemberHistory, Usage, adjudicate, adjudicate_batch, load_template
from sajja.schemes.batch import KIND_CODE, Batch
from sajja.schemes.periods_np import NEVER, day_number, to_date
from sajja.schemes.versions import Scheme
from sajja.schemes.vocabulary import EventKind, Level

SCALAR_SAMPLE = 20_000
REPEATS = 5  # fast engines: best of five runs (a shared machine is noisy) ...
ROUNDS = 3  # ... in each of three rounds that alternate Sajja's engine and OpenFisca
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


def hospital_only(scheme: Scheme) -> Scheme:
    """The scheme with only its hospital-stay benefit: the rule written again in OpenFisca."""
    versions = tuple(
        v.model_copy(update={"benefits": tuple(b for b in v.benefits if b.code == "hospital")})
        for v in scheme.versions
    )
    return scheme.model_copy(update={"versions": versions})


def _time_scalar(scheme: Scheme, rows) -> tuple[list[int], tuple[float, float]]:
    started = time.perf_counter(), time.process_time()
    totals = [adjudicate(scheme, m, e, u).total for m, e, u in rows]
    return totals, (time.perf_counter() - started[0], time.process_time() - started[1])


def _time_vectorised(scheme: Scheme, batch: Batch):
    """The result and the best (wall, CPU) seconds of `REPEATS` runs, as for OpenFisca."""
    wall = cpu = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter(), time.process_time()
        result = adjudicate_batch(scheme, batch)
        wall, cpu = min(wall, time.perf_counter() - started[0]), min(cpu, time.process_time() - started[1])
    return result, (wall, cpu)


def run(n_events: int = 1_000_000, openfisca: bool = True) -> list[tuple[str, int, tuple[float, float], str]]:
    """Rows of (what, events, (wall, CPU) seconds, the baseline it is compared with).

    The whole generic scheme, scalar (a sample, scaled) and vectorised; then its hospital-stay rule
    alone, scalar, vectorised and in OpenFisca. Every engine must give the same amounts.
    """
    scheme = load_template("codi")
    batch = population(n_events)
    sample = min(SCALAR_SAMPLE, n_events)
    rows = _situations(batch, sample)
    scale = n_events / sample
    table = []
    for label, rules in (("generic scheme, 8 benefits", scheme), ("hospital rule", hospital_only(scheme))):
        scalar_totals, scalar = _time_scalar(rules, rows)
        result, vectorised = _time_vectorised(rules, batch)
        if result.total[:sample].tolist() != scalar_totals:
            raise AssertionError(f"{label}: the vectorised and scalar engines disagree on the sample")
        baseline = f"scalar, {label} (sample of {sample:,}, scaled)"
        table += [
            (baseline, n_events, (scalar[0] * scale, scalar[1] * scale), baseline),
            (f"vectorised, {label}", n_events, vectorised, baseline),
        ]
    if openfisca:
        from bench import schemes_openfisca

        # Rounds that alternate the two engines, each keeping its best: on a shared machine neither
        # gets all the quiet moments.
        hospital = hospital_only(scheme)
        ours, build, calculate = table[-1][2], (float("inf"),) * 2, (float("inf"),) * 2
        for _ in range(ROUNDS):
            b, c = schemes_openfisca.run(batch, result.amounts["hospital"])
            build, calculate = min(build, b), min(calculate, c)
            ours = min(ours, _time_vectorised(hospital, batch)[1])
        table[-1] = (table[-1][0], n_events, ours, baseline)
        table += [
            ("OpenFisca, hospital rule (calculate)", n_events, calculate, baseline),
            ("OpenFisca, hospital rule (build simulations)", n_events, build, baseline),
        ]
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--no-openfisca", action="store_true", help="leave out the OpenFisca comparison")
    args = parser.parse_args()
    table = run(args.events, openfisca=not args.no_openfisca)
    seconds = {name: s for name, _, s, _ in table}
    print(
        f"\n| {'engine, rules':<62} | {'events':>9} | {'wall s':>8} | {'CPU s':>8} | {'events/s':>11} "
        f"| {'vs scalar':>9} |"
    )
    print(f"|{'-' * 64}|{'-' * 11}|{'-' * 10}|{'-' * 10}|{'-' * 13}|{'-' * 11}|")
    for name, count, (wall, cpu), baseline in table:
        print(
            f"| {name:<62} | {count:>9,} | {wall:>8.3f} | {cpu:>8.3f} | {count / wall:>11,.0f} "
            f"| {seconds[baseline][0] / wall:>8,.0f}× |"
        )
    print(
        f"\nfast engines: best of {REPEATS} runs (hospital rule: of {ROUNDS} alternating rounds of "
        f"{REPEATS}); events/s and ratios from wall-clock seconds"
    )
    full, vector = table[0][2][0], table[1][2][0]
    print(f"vectorised / scalar (generic scheme): {full / vector:,.0f}× (target ≥ 100×)")
    if not args.no_openfisca:
        (ours, ours_cpu), (theirs, theirs_cpu) = table[3][2], table[4][2]
        print(
            f"OpenFisca / vectorised (hospital rule, same amounts on all {args.events:,} events): "
            f"{theirs / ours:,.2f}× wall clock, {theirs_cpu / ours_cpu:,.2f}× CPU "
            "(target ≥ 1×: not slower than OpenFisca)"
        )


if __name__ == "__main__":
    main()
