"""The projection benchmark: a 38,000-member fund, 30 years, 10,000 Monte Carlo paths.

The cohort engine runs all the paths; the baseline, a plain per-member Python loop (the micro
engine, which draws every member's year one at a time), runs a sample of paths and is scaled to the
same number of paths. Both use the same fund (the Songkhla template, the thai-2020 age profile) and
assumptions; the cohort engine's mean reserve must match the loop's within the loop's sampling
error, or the benchmark stops.

    python -m bench.simulate [--members 38000] [--years 30] [--paths 10000] [--loop-paths 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from sajja.schemes import load_template
from sajja.simulate import Population, break_even_rate, project, summarise

TARGET = "< 10 s on 2 cores; ≥ 50× the loop"


def run(
    members: int = 38_000, years: int = 30, paths: int = 10_000, loop_paths: int = 1, seed: int = 1
) -> list:
    """Rows (name, paths, seconds, CPU seconds, ratio to the loop, target); the loop's seconds are scaled."""
    scheme = load_template("songkhla")
    fund = Population.synthetic(members)
    start = time.perf_counter()
    loop = project(scheme, fund, years=years, paths=loop_paths, seed=seed, engine="micro")
    loop_seconds = (time.perf_counter() - start) * paths / loop_paths
    cpu, start = time.process_time(), time.perf_counter()
    cohort = project(scheme, fund, years=years, paths=paths, seed=seed)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    summarise(cohort)
    break_even_rate(cohort, 0.05)
    indicators = time.perf_counter() - start
    final, sample = cohort.reserve[:, -1], loop.reserve[:, -1]
    spread = max(float(final.std()), 1.0)
    if abs(float(final.mean() - sample.mean())) > 5 * spread:
        raise SystemExit(f"the engines disagree: cohort {final.mean():,.0f} vs loop {sample.mean():,.0f}")
    return [
        (
            f"per-member Python loop ({loop_paths} path(s), scaled)",
            paths,
            loop_seconds,
            loop_seconds,
            1.0,
            "",
        ),
        (
            f"cohort engine, {members:,} members × {years} years",
            paths,
            seconds,
            cpu,
            loop_seconds / seconds,
            TARGET,
        ),
        (
            "+ indicators, break-even rate (sajja simulate)",
            paths,
            seconds + indicators,
            cpu,
            loop_seconds / (seconds + indicators),
            "< 10 s on 2 cores",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=38_000)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--paths", type=int, default=10_000)
    parser.add_argument("--loop-paths", type=int, default=1)
    args = parser.parse_args()
    rows = run(args.members, args.years, args.paths, args.loop_paths)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} CPU(s), load average {load} (other work on the machine slows the wall clock)")
    print(f"| {'benchmark':<50} | {'paths':>7} | {'seconds':>9} | {'CPU s':>8} | {'ratio':>8} | target |")
    print(f"|{'-' * 52}|{'-' * 9}|{'-' * 11}|{'-' * 10}|{'-' * 10}|--------|")
    for name, count, seconds, cpu, ratio, target in rows:
        print(f"| {name:<50} | {count:>7,} | {seconds:>9.2f} | {cpu:>8.2f} | {ratio:>7.0f}× | {target} |")
    seconds, ratio = rows[2][2], rows[1][4]
    print(
        f"\nprojection target {'met' if seconds < 10 and ratio >= 50 else 'NOT met'}: {seconds:.2f} s, {ratio:,.0f}×"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
