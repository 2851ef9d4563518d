"""How long another fund's write waits while a large file is refused (issue 15, item 3).

A fund holding `--history` receipts gets a `--rows`-row CSV whose last row names nobody (so it is
refused); meanwhile, on its own connection, another fund records one payment after another. Prints
the refused import's seconds and the other fund's writes' waits (max, median).

    .venv/bin/python -m bench.import_lock [--rows 400000] [--history 100000]
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import tempfile
import threading
import time

D = datetime.date
TODAY = D(2026, 11, 26)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--history", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sajja-bench-") as home:
        from bench.run import setup_django

        setup_django(home)
        from django.db import connection

        from bench.contributions import IMPORT_MEMBERS, _csv, _payment_rows, make_funds
        from sajja.access.policy import SYSTEM
        from sajja.contributions.imports import ImportRefused, import_payments
        from sajja.contributions.services import record_payment
        from sajja.contributions.validation import Payment

        rng = random.Random(15)
        fund = make_funds(1, IMPORT_MEMBERS, "big", rng, joined=D(2025, 1, 1))[0][0]
        other = make_funds(1, 10, "other", rng, joined=D(2025, 1, 1))[0][0]
        if args.history:
            history = _payment_rows(args.history, IMPORT_MEMBERS)
            import_payments(SYSTEM, fund, "history.csv", _csv(history), today=TODAY)
        rows = _payment_rows(args.rows, IMPORT_MEMBERS)
        rows = [rows[0]] + [[m, d, "60", c, r] for m, d, _, c, r in rows[1:]]  # not the history's rows
        rows[-1] = ["999999", rows[-1][1], "60", "cash", ""]
        data = _csv(rows)
        print(
            f"database: {connection.vendor}; file: {args.rows:,} rows, {len(data) / 1e6:.1f} MB; fund holds {args.history:,} receipts"
        )
        outcome = {}

        def refused_import():
            started = time.perf_counter()
            try:
                import_payments(SYSTEM, fund, "big.csv", data, today=TODAY)
                outcome["result"] = "imported?!"
            except ImportRefused as refused:
                outcome["result"] = f"refused: {len(refused.report)} problem(s), row {refused.report[0].row}"
            finally:
                outcome["seconds"] = time.perf_counter() - started
                connection.close()

        worker = threading.Thread(target=refused_import)
        waits, failures, n = [], [], 0
        worker.start()
        while worker.is_alive():
            n += 1
            started = time.perf_counter()
            try:
                payment = Payment(f"{1 + n % 10:06d}", 3000, D(2026, 11, 16), key=f"other:{n}")
                record_payment(SYSTEM, other, payment, today=TODAY)
            except Exception as exc:  # counted and shown: a failed write is what this measures
                failures.append(repr(exc)[:120])
            waits.append(time.perf_counter() - started)
            time.sleep(0.05)
        worker.join()
        print(f"import: {outcome['result']} after {outcome['seconds']:.1f} s")
        print(
            f"another fund's writes meanwhile: {len(waits)}, failed {len(failures)}; wait max {max(waits):.2f} s,"
            f" median {statistics.median(waits):.3f} s"
        )
        for failure in failures[:3]:
            print("  ", failure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
