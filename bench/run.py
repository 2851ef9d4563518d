"""`make bench`: Sajja's benchmarks, each against a baseline run in the same process.

Prints a table: what, how many, seconds, rate, ratio to the baseline, and the design target.
Runs on a fresh SQLite database in a temporary folder (or DATABASE_URL if set).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def setup_django(home: str) -> None:
    os.environ["SAJJA_HOME"] = home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sajja.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000, help="entries per run (default 100,000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sajja-bench-") as home:
        setup_django(home)
        from django.db import connection

        from bench import posting

        n = args.entries
        print(f"database: {connection.vendor}, {n:,} two-line entries, {posting.MEMBERS:,} member accounts")
        baseline = posting.per_row(n)
        fast = posting.bulk(n)
        rows = [
            ("per-row ORM save loop (baseline)", n, baseline, 1.0, ""),
            (
                "bulk post_entries (checks+idempotency+audit)",
                n,
                fast,
                baseline / fast,
                "≥ 50,000/s and ≥ 20× baseline",
            ),
        ]
        print(
            f"\n| {'benchmark':<46} | {'entries':>9} | {'seconds':>8} | {'entries/s':>10} | {'ratio':>6} | target |"
        )
        print(f"|{'-' * 48}|{'-' * 11}|{'-' * 10}|{'-' * 12}|{'-' * 8}|--------|")
        for name, count, seconds, ratio, target in rows:
            print(
                f"| {name:<46} | {count:>9,} | {seconds:>8.2f} | {count / seconds:>10,.0f} | {ratio:>5.1f}× | {target} |"
            )
        met = n / fast >= 50_000 and baseline / fast >= 20
        print(
            f"\nposting target {'met' if met else 'NOT met'}: {n / fast:,.0f} entries/s, {baseline / fast:.1f}× the baseline"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
