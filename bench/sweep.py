"""The national sweep benchmark: synthetic tambon funds × 1,000 paths × 30 years, on this machine,
and its Dask scaling on a local cluster of 1 and then 2 workers.

The whole sweep is 7,255 funds, run locally in one worker process per core (`sweep(...,
processes=True)`); `--funds N` runs a measured fraction instead (every k-th fund of the same
national population, so small and large funds and all four templates come in their proportions)
and extrapolates to the whole at the measured rate, saying so. The first funds a process projects
also price the cells of each template for each year (remembered after), so a small fraction
overstates the whole. The Dask runs take a smaller slice (`--dask-funds`) and must give the local
rows exactly. CPU seconds include the worker processes'.

    python -m bench.sweep [--funds 7255] [--paths 1000] [--years 30] [--dask-funds 48]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

from sajja.simulate.sweep import NATIONAL_FUNDS, national_funds, sweep

TARGET_SECONDS = 600


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the sweep's worker processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(funds, years, paths, client=None, workers=None, processes=False):
    start, cpu = time.perf_counter(), _cpu()
    rows = sweep(funds, years=years, paths=paths, seed=1, client=client, workers=workers, processes=processes)
    return rows, time.perf_counter() - start, _cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--funds", type=int, default=NATIONAL_FUNDS)
    parser.add_argument("--paths", type=int, default=1000)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--dask-funds", type=int, default=48)
    args = parser.parse_args()
    population = national_funds(NATIONAL_FUNDS, seed=1)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} CPU(s), load average {load}")
    step = max(NATIONAL_FUNDS // max(args.funds, 1), 1)
    fraction = population[::step][: args.funds]
    rows, seconds, cpu = timed(fraction, args.years, args.paths, processes=True)
    members = sum(r["members"] for r in rows)
    whole = seconds * NATIONAL_FUNDS / len(fraction)
    print(
        f"\n| {'benchmark':<58} | {'funds':>6} | {'seconds':>8} | {'CPU s':>8} | {'ratio':>7} | target |\n"
        f"|{'-' * 60}|{'-' * 8}|{'-' * 10}|{'-' * 10}|{'-' * 9}|--------|"
    )
    line = "| {:<58} | {:>6,} | {:>8.1f} | {:>8} | {:>7} | {} |"
    print(
        line.format(
            f"national sweep, {'whole' if len(fraction) == NATIONAL_FUNDS else 'measured fraction'} "
            f"({members:,} members, 2 processes)",
            len(fraction),
            seconds,
            f"{cpu:.1f}",
            "",
            "",
        )
    )
    print(
        line.format(
            "national sweep, the whole" + ("" if len(fraction) == NATIONAL_FUNDS else " (extrapolated)"),
            NATIONAL_FUNDS,
            whole,
            f"{cpu * NATIONAL_FUNDS / len(fraction):,.0f}",
            f"{TARGET_SECONDS / whole:.2f}×",
            f"< {TARGET_SECONDS} s on 2 cores",
        )
    )
    from distributed import Client, LocalCluster

    slice_ = population[: args.dask_funds]
    local, _, _ = timed(slice_, args.years, args.paths, workers=1)
    times = {}
    for workers in (1, 2):
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            client.submit(sum, [1]).result()  # the workers are up before the clock starts
            on_dask, seconds, _ = timed(slice_, args.years, args.paths, client=client)
            if on_dask != local:
                raise SystemExit("the Dask sweep differs from the local one for the same seed")
            times[workers] = seconds
    for workers, seconds in times.items():
        print(
            line.format(
                f"Dask LocalCluster, {workers} worker(s) (same rows as local)",
                len(slice_),
                seconds,
                "—",
                f"{times[1] / seconds:.2f}×",
                "about 2× on 2 idle cores" if workers == 2 else "",
            )
        )
    verdict = "met" if whole < TARGET_SECONDS else "NOT met"
    print(
        f"\nnational sweep target {verdict}: {whole:,.0f} s "
        + (
            "measured"
            if len(fraction) == NATIONAL_FUNDS
            else f"extrapolated from {len(fraction)} of {NATIONAL_FUNDS:,} funds"
        )
        + f"; Dask 2 workers vs 1: {times[1] / times[2]:.2f}×"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
